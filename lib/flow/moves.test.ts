import { describe, expect, it } from 'vitest';
import { analyzeItem, type AnalysisContext } from './analyze';
import { defaultFlowSettings, parseFlowSettings } from './flow-settings';
import { analyzeGraph } from './graph';
import type { WorkItem } from './model';
import { days } from './moves';
import { blockedBy, jiraItem, pullItem } from './testing/items';
import { DEFAULT_RULES } from './rules';

const settings = defaultFlowSettings;
const now = Date.parse('2026-11-16T09:00:00Z');
const movesOf = (item: WorkItem, ctx: Partial<AnalysisContext> = {}) => analyzeItem(item, { settings, ...ctx }, now).moves;
const byRule = (item: WorkItem, ctx: Partial<AnalysisContext> = {}) => Object.fromEntries(movesOf(item, ctx).map((m) => [m.rule, m]));
const pay = (n: number) => `jira:acme.atlassian.net/PAY-${n}`;

describe('the rubric’s success story', () => {
  // PAY-1 has waited on another team's OPS-7 since 10 Nov, 6 days: build without it, plan the
  // integration, talk to the upstream team.
  const blocked = jiraItem(1, { upstream: [blockedBy('jira:acme.atlassian.net/OPS-7', '2026-11-10T09:00:00Z', { title: 'Card gateway SDK' })] });

  it('is an external dependency, blocked since the link', () => {
    expect(analyzeItem(blocked, { settings }, now)).toMatchObject({ state: 'blocked', since: '2026-11-10T09:00:00.000Z', cluster: 'external' });
  });

  it('suggests the three moves of the story, each with its skill and level', () => {
    expect(movesOf(blocked).slice(0, 3).map((m) => [m.rule, m.level, m.skillId, m.text])).toEqual([
      ['build-around-dependency', 'P3', 'p3-integrate-upstream', 'PAY-1 has waited 6 days on OPS-7 (Card gateway SDK): build it without that dependency — stub or feature-flag the part that needs it — so the rest can ship now.'],
      ['plan-integration', 'P3', 'p3-integrate-upstream', 'Plan how OPS-7 (Card gateway SDK) will plug into PAY-1 once it lands (the interface, a feature flag, the test that proves it), so integrating it is a small, planned step.'],
      ['talk-to-upstream', 'P4', 'p4-integrations', 'Talk to the OPS team that owns OPS-7 (Card gateway SDK): agree the interface and a date, and tell them PAY-1 waits on it.'],
    ]);
  });

  it('does not suggest building around a dependency one day old, nor talking to a team for one’s own item', () => {
    const fresh = jiraItem(1, { upstream: [blockedBy(pay(9), '2026-11-15T09:00:00Z')] });
    expect(movesOf(fresh).map((m) => m.rule)).toEqual(['plan-integration']);
  });

  it('lets users turn rules off', () => {
    // Blocked 6 days, past twice the 2-day long wait: customer-impact joins the story's moves.
    expect(movesOf(blocked).map((m) => m.rule)).toEqual(['build-around-dependency', 'plan-integration', 'talk-to-upstream', 'customer-impact']);
    expect(movesOf(blocked, { disabledRules: new Set(['build-around-dependency']) }).map((m) => m.rule)).toEqual(['plan-integration', 'talk-to-upstream', 'customer-impact']);
  });
});

