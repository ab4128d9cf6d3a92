/**
 * Rules turn an item's state, cluster and place in the graph into suggested moves, each a
 * concrete sentence made from the item's own data and tagged with the rubric skill (and level)
 * it comes from. The engine takes rules as input: users turn rules off by id and add their own
 * moves as data (custom-moves.ts).
 */
import type { Cluster } from './clusters';
import type { Cause } from './conditions';
import type { CurrentState } from './current-state';
import type { FlowSettings } from './flow-settings';
import type { Person, WorkItem } from './model';
import { skill, type Level } from './rubric';

/** What a rule sees. */
export interface RuleContext {
  item: WorkItem;
  current: CurrentState;
  cluster: Cluster;
  /** How long the current state has lasted (ms), when known. */
  stateAgeMs?: number;
  totalBlockedMs: number;
  flaky: string[];
  /** Open blockers upstream of the item, nearest first, as far as the graph knows. */
  chain: string[];
  /** Items this one holds up, nearest first (at most 20 named). */
  impact: string[];
  /** How many items this one holds up in all. */
  impactCount: number;
  settings: FlowSettings;
  /** A readable name for any key: its title when known. */
  describe: (key: string) => string;
}

/** A suggested move. */
export interface Move {
  rule: string;
  text: string;
  level: Level;
  skillId: string;
  skill: string;
}

/** A rule: when it applies and what it says. */
export interface Rule {
  id: string;
  skillId: string;
  applies: (ctx: RuleContext) => boolean;
  text: (ctx: RuleContext) => string;
}

