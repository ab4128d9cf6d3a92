/**
 * What each item holds up: how many items wait on it, directly or through others. One bitset per
 * component, filled waiters first and dropped as soon as the last blocker has read it, so a
 * 10,000-item graph costs a few milliseconds and little memory; and a breadth-first walk to name
 * the items, on demand.
 */
import { isCycle, type Components } from './graph-components';
import type { IndexedGraph } from './graph-build';

/** Sets bit `i`; 1 when it was not set before, so sizes can be counted without a popcount. */
function setBit(set: Uint32Array, i: number): number {
  const mask = 1 << (i & 31);
  if (set[i >>> 5]! & mask) return 0;
  set[i >>> 5] = set[i >>> 5]! | mask;
  return 1;
}

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

/** Edges leaving each component: how many blockers will read its reach. */
function readers(g: IndexedGraph, comps: Components): Int32Array {
  const count = new Int32Array(comps.members.length);
  g.up.forEach((tos, from) => {
    for (const to of tos) if (comps.of[from] !== comps.of[to]) count[comps.of[from]!]! += 1;
  });
  return count;
}

/** The items that wait on a component: a list while few, a bitset once many. */
interface Reach {
  list?: number[];
  bits?: Uint32Array;
  size: number;
}

/** The walk over the components: the graph, its components, and what each component's reach is so far. */
interface Walk {
  g: IndexedGraph;
  comps: Components;
  /** Per component, how many blockers have yet to read its reach. */
  left: Int32Array;
  /** Per component, its reach while some blocker has yet to read it. */
  reaches: (Reach | undefined)[];
}

/** What a component's reach is made of: items waiting on it directly, and the reach of their components. */
function parts(c: number, { g, comps, reaches }: Walk) {
  const direct: number[] = [];
  const inherited: Reach[] = [];
  const sources: number[] = [];
  for (const m of comps.members[c]!) {
    for (const d of g.down[m]!) {
      direct.push(d);
      const from = reaches[comps.of[d]!];
      if (comps.of[d] === c || !from) continue;
      inherited.push(from);
      sources.push(comps.of[d]!);
    }
  }
  return { direct, inherited, sources };
}

/** Union as a list, each item once (marked with the component's own stamp). */
function asList(c: number, direct: number[], inherited: Reach[], stamp: Int32Array): Reach {
  const list: number[] = [];
  const add = (i: number) => {
    if (stamp[i] === c) return;
    stamp[i] = c;
    list.push(i);
  };
  direct.forEach(add);
  for (const reach of inherited) reach.list!.forEach(add);
  return { list, size: list.length };
}

/**
 * A bitset this component may take over instead of copying: one whose every remaining reader
 * is this component (the usual case along chains and trees).
 */
function spareBits(inherited: Reach[], sources: number[], left: Int32Array): Reach | undefined {
  return inherited.find((reach, j) => reach.bits && sources.filter((x) => x === sources[j]).length === left[sources[j]!]);
}

/** Union as a bitset, grown from `spare` when given; counted as it grows unless bitsets were merged. */
function asBits(direct: number[], inherited: Reach[], words: number, spare?: Reach): Reach {
  const bits = spare?.bits ?? new Uint32Array(words);
  let size = spare?.size ?? 0;
  let merged = false;
  for (const reach of inherited) {
    if (reach === spare) continue;
    if (reach.bits) {
      orInto(bits, reach.bits);
      merged = true;
    } else {
      for (const i of reach.list!) size += setBit(bits, i);
    }
  }
  for (const i of direct) size += setBit(bits, i);
  return { bits, size: merged ? popcount(bits) : size };
}

/** Drops the reach of waiting components once their last blocker has read it: memory stays small. */
function release(c: number, { g, comps, left, reaches }: Walk): void {
  for (const m of comps.members[c]!) {
    for (const d of g.down[m]!) {
      const dc = comps.of[d]!;
      if (dc !== c && --left[dc]! === 0) reaches[dc] = undefined;
    }
  }
}

/** How many items wait on each index, transitively (an item in a cycle does not count itself). */
export function impactCounts(g: IndexedGraph, comps: Components): Int32Array {
  const words = (g.keys.length + 31) >>> 5;
  const counts = new Int32Array(g.keys.length);
  const walk: Walk = { g, comps, left: readers(g, comps), reaches: [] };
  const { left, reaches } = walk;
  const stamp = new Int32Array(g.keys.length).fill(-1);
  // Components come blockers first, so walking them backwards meets every waiter before its blockers.
  for (let c = comps.members.length - 1; c >= 0; c--) {
    const { direct, inherited, sources } = parts(c, walk);
    if (direct.length === 0) continue;
    const cyclic = isCycle(c, comps, g.up);
    if (cyclic) direct.push(...comps.members[c]!);
    // Lists while the union is smaller than a bitset; past that, bitsets are cheaper to merge.
    const bound = inherited.reduce((sum, reach) => sum + (reach.bits ? Infinity : reach.size), direct.length);
    const reach = bound < words ? asList(c, direct, inherited, stamp) : asBits(direct, inherited, words, spareBits(inherited, sources, left));
    for (const m of comps.members[c]!) counts[m] = reach.size - (cyclic ? 1 : 0);
    if (left[c]! > 0) reaches[c] = reach;
    release(c, walk);
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
