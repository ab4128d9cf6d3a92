/**
 * The rule set a user configures: default rules turned off by id, and custom moves added. Both
 * come from storage the user edited, so they are validated here and every problem is reported
 * in words; whatever is valid still applies, and nothing throws.
 */
import * as v from 'valibot';
import { parseCustomMoves } from './custom-moves';
import type { Rule } from './moves';
import { DEFAULT_RULES } from './rules';

const ruleSetSchema = v.object({
  disabled: v.optional(v.array(v.string()), []),
  custom: v.optional(v.array(v.unknown()), []),
});

/** The rules to run, the ids turned off, and what was wrong with the input. */
export interface RuleSet {
  rules: Rule[];
  disabled: Set<string>;
  errors: string[];
}

/** Reads `{ disabled?: string[], custom?: CustomMove[] }` into the rules analysis runs. */
export function parseRuleSet(input: unknown, base: readonly Rule[] = DEFAULT_RULES): RuleSet {
  const parsed = v.safeParse(ruleSetSchema, input ?? {});
  if (!parsed.success) return { rules: [...base], disabled: new Set(), errors: ['Rule settings must be { disabled: [ids], custom: [moves] }; the default rules apply.'] };
  const custom = parseCustomMoves(parsed.output.custom);
  const rules = [...base, ...custom.rules];
  const known = new Set(rules.map((rule) => rule.id));
  const unknown = parsed.output.disabled.filter((id) => !known.has(id));
  const errors = [...custom.errors, ...unknown.map((id) => `There is no rule "${id}" to turn off.`)];
  return { rules, disabled: new Set(parsed.output.disabled.filter((id) => known.has(id))), errors };
}
