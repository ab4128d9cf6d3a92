import { describe, expect, it } from 'vitest';
import { analyzeItem } from './flow/analyze';
import { defaultFlowSettings } from './flow/flow-settings';
import type { WorkItem } from './flow/model';
import { paceSample } from './flow/pace';
import type { BadgeColours } from './flow-view';
import { badgeName, errorView, isSetupError, lifeFact, timeInState, toFlowView, urgencyOf } from './flow-view';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const pull: WorkItem = {
  key: 'github:octo-org/api#7',
  source: 'github',
  kind: 'pull',
  title: 'Fix it',
  url: 'https://github.com/octo-org/api/pull/7',
  state: 'open',
  assignees: [],
  requestedReviewers: [],
  createdAt: '2026-11-17T12:00:00Z',
  container: 'octo-org/api',
  signals: {},
  timeline: [{ type: 'created', at: '2026-11-17T12:00:00Z' }],
  upstream: [
    { key: 'github:octo-org/api#1', kind: 'depends-on', open: true, title: 'Schema', at: '2026-11-18T12:00:00Z' },
    { key: 'github:octo-org/api#2', kind: 'depends-on', open: false },
    // Not read: it blocks, unverified, from when the link was made.
    { key: 'github:octo-org/api#3', kind: 'blocked-by', at: '2026-11-19T12:00:00Z' },
  ],
  downstream: [],
};
const view = (item: WorkItem) => toFlowView(item, analyzeItem(item, { settings: defaultFlowSettings }, NOW), { now: NOW, fetchedAt: NOW - 1000, states: new Map([['github:octo-org/api#1', 'waiting' as const]]) });

