/**
 * Where cache records live. Two implementations with one contract: IndexedDB (the normal case)
 * and memory (when IndexedDB cannot open, e.g. Firefox private windows). The contract is tested
 * against both in record-store.test.ts.
 */
import type { IDBPDatabase } from 'idb';
import type { CacheRecord, FlowLensDb } from './db';

/** The storage operations the cache policy needs. */
export interface RecordStore {
  readonly backend: 'indexeddb' | 'memory';
  /** Records for the ids, in the same order; `undefined` where absent. */
  getMany(ids: string[]): Promise<(CacheRecord | undefined)[]>;
  putMany(records: CacheRecord[]): Promise<void>;
  /** Deletes records fetched before `time`; returns how many. */
  deleteFetchedBefore(time: number): Promise<number>;
  /** Deletes the oldest records until at most `max` remain; returns how many. */
  trimTo(max: number): Promise<number>;
  count(): Promise<number>;
  /** How many records of one kind (`item`, `etag`…) there are. */
  countKind(kind: CacheRecord['kind']): Promise<number>;
  /** Deletes everything; returns how many there were. */
  clear(): Promise<number>;
}

/** A store over the `entries` object store. */
export function idbRecordStore(db: IDBPDatabase<FlowLensDb>): RecordStore {
  return {
    backend: 'indexeddb',
    async getMany(ids) {
      const tx = db.transaction('entries');
      const found = await Promise.all(ids.map((id) => tx.store.get(id)));
      await tx.done;
      return found;
    },
    async putMany(records) {
      const tx = db.transaction('entries', 'readwrite');
      await Promise.all([...records.map((record) => tx.store.put(record)), tx.done]);
    },
    async deleteFetchedBefore(time) {
      return deleteByCursor(db, IDBKeyRange.upperBound(time, true), Infinity);
    },
    async trimTo(max) {
      const excess = (await db.count('entries')) - max;
      return excess > 0 ? deleteByCursor(db, null, excess) : 0;
    },
    count: () => db.count('entries'),
    countKind: (kind) => db.countFromIndex('entries', 'by-kind', kind),
    async clear() {
      const tx = db.transaction('entries', 'readwrite');
      const [count] = await Promise.all([tx.store.count(), tx.store.clear(), tx.done]);
      return count;
    },
  };
}

/** Walks the fetch-time index from the oldest, deleting up to `limit` records in `range`. */
async function deleteByCursor(db: IDBPDatabase<FlowLensDb>, range: IDBKeyRange | null, limit: number) {
  const tx = db.transaction('entries', 'readwrite');
  let deleted = 0;
  let cursor = await tx.store.index('by-fetched').openCursor(range);
  while (cursor && deleted < limit) {
    await cursor.delete();
    deleted += 1;
    cursor = await cursor.continue();
  }
  await tx.done;
  return deleted;
}

/** A store in memory, lost when the background stops; used only when IndexedDB is not there. */
export function memoryRecordStore(): RecordStore {
  const records = new Map<string, CacheRecord>();
  const oldestFirst = () => [...records.values()].sort((a, b) => a.fetchedAt - b.fetchedAt);
  return {
    backend: 'memory',
    getMany: async (ids) => ids.map((id) => structuredClone(records.get(id))),
    async putMany(batch) {
      for (const record of batch) records.set(record.id, structuredClone(record));
    },
    async deleteFetchedBefore(time) {
      const old = [...records.values()].filter((record) => record.fetchedAt < time);
      for (const record of old) records.delete(record.id);
      return old.length;
    },
    async trimTo(max) {
      const excess = oldestFirst().slice(0, Math.max(0, records.size - max));
      for (const record of excess) records.delete(record.id);
      return excess.length;
    },
    count: async () => records.size,
    countKind: async (kind) => [...records.values()].filter((record) => record.kind === kind).length,
    async clear() {
      const size = records.size;
      records.clear();
      return size;
    },
  };
}
