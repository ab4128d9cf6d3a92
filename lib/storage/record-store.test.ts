import { beforeEach, describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { openFlowLensDb, recordId, type CacheRecord } from './db';
import { idbRecordStore, memoryRecordStore, type RecordStore } from './record-store';

function record(key: string, fetchedAt: number): CacheRecord {
  return { id: recordId('item', key), kind: 'item', key, value: { key }, fetchedAt };
}

const makers: [string, () => Promise<RecordStore>][] = [
  ['indexeddb', async () => idbRecordStore(await openFlowLensDb(`test-${Math.random()}`))],
  ['memory', async () => memoryRecordStore()],
];

describe.each(makers)('%s record store', (_name, make) => {
  let store: RecordStore;
  beforeEach(async () => {
    store = await make();
    await store.putMany([record('a', 10), record('b', 20), record('c', 30), record('d', 40)]);
  });

  it('reads in the order asked, with gaps for missing ids', async () => {
    const found = await store.getMany([recordId('item', 'c'), recordId('item', 'zz'), recordId('item', 'a')]);
    expect(found.map((r) => r?.key)).toEqual(['c', undefined, 'a']);
  });

  it('replaces a record with the same id', async () => {
    await store.putMany([record('a', 99)]);
    expect(await store.count()).toBe(4);
    expect((await store.getMany([recordId('item', 'a')]))[0]?.fetchedAt).toBe(99);
  });

  it('deletes records fetched strictly before a time', async () => {
    expect(await store.deleteFetchedBefore(30)).toBe(2);
    const left = await store.getMany(['a', 'b', 'c', 'd'].map((k) => recordId('item', k)));
    expect(left.map((r) => r?.key)).toEqual([undefined, undefined, 'c', 'd']);
  });

  it('trims to a count by dropping the oldest first', async () => {
    expect(await store.trimTo(1)).toBe(3);
    const left = await store.getMany(['a', 'b', 'c', 'd'].map((k) => recordId('item', k)));
    expect(left.map((r) => r?.key)).toEqual([undefined, undefined, undefined, 'd']);
    expect(await store.trimTo(5)).toBe(0);
  });

  it('clears and says how many it removed', async () => {
    expect(await store.clear()).toBe(4);
    expect(await store.count()).toBe(0);
  });

  it('hands out copies, so callers cannot change what is stored', async () => {
    const [first] = await store.getMany([recordId('item', 'a')]);
    (first!.value as { key: string }).key = 'changed';
    const [again] = await store.getMany([recordId('item', 'a')]);
    expect((again!.value as { key: string }).key).toBe('a');
  });
});

describe('database migrations', () => {
  it('creates version 1 from nothing with its indexes', async () => {
    const name = `migrate-${Math.random()}`;
    const db = await openFlowLensDb(name);
    expect(db.version).toBe(1);
    const tx = db.transaction('entries');
    expect([...tx.store.indexNames].sort()).toEqual(['by-fetched', 'by-kind']);
    db.close();
  });

  it('closes itself when a newer version asks to upgrade', async () => {
    const name = `upgrade-${Math.random()}`;
    const old = await openFlowLensDb(name);
    const newer = await openDB(name, 2, { upgrade() {} });
    expect(newer.version).toBe(2);
    newer.close();
    expect(() => old.transaction('entries')).toThrow();
  });
});