describe('toFlowView', () => {
  it('shows the state, since when and the open blockers of an analysed item', () => {
    const shown = view(pull);
    expect(shown).toMatchObject({ state: 'blocked', since: '2026-11-18T12:00:00.000Z', blockers: 2, unverified: 1, text: 'blocked 2 d', fetchedAt: NOW - 1000, cluster: 'dependency' });
    expect(shown.label).toBe('Pull request blocked for 2 d, 2 blockers, 1 unverified. FlowLens: Blocked since Wed 18 Nov: blocked by octo-org/api#1 (Schema) and blocked by octo-org/api#3 (unverified). Show details.');
    expect(shown.upstream?.[0]).toEqual({ key: 'github:octo-org/api#1', title: 'Schema', state: 'waiting', open: true });
    expect(shown.upstream?.[2]).toEqual({ key: 'github:octo-org/api#3' });
    expect(shown.moves?.[0]).toMatchObject({ level: 'P3' });
    expect(shown.moves?.map((move) => move.text)).toContain('octo-org/api#7 waits on octo-org/api#3, which FlowLens could not read: check whether it is still open, and if it is done, remove the link and any blocked marker.');
  });

  it('says only "1 open blocker" when every blocker was read', () => {
    const read = view({ ...pull, upstream: pull.upstream.slice(0, 2) });
    expect(read).toMatchObject({ blockers: 1, since: '2026-11-18T12:00:00.000Z' });
    expect(read.unverified).toBeUndefined();
    expect(read.label).toBe('Pull request blocked for 2 d, 1 open blocker. FlowLens: Blocked since Wed 18 Nov: blocked by octo-org/api#1 (Schema). Show details.');
  });

  it('names why an upstream item could not be read, and gives no since when no source recorded the link', () => {
    const untimed = { ...pull, upstream: [pull.upstream[0]!, { key: 'github:octo-org/api#3', kind: 'blocked-by' as const, seenAt: '2026-11-18T06:00:00Z' }] };
    const unreadable = new Map([['github:octo-org/api#3', 'GitHub has no such item, or it is not visible to you (404).']]);
    const shown = toFlowView(untimed, analyzeItem(untimed, { settings: defaultFlowSettings }, NOW), { now: NOW, fetchedAt: NOW, states: new Map(), unreadable });
    // The block held when #3's link was first seen (06:00 on the 18th): at least 2 d 6 h, so "≥ 2 d".
    expect(shown).toMatchObject({ state: 'blocked', blockers: 2, unverified: 1, text: 'blocked ≥ 2 d' });
    expect(shown.since).toBeUndefined();
    // #1's link was made on the 18th at noon and #3's was seen at 06:00 that day: the block began
    // no later than 06:00 on the 18th, and no earlier than the pull request itself (the 17th).
    expect(shown.sinceUnknown).toEqual({ links: ['github:octo-org/api#3'], notBefore: '2026-11-17T12:00:00.000Z', notAfter: '2026-11-18T06:00:00.000Z' });
    expect(shown.upstream?.[1]).toEqual({ key: 'github:octo-org/api#3', unreadable: 'GitHub has no such item, or it is not visible to you (404).' });
    expect(shown.bound).toEqual({ notAfter: '2026-11-18T06:00:00.000Z', why: 'start not recorded; blocked at least since it was first seen, Wed 18 Nov' });
    expect(shown.label).toBe('Pull request blocked for at least 2 d (start not recorded; blocked at least since it was first seen, Wed 18 Nov), 2 blockers, 1 unverified. FlowLens: Blocked: blocked by octo-org/api#1 (Schema) and blocked by octo-org/api#3 (unverified). Show details.');
  });

  it('says "open" with the age when the source told too little to know the state', () => {
    const bare = view({ ...pull, upstream: [] });
    expect(bare).toMatchObject({ state: 'unknown', text: 'open 3 d', blockers: 0 });
    expect(bare.since).toBeUndefined();
    expect(bare.label).toBe('Pull request flow state unknown. FlowLens: Not enough data to tell whether this item is blocked. Show details.');
  });

  it('names a pull request that needs its author "failing" on the badge and in its words, as everywhere else (the badge said "fix")', () => {
    const changes = view({
      ...pull, upstream: [], author: { id: 'bob', name: 'bob' },
      signals: { reviewDecision: 'changes-requested', checks: 'success', failingChecks: [], mergeable: 'mergeable', labels: [] },
      timeline: [...pull.timeline, { type: 'reviewed', at: '2026-11-19T12:00:00Z', verdict: 'changes-requested', by: { id: 'carol', name: 'carol' } }],
    });
    expect(changes).toMatchObject({ state: 'failing', text: 'failing 1 d' });
    expect(changes.label).toMatch(/^Pull request failing for 1 d\. /);
  });

  it('marks merged items done since they were merged, and shows their cycle time, never their age', () => {
    // Opened on the 17th at noon, merged two days later; "now" is a day after that.
    const merged = view({ ...pull, state: 'merged', resolvedAt: '2026-11-19T12:00:00Z' });
    expect(merged).toMatchObject({ state: 'done', since: '2026-11-19T12:00:00Z', text: 'merged 2 d', resolved: { at: '2026-11-19T12:00:00Z', as: 'merged' } });
    expect(merged.label).toMatch(/^Pull request done in 2 d \(cycle time, opened → merged\), /);
    expect(lifeFact(merged, NOW + 30 * 86_400_000)).toEqual({ name: 'Cycle time', value: '2 d, opened → merged' });
    const closed = view({ ...pull, state: 'closed', resolvedAt: '2026-11-17T12:45:00Z' });
    expect(closed.text).toBe('closed 45 m');
  });

  it('gives a merged item without a resolution time no duration rather than its age', () => {
    const merged = view({ ...pull, state: 'merged' });
    expect(merged.text).toBe('merged');
    expect(lifeFact(merged, NOW)).toBeUndefined();
  });

  it('says how long an open item has been open, by the same unit rule as the badge', () => {
    expect(lifeFact(view(pull), NOW)).toEqual({ name: 'Open for', value: '3 d' });
  });

  it('shows a Jira issue’s current sprint and how many sprints it was carried over from', () => {
    const jira: WorkItem = { ...pull, key: 'jira:acme.atlassian.net/PAY-7', source: 'jira', kind: 'jira-issue', upstream: [] };
    expect(view({ ...jira, sprints: ['Sprint 7', 'Sprint 8', 'Sprint 9'] }).sprint).toEqual({ current: 'Sprint 9', carriedOver: 2 });
    expect(view({ ...jira, sprints: ['Sprint 9'] }).sprint).toEqual({ current: 'Sprint 9', carriedOver: 0 });
    expect(view(jira).sprint).toBeUndefined();
  });
});

