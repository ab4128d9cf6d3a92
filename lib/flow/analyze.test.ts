import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { graphPull } from '../providers/github/schema';
import { pullToItem } from '../providers/github/to-work-item';
import { analyzeItem } from './analyze';
import { parseCustomMoves } from './custom-moves';
import { defaultFlowSettings, parseFlowSettings } from './flow-settings';
import { analyzeGraph } from './graph';
import type { WorkItem } from './model';
import { DEFAULT_RULES } from './rules';
import { RUBRIC } from './rubric';
import { clusterSummary } from './summary';

const settings = defaultFlowSettings;
const recordedPull = (n: number) =>
  pullToItem(
    { source: 'github', host: 'github.com', owner: 'octo-org', repo: 'api', number: n },
    v.parse(graphPull, JSON.parse(readFileSync(resolve(`tests/fixtures/github/api/graphql/octo-org/api/${n}.json`), 'utf8'))),
  );

describe('a recorded pull request: octo-org/api#101', () => {
  // Labelled "blocked" on 14 Nov 16:20, review requested from bob, "test (20)" red, lint flaky.
  const now = Date.parse('2026-11-20T12:00:00Z');
  const analysis = analyzeItem(recordedPull(101), { settings }, now);

  it('is blocked since the label, with the cause in words', () => {
    expect(analysis.state).toBe('blocked');
    expect(analysis.since).toBe('2026-11-14T16:20:00.000Z');
    expect(analysis.causeText).toBe('Blocked since Sat 14 Nov: labelled “blocked”.');
    expect(analysis.cluster).toBe('unknown');
  });

  it('sees the flaky lint check and suggests moves with rubric levels', () => {
    expect(analysis.flaky).toEqual(['lint']);
    const moves = Object.fromEntries(analysis.moves.map((m) => [m.rule, m]));
    expect(moves['quarantine-flaky']).toMatchObject({ level: 'P4', skillId: 'p4-engineering' });
    expect(moves['quarantine-flaky']!.text).toMatch(/^"lint" failed and then passed on a rerun/);
    expect(moves['name-the-blocker']).toMatchObject({ level: 'P2', text: 'Write down what octo-org/api#101 waits on and who can unblock it; @alice owns it.' });
  });

  it('waits for @bob once the label goes and CI is green, and needs the author once bob asks for changes', () => {
    const pull = recordedPull(101);
    pull.signals.labels = [];
    pull.signals.failingChecks = [];
    pull.timeline.push(
      { type: 'unlabeled', at: '2026-11-16T10:00:00Z', label: 'blocked' },
      { type: 'check', at: '2026-11-16T10:00:00Z', name: 'test (20)', conclusion: 'success', sha: 'a1b2c3d', required: true },
    );
    const waiting = analyzeItem(pull, { settings }, now);
    expect(waiting.state).toBe('waiting');
    expect(waiting.causeText).toBe('Waiting for review from @bob since Mon 16 Nov.');
    expect(waiting.moves.find((m) => m.rule === 'ask-reviewer')?.text).toBe('Ask @bob for a review: waiting 4 days.');

    pull.timeline.push({ type: 'reviewed', at: '2026-11-18T09:00:00Z', by: { id: 'bob', name: 'bob' }, verdict: 'changes-requested' });
    pull.signals.pendingReviewers = [];
    pull.signals.reviewDecision = 'changes-requested';
    const failing = analyzeItem(pull, { settings }, now);
    expect(failing).toMatchObject({ state: 'failing', since: '2026-11-18T09:00:00.000Z', cluster: 'review' });
    expect(failing.causeText).toBe('Needs the author since Wed 18 Nov: changes requested by @bob.');
    // The history says: blocked 14 Nov 16:20 → 16 Nov 10:00, then waiting, then failing.
    expect(failing.totalBlockedMs).toBe(Date.parse('2026-11-16T10:00:00Z') - Date.parse('2026-11-14T16:20:00Z'));
  });
});

function item(n: number, extra: Partial<WorkItem> = {}): WorkItem {
  return {
    key: `jira:acme.atlassian.net/PAY-${n}`, source: 'jira', kind: 'jira-issue', title: `Ticket ${n}`, url: '', state: 'open',
    assignees: [{ id: 'a1', name: 'Priya' }], requestedReviewers: [], createdAt: '2026-11-01T09:00:00Z', container: 'PAY',
    signals: { status: 'In Progress' }, timeline: [{ type: 'created', at: '2026-11-01T09:00:00Z' }], upstream: [], downstream: [], ...extra,
  };
}

describe('the rubric’s success story', () => {
  // PAY-1 has waited on another team's OPS-7 for 6 days: build without it, plan the integration,
  // talk to the upstream team.
  const blocked = item(1, {
    upstream: [{ key: 'jira:acme.atlassian.net/OPS-7', kind: 'blocked-by', open: true, title: 'Card gateway SDK', at: '2026-11-10T09:00:00Z' }],
  });
  const analysis = analyzeItem(blocked, { settings }, Date.parse('2026-11-16T09:00:00Z'));

  it('is an external dependency, blocked since the link', () => {
    expect(analysis).toMatchObject({ state: 'blocked', since: '2026-11-10T09:00:00.000Z', cluster: 'external' });
    expect(analysis.openBlockers.map((l) => l.key)).toEqual(['jira:acme.atlassian.net/OPS-7']);
  });

  it('suggests the three moves of the story, each with its skill', () => {
    expect(analysis.moves.slice(0, 3).map((m) => [m.rule, m.level, m.text])).toEqual([
      ['build-around-dependency', 'P3', 'Build acme.atlassian.net/PAY-1 without waiting for OPS-7 (Card gateway SDK): stub or feature-flag the part that needs it, so the work can ship now.'],
      ['plan-integration', 'P3', 'Write down how OPS-7 (Card gateway SDK) will plug in once it lands (interface, flag, test), so integrating it is a small, planned step.'],
      ['talk-to-upstream', 'P4', 'Talk to the team that owns OPS-7 (Card gateway SDK) to agree the interface and a date; blocked 6 days so far.'],
    ]);
  });

  it('lets users turn rules off', () => {
    const fewer = analyzeItem(blocked, { settings, disabledRules: new Set(['build-around-dependency']) }, Date.parse('2026-11-16T09:00:00Z'));
    expect(fewer.moves.map((m) => m.rule)).not.toContain('build-around-dependency');
  });
});

