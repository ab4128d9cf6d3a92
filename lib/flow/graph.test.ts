import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './graph';
import type { WorkItem } from './model';

const NOW = Date.parse('2026-11-20T00:00:00Z');

/** An open item `n` waiting on the items in `on` (all in one repository). */
function node(n: number, on: number[], created = '2026-11-01T00:00:00Z', state: WorkItem['state'] = 'open'): WorkItem {
  return {
    key: `github:o/r#${n}`,
    source: 'github',
    kind: 'issue',
    title: `Item ${n}`,
    url: '',
    state,
    assignees: [],
    requestedReviewers: [],
    createdAt: created,
    container: 'o/r',
    signals: {},
    timeline: [],
    upstream: on.map((m) => ({ key: `github:o/r#${m}`, kind: 'blocked-by' as const, open: true })),
    downstream: [],
  };
}
const k = (n: number) => `github:o/r#${n}`;

describe('analyzeGraph', () => {
  // 1 waits on 2, 2 on 3, 3 on 4; 5 waits on 3; 6 waits on 2 but 2 is … open. 7 is closed and waits on 4.
  const items = [node(1, [2]), node(2, [3]), node(3, [4], '2026-10-01T00:00:00Z'), node(4, []), node(5, [3]), node(6, [2]), node(7, [4], undefined, 'closed')];
  const graph = analyzeGraph(items, NOW);

  it('finds transitive upstream blockers', () => {
    expect(graph.upstreamOf(k(1)).sort()).toEqual([k(2), k(3), k(4)]);
    expect(graph.upstreamOf(k(4))).toEqual([]);
  });

  it('counts what each item holds up, directly and transitively; closed items hold nothing up', () => {
    expect(graph.impactCount.get(k(4))).toBe(5); // 3, 2, 1, 5, 6
    expect(graph.impactCount.get(k(3))).toBe(4); // 2, 1, 5, 6
    expect(graph.impactCount.get(k(2))).toBe(2); // 1, 6
    expect(graph.impactCount.get(k(1))).toBe(0);
    expect(graph.impactOf(k(3)).sort()).toEqual([k(1), k(2), k(5), k(6)]);
    expect(graph.downstream.get(k(4))).toEqual([k(3)]);
  });

  it('names the critical path and its age (the oldest item on it, 3, opened 1 Oct)', () => {
    expect(graph.criticalPath.keys).toEqual([k(1), k(2), k(3), k(4)]);
    expect(graph.criticalPath.ageMs).toBe(NOW - Date.parse('2026-10-01T00:00:00Z'));
    expect(graph.chainFrom(k(1))).toEqual([k(2), k(3), k(4)]);
    expect(graph.cycles).toEqual([]);
  });

  it('detects and names cycles, and still answers for the rest', () => {
    const cyclic = analyzeGraph([node(1, [2]), node(2, [3]), node(3, [1]), node(4, [1]), node(5, [5])], NOW);
    expect(cyclic.cycles.sort()).toEqual([[k(1), k(2), k(3)], [k(5)]]);
    expect(cyclic.impactCount.get(k(1))).toBe(3); // 2, 3 (in the cycle) and 4
    expect(cyclic.impactCount.get(k(5))).toBe(0);
  });

  it('reads downstream links too: an issue listed as closed by a PR waits on it', () => {
    const pr = { ...node(10, []), downstream: [{ key: k(11), kind: 'depends-on' as const, open: true }] };
    expect(analyzeGraph([pr, node(11, [])], NOW).impactOf(k(10))).toEqual([k(11)]);
  });

  it('walks the critical path through a cycle along real edges', () => {
    // 1 → 2 → 3 → 2 (a cycle of 2 and 3), and 3 → 4: condensed, 1 → {2,3} → 4; as items, 1, 2, 3, 4.
    const graph = analyzeGraph([node(1, [2]), node(2, [3]), node(3, [2, 4]), node(4, [])], NOW);
    expect(graph.cycles).toEqual([[k(2), k(3)]]);
    expect(graph.cycleOf(k(3))).toEqual([k(2), k(3)]);
    expect(graph.cycleOf(k(1))).toBeUndefined();
    expect(graph.criticalPath.keys).toEqual([k(1), k(2), k(3), k(4)]);
  });

  it('leaves out links the team does not count, links to closed items, and links of unknown state', () => {
    const relates = { ...node(1, []), upstream: [{ key: k(2), kind: 'blocked-by' as const, open: true, name: 'relates to' }] };
    const unknown = { ...node(3, []), upstream: [{ key: 'github:o/r#99', kind: 'depends-on' as const }] };
    const toClosed = node(5, [6]);
    const graph = analyzeGraph([relates, node(2, []), unknown, toClosed, node(6, [], undefined, 'closed')], NOW);
    expect([...graph.upstream.values()].flat()).toEqual([]);
    expect(graph.keys).toEqual([k(1), k(2), k(3), k(5), k(6)]);
  });

  it('adds open items only known from links, after the items given', () => {
    const graph = analyzeGraph([node(1, [50])], NOW);
    expect(graph.keys).toEqual([k(1), k(50)]);
    expect(graph.impactCount.get(k(50))).toBe(1);
    expect(graph.criticalPath).toEqual({ keys: [k(1), k(50)], ageMs: NOW - Date.parse('2026-11-01T00:00:00Z') });
  });

  it('handles a chain of 10,000 and a ring of 10,000 without running out of stack', () => {
    const chain = Array.from({ length: 10_000 }, (_, i) => node(i, i + 1 < 10_000 ? [i + 1] : []));
    const big = analyzeGraph(chain, NOW);
    expect(big.criticalPath.keys).toHaveLength(10_000);
    expect(big.impactCount.get(k(9_999))).toBe(9_999);
    expect(big.chainFrom(k(0))).toHaveLength(9_999);
    const ring = analyzeGraph(Array.from({ length: 10_000 }, (_, i) => node(i, [(i + 1) % 10_000])), NOW);
    expect(ring.cycles.map((c) => c.length)).toEqual([10_000]);
    expect(ring.impactCount.get(k(0))).toBe(9_999);
  });
});