describe('timeInState', () => {
  it('is the time since a recorded start, else a lower bound with why, else nothing', () => {
    expect(timeInState({ since: '2026-11-17T11:00:00Z' }, NOW)).toEqual({ text: '3 d' });
    const bound = { notAfter: '2026-11-17T06:00:00Z', why: 'start not recorded; blocked at least since it was first seen, Tue 17 Nov' };
    expect(timeInState({ bound }, NOW)).toEqual({ text: '≥ 3 d', why: bound.why });
    expect(timeInState({}, NOW)).toBeUndefined();
  });
});

describe('urgencyOf', () => {
  const thresholds = { warnHours: 24, alertHours: 72 };
  const hoursAgo = (hours: number) => new Date(NOW - hours * 3_600_000).toISOString();

  it('turns a stuck item amber at the first threshold and red at the second', () => {
    expect(urgencyOf('blocked', hoursAgo(23.9), NOW, thresholds)).toBeUndefined();
    expect(urgencyOf('blocked', hoursAgo(24), NOW, thresholds)).toBe('warn');
    expect(urgencyOf('waiting', hoursAgo(71), NOW, thresholds)).toBe('warn');
    expect(urgencyOf('failing', hoursAgo(72), NOW, thresholds)).toBe('alert');
  });

  it('never marks moving, finished or unknown items, nor items with no start', () => {
    for (const state of ['flowing', 'done', 'unknown', 'error'] as const) expect(urgencyOf(state, hoursAgo(500), NOW, thresholds)).toBeUndefined();
    expect(urgencyOf('blocked', undefined, NOW, thresholds)).toBeUndefined();
  });

  it('follows the user’s thresholds into the view', () => {
    const shown = toFlowView(pull, analyzeItem(pull, { settings: defaultFlowSettings }, NOW), { now: NOW, fetchedAt: NOW, states: new Map(), thresholds: { warnHours: 1, alertHours: 24 } });
    expect(shown).toMatchObject({ state: 'blocked', urgency: 'alert' });
    expect(view(pull).urgency).toBe('warn');
  });
});

describe('pace', () => {
  const DAY = 24 * 3_600_000;
  const days = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) * DAY);
  // The team finished 20 items taking 1 … 20 d, and was blocked in stretches of 1 … 20 d.
  const sample = paceSample({ cycleTimesMs: days(20), stretchesMs: { blocked: days(20) }, at: NOW - DAY }, 90);
  const paced = (colours?: BadgeColours) =>
    toFlowView(pull, analyzeItem(pull, { settings: defaultFlowSettings }, NOW), { now: NOW, fetchedAt: NOW, pace: sample, ...(colours ? { colours } : {}) });

  it('sets the current stretch and the age against the team’s own', () => {
    // Blocked since 18 Nov 12:00, 2 d: 1 stretch of 20 shorter (5 %), 18 longer (90 %).
    // Open since 17 Nov 12:00, 3 d: 2 of 20 cycle times shorter (10 %), 17 longer (85 %).
    expect(paced().pace).toEqual({
      stretch: { kind: 'blocked', ms: 2 * DAY, standing: { longerThan: 5, shorterThan: 90, sample: 20 } },
      age: { ms: 3 * DAY, standing: { longerThan: 10, shorterThan: 85, sample: 20 } },
      items: 20,
      windowDays: 90,
      at: NOW - DAY,
    });
    expect(view(pull).pace).toBeUndefined();
  });

  it('gives no standing for a kind the team has too few stretches of', () => {
    const few = paceSample({ cycleTimesMs: days(20), stretchesMs: { review: days(20), blocked: days(3) } }, 90);
    const shown = toFlowView(pull, analyzeItem(pull, { settings: defaultFlowSettings }, NOW), { now: NOW, fetchedAt: NOW, pace: few });
    expect(shown.pace?.stretch).toEqual({ kind: 'blocked', ms: 2 * DAY });
  });

  it('colours the badge by percentile when chosen, by hours where the team cannot say', () => {
    // By hours, 2 d blocked is amber (24 h); by percentile it is longer than only 5 % of the team's blocks.
    expect(paced().urgency).toBe('warn');
    expect(paced({ by: 'percentile', warnPercentile: 70, alertPercentile: 85 }).urgency).toBeUndefined();
    expect(paced({ by: 'percentile', warnPercentile: 5, alertPercentile: 85 }).urgency).toBe('warn');
    expect(paced({ by: 'percentile', warnPercentile: 1, alertPercentile: 5 }).urgency).toBe('alert');
    const none = toFlowView(pull, analyzeItem(pull, { settings: defaultFlowSettings }, NOW), { now: NOW, fetchedAt: NOW, colours: { by: 'percentile', warnPercentile: 70, alertPercentile: 85 } });
    expect(none.urgency).toBe('warn');
  });
});