describe('graph moves', () => {
  const now = Date.parse('2026-11-16T09:00:00Z');
  const link = (n: number) => ({ key: `jira:acme.atlassian.net/PAY-${n}`, kind: 'blocked-by' as const, open: true, at: '2026-11-05T09:00:00Z' });
  // 2, 3 and 4 wait on 1; 5 waits on 4, which waits on 1: PAY-1 holds up four items.
  const items = [item(1), item(2, { upstream: [link(1)] }), item(3, { upstream: [link(1)] }), item(4, { upstream: [link(1)] }), item(5, { upstream: [link(4)] })];
  const graph = analyzeGraph(items, now);

  it('calls out a systemic bottleneck with its customer impact, and asks it to tell downstream', () => {
    const analysis = analyzeItem(items[0]!, { settings, graph }, now);
    expect(analysis.impact.count).toBe(4);
    const bottleneck = analysis.moves.find((m) => m.rule === 'systemic-bottleneck')!;
    expect(bottleneck).toMatchObject({ level: 'P4', skillId: 'p4-systemic' });
    expect(bottleneck.text).toMatch(/^acme\.atlassian\.net\/PAY-1 holds up 4 items \(.*\): customers wait on all of them, so finish it first\.$/);
  });

  it('names a long chain of blockers', () => {
    const chained = [item(10, { upstream: [link(11)] }), item(11, { upstream: [link(12)] }), item(12, { upstream: [link(13)] }), item(13)];
    const analysis = analyzeItem(chained[0]!, { settings, graph: analyzeGraph(chained, now) }, now);
    expect(analysis.chain).toHaveLength(3);
    expect(analysis.moves.find((m) => m.rule === 'cut-long-chain')?.level).toBe('P3');
  });
});

describe('custom moves', () => {
  it('become rules that fill in the item’s own data', () => {
    const { rules, errors } = parseCustomMoves([
      { id: 'ping-pm', text: 'Ping the PM about {key} ({title}), blocked {days} days.', skillId: 'p3-adapt-volume', when: { states: ['blocked'], minDays: 2 } },
    ]);
    expect(errors).toEqual([]);
    const blocked = item(1, { upstream: [{ key: 'jira:acme.atlassian.net/PAY-9', kind: 'blocked-by', open: true, at: '2026-11-10T09:00:00Z' }] });
    const analysis = analyzeItem(blocked, { settings, rules: [...DEFAULT_RULES, ...rules] }, Date.parse('2026-11-13T09:00:00Z'));
    expect(analysis.moves.at(-1)).toMatchObject({ rule: 'custom:ping-pm', level: 'P3', text: 'Ping the PM about acme.atlassian.net/PAY-1 (Ticket 1), blocked 3 days.' });
  });

  it('are validated, one message per bad move, never thrown', () => {
    const { rules, errors } = parseCustomMoves([
      { id: 'Bad Id', text: 'x', skillId: 'p2-blockers', when: {} },
      { id: 'ok', text: 'Use {nope}', skillId: 'p2-blockers', when: {} },
      { id: 'ok2', text: 'Fine', skillId: 'p9-made-up', when: {} },
      { id: 'dup', text: 'One', skillId: 'p2-blockers', when: {} },
      { id: 'dup', text: 'Two', skillId: 'p2-blockers', when: {} },
    ]);
    expect(rules).toHaveLength(1);
    expect(errors).toHaveLength(4);
    expect(errors[1]).toMatch(/^Move 2: Placeholders are \{key\}/);
    expect(parseCustomMoves('nonsense').errors).toEqual(['Custom moves must be a list.']);
  });
});

describe('rules and rubric', () => {
  it('cite only skills the rubric has, and every rubric level is used', () => {
    const ids = new Set(RUBRIC.map((s) => s.id));
    expect(DEFAULT_RULES.every((rule) => ids.has(rule.skillId))).toBe(true);
    const levels = new Set(DEFAULT_RULES.map((rule) => RUBRIC.find((s) => s.id === rule.skillId)!.level));
    expect([...levels].sort()).toEqual(['P2', 'P3', 'P4']);
  });
});

describe('clusterSummary', () => {
  it('sums blocked time per cluster over many items', () => {
    const now = Date.parse('2026-11-11T09:00:00Z');
    const external = item(1, { upstream: [{ key: 'jira:acme.atlassian.net/OPS-1', kind: 'blocked-by', open: true, at: '2026-11-10T09:00:00Z' }] });
    const decision = item(2, { signals: { status: 'Blocked', labels: ['needs-decision'] }, timeline: [{ type: 'status', at: '2026-11-11T03:00:00Z', to: 'Blocked' }] });
    const summary = clusterSummary([external, decision].map((i) => analyzeItem(i, { settings: parseFlowSettings({}) }, now)));
    expect(summary).toEqual([
      { cluster: 'external', blockedMs: 86_400_000, items: ['jira:acme.atlassian.net/PAY-1'] },
      { cluster: 'decision', blockedMs: 6 * 3_600_000, items: ['jira:acme.atlassian.net/PAY-2'] },
    ]);
  });
});
