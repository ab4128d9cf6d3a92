// npm run bench: the flow core on synthetic teams of 100, 1,000 and 10,000 items: the graph with
// random links (up to two earlier items each) and as one chain, and every item analysed.
import { bench, describe } from 'vitest';
import { analyzeItem } from './analyze';
import { defaultFlowSettings } from './flow-settings';
import { analyzeGraph } from './graph';
import type { FlowEvent, WorkItem } from './model';
import { DAY } from './time';

const NOW = Date.parse('2026-11-28T00:00:00Z');

/** A repeatable team: each item has ~12 events and waits on up to two earlier items. */
function team(size: number): WorkItem[] {
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: size }, (_, i) => {
    const created = NOW - Math.floor(random() * 60) * DAY;
    const timeline: FlowEvent[] = [{ type: 'created', at: new Date(created).toISOString() }];
    for (let e = 0; e < 12; e++) {
      const at = new Date(created + Math.floor(random() * (NOW - created))).toISOString();
      const pick = Math.floor(random() * 4);
      timeline.push(pick === 0 ? { type: 'flagged', at } : pick === 1 ? { type: 'unflagged', at } : { type: 'status', at, to: pick === 2 ? 'Blocked' : 'In Progress' });
    }
    const upstream = [1, 2].flatMap(() => (i > 0 && random() < 0.4 ? [{ key: `jira:acme.atlassian.net/PAY-${Math.floor(random() * i)}`, kind: 'blocked-by' as const, open: true }] : []));
    return {
      key: `jira:acme.atlassian.net/PAY-${i}`, source: 'jira', kind: 'jira-issue', title: `Ticket ${i}`, url: '', state: 'open',
      assignees: [], requestedReviewers: [], createdAt: new Date(created).toISOString(), container: 'PAY',
      signals: { status: 'In Progress' }, timeline, upstream, downstream: [],
    } satisfies WorkItem;
  });
}

/** The worst shape for depth: every item waits on the next, one chain of `size`. */
function chain(size: number): WorkItem[] {
  return team(size).map((item, i) => ({ ...item, upstream: i + 1 < size ? [{ key: `jira:acme.atlassian.net/PAY-${i + 1}`, kind: 'blocked-by' as const, open: true }] : [] }));
}

for (const size of [100, 1_000, 10_000]) {
  const items = team(size);
  const deep = chain(size);
  const graph = analyzeGraph(items, NOW);
  describe(`${size} items`, () => {
    bench(`analyzeGraph (${size}, random links)`, () => {
      analyzeGraph(items, NOW);
    });
    bench(`analyzeGraph (${size}, one chain)`, () => {
      analyzeGraph(deep, NOW);
    });
    bench(`analyzeItem × ${size} (intervals, state, moves)`, () => {
      for (const item of items) analyzeItem(item, { settings: defaultFlowSettings, graph }, NOW);
    });
  });
}