describe('errorView', () => {
  it('is an error badge whose label carries the message', () => {
    expect(errorView('github:a/b#1', '', { code: 'offline', message: 'No network.' })).toMatchObject({
      state: 'error',
      text: '!',
      label: 'FlowLens could not load this item: No network.',
    });
  });
});

describe('badgeName', () => {
  it('leads with the visible text when the words do not hold it, so the name contains what is seen', () => {
    expect(badgeName({ text: 'blocked 2w', label: 'Pull request blocked for 2w. FlowLens: labelled “blocked”. Show details.' })).toBe('blocked 2w: Pull request blocked for 2w. FlowLens: labelled “blocked”. Show details.');
  });

  it('counts the blockers shown beside the text as part of what is seen', () => {
    // The badge shows "blocked" and, beside it, "1 blocker": "blocked 1 blocker" must be in the name.
    expect(badgeName({ text: 'blocked', blockers: 1, label: 'Pull request blocked, 1 open blocker. FlowLens: blocked by #90.' })).toBe('blocked 1 blocker: Pull request blocked, 1 open blocker. FlowLens: blocked by #90.');
    expect(badgeName({ text: 'blocked 2d', blockers: 3, label: 'Pull request blocked for 2 days, 3 open blockers.' })).toBe('blocked 2d 3 blockers: Pull request blocked for 2 days, 3 open blockers.');
  });

  it('keeps the words alone when they already hold the visible text, or when that is a symbol', () => {
    expect(badgeName({ text: 'waiting', label: 'Issue waiting. FlowLens: waiting for review.' })).toBe('Issue waiting. FlowLens: waiting for review.');
    expect(badgeName({ text: '!', label: 'FlowLens could not load this item: GitHub is having trouble (502).' })).toBe('FlowLens could not load this item: GitHub is having trouble (502).');
  });
});

describe('the links of a view', () => {
  const hostile: WorkItem = {
    ...pull,
    url: 'javascript:alert(1)',
    upstream: [
      { key: 'github:octo-org/api#1', kind: 'depends-on', open: true, url: 'data:text/html,<script>alert(1)</script>' },
      { key: 'github:octo-org/api#2', kind: 'depends-on', open: true, url: 'https://evil.example/phish' },
      { key: 'github:octo-org/api#3', kind: 'depends-on', open: true, url: 'https://github.com/octo-org/api/pull/3' },
      { key: 'github:octo-org/api#4', kind: 'depends-on', open: true },
    ],
  };

  it('are the items’ own pages: a script, data or other site’s URL from the answer becomes the page built from the key', () => {
    const shown = view(hostile);
    expect(shown.url).toBe('https://github.com/octo-org/api/issues/7');
    expect(shown.upstream?.map((up) => up.url)).toEqual(['https://github.com/octo-org/api/issues/1', 'https://github.com/octo-org/api/issues/2', 'https://github.com/octo-org/api/pull/3', undefined]);
    expect(JSON.stringify(shown)).not.toMatch(/javascript:|data:|evil\.example/);
  });

  it('keep an error’s help link only when it is an https page on the item’s host', () => {
    const sso = (helpUrl: string) => errorView('github:ghe.corp.example/team/svc#7', '', { code: 'sso-required', message: 'Authorise it.', helpUrl }).error;
    expect(sso('https://ghe.corp.example/orgs/team/sso?authorization_request=1')).toEqual({ code: 'sso-required', message: 'Authorise it.', helpUrl: 'https://ghe.corp.example/orgs/team/sso?authorization_request=1' });
    for (const helpUrl of ['javascript:alert(1)', 'https://evil.example/login', 'http://ghe.corp.example/orgs/team/sso']) {
      expect(sso(helpUrl)).toEqual({ code: 'sso-required', message: 'Authorise it.' });
    }
  });
});

