// Real GitHub REST answers (../shared/fixtures/real-api/github-rest, recorded live by
// apache/incubator-devlake for its own tests and cut out of its tables; see that README) through
// FlowLens's REST readers: restIssue and restToItem for an item, restHistoryEvents for its
// history. Every expected time and duration is worked out by hand in the comments. Skipped,
// saying why, when the shared data is absent.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { haveShared, sharedJson, sharedTitle } from '../../../tests/support/shared';
import { analyzeItem } from '../../flow/analyze';
import { lifeSplit } from '../../flow/life-split';
import { stretchLengths } from '../../flow/pace';
import { defaultFlowSettings, parseFlowSettings } from '../../flow/flow-settings';
import type { ReplayEvent } from '../../flow/conditions';
import type { WorkItem } from '../../flow/model';
import type { GithubRef } from '../../item-key';
import { keyUrl } from '../../safe-url';
import { restHistoryEvents } from './rest-timeline';
import { restIssue } from './schema';
import { restToItem } from './to-work-item';

const REST = 'fixtures/real-api/github-rest';
const have = haveShared(REST);
const answer = <T>(name: string): T => sharedJson<T>(REST, name);
const ants = (number: number): GithubRef => ({ source: 'github', host: 'github.com', owner: 'panjf2000', repo: 'ants', number });

/** The item with its REST history, as fetch-items.ts puts them together: its creation, then the events read. */
// Each event is cited on the page built from the item's key, as fetchRestHistory does.
const withEvents = (item: WorkItem, elements: readonly unknown[]): WorkItem => ({ ...item, timeline: [...item.timeline, ...restHistoryEvents('github.com', elements, keyUrl(item.key))] });

const seconds = (item: WorkItem, settings: ReturnType<typeof parseFlowSettings>, at: string) =>
  analyzeItem(item, { settings }, at).intervals.map((i) => [i.state, i.start, i.end, i.durationMs / 1000]);