describe('a bare marker on an item that waits on something FlowLens could not read', () => {
  // PAY-2 is flagged and links to OPS-9, whose state the answer did not include.
  const unread = (key: string) => ({ key, kind: 'blocked-by' as const, at: '2026-11-12T09:00:00Z' });
  const flagged = (key: string) => jiraItem(2, { signals: { status: 'In Progress', flagged: true }, timeline: [{ type: 'created', at: '2026-11-01T09:00:00Z' }, { type: 'flagged', at: '2026-11-12T09:00:00Z' }], upstream: [unread(key)] });

  it('asks to check the upstream item, and to talk to its team when it is another team’s', () => {
    const moves = byRule(flagged('jira:acme.atlassian.net/OPS-9'));
    expect(moves['check-upstream']).toMatchObject({ level: 'P2', skillId: 'p2-blockers', text: 'PAY-2 waits on OPS-9, which FlowLens could not read: check whether it is still open, and if it is done, remove the link and any blocked marker.' });
    expect(moves['talk-to-upstream']?.text).toMatch(/^Talk to the OPS team that owns OPS-9/);
    expect(moves['name-the-blocker']).toBeUndefined();
    // Checking comes first: the block may be over already.
    expect(movesOf(flagged('jira:acme.atlassian.net/OPS-9'))[0]?.rule).toBe('check-upstream');
  });

  it('does not send the team to talk to itself, and says nothing of links that are known to be closed', () => {
    expect(byRule(flagged(pay(9)))['talk-to-upstream']).toBeUndefined();
    const closed = flagged('jira:acme.atlassian.net/OPS-9');
    closed.upstream = [{ ...unread('jira:acme.atlassian.net/OPS-9'), open: false }];
    expect(byRule(closed)['check-upstream']).toBeUndefined();
    // The flag outlived what it named: clearing it is the move, not naming a blocker.
    expect(movesOf(closed)[0]?.rule).toBe('clear-stale-marker');
    expect(byRule(closed)['name-the-blocker']).toBeUndefined();
    expect(byRule(closed)['clear-stale-marker']).toMatchObject({ level: 'P2', skillId: 'p2-blockers', text: 'Clear the flag on PAY-2: OPS-9, which it waited on, was done. If something else holds it up, write that down instead.' });
  });
});

describe('review, CI and conflicts', () => {
  const red = (since: string) => {
    const pull = pullItem(5, { timeline: [{ type: 'created', at: '2026-11-10T09:00:00Z' }, { type: 'check', at: since, name: 'e2e', conclusion: 'failure', required: true }] });
    pull.signals = { ...pull.signals, checks: 'failure', failingChecks: ['e2e'] };
    return pull;
  };

  it('asks to fix a check red since this morning, and calls one red for three days a team problem (P2 symptom)', () => {
    expect(byRule(red('2026-11-16T07:00:00Z'))['fix-red-ci']).toMatchObject({ level: 'P2', text: 'Fix “e2e”: red on the latest commit of octo-org/api#5.' });
    const persistent = byRule(red('2026-11-13T09:00:00Z'));
    expect(persistent['fix-red-ci']).toBeUndefined();
    expect(persistent['persistent-red-ci']).toMatchObject({ level: 'P2', skillId: 'p2-symptoms' });
    expect(persistent['persistent-red-ci']!.text).toBe("“e2e” has been red on octo-org/api#5 for 3 days: persistently red CI is a team problem, not one pull request's — raise it, then fix or quarantine the check.");
  });

  it('asks for a reviewer when none is asked, and for a rebase on conflicts', () => {
    const unasked = pullItem(6);
    unasked.signals = { ...unasked.signals, reviewDecision: 'review-required' };
    expect(movesOf(unasked).map((m) => m.text)).toEqual(['Request a reviewer for octo-org/api#6: it needs an approving review and nobody is asked.']);
    const conflicted = pullItem(8);
    conflicted.signals = { ...conflicted.signals, mergeable: 'conflicting' };
    expect(byRule(conflicted)['resolve-conflict']?.text).toBe('Rebase octo-org/api#8 on its base branch (or merge it in): merge conflicts stop it.');
  });

  it('asks to land the base of a stacked pull request', () => {
    const stacked = pullItem(9, { upstream: [{ key: 'github:octo-org/api#8', kind: 'stacked-on', open: true, title: 'Extract client' }] });
    expect(movesOf(stacked).map((m) => m.text)).toEqual(['Get the base octo-org/api#8 (Extract client) reviewed and merged first, or retarget octo-org/api#9 onto the main branch if it no longer needs it.']);
  });
});

describe('decisions and releases', () => {
  it('asks product for a decision when the flag says so', () => {
    const item = jiraItem(2, { signals: { status: 'In Progress', flagged: true }, timeline: [{ type: 'flagged', at: '2026-11-12T09:00:00Z', reason: 'Waiting on product decision' }] });
    expect(byRule(item)['get-decision']).toMatchObject({ level: 'P3', text: 'Ask product for the decision PAY-2 waits on, with a proposed default and a date after which the team goes with it; meanwhile plan a track that does not depend on it.' });
  });

  it('asks to automate a manual release step (P4: engineering over toil)', () => {
    const item = jiraItem(3, { signals: { status: 'Blocked', labels: ['waiting-for-release'] }, timeline: [{ type: 'status', at: '2026-11-12T09:00:00Z', to: 'Blocked' }] });
    const analysis = analyzeItem(item, { settings }, now);
    expect(analysis.cluster).toBe('environment');
    expect(analysis.moves.map((m) => [m.rule, m.level])).toEqual([['automate-release', 'P4'], ['customer-impact', 'P3']]);
  });
});

