import { describe, expect, it } from 'vitest';
import { analyzeItem } from '../flow/analyze';
import { defaultFlowSettings } from '../flow/flow-settings';
import { analyzeGraph } from '../flow/graph';
import type { WorkItem } from '../flow/model';
import { blockedBy, jiraItem, pullItem } from '../flow/testing/items';
import { buildTeamSummary, clusterTotals, cyclePercentiles, filterItems, filterSummary, glanceOf, longestStuck, medianShares, nearestRank, percentileReached } from './summary';
import { DAY, HOUR } from '../flow/time';

const NOW = Date.parse('2026-11-20T09:00:00Z');
/** The settings with blocked time counted in calendar time. */
const CALENDAR = { ...defaultFlowSettings, workingTime: false };
const carol = { id: 'carol', name: 'carol' };

/** The team's items: two blocked Jira issues, one blocked by another team, a PR waiting for review, one flowing. */
function teamItems(): WorkItem[] {
  return [
    jiraItem(1, { upstream: [blockedBy('jira:acme.atlassian.net/PAY-4', '2026-11-05T09:00:00Z')] }),
    jiraItem(2, { signals: { status: 'Blocked' }, timeline: [{ type: 'created', at: '2026-11-01T09:00:00Z' }, { type: 'status', at: '2026-11-03T09:00:00Z', to: 'Blocked' }] }),
    pullItem(3, {
      author: { id: 'bob', name: 'bob' }, assignees: [], requestedReviewers: [carol],
      signals: { ...pullItem(3).signals, pendingReviewers: [carol], reviewDecision: 'review-required' },
      timeline: [{ type: 'created', at: '2026-11-10T09:00:00Z' }, { type: 'review-requested', at: '2026-11-12T09:00:00Z', reviewer: carol }],
    }),
    jiraItem(4, { upstream: [blockedBy('jira:acme.atlassian.net/OPS-9', '2026-11-06T09:00:00Z')] }),
    jiraItem(5, { createdAt: '2026-10-20T09:00:00Z', timeline: [{ type: 'created', at: '2026-10-20T09:00:00Z' }] }),
    jiraItem(6, { state: 'closed', resolvedAt: '2026-11-19T09:00:00Z' }),
  ];
}

function summarize(items: WorkItem[], cycleTimesMs: number[] = [], members: string[] = [], settings = defaultFlowSettings) {
  const graph = analyzeGraph(items, NOW);
  const analyses = new Map(items.map((item) => [item.key, analyzeItem(item, { settings, graph }, NOW)]));
  const known = new Map(items.map((item) => [item.key, item]));
  return buildTeamSummary({ items, analyses, graph, known, cycleTimesMs, members, now: NOW });
}

describe('cycle-time percentiles, nearest rank', () => {
  it('picks the value at rank ceil(p/100 × n) of the sorted sample', () => {
    // 1..10 days, shuffled: p50 → rank 5, p70 → rank 7, p85 → ceil(8.5) = 9, p95 → ceil(9.5) = 10.
    const days = [7, 2, 10, 1, 9, 4, 3, 8, 6, 5].map((d) => d * DAY);
    expect(cyclePercentiles(days)).toEqual({ p50: 5 * DAY, p70: 7 * DAY, p85: 9 * DAY, p95: 10 * DAY, sample: 10 });
  });

  it('works from five samples, with repeats', () => {
    // Sorted [1, 1, 3, 4, 5] h: ranks ceil(2.5) = 3, ceil(3.5) = 4, ceil(4.25) = 5, ceil(4.75) = 5.
    expect(cyclePercentiles([3, 1, 4, 1, 5].map((h) => h * HOUR))).toEqual({ p50: 3 * HOUR, p70: 4 * HOUR, p85: 5 * HOUR, p95: 5 * HOUR, sample: 5 });
  });

  it('says nothing with fewer than five finished items', () => {
    expect(cyclePercentiles([DAY, 2 * DAY, 3 * DAY, 4 * DAY])).toBeUndefined();
    expect(cyclePercentiles([])).toBeUndefined();
  });

  it('never reads outside the sample', () => {
    expect(nearestRank([1, 2, 3], 0)).toBe(1);
    expect(nearestRank([1, 2, 3], 100)).toBe(3);
  });

  it('tells which percentile an age has passed', () => {
    const p = { p50: 2 * DAY, p70: 4 * DAY, p85: 6 * DAY, p95: 9 * DAY, sample: 20 };
    expect([DAY, 2 * DAY, 5 * DAY, 6 * DAY, 30 * DAY].map((ms) => percentileReached(ms, p))).toEqual([undefined, 50, 70, 85, 95]);
  });
});

