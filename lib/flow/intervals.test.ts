import { describe, expect, it } from 'vitest';
import { analyzeItem } from './analyze';
import { parseFlowSettings } from './flow-settings';
import { replay } from './intervals';
import type { FlowEvent, WorkItem } from './model';
import { haveJiraFixtures, jiraFixtureItem } from './testing/jira-fixture';

// Fixture tests count only Flagged and a "Blocked" status as blocked, and no waiting statuses,
// so the expected intervals below can be read straight off the changelog.
const settings = parseFlowSettings({ blockedStatuses: ['Blocked'], waitingStatuses: [] });
const ms = (iso: string) => Date.parse(iso);

describe.skipIf(!haveJiraFixtures)('blocked intervals of real Jira payloads', () => {
  it('SP-10: flagged for 24.892 s, then done', () => {
    // Flagged 2021-09-06T04:33:30.647, unflagged 04:33:55.539 → 55.539 − 30.647 = 24.892 s.
    const item = jiraFixtureItem('testdata__SP-10');
    const analysis = analyzeItem(item, { settings }, ms('2022-01-01T00:00:00Z'));
    expect(analysis.intervals.map((i) => [i.state, i.start, i.end, i.durationMs])).toEqual([
      ['blocked', '2021-09-06T04:33:30.647Z', '2021-09-06T04:33:55.539Z', 24_892],
    ]);
    expect(analysis.totalBlockedMs).toBe(24_892);
    // Review → Done at 04:34:26.239 emits "closed": the item is done.
    expect(analysis.state).toBe('done');
  });

  it('SP-1: flagged on 29 Aug and still flagged: an open interval, blocked since the flag', () => {
    // Flagged 2021-08-29T18:04:39.112Z; at 2021-09-01T00:00Z that is
    // 2 d (172 800 000) + 5 h 55 min 20.888 s (21 320 888) = 194 120 888 ms.
    const now = ms('2021-09-01T00:00:00Z');
    const analysis = analyzeItem(jiraFixtureItem('testdata__SP-1'), { settings }, now);
    expect(analysis.state).toBe('blocked');
    expect(analysis.since).toBe('2021-08-29T18:04:39.112Z');
    expect(analysis.intervals).toHaveLength(1);
    expect(analysis.intervals[0]).toMatchObject({ state: 'blocked', start: '2021-08-29T18:04:39.112Z', durationMs: 194_120_888 });
    expect(analysis.intervals[0]!.end).toBeUndefined();
    expect(analysis.causeText).toBe('Blocked since Sun 29 Aug: flagged as an impediment.');
  });

  it('SP-5: the flag outlives a Done and a reopen, making two intervals, in calendar and working time', () => {
    // Flagged 2021-08-29T18:04:59.081Z (Sun) until Done 2021-09-06T04:34:14.358Z (Mon):
    //   7 d 10 h 29 min 15.277 s = 642 555 277 ms; working days Mon 30 Aug–Fri 3 Sep (5 × 86 400 000)
    //   plus Mon 6 Sep 00:00–04:34:14.358 (16 454 358) = 448 454 358 ms.
    // Reopened (Done → Selected) 2021-10-11T12:48:42.419Z, still flagged, Done again 12:49:07.261Z:
    //   24 842 ms, on a Monday, so all of it is working time.
    const analysis = analyzeItem(jiraFixtureItem('complete_sample__sample_issues__SP-5'), { settings }, ms('2022-01-01T00:00:00Z'));
    expect(analysis.intervals.map((i) => [i.start, i.end, i.durationMs, i.workingMs])).toEqual([
      ['2021-08-29T18:04:59.081Z', '2021-09-06T04:34:14.358Z', 642_555_277, 448_454_358],
      ['2021-10-11T12:48:42.419Z', '2021-10-11T12:49:07.261Z', 24_842, 24_842],
    ]);
    expect(analysis.totalBlockedMs).toBe(642_580_119);
    expect(analysis.totalBlockedWorkingMs).toBe(448_479_200);
    expect(analysis.state).toBe('done');
  });

  it('SP-15: a link to an issue that was already Done does not block; the later flag does', () => {
    // "is blocked by SP-14" added 2022-04-24T16:42:42.531Z, but SP-14 was Done on 19 Apr.
    // Flagged at 20:30:51.748Z: blocked from then on.
    const analysis = analyzeItem(jiraFixtureItem('testdata__SP-15'), { settings }, ms('2022-04-25T20:30:51.748Z'));
    expect(analysis.intervals.map((i) => [i.start, i.durationMs])).toEqual([['2022-04-24T20:30:51.748Z', 86_400_000]]);
    expect(analysis.openBlockers).toEqual([]);
  });
});

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
