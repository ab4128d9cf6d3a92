import { describe, expect, it } from 'vitest';
import { analyzeItem } from './analyze';
import { defaultFlowSettings, parseFlowSettings } from './flow-settings';
import type { FlowEvent, WorkItem } from './model';
import { blockedBy, jiraItem, pullItem } from './testing/items';

const settings = defaultFlowSettings;
const bob = { id: 'bob', name: 'bob' };

/** octo-org/api#101: review asked of bob, a red required check, a flaky lint run, then a "blocked" label. */
function pull101(): WorkItem {
  const events: FlowEvent[] = [
    { type: 'review-requested', at: '2026-11-10T09:05:00Z', reviewer: bob },
    { type: 'commit', at: '2026-11-12T10:00:00Z', sha: 'a1b2c3d' },
    { type: 'check', at: '2026-11-12T10:05:00Z', name: 'lint', conclusion: 'failure', sha: 'a1b2c3d', required: false },
    { type: 'check', at: '2026-11-12T10:10:00Z', name: 'test (20)', conclusion: 'failure', sha: 'a1b2c3d', required: true },
    { type: 'check', at: '2026-11-12T10:20:00Z', name: 'lint', conclusion: 'success', sha: 'a1b2c3d', required: false },
    { type: 'labeled', at: '2026-11-14T16:20:00Z', label: 'blocked' },
  ];
  const item = pullItem(101, { requestedReviewers: [bob] });
  item.timeline.push(...events);
  item.signals = { ...item.signals, labels: ['blocked'], pendingReviewers: [bob], reviewDecision: 'review-required', checks: 'failure', failingChecks: ['test (20)'] };
  return item;
}

describe('a pull request through its life: octo-org/api#101', () => {
  const now = Date.parse('2026-11-20T12:00:00Z');

  it('replays waiting for bob, then the red check, then the label, and is blocked since the label', () => {
    const analysis = analyzeItem(pull101(), { settings }, now);
    // Waiting 10 Nov 09:05 → 12 Nov 10:10 (test (20) red; lint is not required), failing → 14 Nov 16:20, blocked since.
    expect(analysis.intervals.map((i) => [i.state, i.start, i.end, i.cluster])).toEqual([
      ['waiting', '2026-11-10T09:05:00.000Z', '2026-11-12T10:10:00.000Z', 'review'],
      ['failing', '2026-11-12T10:10:00.000Z', '2026-11-14T16:20:00.000Z', 'ci'],
      ['blocked', '2026-11-14T16:20:00.000Z', undefined, 'unknown'],
    ]);
    expect(analysis).toMatchObject({ state: 'blocked', since: '2026-11-14T16:20:00.000Z', cluster: 'unknown', flaky: ['lint'], warnings: [] });
    expect(analysis.causeText).toBe('Blocked since Sat 14 Nov: labelled “blocked”.');
    // 14 Nov 16:20 → 20 Nov 12:00 = 5 d 19 h 40 min.
    expect(analysis.totalBlockedMs).toBe(5 * 86_400_000 + 19 * 3_600_000 + 40 * 60_000);
  });

  it('asks for the blocker to be named, and the flaky check quarantined', () => {
    const moves = Object.fromEntries(analyzeItem(pull101(), { settings }, now).moves.map((m) => [m.rule, m]));
    expect(moves['name-the-blocker']).toMatchObject({ level: 'P2', skillId: 'p2-blockers', text: 'Write down what octo-org/api#101 waits on and who can unblock it; @alice owns it.' });
    expect(moves['quarantine-flaky']).toMatchObject({ level: 'P2', skillId: 'p2-symptoms' });
    expect(moves['quarantine-flaky']!.text).toBe('“lint” failed and then passed on a rerun of the same commit of octo-org/api#101: a flaky test. Quarantine it and file a fix instead of rerunning by hand.');
  });

  it('waits for @bob once the label goes and CI is green, and needs the author once bob asks for changes', () => {
    const pull = pull101();
    pull.timeline.push({ type: 'unlabeled', at: '2026-11-16T10:00:00Z', label: 'blocked' }, { type: 'check', at: '2026-11-16T10:00:00Z', name: 'test (20)', conclusion: 'success', sha: 'a1b2c3d', required: true });
    pull.signals = { ...pull.signals, labels: [], checks: 'success', failingChecks: [] };
    const waiting = analyzeItem(pull, { settings }, now);
    expect(waiting).toMatchObject({ state: 'waiting', since: '2026-11-16T10:00:00.000Z', cluster: 'review' });
    expect(waiting.causeText).toBe('Waiting for review from @bob since Mon 16 Nov.');
    // 16 Nov 10:00 → 20 Nov 12:00 is 4 days and 2 hours: "4 days".
    expect(waiting.moves.find((m) => m.rule === 'ask-reviewer')?.text).toBe('Ask @bob for a review of octo-org/api#101: waiting 4 days.');

    pull.timeline.push({ type: 'reviewed', at: '2026-11-18T09:00:00Z', by: bob, verdict: 'changes-requested' });
    pull.signals = { ...pull.signals, pendingReviewers: [], reviewDecision: 'changes-requested' };
    const failing = analyzeItem(pull, { settings }, now);
    expect(failing).toMatchObject({ state: 'failing', since: '2026-11-18T09:00:00.000Z', cluster: 'review' });
    expect(failing.causeText).toBe('Needs the author since Wed 18 Nov: changes requested by @bob.');
    expect(failing.moves.map((m) => m.rule)).toContain('address-changes');
    expect(failing.totalBlockedMs).toBe(Date.parse('2026-11-16T10:00:00Z') - Date.parse('2026-11-14T16:20:00Z'));
  });
});

