/**
 * The rules FlowLens ships, in the order their moves are listed: what unblocks the item itself
 * first (a marker left after its blocker was done, then its dependencies and reviews), then what
 * its record out of step with its work asks for, then what its place among other items asks for. Each cites one rubric skill by id.
 */
import type { Rule } from './moves';
import { DEPENDENCY_RULES } from './rules-dependency';
import { DRIFT_RULES, STALE_MARKER_RULES } from './rules-drift';
import { GRAPH_RULES } from './rules-graph';
import { PULL_RULES } from './rules-pull';

/** Every default rule, most specific first. */
export const DEFAULT_RULES: readonly Rule[] = [...STALE_MARKER_RULES, ...DEPENDENCY_RULES, ...PULL_RULES, ...DRIFT_RULES, ...GRAPH_RULES];

/** The ids of the default rules, for the options page's on/off list. */
export const DEFAULT_RULE_IDS: readonly string[] = DEFAULT_RULES.map((rule) => rule.id);
