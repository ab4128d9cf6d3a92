/**
 * The dependency graph over many items: an edge runs from an open item to each open item it
 * waits on. It answers what is upstream of an item (transitively), which cycles there are, the
 * critical path (the longest chain of open blockers, and how old it is) and what each item holds
 * up downstream, directly and transitively. Every step is iterative: deep chains cannot overflow
 * the stack.
 */
import { defaultFlowSettings, type FlowSettings } from './flow-settings';
import { buildGraph, type IndexedGraph } from './graph-build';
import { components, isCycle, type Components } from './graph-components';
import { impactCounts, reach } from './graph-impact';
import { chainFrom, criticalStart, longestChains } from './critical-path';
import { IndexedView } from './indexed-view';
import type { WorkItem } from './model';
import { parseTime } from './time';

/** What the graph says about one set of items. */
export interface GraphAnalysis {
  /** Item keys in input order; open items only referenced by links come after them. */
  keys: string[];
  /** Open items each key waits on, directly. */
  upstream: ReadonlyMap<string, string[]>;
  /** Items waiting on each key, directly. */
  downstream: ReadonlyMap<string, string[]>;
  /** Each cycle as its keys, sorted; items in a cycle wait on each other. */
  cycles: string[][];
  /** The longest chain of open blockers, from the item that waits to the root blocker, and its age. */
  criticalPath: { keys: string[]; ageMs: number };
  /** How many items each key holds up transitively. */
  impactCount: ReadonlyMap<string, number>;
  /** Every key transitively upstream of `key`, nearest first. */
  upstreamOf(key: string): string[];
  /** Keys `key` holds up transitively, nearest first, at most `limit`. */
  impactOf(key: string, limit?: number): string[];
  /** The longest chain of open blockers upstream of `key`, nearest first, `key` left out. */
  chainFrom(key: string): string[];
  /** The cycle `key` is in, sorted, if it is in one. */
  cycleOf(key: string): string[] | undefined;
}

/** Cycles as sorted keys, and each member's cycle. */
function cyclesOf(g: IndexedGraph, comps: Components): { list: string[][]; byKey: Map<string, string[]> } {
  const list: string[][] = [];
  const byKey = new Map<string, string[]>();
  comps.members.forEach((members, c) => {
    if (!isCycle(c, comps, g.up)) return;
    const keys = members.map((m) => g.keys[m]!).sort();
    list.push(keys);
    for (const key of keys) byKey.set(key, keys);
  });
  return { list, byKey };
}

/** Age of a chain: since its oldest item was opened (0 when no creation time is known). */
function ageOf(path: number[], g: IndexedGraph, now: number): number {
  const created = path.map((i) => parseTime(g.items[i]?.createdAt)).filter(Number.isFinite);
  const oldest = created.reduce((min, t) => Math.min(min, t), Infinity);
  return Number.isFinite(oldest) && Number.isFinite(now) ? Math.max(0, now - oldest) : 0;
}

/** Analyses the graph of `items` at `at` (epoch ms or ISO; chain ages are measured to it). */
export function analyzeGraph(items: readonly WorkItem[], at: number | string, settings: FlowSettings = defaultFlowSettings): GraphAnalysis {
  // A number is FlowLens's own clock, in ms: parseTime's rule for sources' epoch seconds is not for it.
  const now = typeof at === 'number' ? at : parseTime(at);
  const g = buildGraph(items, settings);
  const comps = components(g.up);
  const chains = longestChains(g, comps);
  const counts = impactCounts(g, comps);
  const cycles = cyclesOf(g, comps);
  const start = criticalStart(comps, chains);
  const critical = start >= 0 ? chainFrom(start, g, comps, chains) : [];
  const keysOf = (indices: number[]) => indices.map((i) => g.keys[i]!);
  const indexOf = (key: string) => g.index.get(key);
  return {
    keys: g.keys,
    upstream: new IndexedView(g.keys, g.index, (i) => keysOf(g.up[i]!)),
    downstream: new IndexedView(g.keys, g.index, (i) => keysOf(g.down[i]!)),
    cycles: cycles.list,
    criticalPath: critical.length > 1 ? { keys: keysOf(critical), ageMs: ageOf(critical, g, now) } : { keys: [], ageMs: 0 },
    impactCount: new IndexedView(g.keys, g.index, (i) => counts[i]!),
    upstreamOf: (key) => (indexOf(key) === undefined ? [] : keysOf(reach(indexOf(key)!, g.up))),
    impactOf: (key, limit) => (indexOf(key) === undefined ? [] : keysOf(reach(indexOf(key)!, g.down, limit))),
    chainFrom: (key) => (indexOf(key) === undefined ? [] : keysOf(chainFrom(indexOf(key)!, g, comps, chains).slice(1))),
    cycleOf: (key) => cycles.byKey.get(key),
  };
}
