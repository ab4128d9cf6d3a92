// Where the card's figures come from (figure-sources.ts, through toFlowView): first on
// hand-written items, then on real GitHub and Jira answers (../shared/fixtures/real-api, see its
// README) parsed through FlowLens's providers, each cited event worked out by hand from the JSON
// in the comments. The real-data suites skip, saying why, when the shared data is absent.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { haveShared, sharedJson, sharedTitle } from '../tests/support/shared';
import { analyzeItem } from './flow/analyze';
import { defaultFlowSettings, parseFlowSettings, type FlowSettings } from './flow/flow-settings';
import type { FlowEvent, WorkItem } from './flow/model';
import { byWords, stamp } from './figure-sources';
import { toFlowView } from './flow-view';
import type { GithubRef } from './item-key';
import { changelogEvents, jiraHistoryUrl } from './providers/jira/changelog';
import { readHistories } from './providers/jira/histories';
import { restHistoryEvents } from './providers/github/rest-timeline';
import { restIssue } from './providers/github/schema';
import { restToItem } from './providers/github/to-work-item';
import { jiraToItem } from './providers/jira/to-work-item';
import { keyUrl } from './safe-url';

const view = (item: WorkItem, at: string | number, settings: FlowSettings = defaultFlowSettings) => {
  const now = typeof at === 'number' ? at : Date.parse(at);
  return toFlowView(item, analyzeItem(item, { settings }, now), { now, fetchedAt: now, settings });
};

const PAGE = 'https://acme.atlassian.net/browse/PAY-1';
const HISTORY = jiraHistoryUrl(PAGE);
const ana = { id: 'u-ana', name: 'Ana' };
const ben = { id: 'u-ben', name: 'Ben' };

/** A hand-written Jira issue assigned to Ana, reported by Ben, opened Mon 2 Nov 2026 09:00Z, with `timeline` after its creation. */
function jira(timeline: FlowEvent[], extra: Partial<WorkItem> = {}): WorkItem {
  return {
    key: 'jira:acme.atlassian.net/PAY-1', source: 'jira', kind: 'jira-issue', title: 'Pay', url: PAGE, state: 'open',
    assignees: [ana], author: ben, requestedReviewers: [], createdAt: '2026-11-02T09:00:00.000Z', container: 'PAY',
    signals: { status: 'In Progress', statusCategory: 'indeterminate', flagged: false },
    timeline: [{ type: 'created', at: '2026-11-02T09:00:00.000Z', url: PAGE }, ...timeline], upstream: [], downstream: [], ...extra,
  };
}