describe('buildTeamSummary', () => {
  it('gives a blocked item whose link no source dated the lower bound its row shows, and no since', () => {
    const untimed = jiraItem(7, { upstream: [{ key: 'jira:acme.atlassian.net/PAY-40', kind: 'blocked-by', open: true, seenAt: '2026-11-17T08:00:00Z' }] });
    const [row] = summarize([untimed]).items;
    expect(row!.since).toBeUndefined();
    expect(row!.bound).toEqual({ notAfter: '2026-11-17T08:00:00.000Z', why: 'start not recorded; blocked at least since it was first seen, Tue 17 Nov' });
  });

  it('lists blocked, waiting and failing items longest-stuck first, then the rest oldest first', () => {
    const summary = summarize(teamItems());
    // PAY-2 since 3 Nov, PAY-1 since 5 Nov, PAY-4 since 6 Nov, #3 waiting since 12 Nov; PAY-5 flows; PAY-6 is closed.
    expect(summary.items.map((item) => [item.key.split(/[/]/).pop(), item.state])).toEqual([
      ['PAY-2', 'blocked'],
      ['PAY-1', 'blocked'],
      ['PAY-4', 'blocked'],
      ['api#3', 'waiting'],
      ['PAY-5', 'flowing'],
    ]);
  });

  it('gives each row its cause, owner, people, first move, impact and blocked time', () => {
    const summary = summarize(teamItems(), [], [], CALENDAR);
    const [pay2, pay1, pay4, pull] = summary.items;
    expect(pay1).toMatchObject({
      title: 'Ticket PAY-1', url: 'https://acme.atlassian.net/browse/PAY-1', since: '2026-11-05T09:00:00.000Z',
      ageMs: 19 * DAY, cause: 'Blocked since Thu 5 Nov: blocked by PAY-4.', cluster: 'dependency', owner: 'Priya', people: ['Priya'],
      holdsUp: 0, blockedMs: 15 * DAY, blockedByCluster: { dependency: 15 * DAY },
    });
    expect(pay1!.move).toMatchObject({ level: 'P3', short: 'build it without PAY-4' });
    // The cause in a few words, as the card's head says it, and the chain a filtered popup reads.
    // "(in the team)" is what a row is by default: only another team is said.
    expect([pay1!.headCause, pay4!.headCause, pull!.headCause, pay2!.headCause]).toEqual(['waits on PAY-4', 'waits on OPS-9 (another team)', 'waits on review from @carol', 'in status Blocked']);
    expect(pay1).toMatchObject({ chain: { keys: ['jira:acme.atlassian.net/PAY-4', 'jira:acme.atlassian.net/OPS-9'], ageMs: 19 * DAY }, upstream: ['jira:acme.atlassian.net/PAY-4', 'jira:acme.atlassian.net/OPS-9'] });
    expect(pay2).not.toHaveProperty('chain');
    // Its own blockers only, as the badge counts them: PAY-4, not OPS-9 behind it.
    expect([pay1!.blockers, pay4!.blockers, pay2!.blockers]).toEqual([['jira:acme.atlassian.net/PAY-4'], ['jira:acme.atlassian.net/OPS-9'], undefined]);
    // Only OPS-9 needs a name kept for it: PAY-4 and PAY-1 are rows, which name themselves.
    expect(summary.named).toEqual({ 'jira:acme.atlassian.net/OPS-9': { key: 'jira:acme.atlassian.net/OPS-9', title: 'OPS-9' } });
    expect(pay4).toMatchObject({ cluster: 'external', holdsUp: 1, blockedMs: 14 * DAY });
    expect(pay2).toMatchObject({ blockedMs: 17 * DAY, blockedByCluster: { unknown: 17 * DAY } });
    // No assignee: the author owns it; the requested reviewer is named too.
    expect(pull).toMatchObject({ owner: 'bob', people: ['bob', 'carol'], cause: 'Waiting for review from @carol since Thu 12 Nov.', move: { level: 'P2' } });
    expect(summary.items[4]).not.toHaveProperty('cause');
    expect(summary.people).toEqual(['bob', 'carol', 'Priya']);
  });

  it('sums blocked time per cluster, largest first', () => {
    const summary = summarize(teamItems(), [], [], CALENDAR);
    expect(summary.clusters).toEqual([
      { cluster: 'unknown', blockedMs: 17 * DAY, items: 1 },
      { cluster: 'dependency', blockedMs: 15 * DAY, items: 1 },
      { cluster: 'external', blockedMs: 14 * DAY, items: 1 },
    ]);
    expect(summary).not.toHaveProperty('blockedTime');
  });

  it('counts blocked time in working time, as the cards do, when the user counts it so (the default)', () => {
    // Now is Friday 20 Nov, 09:00 UTC. Between each start and now lie the weekends of 7-8 and
    // 14-15 Nov: PAY-2 (from Tue 3 Nov) 17 days less 4, PAY-1 (Thu 5 Nov) 15 less 4, PAY-4 (Fri 6 Nov) 14 less 4.
    const summary = summarize(teamItems());
    expect(summary.blockedTime).toBe('working');
    expect(summary.clusters).toEqual([
      { cluster: 'unknown', blockedMs: 13 * DAY, items: 1 },
      { cluster: 'dependency', blockedMs: 11 * DAY, items: 1 },
      { cluster: 'external', blockedMs: 10 * DAY, items: 1 },
    ]);
    const byKey = new Map(summary.items.map((item) => [item.key.split('/').pop(), item]));
    expect(['PAY-2', 'PAY-1', 'PAY-4'].map((key) => [byKey.get(key)!.blockedMs / DAY, byKey.get(key)!.blockedByCluster])).toEqual([
      [13, { unknown: 13 * DAY }],
      [11, { dependency: 11 * DAY }],
      [10, { external: 10 * DAY }],
    ]);
  });

  it('reads the critical path from the root blocker down, and names the top holders', () => {
    const summary = summarize(teamItems());
    // PAY-1 waits on PAY-4, which waits on OPS-9 (another team's, known only by its key).
    expect(summary.criticalPath).toEqual({
      steps: [
        { key: 'jira:acme.atlassian.net/OPS-9', title: 'OPS-9' },
        { key: 'jira:acme.atlassian.net/PAY-4', title: 'Ticket PAY-4', url: 'https://acme.atlassian.net/browse/PAY-4' },
        { key: 'jira:acme.atlassian.net/PAY-1', title: 'Ticket PAY-1', url: 'https://acme.atlassian.net/browse/PAY-1' },
      ],
      ageMs: 19 * DAY,
    });
    expect(summary.topHolders.map((h) => [h.title, h.holdsUp])).toEqual([['OPS-9', 2], ['Ticket PAY-4', 1]]);
  });

  it('writes the row’s own repository’s items as #n in its few words, and keeps the full sentences', () => {
    const stacked = pullItem(9, { upstream: [{ key: 'github:octo-org/api#8', kind: 'stacked-on', open: true, title: 'Extract client', at: '2026-11-15T09:00:00Z' }] });
    const [row] = summarize([stacked]).items;
    expect(row).toMatchObject({ headCause: 'waits on #8', move: { short: 'land the base #8 first' } });
    expect(row!.move!.text).toContain('octo-org/api#8');
    // An upstream item whose state FlowLens could not read is still said to be unverified.
    const unread = jiraItem(7, { upstream: [{ key: 'jira:acme.atlassian.net/PAY-40', kind: 'blocked-by', at: '2026-11-17T08:00:00Z' }] });
    expect(summarize([unread]).items[0]!.headCause).toBe('waits on PAY-40 (unverified)');
  });

  it('offers only team members to filter by when members are set', () => {
    expect(summarize(teamItems(), [], ['CAROL', 'a1']).people).toEqual(['carol', 'Priya']);
  });

  it('carries percentiles only when there are enough finished items', () => {
    expect(summarize(teamItems()).percentiles).toBeUndefined();
    expect(summarize(teamItems(), [1, 2, 3, 4, 5].map((d) => d * DAY)).percentiles).toMatchObject({ p50: 3 * DAY, sample: 5 });
  });

  it('links each row and named item to its own page: script, data and other sites’ URLs from the answers become the page built from the key', () => {
    const hostile = teamItems().map((item, i) => ({ ...item, url: ['javascript:alert(1)', 'data:text/html,x', 'https://evil.example/phish', 'http://acme.atlassian.net/browse/PAY-4', '', ''][i]! }));
    const summary = summarize(hostile);
    expect(summary.items.map((row) => row.url)).toEqual([
      'https://acme.atlassian.net/browse/PAY-2', 'https://acme.atlassian.net/browse/PAY-1', 'https://acme.atlassian.net/browse/PAY-4', 'https://github.com/octo-org/api/issues/3', '',
    ]);
    expect(summary.criticalPath.steps.map((step) => step.url)).toEqual([undefined, 'https://acme.atlassian.net/browse/PAY-4', 'https://acme.atlassian.net/browse/PAY-1']);
    expect(JSON.stringify(summary)).not.toMatch(/javascript:|data:|evil\.example|http:/);
  });

  // The summary read dates with Date.parse, the flow core with parseTime: a Jira offset read alike,
  // but a time without a zone or words with a year became an age here and nothing there.
  it('reads an item’s creation as the flow core does: a Jira offset, and never a guess', () => {
    const ages = summarize([
      jiraItem(1, { createdAt: '2026-11-01T09:00:00.000+0000' }),
      jiraItem(2, { createdAt: '2026-11-01T09:00:00' }),
      jiraItem(3, { createdAt: 'created Nov 2026' }),
    ]).items.map((item) => [item.key, item.ageMs]);
    expect(ages).toEqual([
      ['jira:acme.atlassian.net/PAY-1', 19 * DAY],
      ['jira:acme.atlassian.net/PAY-2', 0],
      ['jira:acme.atlassian.net/PAY-3', 0],
    ]);
  });

  it('is empty, not broken, without items', () => {
    expect(summarize([])).toEqual({ at: NOW, items: [], people: [], clusters: [], criticalPath: { steps: [], ageMs: 0 }, topHolders: [] });
  });
});

