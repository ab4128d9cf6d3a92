/**
 * What each item holds up: how many items wait on it, directly or through others. One bitset per
 * component, filled waiters first and dropped as soon as the last blocker has read it, so a
 * 10,000-item graph costs a few milliseconds and little memory; and a breadth-first walk to name
 * the items, on demand.
 */
import { isCycle, type Components } from './graph-components';
import type { IndexedGraph } from './graph-build';

const setBit = (set: Uint32Array, i: number) => (set[i >>> 5] = set[i >>> 5]! | (1 << (i & 31)));

function orInto(target: Uint32Array, source: Uint32Array): void {
  for (let i = 0; i < target.length; i++) target[i] = target[i]! | source[i]!;
}

function popcount(set: Uint32Array): number {
  let total = 0;
  for (let word of set) {
    word -= (word >>> 1) & 0x55555555;
    word = (word & 0x33333333) + ((word >>> 2) & 0x33333333);
    total += (((word + (word >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return total;
}

/** Edges leaving each component: how many blockers will read its bitset. */
function readers(g: IndexedGraph, comps: Components): Int32Array {
  const count = new Int32Array(comps.members.length);
  g.up.forEach((tos, from) => {
    for (const to of tos) if (comps.of[from] !== comps.of[to]) count[comps.of[from]!]! += 1;
  });
  return count;
}

/** How many items wait on each index, transitively (an item in a cycle does not count itself). */
export function impactCounts(g: IndexedGraph, comps: Components): Int32Array {
  const words = (g.keys.length + 31) >>> 5;
  const counts = new Int32Array(g.keys.length);
  const bits: (Uint32Array | undefined)[] = [];
  const left = readers(g, comps);
  // Components come blockers first, so walking them backwards meets every waiter before its blockers.
  for (let c = comps.members.length - 1; c >= 0; c--) {
    const members = comps.members[c]!;
    if (members.every((m) => g.down[m]!.length === 0)) continue;
    const set = new Uint32Array(words);
    for (const m of members) {
      for (const d of g.down[m]!) {
        setBit(set, d);
        const dc = comps.of[d]!;
        if (dc === c) continue;
        if (bits[dc]) orInto(set, bits[dc]);
        if (--left[dc]! === 0) bits[dc] = undefined;
      }
    }
    const cyclic = isCycle(c, comps, g.up);
    if (cyclic) members.forEach((m) => setBit(set, m));
    const size = popcount(set) - (cyclic ? 1 : 0);
    for (const m of members) counts[m] = size;
    if (left[c]! > 0) bits[c] = set;
  }
  return counts;
}

/** Indices reachable from `start` along `next`, nearest first, without `start`; at most `limit`. */
export function reach(start: number, next: readonly number[][], limit = Infinity): number[] {
  const seen = new Set<number>([start]);
  const queue = [start];
  for (let i = 0; i < queue.length && queue.length - 1 < limit; i++) {
    for (const to of next[queue[i]!]!) {
      if (seen.has(to) || queue.length - 1 >= limit) continue;
      seen.add(to);
      queue.push(to);
    }
  }
  return queue.slice(1);
}
