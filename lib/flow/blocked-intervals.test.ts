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

  it('keeps the events that began and ended an interval: the first cause in, the last cause out', () => {
    const { intervals } = replay(item(timeline), settings, ms('2026-11-03T00:00:00Z'));
    // Blocked from the status at 10:00 (the flag and the link only add causes) to the link's removal at 15:00.
    expect(intervals[0]!.startedBy).toEqual([timeline[0]]);
    expect(intervals[0]!.endedBy).toEqual([timeline[5]]);
  });

  it('cites, of the events of one instant, only those that changed the state: an assignment beside a flag is not one', () => {
    const assigned: FlowEvent = { type: 'assigned', at: '2026-11-02T10:00:00Z', to: { id: 'u1', name: 'Ana' } };
    const flag: FlowEvent = { type: 'flagged', at: '2026-11-02T10:00:00Z', by: { id: 'u1', name: 'Ana' } };
    const { intervals } = replay(item([assigned, flag]), settings, ms('2026-11-03T00:00:00Z'));
    expect(intervals.map((i) => [i.startedBy, i.endedBy])).toEqual([[[flag], undefined]]);
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
    // The joined interval is cited from the first flag to the last unflag.
    expect(joined.map((i) => [i.startedBy, i.endedBy])).toEqual([[[flags[0]], [flags[3]]]]);
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

describe('blockers that get resolved', () => {
  const now = ms('2026-11-03T00:00:00Z');

  it('blocks from the link until the blocker was resolved: 10:00–12:00', () => {
    const resolved = { ...blocker, open: false, resolvedAt: '2026-11-02T12:00:00Z' };
    const linked = item([{ type: 'link-added', at: '2026-11-02T10:00:00Z', link: { key: blocker.key, kind: 'blocked-by' } }], { upstream: [resolved] });
    const { intervals, warnings } = replay(linked, settings, now);
    expect(intervals.map((i) => [i.start, i.end, i.durationMs])).toEqual([['2026-11-02T10:00:00.000Z', '2026-11-02T12:00:00.000Z', 2 * 3_600_000]]);
    expect(warnings).toEqual([]);
  });

  it('does not block when linked after the blocker was resolved, even at the same instant', () => {
    for (const at of ['2026-11-02T13:00:00Z', '2026-11-02T12:00:00Z']) {
      const late = item([{ type: 'link-added', at, link: { key: blocker.key, kind: 'blocked-by' } }], { upstream: [{ ...blocker, open: false, resolvedAt: '2026-11-02T12:00:00Z' }] });
      expect(replay(late, settings, now).intervals).toEqual([]);
    }
  });

  it('blocks from a link recorded only on the upstream list, still open now', () => {
    const listed = item([], { upstream: [{ ...blocker, at: '2026-11-02T20:00:00Z' }] });
    expect(replay(listed, settings, now).intervals.map((i) => [i.start, i.end])).toEqual([['2026-11-02T20:00:00.000Z', undefined]]);
  });
});

describe('times as sources send them', () => {
  it('reads Jira’s +0000 offsets, and refuses a time without a zone rather than read it in the local one', () => {
    const jira = item([{ type: 'flagged', at: '2026-11-02T10:00:00.000+0000' }, { type: 'unflagged', at: '2026-11-02T12:00:00.000+0100' }]);
    // 12:00 at +01:00 is 11:00 UTC: one hour flagged (two, had the offset been dropped).
    expect(replay(jira, settings, ms('2026-11-03T00:00:00Z')).intervals.map((i) => i.durationMs)).toEqual([3_600_000]);
    const local = item([{ type: 'flagged', at: '2026-11-02T10:00:00' }]);
    const history = replay(local, settings, ms('2026-11-03T00:00:00Z'));
    expect(history.intervals).toEqual([]);
    expect(history.warnings).toEqual(['Ignored 1 event with an unreadable date.']);
  });

  it('reads an unflag and re-flag at one instant as still flagged', () => {
    const same: FlowEvent[] = [
      { type: 'flagged', at: '2026-11-02T10:00:00Z' },
      { type: 'flagged', at: '2026-11-02T11:00:00Z' },
      { type: 'unflagged', at: '2026-11-02T11:00:00Z' },
      { type: 'unflagged', at: '2026-11-02T12:00:00Z' },
    ];
    const { intervals } = replay(item(same), parseFlowSettings({ reflagGapMs: 0 }), ms('2026-11-03T00:00:00Z'));
    expect(intervals.map((i) => [i.start, i.end])).toEqual([['2026-11-02T10:00:00.000Z', '2026-11-02T12:00:00.000Z']]);
  });

  it('starts the history at the first event when the creation date is unreadable, and says so', () => {
    const undated = item([{ type: 'flagged', at: '2026-11-02T10:00:00Z' }], { createdAt: 'last week', timeline: [{ type: 'flagged', at: '2026-11-02T10:00:00Z' }] });
    const history = replay(undated, settings, ms('2026-11-02T12:00:00Z'));
    expect(history.intervals.map((i) => i.durationMs)).toEqual([2 * 3_600_000]);
    expect(history.warnings).toEqual(['The creation date is unreadable: the history starts at the first event.']);
  });
});
