/**
 * A read-only Map over a graph's indices whose values are made when asked. Building three real
 * Maps of 10,000 entries for every update costs more than the graph analysis itself; callers
 * read a handful of keys.
 */

/** `ReadonlyMap<string, V>` over `keys` (by index) and `index` (by key), with `value(i)` on demand. */
export class IndexedView<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly order: readonly string[],
    private readonly index: ReadonlyMap<string, number>,
    private readonly value: (i: number) => V,
  ) {}

  get size(): number {
    return this.order.length;
  }

  get(key: string): V | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.value(i);
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  *entries(): MapIterator<[string, V]> {
    for (let i = 0; i < this.order.length; i++) yield [this.order[i]!, this.value(i)];
  }

  *keys(): MapIterator<string> {
    yield* this.order;
  }

  *values(): MapIterator<V> {
    for (let i = 0; i < this.order.length; i++) yield this.value(i);
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}