describe.skipIf(!have)(sharedTitle(`panjf2000/ants#53: three change requests, then merged`, REST), () => {
  // GET /repos/panjf2000/ants/pulls/53: opened 2019-10-07T08:17:20Z by KevinBaiSg, merged (and
  // closed) 2019-10-09T16:59:19Z, draft false, labels "enhancement" and "pending merged".
  // GET /pulls/53/reviews: 15 reviews in order, no `event` field, upper-case states.
  type Pull = Record<string, unknown> & { merged_at: string; closed_at: string };
  const pull = have ? answer<Pull>('devlake-ants-pr53-pull.derived.json') : ({} as Pull);
  const reviews = have ? answer<unknown[]>('devlake-ants-pr53-reviews-changes-requested.derived.json') : [];

  // Hand-built: FlowLens reads GET /issues/53, not /pulls/53. The /pulls answer has every field
  // restIssue reads but `pull_request` (the /issues answer's mark of a PR, holding `merged_at`)
  // and `state_reason`; `pull_request: { merged_at }` is added from the answer's own `merged_at`.
  const merged = () => restToItem(ants(53), v.parse(restIssue, { ...pull, pull_request: { merged_at: pull.merged_at } }));
  // Hand-built: PR #53 as GitHub would have answered it one second before the merge: open, not
  // closed nor merged; `updated_at` (2019-12-26, later) left out. Everything else as recorded.
  const open = () => {
    const { updated_at: _later, ...rest } = pull;
    return restToItem(ants(53), v.parse(restIssue, { ...rest, state: 'open', closed_at: null, merged_at: null, pull_request: { merged_at: null } }));
  };
  // Hand-built: the recording has no timeline. A merged PR's timeline records the merge and the
  // closing as `merged` and `closed` events; they are dated here from `merged_at` and `closed_at`.
  const mergeEvents = () => [{ event: 'merged', created_at: pull.merged_at }, { event: 'closed', created_at: pull.closed_at }];
  const settings = defaultFlowSettings;

  it('reads the 15 reviews: three change requests by panjf2000, twelve comments, no approval', () => {
    const events = restHistoryEvents('github.com', reviews);
    expect(events).toHaveLength(15);
    const asked = events.filter((e) => e.type === 'reviewed' && e.verdict === 'changes-requested');
    expect(asked).toEqual(['2019-10-07T16:56:26Z', '2019-10-08T06:07:20Z', '2019-10-09T12:58:59Z'].map((at) => ({
      type: 'reviewed', at, by: { id: 'panjf2000', name: 'panjf2000', url: 'https://github.com/panjf2000' }, verdict: 'changes-requested',
    })));
    expect(events.filter((e) => e.type === 'reviewed' && e.verdict === 'commented')).toHaveLength(12);
    expect(events.some((e) => e.type === 'reviewed' && e.verdict === 'approved')).toBe(false);
  });

  it('is failing, needing the author, from the first change request until one second before the merge', () => {
    const item = withEvents(open(), reviews);
    const analysis = analyzeItem(item, { settings }, '2019-10-09T16:59:18Z');
    // The first CHANGES_REQUESTED (2019-10-07T16:56:26Z) makes panjf2000's request stand; his
    // later COMMENTED reviews and the author's comments do not lift it, and no approval came.
    expect(analysis.state).toBe('failing');
    expect(analysis.since).toBe('2019-10-07T16:56:26.000Z');
    expect(analysis.causes).toEqual([{ kind: 'changes-requested', who: { id: 'panjf2000', name: 'panjf2000', url: 'https://github.com/panjf2000' } }]);
    // 7 Oct 2019 was a Monday.
    expect(analysis.causeText).toBe('Needs the author since Mon 7 Oct: changes requested by @panjf2000.');
    // Open, so far: 2019-10-07T16:56:26Z → 2019-10-09T16:59:18Z = 2 d 0 h 2 min 52 s = 172 972 s.
    expect(seconds(item, settings, '2019-10-09T16:59:18Z')).toEqual([['failing', '2019-10-07T16:56:26.000Z', undefined, 172_972]]);
    // What FlowLens said before reading the history: the issue answer alone cannot tell.
    expect(analyzeItem(open(), { settings }, '2019-10-09T16:59:18Z').state).toBe('unknown');
  });

  it('is done from the merge, after exactly one failing interval of 172 973 s', () => {
    const item = withEvents(merged(), [...reviews, ...mergeEvents()]);
    // 2019-10-07T16:56:26Z → 2019-10-09T16:56:26Z is 2 d = 172 800 s, and on to 16:59:19 is
    // 2 min 53 s = 173 s more: 2 d 0 h 2 min 53 s = 172 973 s.
    for (const at of ['2019-10-09T16:59:19Z', '2019-12-26T01:44:41Z']) {
      const analysis = analyzeItem(item, { settings }, at);
      expect(analysis).toMatchObject({ state: 'done', since: '2019-10-09T16:59:19Z', totalFailingMs: 172_973_000, totalBlockedMs: 0, totalWaitingMs: 0 });
      expect(seconds(item, settings, at)).toEqual([['failing', '2019-10-07T16:56:26.000Z', '2019-10-09T16:59:19.000Z', 172_973]]);
    }
  });

  it('spent its life so: 8 h 39 min 6 s neither, then 2 d 0 h 2 min 53 s with the author to act, until the merge', () => {
    const item = withEvents(merged(), [...reviews, ...mergeEvents()]);
    const at = '2019-12-26T01:44:41Z';
    // Opened 2019-10-07T08:17:20Z; the first change request at 16:56:26Z: 8 h 39 min 6 s =
    // 31 146 s with nothing holding it (no draft, no check run in the recording). Then the
    // author's to act until the merge at 2019-10-09T16:59:19Z: 172 973 s (above). Its life ends
    // at the merge, not at `at`, and nothing is open.
    const life = lifeSplit(item, analyzeItem(item, { settings }, at).intervals, Date.parse(at));
    expect(life.map(({ startedBy: _s, endedBy: _e, ...stretch }) => stretch)).toEqual([
      { kind: 'neither', start: '2019-10-07T08:17:20.000Z', end: '2019-10-07T16:56:26.000Z', ms: 31_146_000 },
      { kind: 'author', start: '2019-10-07T16:56:26.000Z', end: '2019-10-09T16:59:19.000Z', ms: 172_973_000 },
    ]);
    // As a finished item of the team, its stretches go into the pace yardstick as they are.
    expect(stretchLengths(life)).toEqual({ neither: [31_146_000], author: [172_973_000] });
    // What each end is, from the JSON: the opening is the pull's created_at by user.login
    // KevinBaiSg on its html_url; the first CHANGES_REQUESTED is review id 298229495 by
    // panjf2000, cited at #pullrequestreview-298229495 (as its own html_url reads); the merge
    // ends it, with the closing of the same second (the hand-built events have no id: the page).
    const cited = (events: readonly ReplayEvent[] | undefined) => (events ?? []).map((e) => [e.type, e.at, 'by' in e ? e.by?.name : undefined, 'url' in e ? e.url : undefined]);
    const review = ['reviewed', '2019-10-07T16:56:26Z', 'panjf2000', 'https://github.com/panjf2000/ants/issues/53#pullrequestreview-298229495'];
    expect(life.map((s) => [cited(s.startedBy), cited(s.endedBy)])).toEqual([
      [[['created', '2019-10-07T08:17:20Z', 'KevinBaiSg', 'https://github.com/panjf2000/ants/pull/53']], [review]],
      [[review], [['merged', '2019-10-09T16:59:19Z', undefined, 'https://github.com/panjf2000/ants/issues/53'], ['closed', '2019-10-09T16:59:19Z', undefined, 'https://github.com/panjf2000/ants/issues/53']]],
    ]);
  });
});