describe('what the source says now wins over the history, and unknown is said, not guessed', () => {
  const now = Date.parse('2026-11-20T12:00:00Z');

  it('is unknown for a pull request read without reviews or checks, and suggests learning the flow (P1)', () => {
    const bare = pullItem(7, { signals: {} });
    const analysis = analyzeItem(bare, { settings }, now);
    expect(analysis).toMatchObject({ state: 'unknown', causeText: 'Not enough data to tell whether this item is blocked.' });
    expect(analysis.since).toBeUndefined();
    expect(analysis.moves.map((m) => [m.rule, m.level])).toEqual([['learn-the-flow', 'P1']]);
  });

  it('is blocked now by an open blocker the history never recorded, without a since', () => {
    const item = jiraItem(3, { upstream: [{ key: 'jira:acme.atlassian.net/PAY-4', kind: 'blocked-by', open: true }] });
    const analysis = analyzeItem(item, { settings }, now);
    expect(analysis.state).toBe('blocked');
    expect(analysis.since).toBeUndefined();
    expect(analysis.openBlockers.map((l) => l.key)).toEqual(['jira:acme.atlassian.net/PAY-4']);
    // The start is not made up: it is said to be unknown, with the one bound that holds.
    expect(analysis.sinceUnknown).toEqual({ links: ['jira:acme.atlassian.net/PAY-4'], notBefore: '2026-11-01T09:00:00.000Z' });
  });

  it('never says flowing for an explicit upstream item of unknown state: it blocks, unverified', () => {
    // "Depends on #90": #90 was not read (yet), so its state is unknown.
    const item = pullItem(7, { upstream: [{ key: 'github:octo-org/api#90', kind: 'depends-on' }] });
    const analysis = analyzeItem(item, { settings }, now);
    expect(analysis).toMatchObject({ state: 'blocked', cluster: 'dependency', causeText: 'Blocked: blocked by octo-org/api#90 (unverified).' });
    expect(analysis.unverifiedBlockers.map((l) => l.key)).toEqual(['github:octo-org/api#90']);
    expect(analysis.moves[0]).toMatchObject({ rule: 'check-upstream', level: 'P2' });
    // Read and found closed, the same link holds nothing up; read and open, it blocks, verified.
    expect(analyzeItem(pullItem(7, { upstream: [{ key: 'github:octo-org/api#90', kind: 'depends-on', open: false }] }), { settings }, now)).toMatchObject({ state: 'flowing', unverifiedBlockers: [] });
    const open = analyzeItem(pullItem(7, { upstream: [{ key: 'github:octo-org/api#90', kind: 'depends-on', open: true }] }), { settings }, now);
    expect(open).toMatchObject({ state: 'blocked', unverifiedBlockers: [], causeText: 'Blocked: blocked by octo-org/api#90.' });
  });

  it('gives no since when one of the causes has no recorded start, only the bounds', () => {
    // Flagged on the 12th (recorded), and blocked by PAY-4 through a link nobody dated, first
    // seen by FlowLens on the 14th: the block began between the creation (1 Nov) and the flag.
    const item = jiraItem(3, {
      signals: { status: 'In Progress', flagged: true },
      timeline: [{ type: 'created', at: '2026-11-01T09:00:00Z' }, { type: 'flagged', at: '2026-11-12T09:00:00Z' }],
      upstream: [{ key: 'jira:acme.atlassian.net/PAY-4', kind: 'blocked-by', open: true, seenAt: '2026-11-14T09:00:00Z' }],
    });
    const analysis = analyzeItem(item, { settings }, now);
    expect(analysis.state).toBe('blocked');
    expect(analysis.since).toBeUndefined();
    expect(analysis.sinceUnknown).toEqual({ links: ['jira:acme.atlassian.net/PAY-4'], notBefore: '2026-11-01T09:00:00.000Z', notAfter: '2026-11-12T09:00:00.000Z' });
    expect(analysis.causeText).toBe('Blocked: flagged as an impediment and blocked by PAY-4.');
    // A dated link gives the since back.
    const dated = analyzeItem({ ...item, upstream: [{ ...item.upstream[0]!, at: '2026-11-10T09:00:00Z' }] }, { settings }, now);
    expect(dated).toMatchObject({ since: '2026-11-10T09:00:00.000Z' });
    expect(dated.sinceUnknown).toBeUndefined();
  });

  it('counts only the links the team names as blocking', () => {
    const relates = { ...blockedBy('jira:acme.atlassian.net/PAY-4'), name: 'relates to' };
    const analysis = analyzeItem(jiraItem(3, { upstream: [relates] }), { settings }, now);
    expect(analysis).toMatchObject({ state: 'flowing', openBlockers: [], totalBlockedMs: 0 });
    const counted = analyzeItem(jiraItem(3, { upstream: [relates] }), { settings: parseFlowSettings({ blockedByLinks: ['relates to'] }) }, now);
    expect(counted.openBlockers).toHaveLength(1);
    expect(counted.totalBlockedMs).toBe(now - Date.parse('2026-11-05T09:00:00Z'));
  });

  it('says so when the time given as now is unreadable, and takes ISO times too', () => {
    expect(analyzeItem(jiraItem(1), { settings }, 'soon')).toMatchObject({ state: 'unknown', moves: [], warnings: ['The current time "soon" is unreadable: nothing was analysed.'] });
    expect(analyzeItem(jiraItem(1), { settings }, '2026-11-20T12:00:00Z')).toEqual(analyzeItem(jiraItem(1), { settings }, now));
  });

  it('leaves working time out when it is turned off', () => {
    const item = jiraItem(5, { upstream: [blockedBy('jira:acme.atlassian.net/PAY-6')] });
    expect(analyzeItem(item, { settings }, now).totalBlockedWorkingMs).toBeGreaterThan(0);
    const off = analyzeItem(item, { settings: parseFlowSettings({ workingTime: false }) }, now);
    expect(off.totalBlockedWorkingMs).toBeUndefined();
    expect(off.intervals[0]!.workingMs).toBeUndefined();
  });
});