describe('filters', () => {
  const summary = summarize(teamItems());

  it('keeps items naming the person, of the source, in the state', () => {
    expect(filterItems(summary.items, { person: 'carol' }).map((i) => i.key)).toEqual(['github:octo-org/api#3']);
    expect(filterItems(summary.items, { source: 'jira' })).toHaveLength(4);
    expect(filterItems(summary.items, { state: 'blocked', person: 'Priya' }).map((i) => i.key.slice(-5))).toEqual(['PAY-2', 'PAY-1', 'PAY-4']);
    expect(filterItems(summary.items, { source: 'github', state: 'blocked' })).toEqual([]);
    expect(filterItems(summary.items, {})).toEqual(summary.items);
  });

  it('recomputes cluster totals for the filtered items', () => {
    const view = filterSummary(summary, { state: 'blocked', source: 'jira' });
    expect(view.clusters).toEqual(summary.clusters);
    expect(filterSummary(summary, { state: 'flowing' }).clusters).toEqual([]);
    expect(clusterTotals(filterItems(summary.items, { person: 'Priya' })).map((c) => c.cluster)).toEqual(['unknown', 'dependency', 'external']);
  });

  it('takes the critical path and the top holders from the shown items', () => {
    // Blocked Jira items: PAY-1 waits on PAY-4, which waits on OPS-9; PAY-2 waits on nothing named.
    const blocked = filterSummary(summary, { state: 'blocked', source: 'jira' });
    expect(blocked.filtered).toBe(true);
    expect(blocked.criticalPath).toEqual(summary.criticalPath);
    expect(blocked.topHolders.map((h) => [h.title, h.holdsUp])).toEqual([['OPS-9', 2], ['Ticket PAY-4', 1]]);
    expect(filterSummary(summary, { state: 'blocked', person: 'Priya' }).criticalPath.steps.map((step) => step.title)).toEqual(['OPS-9', 'Ticket PAY-4', 'Ticket PAY-1']);
    // With PAY-1 left out, the longest chain ending at a shown item is PAY-4's: OPS-9, opened
    // when nobody knows, and PAY-4, opened 1 Nov, 19 days before now.
    const own = { ...summary, items: summary.items.filter((item) => item.key.endsWith('PAY-4') || item.key.endsWith('PAY-5')) };
    const alone = filterSummary(own, { source: 'jira', state: 'blocked' });
    expect(alone.criticalPath).toMatchObject({ steps: [{ title: 'OPS-9' }, { title: 'Ticket PAY-4' }], ageMs: 19 * DAY });
    expect(alone.topHolders).toEqual([{ key: 'jira:acme.atlassian.net/OPS-9', title: 'OPS-9', holdsUp: 1 }]);
    // Carol's pull request waits on nothing: no chain, nobody holds it up.
    const carols = filterSummary(summary, { person: 'carol' });
    expect(carols.criticalPath).toEqual({ steps: [], ageMs: 0 });
    expect(carols.topHolders).toEqual([]);
    // Filters that leave every item in change nothing.
    expect(filterSummary(summary, {})).toBe(summary);
  });

});

