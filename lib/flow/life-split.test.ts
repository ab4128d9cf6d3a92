import { describe, expect, it } from 'vitest';
import { analyzeItem } from './analyze';
import { defaultFlowSettings } from './flow-settings';
import { kindShares, LIFE_KINDS, LIFE_WORDS, lifeSplit, rankedShares } from './life-split';
import type { WorkItem } from './model';
import { jiraItem, pullItem } from './testing/items';

const bob = { id: 'bob', name: 'bob' };
const split = (item: WorkItem, at: string) => lifeSplit(item, analyzeItem(item, { settings: defaultFlowSettings }, at).intervals, Date.parse(at));
const kinds = (item: WorkItem, at: string) => split(item, at).map((s) => [s.kind, s.start.slice(5, 16), s.end.slice(5, 16), s.ms / 60_000]);

describe('where an item’s time went', () => {
  // Opened as a draft on Tue 10 Nov 09:00; ready on Wed 11 Nov 09:00, when CI ran for 30 min;
  // bob asked at 10:00, changes requested Thu 12 Nov 10:00; labelled "blocked" 12:00-18:00 that
  // day; bob approved on Fri 13 Nov 10:00; now is 12:00.
  const pull = pullItem(7, {
    createdAt: '2026-11-10T09:00:00Z',
    requestedReviewers: [],
    timeline: [
      { type: 'created', at: '2026-11-10T09:00:00Z' },
      { type: 'ready-for-review', at: '2026-11-11T09:00:00Z' },
      { type: 'check', at: '2026-11-11T09:30:00Z', startedAt: '2026-11-11T09:00:00Z', name: 'test', conclusion: 'success', required: true },
      { type: 'review-requested', at: '2026-11-11T10:00:00Z', reviewer: bob },
      { type: 'reviewed', at: '2026-11-12T10:00:00Z', by: bob, verdict: 'changes-requested' },
      { type: 'labeled', at: '2026-11-12T12:00:00Z', label: 'blocked' },
      { type: 'unlabeled', at: '2026-11-12T18:00:00Z', label: 'blocked' },
      { type: 'reviewed', at: '2026-11-13T10:00:00Z', by: bob, verdict: 'approved' },
    ],
  });
  pull.signals = { ...pull.signals, draft: false, reviewDecision: 'approved', pendingReviewers: [], labels: [], checks: 'success', failingChecks: [] };

  it('splits a pull request’s life by what held it, the strongest hold winning where two overlap', () => {
    expect(kinds(pull, '2026-11-13T12:00:00Z')).toEqual([
      ['draft', '11-10T09:00', '11-11T09:00', 24 * 60],
      ['ci', '11-11T09:00', '11-11T09:30', 30],
      ['neither', '11-11T09:30', '11-11T10:00', 30],
      ['review', '11-11T10:00', '11-12T10:00', 24 * 60],
      ['author', '11-12T10:00', '11-12T12:00', 2 * 60],
      // Blocked while the author had to act: blocked wins.
      ['blocked', '11-12T12:00', '11-12T18:00', 6 * 60],
      ['author', '11-12T18:00', '11-13T10:00', 16 * 60],
      ['neither', '11-13T10:00', '11-13T12:00', 2 * 60],
    ]);
    // It is open: the last stretch lasts; the stretches add up to its age, 3 d 3 h.
    const life = split(pull, '2026-11-13T12:00:00Z');
    expect(life.at(-1)!.open).toBe(true);
    expect(life.reduce((sum, s) => sum + s.ms, 0)).toBe((3 * 24 + 3) * 3_600_000);
  });

  it('ends a done item’s life at its resolution, and a waiting status is not review', () => {
    const jira = jiraItem(3, {
      createdAt: '2026-11-01T09:00:00Z', state: 'closed', resolvedAt: '2026-11-05T09:00:00Z',
      signals: { status: 'Done', statusCategory: 'done' },
      timeline: [{ type: 'created', at: '2026-11-01T09:00:00Z' }, { type: 'status', at: '2026-11-03T09:00:00Z', to: 'Waiting for customer' }, { type: 'status', at: '2026-11-05T09:00:00Z', to: 'Done' }],
    });
    const settings = { ...defaultFlowSettings, waitingStatuses: ['Waiting for customer'] };
    const life = lifeSplit(jira, analyzeItem(jira, { settings }, '2026-11-20T09:00:00Z').intervals, Date.parse('2026-11-20T09:00:00Z'));
    expect(life.map((s) => [s.kind, s.ms / 86_400_000])).toEqual([['neither', 2], ['waiting', 2]]);
    expect(life.some((s) => s.open)).toBe(false);
  });

  it('says nothing without an opening, and names every kind', () => {
    expect(split({ ...pull, createdAt: 'unknown' }, '2026-11-13T12:00:00Z')).toEqual([]);
    expect(LIFE_KINDS.map((kind) => LIFE_WORDS[kind])).toEqual(['blocked by another item or team', 'the author to act', 'waiting for review', 'waiting in a status', 'draft', 'CI running', 'neither']);
  });
});

describe('shares of a life', () => {
  it('sums each kind over its stretches, and ranks the kinds largest first, ties in the kinds’ order', () => {
    const life = [
      { kind: 'neither' as const, start: 'a', end: 'b', ms: 1 },
      { kind: 'review' as const, start: 'b', end: 'c', ms: 2 },
      { kind: 'neither' as const, start: 'c', end: 'd', ms: 1 },
    ];
    expect(kindShares(life)).toEqual({ neither: 0.5, review: 0.5 });
    expect(rankedShares(kindShares(life))).toEqual([['review', 0.5], ['neither', 0.5]]);
    expect(rankedShares({ draft: 0, ci: 0.25, author: 0.75 })).toEqual([['author', 0.75], ['ci', 0.25]]);
    expect(kindShares([])).toEqual({});
  });
});
