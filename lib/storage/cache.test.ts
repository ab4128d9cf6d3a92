import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { DEFAULT_POLICY, FlowCache, openCache, type CachePolicy } from './cache';
import { memoryRecordStore, type RecordStore } from './record-store';

const policy: CachePolicy = {
  ttl: { item: 100, etag: 1000, user: 500, unreadable: 100, looked: 1000 },
  maxAge: 10_000,
  maxEntries: 3,
  evictEvery: 0,
};

describe('stale-while-revalidate', () => {
  it('serves a value as fresh within its kind’s time-to-live, then as stale', async () => {
    const cache = new FlowCache(memoryRecordStore(), policy);
    await cache.write('item', [{ key: 'k', value: 1 }], 1000);
    expect((await cache.read('item', ['k'], 1099)).get('k')).toMatchObject({ value: 1, fresh: true });
    expect((await cache.read('item', ['k'], 1100)).get('k')).toMatchObject({ value: 1, fresh: false });
  });

  it('uses a different time-to-live per kind', async () => {
    const cache = new FlowCache(memoryRecordStore(), policy);
    await cache.write('etag', [{ key: 'k', value: 'x', etag: 'W/"1"' }], 0);
    await cache.write('item', [{ key: 'k', value: 'y' }], 0);
    expect((await cache.read('etag', ['k'], 500)).get('k')).toMatchObject({ fresh: true, etag: 'W/"1"' });
    expect((await cache.read('item', ['k'], 500)).get('k')).toMatchObject({ fresh: false });
  });

  it('keeps kinds apart under the same key', async () => {
    const cache = new FlowCache(memoryRecordStore(), policy);
    await cache.write('user', [{ key: 'k', value: 'user' }], 0);
    expect((await cache.read('item', ['k'], 0)).size).toBe(0);
  });

  it('reads nothing of the store for no keys (a transaction saved)', async () => {
    const store = memoryRecordStore();
    let reads = 0;
    const cache = new FlowCache({ ...store, getMany: (ids) => ((reads += 1), store.getMany(ids)) }, policy);
    expect((await cache.read('item', [], 0)).size).toBe(0);
    expect(reads).toBe(0);
    await cache.read('item', ['k'], 0);
    expect(reads).toBe(1);
  });

  it('never serves a value past the maximum age, even before eviction ran', async () => {
    const cache = new FlowCache(memoryRecordStore(), { ...policy, evictEvery: Infinity });
    await cache.write('item', [{ key: 'k', value: 1 }], 0);
    expect((await cache.read('item', ['k'], 10_001)).size).toBe(0);
  });
});

describe('counting', () => {
  it('counts the items alone for the status, in memory and in IndexedDB', async () => {
    for (const cache of [new FlowCache(memoryRecordStore(), { ...policy, maxEntries: 100, evictEvery: Infinity }), await openCache()]) {
      await cache.clear();
      await cache.write('item', [{ key: 'a', value: 1 }, { key: 'b', value: 2 }], 0);
      await cache.write('etag', [{ key: 'a', value: 'W/"1"' }], 0);
      expect([await cache.count(), await cache.countItems()]).toEqual([3, 2]);
    }
  });
});

describe('eviction', () => {
  it('drops records older than the maximum age', async () => {
    const cache = new FlowCache(memoryRecordStore(), { ...policy, maxEntries: 100, evictEvery: Infinity });
    await cache.write('item', [{ key: 'old', value: 1 }], 0);
    await cache.write('item', [{ key: 'new', value: 2 }], 9_000);
    expect(await cache.evict(10_500)).toEqual({ byAge: 1, byCount: 0 });
    expect([...(await cache.read('item', ['old', 'new'], 10_500)).keys()]).toEqual(['new']);
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const cache = new FlowCache(memoryRecordStore(), policy);
    for (const [i, key] of ['a', 'b', 'c', 'd', 'e'].entries()) {
      await cache.write('item', [{ key, value: i }], i);
    }
    expect(await cache.count()).toBe(3);
    expect([...(await cache.read('item', ['a', 'b', 'c', 'd', 'e'], 5)).keys()]).toEqual(['c', 'd', 'e']);
  });

  it('evicts half and retries once when the storage quota is full', async () => {
    const inner = memoryRecordStore();
    let failNext = true;
    const full: RecordStore = {
      ...inner,
      backend: inner.backend,
      async putMany(records) {
        if (failNext) {
          failNext = false;
          throw new DOMException('full', 'QuotaExceededError');
        }
        return inner.putMany(records);
      },
    };
    await inner.putMany(
      ['a', 'b', 'c', 'd'].map((key, i) => ({ id: `item|${key}`, kind: 'item' as const, key, value: i, fetchedAt: i })),
    );
    const cache = new FlowCache(full, { ...policy, maxEntries: 100 });
    await cache.write('item', [{ key: 'z', value: 'new' }], 50);
    expect([...(await cache.read('item', ['a', 'b', 'c', 'd', 'z'], 50)).keys()]).toEqual(['c', 'd', 'z']);
  });

  it('lets other write errors through', async () => {
    const broken: RecordStore = { ...memoryRecordStore(), putMany: () => Promise.reject(new Error('disk on fire')) };
    await expect(new FlowCache(broken, policy).write('item', [{ key: 'k', value: 1 }], 0)).rejects.toThrow(
      'disk on fire',
    );
  });
});

