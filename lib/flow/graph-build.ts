/**
 * The dependency graph as numbers: every item (and every open item only referenced by a link)
 * gets an index, and an edge runs from an open item to each open item it waits on. Later steps
 * work on arrays of indices, which is what keeps 10,000 items within a few milliseconds.
 */
import { isWaitLink } from './conditions';
import type { FlowSettings } from './flow-settings';
import type { ItemLink, WorkItem } from './model';

/** Items as indices with their edges both ways. */
export interface IndexedGraph {
  /** Keys by index: the items in input order, then keys only seen in links. */
  keys: string[];
  index: Map<string, number>;
  /** The item at each index; undefined for keys only seen in links. */
  items: (WorkItem | undefined)[];
  /** Open items each index waits on, directly. */
  up: number[][];
  /** Items directly waiting on each index. */
  down: number[][];
}

function indexOf(g: IndexedGraph, key: string): number {
  let i = g.index.get(key);
  if (i === undefined) {
    i = g.keys.push(key) - 1;
    g.index.set(key, i);
    g.items.push(undefined);
    g.up.push([]);
    g.down.push([]);
  }
  return i;
}

/** One edge per pair, however many links say so (a link both ways, or twice). */
function addEdge(g: IndexedGraph, from: number, to: number): void {
  if (g.up[from]!.includes(to)) return;
  g.up[from]!.push(to);
  g.down[to]!.push(from);
}

/** Whether the other end of a link is open: by its item when we have it, else as the link says. */
function openEnd(g: IndexedGraph, link: ItemLink): boolean {
  const i = g.index.get(link.key);
  const item = i === undefined ? undefined : g.items[i];
  return item ? item.state === 'open' : link.open === true;
}

/** Builds the graph of `items`: a link counts when it means "waits on" and both ends are open. */
export function buildGraph(items: readonly WorkItem[], settings: FlowSettings): IndexedGraph {
  const g: IndexedGraph = { keys: [], index: new Map(), items: [], up: [], down: [] };
  // Every item first, so that links can ask whether their other end is open.
  for (const item of items) g.items[indexOf(g, item.key)] = item;
  const count = g.keys.length;
  for (let i = 0; i < count; i++) {
    const item = g.items[i];
    if (!item || item.state !== 'open') continue;
    for (const link of item.upstream) if (isWaitLink(link, settings) && openEnd(g, link)) addEdge(g, i, indexOf(g, link.key));
    for (const link of item.downstream) if (isWaitLink(link, settings) && openEnd(g, link)) addEdge(g, indexOf(g, link.key), i);
  }
  return g;
}
