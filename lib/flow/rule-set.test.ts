import { describe, expect, it } from 'vitest';
import { analyzeItem } from './analyze';
import { parseCustomMoves } from './custom-moves';
import { defaultFlowSettings } from './flow-settings';
import { parseRuleSet } from './rule-set';
import { DEFAULT_RULES } from './rules';
import { blockedBy, jiraItem } from './testing/items';

const settings = defaultFlowSettings;
const blocked = jiraItem(1, { upstream: [blockedBy('jira:acme.atlassian.net/PAY-9', '2026-11-10T09:00:00Z')] });
const now = Date.parse('2026-11-13T09:00:00Z');

describe('custom moves', () => {
  it('become rules that fill in the item’s own data', () => {
    const { rules, errors } = parseCustomMoves([
      { id: 'ping-pm', text: 'Ping {owner} and the PM about {key} ({title}), blocked {days} days by {blocker}.', skillId: 'p3-adapt-volume', when: { states: ['blocked'], minDays: 2 } },
    ]);
    expect(errors).toEqual([]);
    const analysis = analyzeItem(blocked, { settings, rules: [...DEFAULT_RULES, ...rules] }, now);
    expect(analysis.moves.at(-1)).toEqual({
      rule: 'custom:ping-pm',
      level: 'P3',
      skillId: 'p3-adapt-volume',
      skill: 'Adapts to changes in volumes of prioritized work so as to enable smooth delivery (eg: can work with PM to plan for tracks that can be parallelized, or unified to increase/decrease throughput)',
      text: 'Ping @Priya and the PM about PAY-1 (Ticket PAY-1), blocked 3 days by PAY-9.',
    });
  });

  it('fill in {days} rounded down, as the badge counts: 3.6 days blocked is "3"', () => {
    const { rules } = parseCustomMoves([{ id: 'days', text: 'Blocked {days} days.', skillId: 'p2-blockers', when: {} }]);
    expect(analyzeItem(blocked, { settings, rules }, now + 0.6 * 86_400_000).moves.map((m) => m.text)).toEqual(['Blocked 3 days.']);
  });

  it('apply only when every condition holds', () => {
    const { rules } = parseCustomMoves([{ id: 'late', text: 'Late.', skillId: 'p2-blockers', when: { states: ['blocked'], minDays: 5 } }]);
    expect(analyzeItem(blocked, { settings, rules }, now).moves).toEqual([]);
    expect(analyzeItem(blocked, { settings, rules }, now + 2 * 86_400_000).moves.map((m) => m.text)).toEqual(['Late.']);
  });

  it('are validated, one message per bad move, never thrown', () => {
    const { rules, errors } = parseCustomMoves([
      { id: 'Bad Id', text: 'x', skillId: 'p2-blockers', when: {} },
      { id: 'ok', text: 'Use {nope}', skillId: 'p2-blockers', when: {} },
      { id: 'ok2', text: 'Fine', skillId: 'p9-made-up', when: {} },
      { id: 'dup', text: 'One', skillId: 'p2-blockers', when: {} },
      { id: 'dup', text: 'Two', skillId: 'p2-blockers', when: {} },
      { id: 'trap', get text(): string { throw new Error('getter'); }, skillId: 'p2-blockers', when: {} },
    ]);
    expect(rules.map((r) => r.id)).toEqual(['custom:dup']);
    expect(errors).toEqual([
      'Move 1: An id is lower-case letters, digits and dashes.',
      'Move 2: Placeholders are {key}, {title}, {days}, {owner}, {blocker}, {impact}.',
      'Move 3: Pick a skill of the rubric.',
      'Move 5: the id "dup" is used twice.',
      'Move 6: This move cannot be read.',
    ]);
    expect(parseCustomMoves('nonsense').errors).toEqual(['Custom moves must be a list.']);
  });
});

describe('parseRuleSet', () => {
  it('turns rules off by id and adds custom moves after the defaults', () => {
    const set = parseRuleSet({ disabled: ['build-around-dependency', 'custom:ask'], custom: [{ id: 'ask', text: 'Ask.', skillId: 'p2-blockers', when: {} }, { id: 'tell', text: 'Tell {key}.', skillId: 'p3-communicate', when: { states: ['blocked'] } }] });
    expect(set.errors).toEqual([]);
    expect([...set.disabled]).toEqual(['build-around-dependency', 'custom:ask']);
    expect(set.rules.slice(DEFAULT_RULES.length).map((r) => r.id)).toEqual(['custom:ask', 'custom:tell']);
    const moves = analyzeItem(blocked, { settings, rules: set.rules, disabledRules: set.disabled }, now).moves.map((m) => m.rule);
    expect(moves).toEqual(['plan-integration', 'custom:tell']);
  });

  it('reports unknown rule ids and bad shapes, and falls back to the defaults', () => {
    expect(parseRuleSet({ disabled: ['no-such-rule'] }).errors).toEqual(['There is no rule "no-such-rule" to turn off.']);
    const bad = parseRuleSet({ disabled: 'all' });
    expect(bad.rules).toHaveLength(DEFAULT_RULES.length);
    expect(bad.errors).toHaveLength(1);
    expect(parseRuleSet(undefined)).toEqual({ rules: [...DEFAULT_RULES], disabled: new Set(), errors: [] });
  });
});