describe.skipIf(!have)(sharedTitle(`panjf2000/ants issue events, grouped by issue`, REST), () => {
  // GET /repos/panjf2000/ants/issues/events: 50 elements of 18 issues and PRs, each with its
  // `issue` (the GET /issues/{n} shape, as it was when recorded: all but #211, #225, #227, #229
  // and #230 closed). No element is `unlabeled`: the label sequences are labeled → closed.
  type Element = { event: string; issue: { number: number } };
  const elements = have ? answer<Element[]>('devlake-ants-repo-issue-events.derived.json') : [];
  const byIssue = new Map<number, Element[]>();
  for (const element of elements) byIssue.set(element.issue.number, [...(byIssue.get(element.issue.number) ?? []), element]);
  /** Issue `n` as FlowLens reads it: its embedded issue through restIssue and restToItem, then its events. */
  const item = (n: number) => withEvents(restToItem(ants(n), v.parse(restIssue, byIssue.get(n)![0]!.issue)), byIssue.get(n)!);
  const blocking = (label: string) => parseFlowSettings({ blockingLabels: [...defaultFlowSettings.blockingLabels, label] });
  const LATER = '2022-06-10T00:00:00Z';

  it('reads or skips every event type in the file without an error', () => {
    const kinds = [...new Set(elements.map((e) => e.event))].sort();
    expect(kinds).toEqual(['assigned', 'closed', 'head_ref_force_pushed', 'labeled', 'mentioned', 'ready_for_review', 'renamed', 'subscribed']);
    const events = restHistoryEvents('github.com', elements);
    const count = (type: string) => events.filter((e) => e.type === type).length;
    // Read: 18 labeled, 12 closed, 10 assigned, 1 ready_for_review = 41. Skipped: 6
    // head_ref_force_pushed, 1 renamed, 1 subscribed, 1 mentioned = 9. 41 + 9 = 50.
    expect([count('labeled'), count('closed'), count('assigned'), count('ready-for-review')]).toEqual([18, 12, 10, 1]);
    expect(events).toHaveLength(41);
    expect(byIssue.size).toBe(18);
    expect([...byIssue.keys()].every((n) => v.safeParse(restIssue, byIssue.get(n)![0]!.issue).success)).toBe(true);
  });

  it('#220: blocked by "waiting for response" from 2022-04-24T15:19:07Z until it closed, where the team counts that label', () => {
    // The default blocking labels do not hold "waiting for response".
    expect(defaultFlowSettings.blockingLabels).toEqual(['blocked', 'status: blocked', 'on hold']);
    expect(seconds(item(220), defaultFlowSettings, LATER)).toEqual([]);
    // 2022-04-24T15:19:07Z → 2022-05-07T15:19:07Z is 13 d (6 to 30 April, 7 into May); back to
    // 11:29:32 is 3 h 49 min 35 s less: 12 d 20 h 10 min 25 s = 1 036 800 + 72 000 + 600 + 25 = 1 109 425 s.
    expect(seconds(item(220), blocking('waiting for response'), LATER)).toEqual([['blocked', '2022-04-24T15:19:07.000Z', '2022-05-07T11:29:32.000Z', 1_109_425]]);
    expect(analyzeItem(item(220), { settings: blocking('waiting for response') }, LATER)).toMatchObject({ state: 'done', since: '2022-05-07T11:29:32Z', totalBlockedMs: 1_109_425_000 });
  });

  it('#220 spent its life so: 3 d 14 h 7 min 9 s neither, then blocked until it closed', () => {
    // Opened 2022-04-21T01:11:58Z, labelled "waiting for response" 2022-04-24T15:19:07Z: 3 d
    // 14 h 7 min 9 s = 259 200 + 50 400 + 420 + 9 = 310 029 s with nothing holding it; then
    // blocked 1 109 425 s (above) until it closed. 310 029 + 1 109 425 = 1 419 454 s in all.
    const life = lifeSplit(item(220), analyzeItem(item(220), { settings: blocking('waiting for response') }, LATER).intervals, Date.parse(LATER));
    expect(life.map(({ kind, start, end, ms }) => ({ kind, start, end, ms }))).toEqual([
      { kind: 'neither', start: '2022-04-21T01:11:58.000Z', end: '2022-04-24T15:19:07.000Z', ms: 310_029_000 },
      { kind: 'blocked', start: '2022-04-24T15:19:07.000Z', end: '2022-05-07T11:29:32.000Z', ms: 1_109_425_000 },
    ]);
    expect(stretchLengths(life)).toEqual({ neither: [310_029_000], blocked: [1_109_425_000] });
  });

  it('#226: labelled "proposal" when opened, closed as not planned the next morning', () => {
    // labeled "proposal" 2022-05-21T16:39:29Z (its creation), assigned a second later, closed
    // 2022-05-22T10:46:11Z: 24 h less 5 h 53 min 18 s = 18 h 6 min 42 s = 65 202 s.
    expect(seconds(item(226), blocking('proposal'), LATER)).toEqual([['blocked', '2022-05-21T16:39:29.000Z', '2022-05-22T10:46:11.000Z', 65_202]]);
  });

  it('#228: labelled "question" when opened, renamed, closed twice in the same second: one closing', () => {
    // labeled "question" 2022-06-02T08:13:04Z, renamed (skipped) 08:13:57, two `closed` events at
    // 2022-06-09T01:42:11Z, the same event twice: one is dropped. 7 d less 6 h 30 min 53 s =
    // 6 d 17 h 29 min 7 s = 518 400 + 61 200 + 1 740 + 7 = 581 347 s.
    const analysis = analyzeItem(item(228), { settings: blocking('question') }, LATER);
    expect(seconds(item(228), blocking('question'), LATER)).toEqual([['blocked', '2022-06-02T08:13:04.000Z', '2022-06-09T01:42:11.000Z', 581_347]]);
    expect(analysis.warnings).toContain('Ignored 1 duplicate event.');
  });

  it('#212: closed on 8 March though this page of events holds no closing: blocked until then, not until now', () => {
    // labeled "bug" at its opening (2022-02-08T22:16:27Z), "pending development" the next day at
    // 2022-02-09T15:00:46Z; the issue object says closed at 2022-03-08T08:30:19Z, but the closing
    // event is on another page. 9 Feb 15:00:46 → 8 Mar 15:00:46 is 27 d (20 left in February,
    // 7 into March); back to 08:30:19 is 6 h 30 min 27 s less: 26 d 17 h 29 min 33 s
    // = 2 246 400 + 61 200 + 1 740 + 33 = 2 309 373 s.
    expect(seconds(item(212), blocking('pending development'), LATER)).toEqual([['blocked', '2022-02-09T15:00:46.000Z', '2022-03-08T08:30:19.000Z', 2_309_373]]);
    expect(analyzeItem(item(212), { settings: blocking('pending development') }, LATER)).toMatchObject({ state: 'done', since: '2022-03-08T08:30:19Z' });
  });

  it('#211: a pull request marked ready for review 26 s after it was opened', () => {
    const pr = item(211);
    expect(pr).toMatchObject({ kind: 'pull', state: 'open', createdAt: '2022-02-07T21:31:30Z' });
    // The element: id 6022440198, actor lucafmarques (the pull request's author, user.login).
    expect(pr.timeline.filter((e) => e.type === 'ready-for-review')).toEqual([{
      type: 'ready-for-review', at: '2022-02-07T21:31:56Z',
      by: { id: 'lucafmarques', name: 'lucafmarques', url: 'https://github.com/lucafmarques' },
      url: 'https://github.com/panjf2000/ants/issues/211#event-6022440198',
    }]);
  });
});