describe('moves from the graph', () => {
  // 2, 3 and 4 wait on 1; 5 waits on 4, which waits on 1: PAY-1 holds up four items, three directly.
  const items = [jiraItem(1), jiraItem(2, { upstream: [blockedBy(pay(1))] }), jiraItem(3, { upstream: [blockedBy(pay(1))] }), jiraItem(4, { upstream: [blockedBy(pay(1))] }), jiraItem(5, { upstream: [blockedBy(pay(4))] })];
  const graph = analyzeGraph(items, now);

  it('calls out a systemic bottleneck in customer terms (P4)', () => {
    const analysis = analyzeItem(items[0]!, { settings, graph }, now);
    expect(analysis.impact).toEqual({ direct: 3, count: 4, keys: [pay(2), pay(3), pay(4), pay(5)] });
    expect(byRule(items[0]!, { graph })['systemic-bottleneck']).toMatchObject({
      level: 'P4',
      skillId: 'p4-systemic',
      text: 'PAY-1 holds up 4 items (3 directly: PAY-2, PAY-3 and PAY-4, …): customers wait on all of them, so unblock or finish it first.',
    });
  });

  it('asks a stuck item to tell the people it holds up (P3: communicate to avoid blocking others)', () => {
    const tell = byRule(items[3]!, { graph })['tell-downstream'];
    expect(tell).toMatchObject({ level: 'P3', skillId: 'p3-communicate', text: 'Tell the owners of PAY-5 that PAY-4 is blocked and when to expect it, so they can plan around it.' });
    // A flowing item holds PAY-2..4 up by being unfinished, not stuck: no message to send.
    expect(byRule(items[0]!, { graph })['tell-downstream']).toBeUndefined();
  });

  it('names a long chain of blockers and where to cut it (P3: surface at the retro)', () => {
    const chained = [jiraItem(10, { upstream: [blockedBy(pay(11))] }), jiraItem(11, { upstream: [blockedBy(pay(12))] }), jiraItem(12, { upstream: [blockedBy(pay(13))] }), jiraItem(13)];
    const cut = byRule(chained[0]!, { graph: analyzeGraph(chained, now) })['cut-long-chain'];
    expect(cut).toMatchObject({ level: 'P3', text: 'PAY-10 waits at the end of a chain of 3 open blockers (PAY-11 → PAY-12 → PAY-13): raise it at the retro and cut the chain at PAY-13.' });
  });

  it('asks to break a dependency cycle (P3: break out of the process)', () => {
    const cyclic = [jiraItem(20, { upstream: [blockedBy(pay(21))] }), jiraItem(21, { upstream: [blockedBy(pay(20))] })];
    const analysis = analyzeItem(cyclic[0]!, { settings, graph: analyzeGraph(cyclic, now) }, now);
    expect(analysis.cycle).toEqual([pay(20), pay(21)]);
    expect(analysis.moves.find((m) => m.rule === 'break-cycle')).toMatchObject({ level: 'P3', text: 'PAY-20 is in a dependency cycle (PAY-20, PAY-21): none of them can finish first. Break it — split one item or drop one link — and tell the others which.' });
  });

  it('frames a long block in customer terms', () => {
    const long = jiraItem(30, { upstream: [blockedBy(pay(31), '2026-11-01T09:00:00Z')] });
    expect(byRule(long, { settings: parseFlowSettings({ longWaitMs: 86_400_000 }) })['customer-impact']?.text).toBe('Frame it in customer terms: PAY-30 has been blocked 15 days in all; that is how much later its value reaches customers.');
  });
});

describe('the engine', () => {
  it('skips a rule that throws rather than losing the card', () => {
    const broken = { id: 'broken', skillId: 'p2-blockers', applies: () => true, text: () => { throw new Error('bad'); } };
    const fine = { id: 'fine', skillId: 'p2-blockers', applies: () => true, text: () => 'Fine.' };
    expect(movesOf(jiraItem(1), { rules: [broken, fine] }).map((m) => m.rule)).toEqual(['fine']);
  });
});