describe('the sources of the card’s figures, on hand-written items', () => {
  // Flagged Tue 3 Nov 10:02 by Ana (the assignee), with a status change by Ben at the same instant
  // that changes nothing; unflagged Thu 5 Nov 09:00 by Ben (the reporter): 1 d 22 h 58 min.
  const flagged = jira([
    { type: 'flagged', at: '2026-11-03T10:02:00.000Z', by: ana, url: HISTORY },
    { type: 'status', at: '2026-11-03T10:02:00.000Z', from: 'To Do', to: 'In Progress', by: ben, url: HISTORY },
    { type: 'unflagged', at: '2026-11-05T09:00:00.000Z', by: ben, url: HISTORY },
  ]);

  it('cites blocked in all from the flag to the unflag, with who did each by their part in the item', () => {
    const trace = view(flagged, '2026-11-10T00:00:00Z').traces?.blocked;
    // 3 Nov 10:02 → 5 Nov 09:00 = 2 d less 1 h 2 min = 46 h 58 min = 169 080 s, all on weekdays (Tue–Thu).
    expect(trace).toEqual({
      time: 'working', ms: 169_080_000,
      spans: [{
        start: '2026-11-03T10:02:00.000Z', end: '2026-11-05T09:00:00.000Z', ms: 169_080_000,
        from: [{ at: '2026-11-03T10:02:00.000Z', words: 'flagged', by: 'its assignee', url: HISTORY }],
        to: [{ at: '2026-11-05T09:00:00.000Z', words: 'unflagged', by: 'its author', url: HISTORY }],
      }],
    });
    expect(stamp(trace!.spans[0]!.from[0]!.at)).toBe('Tue 3 Nov 10:02 UTC');
  });

  it('counts calendar time when working time is off, and says so', () => {
    const trace = view(flagged, '2026-11-10T00:00:00Z', parseFlowSettings({ ...defaultFlowSettings, workingTime: false })).traces?.blocked;
    expect(trace).toMatchObject({ time: 'calendar', ms: 169_080_000 });
  });

  it('counts only working days in working time: a block over a weekend loses the weekend', () => {
    // Flagged Fri 6 Nov 12:00, unflagged Mon 9 Nov 12:00: 3 d of calendar, of which Fri 12 h and
    // Mon 12 h are working days: 24 h.
    const weekend = jira([
      { type: 'flagged', at: '2026-11-06T12:00:00.000Z', by: ana, url: HISTORY },
      { type: 'unflagged', at: '2026-11-09T12:00:00.000Z', by: ana, url: HISTORY },
    ]);
    const trace = view(weekend, '2026-11-10T00:00:00Z').traces?.blocked;
    expect([trace?.time, trace?.ms, trace?.spans[0]?.ms]).toEqual(['working', 86_400_000, 86_400_000]);
    expect(view(weekend, '2026-11-10T00:00:00Z').totalBlockedMs).toBe(3 * 86_400_000);
  });

  it('cites the head’s time in the state from the events that began it, to now', () => {
    const still = jira([{ type: 'flagged', at: '2026-11-03T10:02:00.000Z', by: ana, url: HISTORY }], { signals: { status: 'In Progress', statusCategory: 'indeterminate', flagged: true } });
    expect(view(still, '2026-11-05T10:02:00Z').traces?.state).toEqual({
      time: 'calendar', ms: 2 * 86_400_000,
      spans: [{ start: '2026-11-03T10:02:00.000Z', ms: 2 * 86_400_000, from: [{ at: '2026-11-03T10:02:00.000Z', words: 'flagged', by: 'its assignee', url: HISTORY }], to: [] }],
    });
  });

  it('cites open for from the opening, and each stretch of where the time went at its two ends', () => {
    const v1 = view(flagged, '2026-11-06T09:00:00Z');
    expect(v1.traces?.life).toEqual({ time: 'calendar', ms: 4 * 86_400_000, spans: [{ start: '2026-11-02T09:00:00.000Z', ms: 4 * 86_400_000, from: [{ at: '2026-11-02T09:00:00.000Z', words: 'opened', url: PAGE }], to: [] }] });
    expect(v1.life?.map((s) => [s.kind, s.trace?.spans[0]?.from.map((f) => f.words), s.trace?.spans[0]?.to.map((f) => f.words)])).toEqual([
      ['neither', ['opened'], ['flagged']],
      ['blocked', ['flagged'], ['unflagged']],
      ['neither', ['unflagged'], []],
    ]);
    // The view keeps no raw event: only words, times and links.
    expect(JSON.stringify(v1.life)).not.toContain('startedBy');
  });

  it('gives an event of an item cached before FlowLens kept where it is seen no link, rather than making one up', () => {
    const old = jira([{ type: 'flagged', at: '2026-11-03T10:02:00.000Z' }, { type: 'unflagged', at: '2026-11-05T09:00:00.000Z' }]);
    expect(view(old, '2026-11-10T00:00:00Z').traces?.blocked?.spans[0]).toMatchObject({
      from: [{ at: '2026-11-03T10:02:00.000Z', words: 'flagged' }], to: [{ at: '2026-11-05T09:00:00.000Z', words: 'unflagged' }],
    });
    expect(view(old, '2026-11-10T00:00:00Z').traces?.blocked?.spans[0]?.from[0]).not.toHaveProperty('url');
  });

  it('keeps links on the item’s own host only: another host’s link is replaced by the item’s page', () => {
    const item = jira([
      { type: 'flagged', at: '2026-11-03T10:02:00.000Z', by: ana, url: 'https://evil.example/steal' },
      { type: 'unflagged', at: '2026-11-05T09:00:00.000Z', by: ana, url: 'javascript:alert(1)' },
    ]);
    const span = view(item, '2026-11-10T00:00:00Z').traces?.blocked?.spans[0];
    expect([span?.from[0]?.url, span?.to[0]?.url]).toEqual([PAGE, PAGE]);
  });

  it('names a person by their part in the item, author first, else by name (GitHub by handle)', () => {
    const pull: WorkItem = { ...jira([]), key: 'github:o/r#1', source: 'github', kind: 'pull', author: { id: 'al', name: 'Al' }, assignees: [{ id: 'bo', name: 'Bo' }], requestedReviewers: [{ id: 'cy', name: 'Cy' }] };
    expect([{ id: 'al', name: 'Al' }, { id: 'bo', name: 'Bo' }, { id: 'cy', name: 'Cy' }, { id: 'di', name: 'Di' }].map((p) => byWords(p, pull))).toEqual(['its author', 'its assignee', 'its reviewer', '@Di']);
    expect(byWords({ id: 'x', name: 'Xu Li' }, jira([]))).toBe('Xu Li');
  });
});