describe('glanceOf', () => {
  const summary = summarize(teamItems());
  const keys = (items: readonly { key: string }[]) => items.map((item) => item.key.replace(/^.*[/]/, ''));

  it('counts each stuck state over every item, and lists the stuck ones longest first', () => {
    const glance = glanceOf(summary, {});
    const stuck = summary.items.filter((item) => ['blocked', 'waiting', 'failing'].includes(item.state));
    expect(glance.counts).toEqual({ blocked: stuck.filter((i) => i.state === 'blocked').length, waiting: stuck.filter((i) => i.state === 'waiting').length, failing: stuck.filter((i) => i.state === 'failing').length });
    expect(keys(glance.stuck)).toEqual(keys(stuck));
    expect(glance.stuckCount).toBe(stuck.length);
    expect(glance.open).toBe(summary.items.length);
    expect(glance.oldest).toEqual(longestStuck(summary.items, NOW));
    expect(glance.people).toBe(summary.people);
    // Jira keys are of no repository, and every GitHub item is octo-org/api's.
    expect(glance.oneRepo).toBe(true);
    const other = { ...summary.items[0]!, key: 'github:octo-org/web#9' };
    expect(glanceOf({ ...summary, items: [...summary.items, other] }, {}).oneRepo).toBe(false);
  });

  it('keeps the counts of every state under a state filter, and takes the rest from the items shown', () => {
    const glance = glanceOf(summary, { state: 'waiting', source: 'github' });
    expect(glance.counts).toEqual(glanceOf(summary, { source: 'github' }).counts);
    expect(glance.stuck.every((item) => item.state === 'waiting' && item.source === 'github')).toBe(true);
    expect(glance.open).toBe(filterItems(summary.items, { state: 'waiting', source: 'github' }).length);
    expect(glance.oldest?.item.state).toBe('waiting');
  });
});

