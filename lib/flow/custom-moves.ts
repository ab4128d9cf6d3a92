/**
 * Moves the user writes as data: a sentence with placeholders, the rubric skill it comes from,
 * and when it applies. Validated here; what does not validate is reported, never thrown.
 */
import * as v from 'valibot';
import { CLUSTERS } from './clusters';
import { FLOW_STATES } from './flow-states';
import { shortKey } from './item-names';
import type { Rule, RuleContext } from './moves';
import { RUBRIC } from './rubric';
import { DAY } from './time';

const PLACEHOLDERS = ['key', 'title', 'days', 'owner', 'blocker', 'impact'] as const;

const template = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'Write the move.'),
  v.maxLength(300, 'Keep a move under 300 characters.'),
  v.check((text) => [...text.matchAll(/\{(\w+)\}/g)].every((m) => (PLACEHOLDERS as readonly string[]).includes(m[1]!)), `Placeholders are ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.`),
);

/** Schema of one custom move. */
export const customMoveSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'An id is lower-case letters, digits and dashes.')),
  text: template,
  skillId: v.picklist(RUBRIC.map((s) => s.id), 'Pick a skill of the rubric.'),
  when: v.object({
    states: v.optional(v.array(v.picklist(FLOW_STATES))),
    clusters: v.optional(v.array(v.picklist(CLUSTERS))),
    minDays: v.optional(v.pipe(v.number(), v.minValue(0))),
    labels: v.optional(v.array(v.string())),
  }),
});

/** A custom move as the user wrote it. */
export type CustomMove = v.InferOutput<typeof customMoveSchema>;

/** The placeholders' values for one item. */
function fill(text: string, ctx: RuleContext): string {
  const owner = ctx.item.assignees[0] ?? ctx.item.author;
  const blocker = ctx.openBlockers[0]?.key;
  const values: Record<(typeof PLACEHOLDERS)[number], string> = {
    key: shortKey(ctx.item.key),
    title: ctx.item.title,
    // Whole days rounded down, as the badge counts them (lib/format.ts, `formatDuration`).
    days: String(Math.floor((ctx.stateAgeMs ?? 0) / DAY)),
    owner: owner ? `@${owner.name}` : 'the owner',
    blocker: blocker ? ctx.describe(blocker) : 'the blocker',
    impact: String(ctx.impact.count),
  };
  return text.replace(/\{(\w+)\}/g, (_, name: string) => values[name as keyof typeof values] ?? '');
}

/** A custom move as a rule: every condition given must hold. */
function toRule(move: CustomMove): Rule {
  const { states, clusters, minDays, labels } = move.when;
  const wanted = labels?.map((l) => l.toLowerCase());
  return {
    id: `custom:${move.id}`,
    skillId: move.skillId,
    applies: (ctx) =>
      (!states || states.includes(ctx.current.state)) &&
      (!clusters || clusters.includes(ctx.cluster)) &&
      (minDays === undefined || (ctx.stateAgeMs ?? 0) >= minDays * DAY) &&
      (!wanted || (ctx.item.signals.labels ?? []).some((l) => wanted.includes(l.toLowerCase()))),
    text: (ctx) => fill(move.text, ctx),
  };
}

/** Parses one move; input with throwing getters is refused like any other bad input. */
function safely(raw: unknown): ReturnType<typeof v.safeParse<typeof customMoveSchema>> | { success: false; issues: { message: string }[] } {
  try {
    return v.safeParse(customMoveSchema, raw);
  } catch {
    return { success: false, issues: [{ message: 'This move cannot be read.' }] };
  }
}

/** Validates user-written moves: the valid ones as rules, and a message per invalid one. */
export function parseCustomMoves(input: unknown): { rules: Rule[]; errors: string[] } {
  if (!Array.isArray(input)) return { rules: [], errors: input === undefined ? [] : ['Custom moves must be a list.'] };
  const rules: Rule[] = [];
  const errors: string[] = [];
  const ids = new Set<string>();
  input.forEach((raw, i) => {
    const parsed = safely(raw);
    if (!parsed.success) return void errors.push(`Move ${i + 1}: ${parsed.issues.map((issue) => issue.message).join(' ')}`);
    if (ids.has(parsed.output.id)) return void errors.push(`Move ${i + 1}: the id "${parsed.output.id}" is used twice.`);
    ids.add(parsed.output.id);
    rules.push(toRule(parsed.output));
  });
  return { rules, errors };
}
