/**
 * Rules for items that wait on something outside the assignee's hands: another item (the
 * rubric's own success story: build without it, plan the integration, talk to the upstream
 * team), a base pull request, a decision, an environment or release step — or nothing anyone
 * has named yet.
 */
import { handle } from './cause-text';
import { containerOf, isExternal, unreadUpstream } from './clusters';
import { isUnverified } from './conditions';
import { shortKey } from './item-names';
import type { ItemLink } from './model';
import { causesOf, days, isLong, own, type Rule, type RuleContext } from './moves';

/** Upstream items known to be open that the item waits on now, of the given link kinds. */
const waitsOn = (ctx: RuleContext, ...kinds: ItemLink['kind'][]) =>
  causesOf(ctx, 'blocked-by').flatMap((cause) => (cause.link && !isUnverified(cause.link) && kinds.includes(cause.link.kind) ? [cause.link] : []));

const dependencies = (ctx: RuleContext) => waitsOn(ctx, 'blocked-by', 'depends-on');
const owner = (ctx: RuleContext) => ctx.item.assignees[0] ?? ctx.item.author;
const blocked = (ctx: RuleContext) => ctx.current.state === 'blocked';
/** Upstream items a blocked item waits on whose state FlowLens could not read (they block, unverified). */
const unread = (ctx: RuleContext) => (blocked(ctx) ? unreadUpstream(ctx.item, ctx.settings) : []);
const external = (ctx: RuleContext) => [...dependencies(ctx), ...unread(ctx)].filter((link) => isExternal(ctx.item, link.key, ctx.settings));

/** The item's dependency rules, most specific first. */
export const DEPENDENCY_RULES: readonly Rule[] = [
  {
    id: 'build-around-dependency',
    skillId: 'p3-integrate-upstream',
    applies: (ctx) => blocked(ctx) && dependencies(ctx).length > 0 && isLong(ctx),
    text: (ctx) => `${own(ctx)} has waited ${days(ctx.stateAgeMs)} on ${ctx.describe(dependencies(ctx)[0]!.key)}: build it without that dependency — stub or feature-flag the part that needs it — so the rest can ship now.`,
    short: (ctx) => `build it without ${shortKey(dependencies(ctx)[0]!.key)}`,
  },
  {
    id: 'plan-integration',
    skillId: 'p3-integrate-upstream',
    applies: (ctx) => blocked(ctx) && dependencies(ctx).length > 0,
    text: (ctx) => `Plan how ${ctx.describe(dependencies(ctx)[0]!.key)} will plug into ${own(ctx)} once it lands (the interface, a feature flag, the test that proves it), so integrating it is a small, planned step.`,
    short: (ctx) => `plan how ${shortKey(dependencies(ctx)[0]!.key)} plugs in`,
  },
  {
    id: 'check-upstream',
    skillId: 'p2-blockers',
    applies: (ctx) => unread(ctx).length > 0,
    text: (ctx) => `${own(ctx)} waits on ${ctx.describe(unread(ctx)[0]!.key)}, which FlowLens could not read: check whether it is still open, and if it is done, remove the link and any blocked marker.`,
    short: (ctx) => `check whether ${shortKey(unread(ctx)[0]!.key)} is still open`,
  },
  {
    id: 'talk-to-upstream',
    skillId: 'p4-integrations',
    applies: (ctx) => blocked(ctx) && external(ctx).length > 0,
    text: (ctx) => {
      const link = external(ctx)[0]!;
      const behind = ctx.impact.count > 0 ? ` and the ${ctx.impact.count} item${ctx.impact.count > 1 ? 's' : ''} behind it` : '';
      return `Talk to the ${containerOf(link.key)} team that owns ${ctx.describe(link.key)}: agree the interface and a date, and tell them ${own(ctx)}${behind} wait${behind ? '' : 's'} on it.`;
    },
    short: (ctx) => `talk to the ${containerOf(external(ctx)[0]!.key)} team`,
  },
  {
    id: 'land-the-base',
    skillId: 'p2-blockers',
    applies: (ctx) => blocked(ctx) && waitsOn(ctx, 'stacked-on').length > 0,
    text: (ctx) => `Get the base ${ctx.describe(waitsOn(ctx, 'stacked-on')[0]!.key)} reviewed and merged first, or retarget ${own(ctx)} onto the main branch if it no longer needs it.`,
    short: (ctx) => `land the base ${shortKey(waitsOn(ctx, 'stacked-on')[0]!.key)} first`,
  },
  {
    id: 'get-decision',
    skillId: 'p3-adapt-volume',
    applies: (ctx) => ctx.cluster === 'decision' && ctx.current.state !== 'done',
    text: (ctx) => `Ask product for the decision ${own(ctx)} waits on, with a proposed default and a date after which the team goes with it; meanwhile plan a track that does not depend on it.`,
    short: () => 'get the decision from product',
  },
  {
    id: 'automate-release',
    skillId: 'p4-engineering',
    applies: (ctx) => ctx.cluster === 'environment' && ctx.current.state !== 'done',
    text: (ctx) => `${own(ctx)} waits on an environment or release step: automate it (pipeline, script, self-service) so nobody waits on it by hand again.`,
    short: () => 'automate the release step',
  },
  {
    id: 'name-the-blocker',
    skillId: 'p2-blockers',
    // A marker left after its blocker was done has its own move (rules-drift.ts): clear it.
    applies: (ctx) => blocked(ctx) && ctx.cluster === 'unknown' && !ctx.drift.some((drift) => drift.kind === 'stale-marker'),
    text: (ctx) => `Write down what ${own(ctx)} waits on and who can unblock it${owner(ctx) ? `; ${handle(owner(ctx)!)} owns it` : ''}.`,
    short: () => 'write down what it waits on',
  },
  {
    id: 'learn-the-flow',
    skillId: 'p1-learning-flow',
    applies: (ctx) => ctx.current.state === 'unknown',
    text: (ctx) => `FlowLens cannot tell whether ${own(ctx)} is moving: find out where it is on its way to customers (status, review, CI, release) and record it on the item${owner(ctx) ? `, with ${handle(owner(ctx)!)}` : ''}.`,
    short: () => 'find out where it is',
  },
];
