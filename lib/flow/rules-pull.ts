/** Rules for work the author or a reviewer must act on: reviews, red and flaky CI, conflicts. */
import { handle, listOf } from './cause-text';
import { causesOf, days, isLong, own, type Rule, type RuleContext } from './moves';

const failing = (ctx: RuleContext) => causesOf(ctx, 'checks-failing').map((cause) => `“${cause.detail}”`);
const people = (ctx: RuleContext, kind: 'review-pending' | 'changes-requested') => listOf(causesOf(ctx, kind).map((cause) => (cause.who ? handle(cause.who) : 'the reviewer')));

/** Review, CI and conflict rules. */
export const PULL_RULES: readonly Rule[] = [
  {
    id: 'ask-reviewer',
    skillId: 'p2-blockers',
    applies: (ctx) => ctx.current.state === 'waiting' && causesOf(ctx, 'review-pending').length > 0,
    text: (ctx) => `Ask ${people(ctx, 'review-pending')} for a review of ${own(ctx)}${ctx.stateAgeMs !== undefined ? `: waiting ${days(ctx.stateAgeMs)}` : ''}.`,
    short: (ctx) => `ask ${people(ctx, 'review-pending')} for a review`,
  },
  {
    id: 'request-reviewer',
    skillId: 'p2-blockers',
    applies: (ctx) => causesOf(ctx, 'review-required').length > 0,
    text: (ctx) => `Request a reviewer for ${own(ctx)}: it needs an approving review and nobody is asked.`,
    short: () => 'request a reviewer',
  },
  {
    id: 'address-changes',
    skillId: 'p2-blockers',
    applies: (ctx) => causesOf(ctx, 'changes-requested').length > 0,
    text: (ctx) => `Address the changes ${people(ctx, 'changes-requested')} requested on ${own(ctx)}, then ask again.`,
    short: () => 'address the requested changes',
  },
  {
    id: 'resolve-conflict',
    skillId: 'p2-blockers',
    applies: (ctx) => causesOf(ctx, 'conflict').length > 0,
    text: (ctx) => `Rebase ${own(ctx)} on its base branch (or merge it in): merge conflicts stop it.`,
    short: () => 'rebase on its base branch',
  },
  {
    id: 'fix-red-ci',
    skillId: 'p2-blockers',
    applies: (ctx) => failing(ctx).length > 0 && !isLong(ctx),
    text: (ctx) => `Fix ${listOf(failing(ctx))}: red on the latest commit of ${own(ctx)}.`,
    short: (ctx) => `fix ${failing(ctx)[0]}`,
  },
  {
    id: 'persistent-red-ci',
    skillId: 'p2-symptoms',
    applies: (ctx) => failing(ctx).length > 0 && isLong(ctx),
    text: (ctx) => `${listOf(failing(ctx))} has been red on ${own(ctx)} for ${days(ctx.stateAgeMs)}: persistently red CI is a team problem, not one pull request's — raise it, then fix or quarantine the check.`,
    short: (ctx) => `raise the red ${failing(ctx)[0]} with the team`,
  },
  {
    id: 'quarantine-flaky',
    skillId: 'p2-symptoms',
    applies: (ctx) => ctx.flaky.length > 0 && ctx.current.state !== 'done',
    text: (ctx) => `${listOf(ctx.flaky.map((name) => `“${name}”`))} failed and then passed on a rerun of the same commit of ${own(ctx)}: a flaky test. Quarantine it and file a fix instead of rerunning by hand.`,
    short: (ctx) => `quarantine the flaky “${ctx.flaky[0]}”`,
  },
];