describe.skipIf(!have)(sharedTitle(`panjf2000/ants GET /pulls elements through FlowLens's issue reader`, REST), () => {
  // GET /repos/panjf2000/ants/pulls: #131 (closed, not merged), #158, #167, #176, #211 (open);
  // four legacy node ids (MDExOlB1bGxSZXF1ZXN0…, base64 of "011:PullRequest…") and one of the
  // newer form (PR_kwDO…). FlowLens reads GET /issues/{n}, not /pulls.
  type Element = Record<string, unknown> & { number: number; node_id: string };
  const pulls = have ? answer<Element[]>('devlake-ants-pulls-list-open-and-waiting.derived.json') : [];

  it('parses every element with restIssue, whatever its node id style', () => {
    expect(pulls.map((p) => [p.number, p.node_id.startsWith('MDExOlB1bGxSZXF1ZXN0') ? 'legacy' : p.node_id.startsWith('PR_kwDO') ? 'new' : '?'])).toEqual([
      [131, 'legacy'], [158, 'legacy'], [167, 'legacy'], [176, 'legacy'], [211, 'new'],
    ]);
    expect(pulls.map((p) => v.safeParse(restIssue, p).success)).toEqual([true, true, true, true, true]);
  });

  it('differs from the /issues shape in exactly two of the fields restIssue reads, and so reads as an issue', () => {
    // Of the fields restIssue reads, a /pulls element lacks `state_reason` (issues only) and
    // `pull_request` (the /issues answer's mark of a PR, with `merged_at` in it); it has the
    // merge time at the top level (`merged_at`) and the review requests (`requested_reviewers`,
    // `requested_teams`), which restIssue does not read.
    for (const p of pulls) {
      expect(Object.keys(restIssue.entries).filter((field) => !(field in p))).toEqual(['state_reason', 'pull_request']);
      expect(['merged_at', 'requested_reviewers', 'requested_teams'].every((field) => field in p)).toBe(true);
    }
    // Without `pull_request`, restToItem takes each for an issue: the reason FlowLens asks /issues/{n}.
    const items = pulls.map((p) => restToItem(ants(p.number), v.parse(restIssue, p)));
    expect(items.map((i) => [i.key, i.kind, i.state])).toEqual([
      ['github:panjf2000/ants#131', 'issue', 'closed'],
      ['github:panjf2000/ants#158', 'issue', 'open'],
      ['github:panjf2000/ants#167', 'issue', 'open'],
      ['github:panjf2000/ants#176', 'issue', 'open'],
      ['github:panjf2000/ants#211', 'issue', 'open'],
    ]);
    // #131 was closed 2021-03-19T02:15:23Z without a merge (merged_at null).
    expect(items[0]!.resolvedAt).toBe('2021-03-19T02:15:23Z');
  });
});
