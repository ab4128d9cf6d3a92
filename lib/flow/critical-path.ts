/**
 * The longest chain of open blockers. Cycles are condensed first (a cycle has no longest path),
 * so "longest" counts components; the chain handed out is still a real path, item to item along
 * real edges, walking through a cycle's members where it has to.
 */
import type { Components } from './graph-components';
import type { IndexedGraph } from './graph-build';

/** Per component: the length of the longest chain upstream, and the edge it leaves by. */
export interface Chains {
  length: Int32Array;
  /** The member the chain leaves from, and the item in the next component it goes to (-1: none). */
  from: Int32Array;
  to: Int32Array;
}

/** Longest upstream chains of every component, blockers first so each reads finished ones. */
export function longestChains(g: IndexedGraph, comps: Components): Chains {
  const count = comps.members.length;
  const chains: Chains = { length: new Int32Array(count), from: new Int32Array(count).fill(-1), to: new Int32Array(count).fill(-1) };
  for (let c = 0; c < count; c++) {
    for (const m of comps.members[c]!) {
      for (const t of g.up[m]!) {
        const tc = comps.of[t]!;
        if (tc === c || chains.length[tc]! + 1 <= chains.length[c]!) continue;
        chains.length[c] = chains.length[tc]! + 1;
        chains.from[c] = m;
        chains.to[c] = t;
      }
    }
  }
  return chains;
}

/** The shortest way from `start` to `goal` inside one component (breadth first). */
function within(start: number, goal: number, g: IndexedGraph, comps: Components): number[] {
  if (start === goal) return [start];
  const previous = new Map<number, number>([[start, start]]);
  const queue = [start];
  for (let i = 0; i < queue.length && !previous.has(goal); i++) {
    for (const t of g.up[queue[i]!]!) {
      if (previous.has(t) || comps.of[t] !== comps.of[start]) continue;
      previous.set(t, queue[i]!);
      queue.push(t);
    }
  }
  const path = [goal];
  while (path[path.length - 1] !== start) path.push(previous.get(path[path.length - 1]!)!);
  return path.reverse();
}

/** The chain of blockers from `start` (included) to the root blocker, as indices. */
export function chainFrom(start: number, g: IndexedGraph, comps: Components, chains: Chains): number[] {
  const path: number[] = [];
  for (let at = start, c = comps.of[start]!; ; c = comps.of[at]!) {
    if (chains.from[c]! < 0) return [...path, at];
    path.push(...within(at, chains.from[c]!, g, comps));
    at = chains.to[c]!;
  }
}

/** The item the longest chain starts from (-1 for an empty graph). */
export function criticalStart(comps: Components, chains: Chains): number {
  let best = -1;
  for (let c = 0; c < comps.members.length; c++) if (best < 0 || chains.length[c]! > chains.length[best]!) best = c;
  if (best < 0) return -1;
  return chains.from[best]! >= 0 ? chains.from[best]! : comps.members[best]![0]!;
}
