/**
 * The IndexedDB schema of the cache, in the extension's origin (docs/ARCHITECTURE.md, "Domain words": opened by the
 * background and the extension pages only, never by a content script). Migrations are ordered
 * `if (oldVersion < N)` blocks so a user who skipped versions runs each step once, in order.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * What a cache entry holds; `kind` decides its time-to-live. `unreadable` remembers an item the
 * source would not give (not found, no access), so an upstream link to it is not asked again on
 * every page within the time-to-live. `looked` holds the popup's last look at the team's rows
 * (lib/team/since-last.ts): item data too, so it goes with the cache and its 14 days.
 */
export type CacheKind = 'item' | 'etag' | 'user' | 'unreadable' | 'looked';

/** One cached value with the bookkeeping the cache policy needs. */
export interface CacheRecord<T = unknown> {
  /** `${kind}|${key}`: one object store serves every kind. */
  id: string;
  kind: CacheKind;
  key: string;
  value: T;
  /** When the value came from the network (epoch ms): freshness and age eviction use it. */
  fetchedAt: number;
  /** The HTTP ETag the value came with, for conditional requests. */
  etag?: string;
}

/** The typed schema `idb` checks our calls against. */
export interface FlowLensDb extends DBSchema {
  entries: {
    key: string;
    value: CacheRecord;
    indexes: { 'by-fetched': number; 'by-kind': CacheKind };
  };
}

/** Current schema version; bump it and add a block to `upgrade` for every change. */
export const DB_VERSION = 1;

/** Opens (and migrates) the database. Rejects when IndexedDB is unavailable or blocked. */
export async function openFlowLensDb(name: string): Promise<IDBPDatabase<FlowLensDb>> {
  const db = await openDB<FlowLensDb>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const entries = db.createObjectStore('entries', { keyPath: 'id' });
        entries.createIndex('by-fetched', 'fetchedAt');
        entries.createIndex('by-kind', 'kind');
      }
    },
  });
  // A newer version of FlowLens wants to upgrade: let it, instead of blocking it forever.
  db.addEventListener('versionchange', () => db.close());
  return db;
}

/** The record id of a kind and key. */
export function recordId(kind: CacheKind, key: string): string {
  return `${kind}|${key}`;
}
