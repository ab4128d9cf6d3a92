import { describe, expect, it } from 'vitest';
import { parseFlowSettings } from './flow-settings';
import { replay } from './blocked-intervals';
import type { FlowEvent, WorkItem } from './model';

const settings = parseFlowSettings({ blockedStatuses: ['Blocked'], waitingStatuses: [] });
const ms = (iso: string) => Date.parse(iso);

function item(timeline: FlowEvent[], extra: Partial<WorkItem> = {}): WorkItem {
  return {
    key: 'jira:acme.atlassian.net/PAY-1',
    source: 'jira',
    kind: 'jira-issue',
    title: 'Card payments',
    url: 'https://acme.atlassian.net/browse/PAY-1',
    state: 'open',
    assignees: [],
    requestedReviewers: [],
    createdAt: '2026-11-02T09:00:00Z',
    container: 'PAY',
    signals: {},
    timeline: [{ type: 'created', at: '2026-11-02T09:00:00Z' }, ...timeline],
    upstream: [],
    downstream: [],
    ...extra,
  };
}

const blocker = { key: 'jira:acme.atlassian.net/PAY-9', kind: 'blocked-by' as const, open: true };

describe('overlapping and repeated causes', () => {
  const timeline: FlowEvent[] = [
    { type: 'status', at: '2026-11-02T10:00:00Z', to: 'Blocked' },
    { type: 'flagged', at: '2026-11-02T11:00:00Z' },
    { type: 'link-added', at: '2026-11-02T12:00:00Z', link: blocker },
    { type: 'unflagged', at: '2026-11-02T13:00:00Z' },
    { type: 'status', at: '2026-11-02T14:00:00Z', to: 'In Progress' },
    { type: 'link-removed', at: '2026-11-02T15:00:00Z', key: blocker.key },
  ];

  it('counts a Blocked status, a flag and an open blocker that overlap once: 10:00–15:00', () => {
    const { intervals } = replay(item(timeline), settings, ms('2026-11-03T00:00:00Z'));
    expect(intervals).toHaveLength(1);
    expect(intervals[0]).toMatchObject({ start: '2026-11-02T10:00:00.000Z', end: '2026-11-02T15:00:00.000Z', durationMs: 5 * 3_600_000 });
    expect(intervals[0]!.causes.map((c) => c.kind).sort()).toEqual(['blocked-by', 'blocked-status', 'flagged']);
  });

  it('joins an unflag and re-flag within the gap into one interval, and not beyond it', () => {
    const flags: FlowEvent[] = [
      { type: 'flagged', at: '2026-11-02T10:00:00Z' },
      { type: 'unflagged', at: '2026-11-02T10:10:00Z' },
      { type: 'flagged', at: '2026-11-02T10:20:00Z' },
      { type: 'unflagged', at: '2026-11-02T11:00:00Z' },
    ];
    const now = ms('2026-11-03T00:00:00Z');
    const joined = replay(item(flags), parseFlowSettings({ reflagGapMs: 30 * 60_000 }), now).intervals;
    expect(joined.map((i) => [i.start, i.end])).toEqual([['2026-11-02T10:00:00.000Z', '2026-11-02T11:00:00.000Z']]);
    const apart = replay(item(flags), parseFlowSettings({ reflagGapMs: 5 * 60_000 }), now).intervals;
    expect(apart).toHaveLength(2);
  });

  it('reports and survives events out of order, duplicated, undated or in the future', () => {
    const messy: FlowEvent[] = [timeline[3]!, timeline[0]!, timeline[0]!, { type: 'flagged', at: 'yesterday' }, ...timeline.slice(1, 3), ...timeline.slice(4), { type: 'flagged', at: '2030-01-01T00:00:00Z' }];
    const clean = replay(item(timeline), settings, ms('2026-11-03T00:00:00Z'));
    const repaired = replay(item(messy), settings, ms('2026-11-03T00:00:00Z'));
    expect(repaired.intervals).toEqual(clean.intervals);
    expect(repaired.warnings).toEqual([
      'Ignored 1 event with an unreadable date.',
      'Ignored 1 duplicate event.',
      'Events arrived out of order and were sorted by time.',
      'Ignored 1 event dated after now.',
    ]);
  });
});
