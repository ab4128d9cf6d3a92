/**
 * The move engine: rules turn an item's state, cluster and place in the graph into suggested
 * moves, each a concrete sentence made from the item's own data and tagged with the rubric skill
 * (and level) it comes from. The engine takes rules as input, so users can turn rules off and
 * add their own (custom-moves.ts); a rule that throws is skipped, never fatal.
 */
import type { BlockedInterval } from './blocked-intervals';
import type { Cluster } from './clusters';
import type { Cause } from './conditions';
import type { CurrentState } from './current-state';
import type { Drift } from './drift';
import type { FlowSettings } from './flow-settings';
import { shortKey } from './item-names';
import type { ItemLink, WorkItem } from './model';
import { skill, type Level } from './rubric';
import { DAY, HOUR, MINUTE } from './time';

/** What a rule sees. */
export interface RuleContext {
  item: WorkItem;
  current: CurrentState;
  cluster: Cluster;
  /** How long the current state has lasted (ms), when known. */
  stateAgeMs?: number;
  totalBlockedMs: number;
  intervals: readonly BlockedInterval[];
  openBlockers: readonly ItemLink[];
  flaky: readonly string[];
  /** Open blockers upstream of the item, nearest first, as far as the graph knows. */
  chain: readonly string[];
  cycle?: readonly string[];
  /** Items this one holds up: directly, in all, and the first few by key. */
  impact: { direct: number; count: number; keys: readonly string[] };
  settings: FlowSettings;
  /** Where the item's record and its work disagree (drift.ts). */
  drift: readonly Drift[];
  /** A readable name for any key: its short key and title when known. */
  describe: (key: string) => string;
}

/** A suggested move. */
export interface Move {
  /** The id of the rule that made it. */
  rule: string;
  text: string;
  /** The move in a few words, for a one-line row ("build without acme/api#208"); absent for a user's own rules. */
  short?: string;
  level: Level;
  skillId: string;
  /** The skill as the rubric words it. */
  skill: string;
}

/** A rule: when it applies and what it says. */
export interface Rule {
  id: string;
  skillId: string;
  applies: (ctx: RuleContext) => boolean;
  text: (ctx: RuleContext) => string;
  /** The move in a few words, imperative, no full stop; a row without it shows the sentence, cut to fit. */
  short?: (ctx: RuleContext) => string;
}

/**
 * A wait in a move's words by the badge's one unit rule (lib/format.ts, `formatDuration`): whole
 * days, rounded down, so a card never says "6 days" beside a badge's "5 d"; under a day, whole
 * hours ("5 hours"), under an hour whole minutes, rather than a day it has not lasted.
 */
export function days(ms: number | undefined): string {
  const value = Number.isFinite(ms) ? Math.max(0, ms!) : 0;
  const [n, unit] = value >= DAY ? [Math.floor(value / DAY), 'day'] : value >= HOUR ? [Math.floor(value / HOUR), 'hour'] : [Math.floor(value / MINUTE), 'minute'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** The item's short key, e.g. `PAY-42`. */
export const own = (ctx: RuleContext) => shortKey(ctx.item.key);

/** The current causes of one kind. */
export const causesOf = (ctx: RuleContext, kind: Cause['kind']) => ctx.current.causes.filter((cause) => cause.kind === kind);

/** Whether the current state has lasted the settings' "long" wait. */
export const isLong = (ctx: RuleContext) => (ctx.stateAgeMs ?? 0) >= ctx.settings.longWaitMs;

function toMove(rule: Rule, ctx: RuleContext): Move[] {
  const cited = skill(rule.skillId);
  if (!cited) return [];
  try {
    if (!rule.applies(ctx)) return [];
    const short = rule.short?.(ctx);
    return [{ rule: rule.id, text: rule.text(ctx), ...(short ? { short } : {}), level: cited.level, skillId: cited.id, skill: cited.text }];
  } catch {
    // A user's rule (or a bug in ours) must not take the whole card down with it.
    return [];
  }
}

/** The moves the enabled rules suggest, in rule order. */
export function suggestMoves(ctx: RuleContext, rules: readonly Rule[], disabled: ReadonlySet<string> = new Set()): Move[] {
  return rules.flatMap((rule) => (disabled.has(rule.id) ? [] : toMove(rule, ctx)));
}