describe('bottlenecks that are stuck, and other teams downstream', () => {
  const now2 = Date.parse('2026-11-16T09:00:00Z');
  // PAY-1 is blocked by PAY-9; PAY-2, PAY-3 and the OPS team's OPS-4 wait on PAY-1.
  const items = [
    jiraItem(1, { upstream: [blockedBy(pay(9))] }),
    jiraItem(9),
    jiraItem(2, { upstream: [blockedBy(pay(1))] }),
    jiraItem(3, { upstream: [blockedBy(pay(1))] }),
    jiraItem('OPS-4', { upstream: [blockedBy(pay(1))] }),
  ];
  const moves = Object.fromEntries(analyzeItem(items[0]!, { settings, graph: analyzeGraph(items, now2) }, now2).moves.map((m) => [m.rule, m]));

  it('asks to intervene on a bottleneck that is itself blocked (P4)', () => {
    expect(moves['intervene-bottleneck']).toMatchObject({ level: 'P4', skillId: 'p4-intervene', text: 'PAY-1 holds up 3 items and is itself blocked: intervene now — pair on it, cut its scope, or take its blocker on — rather than let the queue behind it grow.' });
  });

  it('asks to tell the other team that waits on it (P4: share context across the organisation)', () => {
    expect(moves['share-context']).toMatchObject({ level: 'P4', skillId: 'p4-share-context', text: 'Tell the OPS team now that PAY-1 is blocked: OPS-4 waits on it, and they can plan around it only if they know.' });
  });
});

describe('each move in a few words, for a one-line row', () => {
  it('says the story’s moves as short imperatives naming the upstream item', () => {
    const blocked = jiraItem(1, { upstream: [blockedBy('jira:acme.atlassian.net/OPS-7', '2026-11-10T09:00:00Z', { title: 'Card gateway SDK' })] });
    expect(movesOf(blocked).map((m) => m.short)).toEqual(['build it without OPS-7', 'plan how OPS-7 plugs in', 'talk to the OPS team', 'say what the delay costs customers']);
  });

  it('names the check, the reviewer and the base', () => {
    const red = pullItem(5, { timeline: [{ type: 'check', at: '2026-11-16T07:00:00Z', name: 'e2e', conclusion: 'failure', required: true }] });
    red.signals = { ...red.signals, checks: 'failure', failingChecks: ['e2e'] };
    expect(byRule(red)['fix-red-ci']?.short).toBe('fix “e2e”');
    const stacked = pullItem(9, { upstream: [{ key: 'github:octo-org/api#8', kind: 'stacked-on', open: true, title: 'Extract client' }] });
    expect(byRule(stacked)['land-the-base']?.short).toBe('land the base octo-org/api#8 first');
  });

  it('has a short form for every rule FlowLens ships: a few words, no full stop', () => {
    for (const rule of DEFAULT_RULES) expect(rule.short, rule.id).toBeTypeOf('function');
    const chained = [jiraItem(10, { upstream: [blockedBy(pay(11))] }), jiraItem(11, { upstream: [blockedBy(pay(12))] }), jiraItem(12, { upstream: [blockedBy(pay(13))] }), jiraItem(13)];
    const graph = analyzeGraph(chained, now);
    const shorts = chained.flatMap((item) => analyzeItem(item, { settings, graph }, now).moves).map((m) => m.short ?? '');
    expect(shorts).toContain('cut the chain at PAY-13');
    for (const short of shorts) expect(short).toMatch(/^[a-z].{4,44}[^.]$/);
  });

  it('leaves a user’s own rule without one: the row shows its sentence, cut to fit', () => {
    const own = { id: 'own', skillId: 'p2-blockers', applies: () => true, text: () => 'Ping the release manager.' };
    expect(movesOf(jiraItem(1), { rules: [own] })[0]).not.toHaveProperty('short');
  });
});

describe('a wait in a move’s words', () => {
  const HOUR = 3_600_000;
  it('rounds down to whole days, hours or minutes, by the badge’s unit rule', () => {
    expect(days(5.6 * 24 * HOUR)).toBe('5 days');
    expect(days(47.9 * HOUR)).toBe('1 day');
    expect(days(5.9 * HOUR)).toBe('5 hours');
    expect(days(HOUR)).toBe('1 hour');
    expect(days(0.5 * HOUR)).toBe('30 minutes');
    expect(days(undefined)).toBe('0 minutes');
  });
});
