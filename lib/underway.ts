/**
 * Work under way, by key, for others to join: a second tab asking for an item that a first tab's
 * refresh is fetching waits for that fetch instead of asking again, and batches that need a Jira
 * site's fields at once share one read of them. A key is forgotten as soon as its work settles,
 * so the next ask reads the cache.
 */

/** Promises by key while they are pending. */
export interface Underway<T> {
  has(key: string): boolean;
  /** The work under way for `key`, if any. */
  get(key: string): Promise<T> | undefined;
  /** Notes `work` as under way for each of `keys` until it settles; answers it, settled once they are forgotten. */
  add<P extends T>(keys: readonly string[], work: Promise<P>): Promise<P>;
}

/** An empty set of work under way (one per service: nothing is shared between services). */
export function createUnderway<T>(): Underway<T> {
  const byKey = new Map<string, Promise<T>>();
  return {
    has: (key) => byKey.has(key),
    get: (key) => byKey.get(key),
    add(keys, work) {
      const done = work.finally(() => keys.forEach((key) => byKey.delete(key)));
      for (const key of keys) byKey.set(key, done);
      return done;
    },
  };
}
