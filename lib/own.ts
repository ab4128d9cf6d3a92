/**
 * Lookups by a key that came from outside (a message, an answer, a settings file): a plain
 * object answers `record['constructor']` or `record['__proto__']` with what it inherits, so a
 * host named `constructor` would find a "token" and a check conclusion named `toString` a
 * function. Only the record's own properties count.
 */

/** `record[key]` when `key` is one of the record's own properties; else undefined. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
