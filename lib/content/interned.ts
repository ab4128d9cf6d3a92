/**
 * One copy of each repeated string in the views a page keeps. A view comes from the background
 * as a fresh copy of every string in it, and most of them repeat from item to item: states,
 * level names, the rubric's words, causes, event kinds and times. On the browser benchmark's
 * 500 GitHub rows the page held 1.4 MB of strings, 0.84 MB of it in copies of others (a heap
 * snapshot of `npm run bench`'s page, 3 Dec 2026).
 *
 * The pool holds at most `limit` strings: when full, it starts again (the strings already shared
 * stay shared), so it never keeps more than that of what no view holds any longer. The layer also
 * empties it when it forgets the views of another page.
 */
export interface Interner {
  /** `value` with each string in it (deeply, in place: it is a fresh answer) replaced by the pool's copy. */
  <T>(value: T): T;
  /** Forgets the pool. */
  clear(): void;
  /** How many strings the pool holds. */
  readonly size: number;
}

export function createInterner(limit = 10_000): Interner {
  let pool = new Map<string, string>();
  const one = (text: string): string => {
    const kept = pool.get(text);
    if (kept !== undefined) return kept;
    if (pool.size >= limit) pool = new Map();
    pool.set(text, text);
    return text;
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return one(value);
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = walk(value[i]);
      return value;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = walk(record[key]);
    return value;
  };
  const intern = <T,>(value: T): T => walk(value) as T;
  return Object.defineProperties(intern, {
    clear: { value: () => void (pool = new Map()) },
    size: { get: () => pool.size },
  }) as Interner;
}