const DAY = 86_400_000;
const days = (ms: number | undefined) => `${Math.max(1, Math.round((ms ?? 0) / DAY))} day${Math.round((ms ?? 0) / DAY) > 1 ? 's' : ''}`;
const at = (person: Person) => (person.id.startsWith('team:') ? `the ${person.name} team` : `@${person.name}`);
const causes = (ctx: RuleContext, kind: Cause['kind']) => ctx.current.causes.filter((cause) => cause.kind === kind);
const blockers = (ctx: RuleContext) => causes(ctx, 'blocked-by').map((cause) => cause.link!).filter(Boolean);
const isLong = (ctx: RuleContext) => (ctx.stateAgeMs ?? 0) >= ctx.settings.longWaitMs;
const list = (items: string[]) => (items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
const owner = (ctx: RuleContext) => ctx.item.assignees[0] ?? ctx.item.author;

/** The rules FlowLens ships, most specific first. */
export const DEFAULT_RULES: readonly Rule[] = [
  {
    id: 'build-around-dependency',
    skillId: 'p3-integrate-upstream',
    applies: (ctx) => ctx.current.state === 'blocked' && blockers(ctx).length > 0 && isLong(ctx),
    text: (ctx) => `Build ${ctx.item.key.split(':')[1]} without waiting for ${ctx.describe(blockers(ctx)[0]!.key)}: stub or feature-flag the part that needs it, so the work can ship now.`,
  },
  {
    id: 'plan-integration',
    skillId: 'p3-integrate-upstream',
    applies: (ctx) => ctx.current.state === 'blocked' && blockers(ctx).length > 0,
    text: (ctx) => `Write down how ${ctx.describe(blockers(ctx)[0]!.key)} will plug in once it lands (interface, flag, test), so integrating it is a small, planned step.`,
  },
  {
    id: 'talk-to-upstream',
    skillId: 'p4-integrations',
    applies: (ctx) => ctx.current.state === 'blocked' && ctx.cluster === 'external',
    text: (ctx) => `Talk to the team that owns ${ctx.describe(blockers(ctx)[0]?.key ?? '')} to agree the interface and a date; blocked ${days(ctx.stateAgeMs)} so far.`,
  },
  {
    id: 'ask-reviewer',
    skillId: 'p2-blockers',
    applies: (ctx) => causes(ctx, 'review-pending').length > 0,
    text: (ctx) => `Ask ${list(causes(ctx, 'review-pending').map((c) => at(c.who!)))} for a review${ctx.stateAgeMs ? `: waiting ${days(ctx.stateAgeMs)}` : ''}.`,
  },
  {
    id: 'request-reviewer',
    skillId: 'p2-blockers',
    applies: (ctx) => causes(ctx, 'review-required').length > 0,
    text: (ctx) => `Request a reviewer for ${ctx.item.key.split(':')[1]}: it needs an approving review and nobody is asked.`,
  },
  {
    id: 'address-changes',
    skillId: 'p2-blockers',
    applies: (ctx) => causes(ctx, 'changes-requested').length > 0,
    text: (ctx) => `Address the changes ${list(causes(ctx, 'changes-requested').map((c) => at(c.who!)))} requested, then ask again.`,
  },
  {
    id: 'fix-red-ci',
    skillId: 'p2-symptoms',
    applies: (ctx) => causes(ctx, 'checks-failing').length > 0,
    text: (ctx) => `Fix ${list(causes(ctx, 'checks-failing').map((c) => `"${c.detail}"`))}${isLong(ctx) ? `: red for ${days(ctx.stateAgeMs)}, so it is a team problem, not one PR's` : ''}.`,
  },
  {
    id: 'quarantine-flaky',
    skillId: 'p4-engineering',
    applies: (ctx) => ctx.flaky.length > 0,
    text: (ctx) => `${list(ctx.flaky.map((name) => `"${name}"`))} failed and then passed on a rerun of the same commit: quarantine the flaky test and file a fix, instead of rerunning by hand.`,
  },
  {
    id: 'resolve-conflict',
    skillId: 'p2-blockers',
    applies: (ctx) => causes(ctx, 'conflict').length > 0,
    text: (ctx) => `Rebase or merge the base branch: merge conflicts stop ${ctx.item.key.split(':')[1]}.`,
  },
  {
    id: 'automate-release',
    skillId: 'p3-release-process',
    applies: (ctx) => ctx.cluster === 'environment',
    text: (ctx) => `Automate the environment or release step ${ctx.item.key.split(':')[1]} waits on; a manual step that blocks work will block it again.`,
  },
  {
    id: 'get-decision',
    skillId: 'p3-adapt-volume',
    applies: (ctx) => ctx.cluster === 'decision',
    text: (ctx) => `Ask product for the decision ${ctx.item.key.split(':')[1]} waits on, with a proposed default and a date after which you go with it.`,
  },
  {
    id: 'name-the-blocker',
    skillId: 'p2-blockers',
    applies: (ctx) => ctx.current.state === 'blocked' && ctx.cluster === 'unknown',
    text: (ctx) => `Write down what ${ctx.item.key.split(':')[1]} waits on and who can unblock it${owner(ctx) ? `; ${at(owner(ctx)!)} owns it` : ''}.`,
  },
  {
    id: 'cut-long-chain',
    skillId: 'p3-surface',
    applies: (ctx) => ctx.chain.length >= ctx.settings.longChain,
    text: (ctx) => `${ctx.item.key.split(':')[1]} sits at the end of a chain of ${ctx.chain.length} open blockers (${ctx.chain.map(ctx.describe).join(' → ')}); raise it at the retro and cut the chain at ${ctx.describe(ctx.chain[ctx.chain.length - 1]!)}.`,
  },
  {
    id: 'systemic-bottleneck',
    skillId: 'p4-systemic',
    applies: (ctx) => ctx.item.state === 'open' && ctx.impactCount >= ctx.settings.bottleneckImpact,
    text: (ctx) => `${ctx.item.key.split(':')[1]} holds up ${ctx.impactCount} items (${list(ctx.impact.slice(0, 3).map(ctx.describe))}${ctx.impactCount > 3 ? ', …' : ''}): customers wait on all of them, so finish it first.`,
  },
  {
    id: 'tell-downstream',
    skillId: 'p3-communicate',
    applies: (ctx) => ctx.impact.length > 0 && ['blocked', 'failing', 'waiting'].includes(ctx.current.state),
    text: (ctx) => `Tell the owners of ${list(ctx.impact.slice(0, 3).map(ctx.describe))} that ${ctx.item.key.split(':')[1]} is ${ctx.current.state} and when to expect it, so they can plan around it.`,
  },
  {
    id: 'customer-impact',
    skillId: 'p3-customer-impact',
    applies: (ctx) => ctx.current.state === 'blocked' && ctx.totalBlockedMs >= 2 * ctx.settings.longWaitMs,
    text: (ctx) => `Frame it for the team: ${ctx.item.key.split(':')[1]} has been blocked ${days(ctx.totalBlockedMs)} in all; that is how much later its value reaches customers.`,
  },
];

/** The moves the enabled rules suggest, in rule order. */
export function suggestMoves(ctx: RuleContext, rules: readonly Rule[], disabled: ReadonlySet<string> = new Set()): Move[] {
  return rules.flatMap((rule) => {
    const cited = skill(rule.skillId);
    if (disabled.has(rule.id) || !cited || !rule.applies(ctx)) return [];
    return [{ rule: rule.id, text: rule.text(ctx), level: cited.level, skillId: cited.id, skill: cited.text }];
  });
}