/** Random graphs: n items, edges as pairs; `dag` keeps only edges from lower to higher numbers. */
const graphs = (dag: boolean) =>
  fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 30 }).map((pairs) => {
      const edges = pairs.filter(([a, b]) => (dag ? a < b : true));
      return Array.from({ length: n }, (_, i) => node(i, [...new Set(edges.filter(([a]) => a === i).map(([, b]) => b))]));
    }),
  );

/** Reference: is there a cycle, by plain depth-first search. */
function hasCycle(items: WorkItem[]): boolean {
  const state = new Map<string, number>();
  const visit = (key: string): boolean => {
    state.set(key, 1);
    const item = items.find((i) => i.key === key)!;
    for (const link of item.upstream) {
      if (state.get(link.key) === 1) return true;
      if (!state.has(link.key) && visit(link.key)) return true;
    }
    state.set(key, 2);
    return false;
  };
  return items.some((item) => !state.has(item.key) && visit(item.key));
}

/** Reference: the longest path length (in edges) in a DAG, by brute force. */
function longest(items: WorkItem[]): number {
  const memo = new Map<string, number>();
  const depth = (key: string): number => {
    if (memo.has(key)) return memo.get(key)!;
    const item = items.find((i) => i.key === key)!;
    const value = Math.max(0, ...item.upstream.map((l) => 1 + depth(l.key)));
    memo.set(key, value);
    return value;
  };
  return Math.max(0, ...items.map((i) => depth(i.key)));
}

/** Reference: keys reachable from `key` along upstream links, by plain search. */
function reachable(items: WorkItem[], key: string): Set<string> {
  const seen = new Set<string>();
  const stack = [key];
  while (stack.length > 0) {
    const at = stack.pop()!;
    for (const link of items.find((i) => i.key === at)!.upstream) {
      if (seen.has(link.key)) continue;
      seen.add(link.key);
      stack.push(link.key);
    }
  }
  return seen;
}

/** Checks `path` follows real upstream links and visits no item twice. */
function expectRealPath(items: WorkItem[], path: string[]): void {
  const edges = new Set(items.flatMap((i) => i.upstream.map((l) => `${i.key}>${l.key}`)));
  path.slice(1).forEach((key, i) => expect(edges.has(`${path[i]}>${key}`)).toBe(true));
  expect(new Set(path).size).toBe(path.length);
}

describe('graph properties', () => {
  it('names as cycles exactly the items that wait on themselves, grouped by who reaches whom', () => {
    fc.assert(
      fc.property(graphs(false), (items) => {
        const graph = analyzeGraph(items, NOW);
        const reach = new Map(items.map((i) => [i.key, reachable(items, i.key)]));
        const inCycle = items.filter((i) => reach.get(i.key)!.has(i.key)).map((i) => i.key).sort();
        expect(graph.cycles.flat().sort()).toEqual(inCycle);
        for (const cycle of graph.cycles) for (const a of cycle) for (const b of cycle) expect(reach.get(a)!.has(b)).toBe(true);
      }),
    );
  });

  it('gives real paths for the critical path and every chain, even with cycles', () => {
    fc.assert(
      fc.property(graphs(false), (items) => {
        const graph = analyzeGraph(items, NOW);
        expectRealPath(items, graph.criticalPath.keys);
        for (const item of items) expectRealPath(items, [item.key, ...graph.chainFrom(item.key)]);
      }),
    );
  });

  it('finds every transitive blocker, and what each item holds up (directly and in all)', () => {
    fc.assert(
      fc.property(graphs(false), (items) => {
        const graph = analyzeGraph(items, NOW);
        for (const item of items) {
          const up = reachable(items, item.key);
          up.delete(item.key);
          expect(new Set(graph.upstreamOf(item.key))).toEqual(up);
          const waiting = items.filter((other) => other.key !== item.key && reachable(items, other.key).has(item.key)).map((o) => o.key);
          expect(graph.impactOf(item.key).sort()).toEqual(waiting.sort());
          expect(graph.downstream.get(item.key)!.sort()).toEqual(items.filter((o) => o.upstream.some((l) => l.key === item.key)).map((o) => o.key).sort());
        }
      }),
    );
  });

  it('finds a cycle exactly when there is one', () => {
    fc.assert(
      fc.property(graphs(false), (items) => {
        expect(analyzeGraph(items, NOW).cycles.length > 0).toBe(hasCycle(items));
      }),
    );
  });

  it('gives a critical path that is a real path, and a longest one', () => {
    fc.assert(
      fc.property(graphs(true), (items) => {
        const { criticalPath } = analyzeGraph(items, NOW);
        const edges = new Set(items.flatMap((i) => i.upstream.map((l) => `${i.key}>${l.key}`)));
        criticalPath.keys.slice(1).forEach((key, i) => expect(edges.has(`${criticalPath.keys[i]}>${key}`)).toBe(true));
        expect(Math.max(0, criticalPath.keys.length - 1)).toBe(longest(items));
      }),
    );
  });

  it('counts impact as the number of items that can reach the blocker', () => {
    fc.assert(
      fc.property(graphs(false), (items) => {
        const graph = analyzeGraph(items, NOW);
        for (const item of items) {
          const reaching = items.filter((other) => other.key !== item.key && graph.upstreamOf(other.key).includes(item.key));
          expect(graph.impactCount.get(item.key)).toBe(reaching.length);
        }
      }),
    );
  });
});