describe('the card head and the conditions that hold an item up (issue 15)', () => {
  const bob = { id: 'bob', name: 'bob', url: 'https://github.com/bob' };
  // Shaped like octo-org/api#101 of the e2e fixtures: labelled blocked, waiting on another
  // team's item FlowLens could not read, a required test red, a review pending and an optional
  // lint that failed and then passed on a rerun of the same commit.
  const held: WorkItem = {
    ...pull,
    key: 'github:octo-org/api#101',
    url: 'https://github.com/octo-org/api/pull/101',
    requestedReviewers: [bob],
    signals: { reviewDecision: 'review-required', pendingReviewers: [bob], mergeable: 'mergeable', checks: 'failure', failingChecks: ['test (20)'], labels: ['blocked'] },
    timeline: [
      { type: 'created', at: '2026-11-17T12:00:00Z' },
      { type: 'check', at: '2026-11-17T13:00:00Z', name: 'lint', conclusion: 'failure', sha: 'a1', required: false, url: 'https://github.com/octo-org/api/actions/runs/1/job/12' },
      { type: 'check', at: '2026-11-17T13:00:00Z', name: 'test (20)', conclusion: 'failure', sha: 'a1', required: true, url: 'https://github.com/octo-org/api/actions/runs/1/job/11' },
      { type: 'check', at: '2026-11-18T13:00:00Z', name: 'lint', conclusion: 'success', sha: 'a1', required: false, url: 'https://github.com/octo-org/api/actions/runs/2/job/22' },
      { type: 'check', at: '2026-11-18T13:00:00Z', name: 'test (20)', conclusion: 'failure', sha: 'a1', required: true, url: 'https://github.com/octo-org/api/actions/runs/2/job/21' },
    ],
    upstream: [{ key: 'github:octo-org/web#14', kind: 'depends-on', url: 'https://github.com/octo-org/web/issues/14' }],
  };

  it('names the cause in a few words: the upstream item and whose it is', () => {
    expect(view(held)).toMatchObject({ state: 'blocked', headCause: 'waits on octo-org/web#14 (another team, unverified)' });
    const inTeam = view({ ...held, upstream: [{ key: 'github:octo-org/api#1', kind: 'depends-on', open: true, at: '2026-11-18T12:00:00Z' }] });
    expect(inTeam.headCause).toBe('waits on octo-org/api#1 (in the team)');
  });

  it('lists the failing required check first and the flaky optional one last, as the merge box does, the pending reviewer by name', () => {
    expect(view(held).conditions).toEqual([
      { kind: 'check-failing', text: 'Required check “test (20)” failing', url: 'https://github.com/octo-org/api/actions/runs/2/job/21' },
      { kind: 'review-pending', text: 'Waiting for review from @bob', url: 'https://github.com/octo-org/api/pull/101' },
      { kind: 'upstream', text: 'Waits on octo-org/web#14 (another team, unverified)', url: 'https://github.com/octo-org/web/issues/14' },
      { kind: 'label', text: 'Labelled “blocked”', url: 'https://github.com/octo-org/api/pull/101' },
      { kind: 'check-flaky', text: 'Optional check “lint” flaky: failed, then passed on a rerun', url: 'https://github.com/octo-org/api/actions/runs/1/job/12' },
    ]);
  });

  it('puts conflicts and requested changes after the reviewers, then the base pull request of a stacked one, then each upstream item', () => {
    const carol = { id: 'carol', name: 'carol' };
    const stacked: WorkItem = {
      ...held,
      signals: { ...held.signals, mergeable: 'conflicting', reviewDecision: 'changes-requested', failingChecks: [] },
      timeline: [...held.timeline, { type: 'reviewed', at: '2026-11-19T09:00:00Z', by: carol, verdict: 'changes-requested' }],
      upstream: [
        { key: 'github:octo-org/api#90', kind: 'depends-on', open: true, at: '2026-11-18T12:00:00Z' },
        { key: 'github:octo-org/api#100', kind: 'stacked-on', open: true, at: '2026-11-18T12:00:00Z', url: 'https://github.com/octo-org/api/pull/100' },
      ],
    };
    const shown = toFlowView(stacked, analyzeItem(stacked, { settings: defaultFlowSettings }, NOW), { now: NOW, fetchedAt: NOW, states: new Map([['github:octo-org/api#100', 'waiting' as const]]) });
    expect(shown.conditions?.map((c) => [c.kind, c.text, c.url])).toEqual([
      // GitHub says no check fails now: the red run of "test (20)" is not listed.
      ['review-pending', 'Waiting for review from @bob', 'https://github.com/octo-org/api/pull/101'],
      ['conflict', 'Merge conflicts with the base branch', 'https://github.com/octo-org/api/pull/101/conflicts'],
      ['changes-requested', 'Changes requested by @carol', 'https://github.com/octo-org/api/pull/101/files'],
      ['base', 'Stacked on octo-org/api#100 (waiting)', 'https://github.com/octo-org/api/pull/100'],
      ['upstream', 'Waits on octo-org/api#90 (open)', 'https://github.com/octo-org/api/issues/90'],
      ['label', 'Labelled “blocked”', 'https://github.com/octo-org/api/pull/101'],
      ['check-flaky', 'Optional check “lint” flaky: failed, then passed on a rerun', 'https://github.com/octo-org/api/actions/runs/1/job/12'],
    ]);
  });

  it('names a failing required check before one of unknown standing, and a failing optional one after the rest', () => {
    const red: WorkItem = {
      ...held,
      upstream: [],
      signals: { ...held.signals, labels: [], pendingReviewers: [], reviewDecision: null, failingChecks: ['e2e', 'lint', 'test (20)'] },
      timeline: [
        { type: 'created', at: '2026-11-17T12:00:00Z' },
        { type: 'check', at: '2026-11-18T13:00:00Z', name: 'lint', conclusion: 'failure', required: false },
        { type: 'check', at: '2026-11-18T13:00:00Z', name: 'e2e', conclusion: 'failure' },
        { type: 'check', at: '2026-11-18T13:00:00Z', name: 'test (20)', conclusion: 'failure', required: true },
      ],
      requestedReviewers: [],
    };
    const shown = view(red);
    expect(shown).toMatchObject({ state: 'failing', headCause: 'required check “test (20)” failing' });
    expect(shown.conditions?.map((c) => c.text)).toEqual(['Required check “test (20)” failing', 'Check “e2e” failing', 'Optional check “lint” failing']);
  });

  it('links a condition only to an https page on the item’s own host', () => {
    const hostile: WorkItem = {
      ...held,
      url: 'javascript:alert(1)',
      timeline: held.timeline.map((e) => (e.type === 'check' && e.name === 'test (20)' ? { ...e, url: 'https://evil.example/run' } : e.type === 'check' ? { ...e, url: 'javascript:alert(2)' } : e)),
      upstream: [{ key: 'github:octo-org/web#14', kind: 'depends-on', url: 'data:text/html,<script>alert(3)</script>' }],
    };
    const shown = view(hostile);
    expect(shown.conditions?.map((c) => c.url)).toEqual([undefined, 'https://github.com/octo-org/api/issues/101', 'https://github.com/octo-org/web/issues/14', 'https://github.com/octo-org/api/issues/101', undefined]);
    expect(JSON.stringify(shown.conditions)).not.toMatch(/javascript:|data:|evil\.example/);
  });

  it('has no conditions once the item is done, and says why it cannot tell when the data is too thin', () => {
    expect(view({ ...held, state: 'merged', resolvedAt: '2026-11-19T00:00:00Z' }).conditions).toBeUndefined();
    expect(view({ ...pull, upstream: [] })).toMatchObject({ state: 'unknown', headCause: 'not enough data to tell' });
  });
});

