/**
 * The cache's opening policy: opened on first use, then the same one for the worker's life.
 * openCache() never rejects (an unusable IndexedDB gives a memory cache with the reason), so
 * there is no failure to forget.
 */

/** `open`, called on the first use only: every use answers the same promise. */
export function openedOnce<T>(open: () => Promise<T>): () => Promise<T> {
  let opening: Promise<T> | undefined;
  return () => (opening ??= open());
}
