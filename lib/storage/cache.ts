/**
 * The cache policy over a RecordStore: stale-while-revalidate with a time-to-live per kind,
 * eviction by age and by count, and a memory fallback when IndexedDB cannot open. Time is always
 * an argument so tests and the benchmark control it.
 */
import { deleteDB } from 'idb';
import { openFlowLensDb, recordId, type CacheKind, type CacheRecord } from './db';
import { idbRecordStore, memoryRecordStore, type RecordStore } from './record-store';
import { messageOf } from '../flow-error';
import { DAY, MINUTE } from '../flow/time';

/** How long each kind stays fresh, and when anything is dropped. */
export interface CachePolicy {
  /** Fresh for this long (ms); after it the value is still served, marked stale, and refreshed. */
  ttl: Record<CacheKind, number>;
  /** Older than this (ms since fetch), a record is evicted. */
  maxAge: number;
  /** At most this many records; the oldest go first. */
  maxEntries: number;
  /** Evict at most this often (ms), after a write. */
  evictEvery: number;
}

/** Defaults: items change often; ETags and user info much less. */
export const DEFAULT_POLICY: CachePolicy = {
  ttl: { item: 5 * MINUTE, etag: 7 * DAY, user: DAY, unreadable: 5 * MINUTE, looked: 14 * DAY },
  maxAge: 14 * DAY,
  maxEntries: 20_000,
  evictEvery: MINUTE,
};

/** A cached value and whether it is still fresh. */
export interface CacheHit<T> {
  value: T;
  fetchedAt: number;
  fresh: boolean;
  etag?: string;
}

/** A value to store. */
export interface CacheWrite<T> {
  key: string;
  value: T;
  etag?: string;
}

/** The cache the background uses. */
export class FlowCache {
  private lastEviction = -Infinity;
  private clearCount = 0;
  private recovering: Promise<void> | undefined;

  constructor(
    private store: RecordStore,
    readonly policy: CachePolicy = DEFAULT_POLICY,
    /** What went wrong with the cache and what FlowLens did about it, for the options page. */
    public problem?: string,
    /** Opens the store anew after it failed under us (e.g. the browser closed or deleted it). */
    private readonly reopen?: () => Promise<RecordStore>,
  ) {}

  get backend(): RecordStore['backend'] {
    return this.store.backend;
  }

  /**
   * Runs `operation` on the store; when the store fails (not a full quota, which `write`
   * handles), opens it anew once, or falls back to memory, says so, and runs it again there.
   * Cached data is only ever a copy, so losing it costs requests, never the user's data.
   */
  private async guard<R>(operation: (store: RecordStore) => Promise<R>): Promise<R> {
    const failed = this.store;
    try {
      return await operation(failed);
    } catch (error) {
      if (isQuotaError(error) || failed.backend === 'memory') throw error;
      this.recovering ??= this.recover(failed, error).finally(() => (this.recovering = undefined));
      await this.recovering;
      return operation(this.store);
    }
  }

  private async recover(failed: RecordStore, error: unknown): Promise<void> {
    if (this.store !== failed) return;
    try {
      if (!this.reopen) throw error;
      this.store = await this.reopen();
      this.problem = `FlowLens reopened its cache after IndexedDB failed (${messageOf(error)}).`;
    } catch (reopenError) {
      this.store = memoryRecordStore();
      this.problem = `IndexedDB failed (${messageOf(reopenError)}); the cache lives in memory until the browser restarts.`;
    }
  }

  /** Cached values for the keys that have one, fresh or stale; `ttl` overrides the kind's. */
  async read<T>(kind: CacheKind, keys: string[], now: number, ttl = this.policy.ttl[kind]): Promise<Map<string, CacheHit<T>>> {
    // Nothing to read costs no transaction (a round trip to the browser's storage).
    if (keys.length === 0) return new Map();
    const records = await this.guard((store) => store.getMany(keys.map((key) => recordId(kind, key))));
    const hits = new Map<string, CacheHit<T>>();
    for (const record of records) {
      if (!record || now - record.fetchedAt > this.policy.maxAge) continue;
      const fresh = now - record.fetchedAt < ttl;
      hits.set(record.key, { value: record.value as T, fetchedAt: record.fetchedAt, fresh, ...etagOf(record) });
    }
    return hits;
  }