describe('set-up errors (issue 15)', () => {
  it('marks a refused token, a logged-out Jira and an SSO authorisation as set-up, grey "set up"', () => {
    for (const error of [
      { code: 'unauthorized' as const, message: 'GitHub refused the credentials (401). Check the token in FlowLens options.' },
      { code: 'unauthorized' as const, message: 'You are logged out of Jira at acme.atlassian.net. Log in and reload the page.' },
      { code: 'sso-required' as const, message: 'Authorise it.' },
      { code: 'forbidden' as const, message: 'Resource not accessible by personal access token', setup: true as const },
    ]) {
      expect(errorView('github:a/b#1', '', error)).toMatchObject({ state: 'error', setup: true, text: 'set up', label: `FlowLens needs to be set up: ${error.message}` });
    }
  });

  it('leaves the item’s own errors as they were', () => {
    for (const code of ['not-found', 'offline', 'rate-limited'] as const) expect(errorView('github:a/b#1', '', { code, message: 'x' }).setup).toBeUndefined();
    expect(errorView('github:a/b#1', '', { code: 'forbidden', message: 'Your Jira account may lack permission to browse this project.' }).setup).toBeUndefined();
  });

  it('takes a 403 as the set-up’s by what the provider said, never by the word "token" in its message (review leftover 1)', () => {
    // The provider says a token lacks access, in words that happen not to name it: set-up.
    expect(isSetupError({ code: 'forbidden', message: 'GitHub denied access (403): Resource not accessible by integration.', setup: true })).toBe(true);
    // A private Jira issue whose refusal mentions the API token: the item's, not the set-up's.
    const privateItem = { code: 'forbidden' as const, message: 'Jira at acme.atlassian.net denied access (403): The issue is private; this API token’s account may not see it.' };
    expect(isSetupError(privateItem)).toBe(false);
    expect(errorView('jira:acme.atlassian.net/PAY-1', '', privateItem)).toMatchObject({ text: '!', label: `FlowLens could not load this item: ${privateItem.message}` });
  });
});