describe('review decisions and closed blockers, as GitHub reports them', () => {
  const now = Date.parse('2026-11-20T12:00:00Z');
  const carol = { id: 'carol', name: 'carol' };

  it('keeps a change request where the branch requires no review (GitHub sends a null decision)', () => {
    const pull = pullItem(8, { timeline: [{ type: 'created', at: '2026-11-10T09:00:00Z' }, { type: 'reviewed', at: '2026-11-12T09:00:00Z', by: carol, verdict: 'changes-requested' }] });
    pull.signals = { ...pull.signals, reviewDecision: null };
    expect(analyzeItem(pull, { settings }, now)).toMatchObject({ state: 'failing', since: '2026-11-12T09:00:00.000Z', causeText: 'Needs the author since Thu 12 Nov: changes requested by @carol.' });
    // An approval since, or a review still required, clears it.
    pull.signals = { ...pull.signals, reviewDecision: 'approved' };
    expect(analyzeItem(pull, { settings }, now).state).toBe('flowing');
  });

  it('says changes are requested when GitHub says so, though the timeline it sent names no reviewer', () => {
    const pull = pullItem(9);
    pull.signals = { ...pull.signals, reviewDecision: 'changes-requested' };
    expect(analyzeItem(pull, { settings }, now)).toMatchObject({ state: 'failing', causeText: 'Needs the author: changes requested by a reviewer.' });
  });

  it('stops counting a blocker when it closed, though it was unlinked only later', () => {
    // #4 blocked #7 from the 11th; #4 closed on the 13th; the link was removed on the 15th.
    const item = pullItem(7, {
      timeline: [
        { type: 'created', at: '2026-11-10T09:00:00Z' },
        { type: 'link-added', at: '2026-11-11T09:00:00Z', link: { key: 'github:octo-org/api#4', kind: 'blocked-by', open: false, resolvedAt: '2026-11-13T09:00:00Z' } },
        { type: 'link-removed', at: '2026-11-15T09:00:00Z', key: 'github:octo-org/api#4' },
      ],
    });
    const analysis = analyzeItem(item, { settings }, now);
    expect(analysis.intervals.map((i) => [i.state, i.start, i.end])).toEqual([['blocked', '2026-11-11T09:00:00.000Z', '2026-11-13T09:00:00.000Z']]);
    expect(analysis.totalBlockedMs).toBe(2 * 86_400_000);
  });
});

