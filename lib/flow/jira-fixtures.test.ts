// Blocked intervals of real Jira Cloud payloads (../shared/fixtures/jira/jirametrics), worked out
// by hand from each changelog. Skipped when the shared fixtures are not beside the repository.
import { describe, expect, it } from 'vitest';
import { analyzeItem } from './analyze';
import { parseFlowSettings } from './flow-settings';
import { haveJiraFixtures, jiraFixtureItem, jiraFixturesTitle } from './testing/jira-fixture';

// Most tests count only Flagged and a "Blocked" status as blocked and no status as a queue, so
// the intervals can be read straight off the changelog; one test uses the defaults.
const settings = parseFlowSettings({ blockedStatuses: ['Blocked'], waitingStatuses: [] });
const ms = (iso: string) => Date.parse(iso);
const rows = (analysis: ReturnType<typeof analyzeItem>) => analysis.intervals.map((i) => [i.state, i.start, i.end, i.durationMs]);

describe.skipIf(!haveJiraFixtures)(jiraFixturesTitle('real Jira payloads'), () => {
  it('SP-10: flagged for 24.892 s, then done', () => {
    // Flagged 2021-09-06T04:33:30.647, unflagged 04:33:55.539 → 55.539 − 30.647 = 24.892 s.
    // Review → Done at 04:34:26.239 closes it: done since the resolution date, 04:34:26.204.
    const analysis = analyzeItem(jiraFixtureItem('testdata__SP-10'), { settings }, ms('2022-01-01T00:00:00Z'));
    expect(rows(analysis)).toEqual([['blocked', '2021-09-06T04:33:30.647Z', '2021-09-06T04:33:55.539Z', 24_892]]);
    expect(analysis.totalBlockedMs).toBe(24_892);
    expect(analysis).toMatchObject({ state: 'done', since: '2021-09-06T04:34:26.204Z', warnings: [] });
  });

  it('SP-10 with the default queues: waiting in "Selected for Development" around the flag', () => {
    // Selected 2021-08-29T18:06:28.717 → In Progress 18:06:55.587: 55.587 − 28.717 = 26.870 s waiting.
    // Selected again 2021-09-06T04:33:11.219 → flagged 04:33:30.647: 19.428 s waiting;
    // flagged → unflagged 04:33:55.539: 24.892 s blocked; still Selected → In Progress 04:34:02.253: 6.714 s.
    const analysis = analyzeItem(jiraFixtureItem('testdata__SP-10'), { settings: parseFlowSettings({}) }, ms('2022-01-01T00:00:00Z'));
    expect(rows(analysis)).toEqual([
      ['waiting', '2021-08-29T18:06:28.717Z', '2021-08-29T18:06:55.587Z', 26_870],
      ['waiting', '2021-09-06T04:33:11.219Z', '2021-09-06T04:33:30.647Z', 19_428],
      ['blocked', '2021-09-06T04:33:30.647Z', '2021-09-06T04:33:55.539Z', 24_892],
      ['waiting', '2021-09-06T04:33:55.539Z', '2021-09-06T04:34:02.253Z', 6_714],
    ]);
    expect(analysis.totalWaitingMs).toBe(26_870 + 19_428 + 6_714);
  });

  it('SP-1: flagged on Sun 29 Aug and still flagged: one open interval, in calendar and working time', () => {
    // Flagged 2021-08-29T18:04:39.112Z; at 2021-09-01T00:00Z that is
    // 2 d (172 800 000) + 5 h 55 min 20.888 s (21 320 888) = 194 120 888 ms.
    // Working time: Sunday 29 Aug does not count; Mon 30 and Tue 31 Aug do: 2 × 86 400 000.
    const analysis = analyzeItem(jiraFixtureItem('testdata__SP-1'), { settings }, ms('2021-09-01T00:00:00Z'));
    expect(analysis).toMatchObject({ state: 'blocked', since: '2021-08-29T18:04:39.112Z', totalBlockedMs: 194_120_888, totalBlockedWorkingMs: 172_800_000 });
    expect(rows(analysis)).toEqual([['blocked', '2021-08-29T18:04:39.112Z', undefined, 194_120_888]]);
    expect(analysis.causeText).toBe('Blocked since Sun 29 Aug: flagged as an impediment.');
  });

  it('SP-1 (later sample): moving to Review while flagged keeps the one interval', () => {
    // In Progress → Review on 2021-12-14T00:30:15.283 changes nothing: still flagged since 29 Aug.
    const analysis = analyzeItem(jiraFixtureItem('complete_sample__sample_issues__SP-1'), { settings }, ms('2021-12-15T00:00:00Z'));
    expect(rows(analysis)).toEqual([['blocked', '2021-08-29T18:04:39.112Z', undefined, ms('2021-12-15T00:00:00Z') - ms('2021-08-29T18:04:39.112Z')]]);
  });

  it('SP-5: the flag outlives a Done and a reopen: two intervals; working time skips weekends and holidays', () => {
    // Flagged 2021-08-29T18:04:59.081Z (Sun) until Done 2021-09-06T04:34:14.358Z (Mon):
    //   5:55:00.919 (21 300 919) + 7 d (604 800 000) + 4:34:14.358 (16 454 358) = 642 555 277 ms.
    //   Working: Mon 30 Aug–Fri 3 Sep, 5 × 86 400 000, plus Mon 6 Sep 00:00–04:34:14.358 = 448 454 358.
    // Reopened (Done → Selected) 2021-10-11T12:48:42.419Z, still flagged, Done again 12:49:07.261Z:
    //   24 842 ms, on a Monday, so all of it is working time.
    const analysis = analyzeItem(jiraFixtureItem('complete_sample__sample_issues__SP-5'), { settings }, ms('2022-01-01T00:00:00Z'));
    expect(analysis.intervals.map((i) => [i.start, i.end, i.durationMs, i.workingMs])).toEqual([
      ['2021-08-29T18:04:59.081Z', '2021-09-06T04:34:14.358Z', 642_555_277, 448_454_358],
      ['2021-10-11T12:48:42.419Z', '2021-10-11T12:49:07.261Z', 24_842, 24_842],
    ]);
    expect(analysis).toMatchObject({ state: 'done', totalBlockedMs: 642_580_119, totalBlockedWorkingMs: 448_479_200 });
    // With Mon 6 Sep 2021 (Labor Day) off, the first interval loses its last 16 454 358 ms of working time.
    const holiday = analyzeItem(jiraFixtureItem('complete_sample__sample_issues__SP-5'), { settings: parseFlowSettings({ ...settings, nonWorkingDates: ['2021-09-06'] }) }, ms('2022-01-01T00:00:00Z'));
    expect(holiday.totalBlockedWorkingMs).toBe(432_000_000 + 24_842);
  });

  it('SP-15: blocked by SP-14, which was Done five days before the link; only the later flag blocks', () => {
    // "is blocked by SP-14" added 2022-04-24T16:42:42.531, but SP-14's own payload says it was
    // resolved 2022-04-19T01:53:07.028. Flagged 20:30:51.748: blocked for one day to now.
    const item = jiraFixtureItem('testdata__SP-15');
    expect(item.upstream).toMatchObject([{ key: 'jira:improvingflow.atlassian.net/SP-14', open: false, resolvedAt: '2022-04-19T01:53:07.028+0000' }]);
    const analysis = analyzeItem(item, { settings }, ms('2022-04-25T20:30:51.748Z'));
    expect(rows(analysis)).toEqual([['blocked', '2022-04-24T20:30:51.748Z', undefined, 86_400_000]]);
    expect(analysis.openBlockers).toEqual([]);
    expect(analysis.warnings).toEqual([]);
  });

  it('SP-15, had SP-14 been resolved at 18:00 that day: blocked by the link until then, then by the flag', () => {
    // Link 16:42:42.531 → SP-14 resolved 18:00:00.000 = 1:17:17.469 = 4 637 469 ms;
    // flowing 2.5 h (more than the 30 min re-flag gap, so not joined); flagged 20:30:51.748 → now.
    const item = jiraFixtureItem('testdata__SP-15');
    item.upstream = item.upstream.map((link) => ({ ...link, resolvedAt: '2022-04-24T18:00:00.000Z' }));
    const analysis = analyzeItem(item, { settings }, ms('2022-04-25T20:30:51.748Z'));
    expect(rows(analysis)).toEqual([
      ['blocked', '2022-04-24T16:42:42.531Z', '2022-04-24T18:00:00.000Z', 4_637_469],
      ['blocked', '2022-04-24T20:30:51.748Z', undefined, 86_400_000],
    ]);
    expect(analysis.intervals[0]!.causes.map((c) => c.kind)).toEqual(['blocked-by']);
  });

  it('SP-15, had nobody said when SP-14 was resolved: the link is not counted, and the warning says why', () => {
    const item = jiraFixtureItem('testdata__SP-15');
    item.upstream = item.upstream.map(({ resolvedAt: _, ...link }) => link);
    const analysis = analyzeItem(item, { settings }, ms('2022-04-25T20:30:51.748Z'));
    expect(rows(analysis)).toHaveLength(1);
    expect(analysis.warnings).toEqual(['jira:improvingflow.atlassian.net/SP-14 is closed but not when: the time it blocked this item is not counted.']);
  });

  it('SP-2: never blocked, waiting in "Selected for Development" since 18 Jun with the defaults', () => {
    // Backlog → Selected for Development 2021-06-18T18:43:38.192: a queue, and nothing since.
    const analysis = analyzeItem(jiraFixtureItem('testdata__SP-2'), { settings: parseFlowSettings({}) }, ms('2021-06-25T18:43:38.192Z'));
    expect(analysis).toMatchObject({ state: 'waiting', since: '2021-06-18T18:43:38.192Z', totalBlockedMs: 0, totalWaitingMs: 7 * 86_400_000 });
  });
});