describe('the set-up badge’s name', () => {
  it('holds its visible words, so the label is not led by them again', () => {
    const view = errorView('github:a/b#1', '', { code: 'unauthorized', message: 'Bad token.' });
    expect(badgeName(view)).toBe('FlowLens needs to be set up: Bad token.');
  });
});

describe('one rounding for a move and its badge (review leftover 3)', () => {
  it('says a 5.6-day wait for review as "5 days" in the move and "5 d" on the badge', () => {
    const bob = { id: 'bob', name: 'bob' };
    const asked = new Date(NOW - 5.6 * 86_400_000).toISOString();
    const opened = '2026-11-10T12:00:00Z';
    const waiting = view({
      ...pull, createdAt: opened, upstream: [], requestedReviewers: [bob],
      signals: { reviewDecision: 'review-required', pendingReviewers: [bob], checks: 'success', failingChecks: [], mergeable: 'mergeable', labels: [] },
      timeline: [{ type: 'created', at: opened }, { type: 'review-requested', at: asked, reviewer: bob }],
    });
    expect(waiting).toMatchObject({ state: 'waiting', text: 'waiting 5 d' });
    expect(waiting.moves?.map((move) => move.text)).toContain('Ask @bob for a review of octo-org/api#7: waiting 5 days.');
  });
});