const REST = 'fixtures/real-api/github-rest';
const CLOUD = 'fixtures/real-api/jira-cloud';
const ants = (number: number): GithubRef => ({ source: 'github', host: 'github.com', owner: 'panjf2000', repo: 'ants', number });
/** An ants item with its REST events, each cited on the page built from its key, as fetchRestHistory does. */
const withEvents = (item: WorkItem, elements: readonly unknown[]): WorkItem => ({ ...item, timeline: [...item.timeline, ...restHistoryEvents('github.com', elements, keyUrl(item.key))] });

describe.skipIf(!haveShared(REST))(sharedTitle('the sources of panjf2000/ants figures, from GitHub’s REST answers', REST), () => {
  it('#220: blocked in all from the “waiting for response” label to the closing, both by its assignee, in working time', () => {
    // GET /repos/panjf2000/ants/issues/events, the elements of issue #220: labeled "waiting for
    // response" id 6485990121 at 2022-04-24T15:19:07Z by actor panjf2000, and closed id
    // 6567390248 at 2022-05-07T11:29:32Z by panjf2000; the issue's assignees: [panjf2000].
    type Element = { issue: { number: number } };
    const elements = sharedJson<Element[]>(REST, 'devlake-ants-repo-issue-events.derived.json').filter((e) => e.issue.number === 220);
    const item = withEvents(restToItem(ants(220), v.parse(restIssue, elements[0]!.issue)), elements);
    const settings = parseFlowSettings({ blockingLabels: [...defaultFlowSettings.blockingLabels, 'waiting for response'] });
    const at = '2022-06-10T00:00:00Z';
    const page = 'https://github.com/panjf2000/ants/issues/220';
    const ends = {
      from: [{ at: '2022-04-24T15:19:07Z', words: 'labelled “waiting for response”', by: 'its assignee', url: `${page}#event-6485990121` }],
      to: [{ at: '2022-05-07T11:29:32Z', words: 'closed', by: 'its assignee', url: `${page}#event-6567390248` }],
    };
    // 24 April 2022 was a Sunday and 7 May a Saturday: the working days between are Mon 25 April
    // to Fri 6 May, ten whole days = 864 000 s. In calendar time, 1 109 425 s (real-rest-history.test.ts).
    expect(view(item, at, settings).traces?.blocked).toEqual({
      time: 'working', ms: 864_000_000,
      spans: [{ start: '2022-04-24T15:19:07.000Z', end: '2022-05-07T11:29:32.000Z', ms: 864_000_000, ...ends }],
    });
    expect(view(item, at, parseFlowSettings({ ...settings, workingTime: false })).traces?.blocked?.spans[0]).toEqual({
      start: '2022-04-24T15:19:07.000Z', end: '2022-05-07T11:29:32.000Z', ms: 1_109_425_000, ...ends,
    });
  });

  it('#53: the cycle time from its opening by its author to the merge, and the author’s stretch from the first change request', () => {
    // GET /pulls/53: opened 2019-10-07T08:17:20Z by user KevinBaiSg, html_url …/pull/53, merged
    // 2019-10-09T16:59:19Z, assignees [panjf2000]. GET /pulls/53/reviews: the first
    // CHANGES_REQUESTED is review id 298229495 by panjf2000 at 2019-10-07T16:56:26Z. The merge
    // and closing are hand-built from merged_at and closed_at (the recording has no timeline; no id).
    type Pull = Record<string, unknown> & { merged_at: string; closed_at: string };
    const pull = sharedJson<Pull>(REST, 'devlake-ants-pr53-pull.derived.json');
    const reviews = sharedJson<unknown[]>(REST, 'devlake-ants-pr53-reviews-changes-requested.derived.json');
    const merged = restToItem(ants(53), v.parse(restIssue, { ...pull, pull_request: { merged_at: pull.merged_at } }));
    const item = withEvents(merged, [...reviews, { event: 'merged', created_at: pull.merged_at }, { event: 'closed', created_at: pull.closed_at }]);
    const shown = view(item, '2019-12-26T01:44:41Z');
    const opened = { at: '2019-10-07T08:17:20Z', words: 'opened', by: 'its author', url: 'https://github.com/panjf2000/ants/pull/53' };
    const merge = { at: '2019-10-09T16:59:19Z', words: 'merged', url: 'https://github.com/panjf2000/ants/issues/53' };
    // 7 Oct 08:17:20 → 9 Oct 16:59:19 = 2 d 8 h 41 min 59 s = 172 800 + 28 800 + 2 460 + 59 = 204 119 s.
    const cycle = { time: 'calendar', ms: 204_119_000, spans: [{ start: '2019-10-07T08:17:20Z', end: '2019-10-09T16:59:19Z', ms: 204_119_000, from: [opened], to: [merge] }] };
    expect(shown.traces?.life).toEqual(cycle);
    // The head of a merged item states its cycle time ("Merged 2 d"): the same trace.
    expect(shown.traces?.state).toEqual(cycle);
    const review = { at: '2019-10-07T16:56:26Z', words: 'changes requested', by: 'its assignee', url: 'https://github.com/panjf2000/ants/issues/53#pullrequestreview-298229495' };
    const closed = { at: '2019-10-09T16:59:19Z', words: 'closed', url: 'https://github.com/panjf2000/ants/issues/53' };
    expect(shown.life?.map((s) => s.trace?.spans)).toEqual([
      [{ start: '2019-10-07T08:17:20.000Z', end: '2019-10-07T16:56:26.000Z', ms: 31_146_000, from: [opened], to: [review] }],
      [{ start: '2019-10-07T16:56:26.000Z', end: '2019-10-09T16:59:19.000Z', ms: 172_973_000, from: [review], to: [merge, closed] }],
    ]);
  });
});