  /** Stores values fetched at `now`; evicts when due. A full quota evicts and retries once. */
  async write<T>(kind: CacheKind, entries: CacheWrite<T>[], now: number): Promise<void> {
    if (entries.length === 0) return;
    const records: CacheRecord[] = entries.map(({ key, value, etag }) => ({
      id: recordId(kind, key),
      kind,
      key,
      value,
      fetchedAt: now,
      ...(etag ? { etag } : {}),
    }));
    try {
      await this.guard((store) => store.putMany(records));
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      await this.store.trimTo(Math.floor((await this.store.count()) / 2));
      await this.store.putMany(records);
    }
    if (now - this.lastEviction >= this.policy.evictEvery) await this.evict(now);
  }

  /** Drops records past the maximum age, then the oldest beyond the maximum count. */
  async evict(now: number): Promise<{ byAge: number; byCount: number }> {
    this.lastEviction = now;
    const byAge = await this.guard((store) => store.deleteFetchedBefore(now - this.policy.maxAge));
    const byCount = await this.guard((store) => store.trimTo(this.policy.maxEntries));
    return { byAge, byCount };
  }

  count(): Promise<number> {
    return this.guard((store) => store.count());
  }

  /** How many items are cached (not their ETags, people, unreadable marks or the popup's last look). */
  countItems(): Promise<number> {
    return this.guard((store) => store.countKind('item'));
  }

  /** How many times this cache was cleared: what was derived from it before then is stale. */
  get clears(): number {
    return this.clearCount;
  }

  async clear(): Promise<number> {
    this.clearCount += 1;
    return this.guard((store) => store.clear());
  }
}

function etagOf(record: CacheRecord): { etag?: string } {
  return record.etag ? { etag: record.etag } : {};
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}

/** How to open the cache; `open` is swapped in tests to simulate a broken IndexedDB. */
export interface OpenCacheOptions {
  name?: string;
  policy?: CachePolicy;
  open?: (name: string) => Promise<RecordStore>;
  /** Deletes the database, to rebuild one that cannot be opened (corrupt, or from a newer version). */
  remove?: (name: string) => Promise<void>;
  /** Firefox private windows can leave `indexedDB.open` pending forever: give up after this. */
  timeoutMs?: number;
}

/** Opens the IndexedDB cache, or a memory cache with the reason when IndexedDB is unusable. */
export async function openCache(options: OpenCacheOptions = {}): Promise<FlowCache> {
  const { name = 'flowlens-cache', policy = DEFAULT_POLICY, timeoutMs = 3000 } = options;
  const open = options.open ?? (async (dbName: string) => idbRecordStore(await openFlowLensDb(dbName)));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(TIMED_OUT), timeoutMs);
  });
  const remove = options.remove ?? ((dbName: string) => deleteDB(dbName));
  const reopen = () => open(name);
  try {
    const store = await Promise.race([open(name), timeout]);
    return new FlowCache(store, policy, undefined, reopen);
  } catch (error) {
    if (error === TIMED_OUT) return new FlowCache(memoryRecordStore(), policy, unavailable(`it did not open within ${timeoutMs} ms`));
    // It answered, but with an error: a damaged database is rebuilt (it only ever holds copies).
    try {
      await Promise.race([remove(name), timeout]);
      const store = await Promise.race([open(name), timeout]);
      return new FlowCache(store, policy, `FlowLens rebuilt its cache because IndexedDB could not open it (${messageOf(error)}); items are fetched again as pages ask for them.`, reopen);
    } catch (rebuildError) {
      return new FlowCache(memoryRecordStore(), policy, unavailable(messageOf(rebuildError === TIMED_OUT ? error : rebuildError)));
    }
  } finally {
    clearTimeout(timer);
  }
}

const TIMED_OUT = new Error('IndexedDB did not answer');

function unavailable(reason: string): string {
  return `IndexedDB is unavailable (${reason}); the cache lives in memory until the browser restarts.`;
}