describe('openCache', () => {
  it('opens IndexedDB when it works', async () => {
    const cache = await openCache({ name: `open-${Math.random()}` });
    expect(cache.backend).toBe('indexeddb');
    expect(cache.problem).toBeUndefined();
    expect(cache.policy).toBe(DEFAULT_POLICY);
  });

  it('falls back to memory, with the reason, when IndexedDB refuses to open', async () => {
    const cache = await openCache({ open: () => Promise.reject(new DOMException('denied', 'InvalidStateError')) });
    expect(cache.backend).toBe('memory');
    expect(cache.problem).toMatch(/IndexedDB is unavailable \(denied\)/);
    await cache.write('item', [{ key: 'k', value: 1 }], 0);
    expect((await cache.read('item', ['k'], 1)).get('k')?.value).toBe(1);
  });

  it('rebuilds a database it cannot open, e.g. one left by a newer version of FlowLens', async () => {
    const name = `newer-${Math.random()}`;
    const newer = await openDB(name, 7, { upgrade: (db) => void db.createObjectStore('something-else') });
    newer.close();
    const cache = await openCache({ name });
    expect(cache.backend).toBe('indexeddb');
    expect(cache.problem).toMatch(/^FlowLens rebuilt its cache because IndexedDB could not open it \(.*\); items are fetched again/);
    await cache.write('item', [{ key: 'k', value: 1 }], 0);
    expect((await cache.read('item', ['k'], 1)).get('k')?.value).toBe(1);
  });

  it('reopens the database when it fails under a running cache, and says so', async () => {
    let broken = true;
    const failing: RecordStore = { ...memoryRecordStore(), backend: 'indexeddb', getMany: () => (broken ? Promise.reject(new DOMException('The database connection is closing.', 'InvalidStateError')) : Promise.resolve([])) };
    const healthy = memoryRecordStore();
    let opens = 0;
    const cache = await openCache({ open: async () => (opens++ === 0 ? failing : { ...healthy, backend: 'indexeddb' }) });
    expect(cache.problem).toBeUndefined();
    await expect(cache.read('item', ['k'], 0)).resolves.toEqual(new Map());
    expect(opens).toBe(2);
    expect(cache.backend).toBe('indexeddb');
    expect(cache.problem).toMatch(/reopened its cache after IndexedDB failed \(The database connection is closing\.\)/);
    broken = false;
  });

  it('moves to memory when the database fails and cannot be reopened', async () => {
    const failing: RecordStore = { ...memoryRecordStore(), backend: 'indexeddb', putMany: () => Promise.reject(new DOMException('disk I/O error', 'UnknownError')) };
    let opens = 0;
    const cache = await openCache({ open: async () => (opens++ === 0 ? failing : Promise.reject(new Error('gone'))) });
    await cache.write('item', [{ key: 'k', value: 2 }], 0);
    expect(cache.backend).toBe('memory');
    expect(cache.problem).toMatch(/IndexedDB failed \(gone\)/);
    expect((await cache.read('item', ['k'], 1)).get('k')?.value).toBe(2);
  });

  it('falls back to memory when IndexedDB never answers', async () => {
    const cache = await openCache({ open: () => new Promise(() => {}), timeoutMs: 20 });
    expect(cache.backend).toBe('memory');
    expect(cache.problem).toMatch(/did not open within 20 ms/);
  });
});