describe('a history cut short', () => {
  it('ends a blocked stretch when the source says the item closed, though no closing event came', () => {
    // Labelled "blocked" on the 12th; closed on the 15th, but the events sent stop before that.
    const item = jiraItem(6, {
      state: 'closed', resolvedAt: '2026-11-15T09:00:00Z', signals: { status: 'Done', statusCategory: 'done' },
      timeline: [{ type: 'created', at: '2026-11-01T09:00:00Z' }, { type: 'flagged', at: '2026-11-12T09:00:00Z' }],
    });
    const analysis = analyzeItem(item, { settings }, Date.parse('2026-11-20T12:00:00Z'));
    expect(analysis.intervals.map((i) => [i.state, i.start, i.end])).toEqual([['blocked', '2026-11-12T09:00:00.000Z', '2026-11-15T09:00:00.000Z']]);
    expect(analysis.totalBlockedMs).toBe(3 * 86_400_000);
  });
});

describe('a stuck state no event dates, bounded by when FlowLens first saw it', () => {
  const now = Date.parse('2026-11-20T09:00:00Z');
  // Needs an approving review, nobody asked: GitHub says so today, and no event says since when.
  const unasked = (stateSeen?: WorkItem['stateSeen']) => {
    const pull = pullItem(6, stateSeen ? { stateSeen } : {});
    pull.signals = { ...pull.signals, reviewDecision: 'review-required' };
    return pull;
  };
  const analyse = (item: WorkItem) => analyzeItem(item, { settings: defaultFlowSettings }, now);

  it('gives no since, and the bounds: the opening and the sighting', () => {
    const analysis = analyse(unasked({ state: 'waiting', at: '2026-11-17T08:00:00Z' }));
    expect(analysis).toMatchObject({ state: 'waiting', sinceUnknown: { links: [], notBefore: '2026-11-10T09:00:00.000Z', notAfter: '2026-11-17T08:00:00.000Z' } });
    expect(analysis.since).toBeUndefined();
  });

  it('ignores a sighting of another state, an unreadable one, and gives none without one', () => {
    expect(analyse(unasked({ state: 'blocked', at: '2026-11-17T08:00:00Z' })).sinceUnknown).toBeUndefined();
    expect(analyse(unasked({ state: 'waiting', at: 'last week' })).sinceUnknown).toBeUndefined();
    expect(analyse(unasked()).sinceUnknown).toBeUndefined();
  });

  it('ignores it where an event dates the state', () => {
    const asked = pullItem(7, { stateSeen: { state: 'waiting', at: '2026-11-19T08:00:00Z' }, timeline: [{ type: 'created', at: '2026-11-10T09:00:00Z' }, { type: 'review-requested', at: '2026-11-12T09:00:00Z', reviewer: { id: 'bob', name: 'bob' } }] });
    asked.signals = { ...asked.signals, pendingReviewers: [{ id: 'bob', name: 'bob' }] };
    const analysis = analyse(asked);
    expect(analysis).toMatchObject({ state: 'waiting', since: '2026-11-12T09:00:00.000Z' });
    expect(analysis.sinceUnknown).toBeUndefined();
  });
});