describe('longestStuck', () => {
  const summary = summarize(teamItems());

  it('finds the item stuck longest: PAY-2, in a Blocked status since 3 Nov, 17 days', () => {
    expect(longestStuck(summary.items, NOW)).toMatchObject({ item: { key: 'jira:acme.atlassian.net/PAY-2' }, ms: 17 * DAY, atLeast: false });
  });

  it('counts a lower bound as one, says so, and skips flowing items and items with no start', () => {
    const untimed = jiraItem(7, { upstream: [{ key: 'jira:acme.atlassian.net/PAY-40', kind: 'blocked-by', open: true, seenAt: '2026-10-30T09:00:00Z' }] });
    const rows = summarize([...teamItems(), untimed]).items;
    expect(longestStuck(rows, NOW)).toMatchObject({ item: { key: 'jira:acme.atlassian.net/PAY-7' }, ms: 21 * DAY, atLeast: true });
    expect(longestStuck(rows.filter((row) => row.state === 'flowing'), NOW)).toBeUndefined();
    expect(longestStuck([{ ...rows[0]!, since: undefined, bound: undefined }] as never, NOW)).toBeUndefined();
  });
});

describe('medianShares', () => {
  it('gives each kind’s median share of a finished item’s life, an item without it counting as 0', () => {
    // Review: 0.5, 0.2, 0, 0.6, 0.1 → sorted 0, 0.1, 0.2, 0.5, 0.6: 0.2. Neither: 0.5, 0.8, 1,
    // 0.4, 0.9 → 0.8. Blocked only in one item: 0, 0, 0, 0, 0: no median, left out.
    const shares = [{ review: 0.5, neither: 0.5 }, { review: 0.2, neither: 0.8 }, { neither: 1 }, { review: 0.6, neither: 0.4 }, { review: 0.1, neither: 0.9 }];
    expect(medianShares(shares)).toEqual({ sample: 5, medians: { review: 0.2, neither: 0.8 } });
    // Six items: the mean of the two middle values. Author: 0, 0, 0, 0.2, 0.3, 0.4 → (0 + 0.2) / 2.
    const six = [...shares.map((s) => ({ ...s })), { author: 0.4, neither: 0.6 }];
    Object.assign(six[0]!, { author: 0.2 });
    Object.assign(six[1]!, { author: 0.3 });
    expect(medianShares(six)?.medians.author).toBeCloseTo(0.1, 10);
  });

  it('says nothing from fewer than five items', () => {
    expect(medianShares([{ neither: 1 }, { neither: 1 }, { neither: 1 }, { neither: 1 }])).toBeUndefined();
  });
});