describe.skipIf(!haveShared(CLOUD))(sharedTitle('the sources of a Jira Cloud issue’s figures, from its recorded changelog', CLOUD), () => {
  it('issue 13383: blocked in all from the link jinxiu made to the resolution Runjuu set, each on the history tab', () => {
    // devlake-cloud-issue13383-changelog-values: "This issue is blocked by EE-2880" at
    // 2021-01-25T11:55:29.086+0800 (03:55:29.086Z) by jinxiu (5f8d380729bd8a006f5a90a0);
    // resolution Done and status Closed at 2021-01-27T14:46:18.086+0800 (06:46:18.086Z) by Runjuu
    // (5fb48fe20d2f61006f0d0106). The issue around it is hand-written (key EE-1, no assignee).
    const host = 'merico.atlassian.net';
    const page = `https://${host}/browse/EE-1`;
    const history = jiraHistoryUrl(page);
    const histories = readHistories(sharedJson(CLOUD, 'devlake-cloud-issue13383-changelog-values.derived.json'));
    const events = changelogEvents(histories, { host, doneStatuses: new Set(['closed']), blockedByLinks: new Set(['is blocked by']), historyUrl: history });
    const issue = {
      id: '13383', key: 'EE-1',
      fields: {
        summary: 'Sprint workload page', status: { name: '已完成', statusCategory: { key: 'done' } },
        created: '2021-01-25T11:00:00.000+0800', resolutiondate: '2021-01-27T14:46:18.086+0800',
        issuelinks: [{ type: { name: 'Blocks', inward: 'is blocked by', outward: 'blocks' }, inwardIssue: { key: 'EE-2880' } }],
      },
    };
    const item = jiraToItem(host, issue as never, new Set(['is blocked by']), { events });
    const shown = view(item, '2026-12-01T00:00:00Z');
    const resolved = { at: '2021-01-27T06:46:18.086Z', words: 'resolved', by: 'Runjuu', url: history };
    // 25 Jan 2021 was a Monday: Mon 03:55:29.086 → Wed 06:46:18.086 is all on working days,
    // 2 d 2 h 50 min 49 s = 183 049 s in either time.
    expect(shown.traces?.blocked).toEqual({
      time: 'working', ms: 183_049_000,
      spans: [{
        start: '2021-01-25T03:55:29.086Z', end: '2021-01-27T06:46:18.086Z', ms: 183_049_000,
        from: [{ at: '2021-01-25T03:55:29.086Z', words: 'linked to EE-2880', by: 'jinxiu', url: history }],
        to: [resolved],
      }],
    });
    // Cycle time: the hand-written opening (03:00Z, its page) to the resolution, whose date the
    // issue's resolutiondate and the closing history share to the millisecond: 2 d 3 h 46 min 18.086 s.
    expect(shown.traces?.life).toEqual({
      time: 'calendar', ms: 186_378_086,
      spans: [{ start: '2021-01-25T03:00:00.000Z', end: '2021-01-27T06:46:18.086Z', ms: 186_378_086, from: [{ at: '2021-01-25T03:00:00.000Z', words: 'opened', url: page }], to: [resolved] }],
    });
  });
});
