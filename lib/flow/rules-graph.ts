/**
 * Rules from an item's place among others: a dependency cycle, a long chain of blockers, an item
 * that holds many others up (a systemic bottleneck), and the people downstream who should hear
 * about it — each framed in what customers wait for.
 */
import { listOf } from './cause-text';
import { containerOf, isExternal } from './clusters';
import { isStuck } from './flow-states';
import { shortKey } from './item-names';
import { days, own, type Rule, type RuleContext } from './moves';

const stuck = (ctx: RuleContext) => isStuck(ctx.current.state);
const first = (ctx: RuleContext, n: number) => listOf(ctx.impact.keys.slice(0, n).map(ctx.describe)) + (ctx.impact.count > n ? ', …' : '');
const items = (n: number) => `${n} item${n > 1 ? 's' : ''}`;
const bottleneck = (ctx: RuleContext) => ctx.item.state === 'open' && ctx.impact.count >= ctx.settings.bottleneckImpact;
/** Items waiting on this one directly that belong to other teams. */
const otherTeams = (ctx: RuleContext) => ctx.impact.keys.slice(0, ctx.impact.direct).filter((key) => isExternal(ctx.item, key, ctx.settings));

/** Graph rules. */
export const GRAPH_RULES: readonly Rule[] = [
  {
    id: 'break-cycle',
    skillId: 'p3-break-out',
    applies: (ctx) => (ctx.cycle?.length ?? 0) > 0 && ctx.item.state === 'open',
    text: (ctx) => `${own(ctx)} is in a dependency cycle (${ctx.cycle!.map(ctx.describe).join(', ')}): none of them can finish first. Break it — split one item or drop one link — and tell the others which.`,
    short: () => 'break the dependency cycle',
  },
  {
    id: 'cut-long-chain',
    skillId: 'p3-surface',
    applies: (ctx) => ctx.chain.length >= ctx.settings.longChain,
    text: (ctx) => `${own(ctx)} waits at the end of a chain of ${ctx.chain.length} open blockers (${ctx.chain.map(ctx.describe).join(' → ')}): raise it at the retro and cut the chain at ${ctx.describe(ctx.chain[ctx.chain.length - 1]!)}.`,
    short: (ctx) => `cut the chain at ${shortKey(ctx.chain[ctx.chain.length - 1]!)}`,
  },
  {
    id: 'systemic-bottleneck',
    skillId: 'p4-systemic',
    applies: bottleneck,
    text: (ctx) => `${own(ctx)} holds up ${items(ctx.impact.count)} (${ctx.impact.direct} directly: ${first(ctx, 3)}): customers wait on all of them, so unblock or finish it first.`,
    short: (ctx) => `finish it first: it holds up ${items(ctx.impact.count)}`,
  },
  {
    id: 'intervene-bottleneck',
    skillId: 'p4-intervene',
    applies: (ctx) => bottleneck(ctx) && stuck(ctx),
    text: (ctx) => `${own(ctx)} holds up ${items(ctx.impact.count)} and is itself ${ctx.current.state}: intervene now — pair on it, cut its scope, or take its blocker on — rather than let the queue behind it grow.`,
    short: () => 'pair on it or cut its scope',
  },
  {
    id: 'share-context',
    skillId: 'p4-share-context',
    applies: (ctx) => stuck(ctx) && otherTeams(ctx).length > 0,
    text: (ctx) => `Tell the ${listOf([...new Set(otherTeams(ctx).map(containerOf))])} team${new Set(otherTeams(ctx).map(containerOf)).size > 1 ? 's' : ''} now that ${own(ctx)} is ${ctx.current.state}: ${listOf(otherTeams(ctx).slice(0, 3).map(ctx.describe))} wait${otherTeams(ctx).length > 1 ? '' : 's'} on it, and they can plan around it only if they know.`,
    short: (ctx) => `tell the ${containerOf(otherTeams(ctx)[0]!)} team`,
  },
  {
    id: 'tell-downstream',
    skillId: 'p3-communicate',
    applies: (ctx) => ctx.impact.direct > 0 && stuck(ctx),
    text: (ctx) => `Tell the owners of ${listOf(ctx.impact.keys.slice(0, Math.min(3, ctx.impact.direct)).map(ctx.describe))} that ${own(ctx)} is ${ctx.current.state} and when to expect it, so they can plan around it.`,
    short: () => 'tell the owners waiting on it',
  },
  {
    id: 'customer-impact',
    skillId: 'p3-customer-impact',
    applies: (ctx) => ctx.current.state === 'blocked' && ctx.totalBlockedMs >= 2 * ctx.settings.longWaitMs,
    text: (ctx) => `Frame it in customer terms: ${own(ctx)} has been blocked ${days(ctx.totalBlockedMs)} in all${ctx.impact.count > 0 ? ` and holds up ${items(ctx.impact.count)}` : ''}; that is how much later its value reaches customers.`,
    short: () => 'say what the delay costs customers',
  },
];
