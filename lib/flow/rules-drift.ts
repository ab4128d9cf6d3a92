/**
 * Rules for drift (drift.ts): an item's record out of step with its work. A marker left after the
 * blocker was done is the item's own blocked cause, so its rule comes first of all; the others say
 * what to put right between a ticket and its pull requests once the work itself is moving.
 */
import { markerName, shortDate } from './cause-text';
import type { Drift } from './drift';
import { shortKey } from './item-names';
import { own, type Rule, type RuleContext } from './moves';
import { parseTime } from './time';

/** The first drift of one kind, when there is one. */
function first<K extends Drift['kind']>(ctx: RuleContext, kind: K): Extract<Drift, { kind: K }> | undefined {
  return ctx.drift.find((drift): drift is Extract<Drift, { kind: K }> => drift.kind === kind);
}

/** " on Thu 12 Nov", or nothing when the time is not known. */
const on = (at: string | undefined) => (at && Number.isFinite(parseTime(at)) ? ` on ${shortDate(at)}` : '');

/** "the flag", "the status Blocked", "the label “blocked”". */
const marker = (drift: Extract<Drift, { kind: 'stale-marker' }>) => markerName(drift.marker);

/** The rule for a marker left in place, listed before every other rule. */
export const STALE_MARKER_RULES: readonly Rule[] = [
  {
    id: 'clear-stale-marker',
    skillId: 'p2-blockers',
    applies: (ctx) => first(ctx, 'stale-marker') !== undefined,
    text: (ctx) => {
      const drift = first(ctx, 'stale-marker')!;
      const names = drift.blockers.map(ctx.describe);
      const what = names.length === 1 ? `${names[0]}, which it waited on, was done${on(drift.at)}` : `${names.length} items it waited on were all done${drift.at ? `, the last${on(drift.at)}` : ''}`;
      return `Clear ${marker(drift)} on ${own(ctx)}: ${what}. If something else holds it up, write that down instead.`;
    },
    short: (ctx) => `clear ${marker(first(ctx, 'stale-marker')!)}`,
  },
];

/** The rules for a ticket and its pull requests out of step, and for a pull request naming no ticket. */
export const DRIFT_RULES: readonly Rule[] = [
  {
    id: 'move-ticket-on',
    skillId: 'p3-communicate',
    applies: (ctx) => first(ctx, 'merged-not-done') !== undefined,
    text: (ctx) => {
      const drift = first(ctx, 'merged-not-done')!;
      return `${ctx.describe(drift.pull)} was merged${on(drift.at)} while ${shortKey(drift.ticket)} is still ${drift.status ? `in ${drift.status}` : 'not done'}: move ${shortKey(drift.ticket)} on if that finished it, or write on it what is left, so whoever waits on it knows what has shipped.`;
    },
    short: (ctx) => `move ${shortKey(first(ctx, 'merged-not-done')!.ticket)} on, or say what is left`,
  },
  {
    id: 'land-or-reopen',
    skillId: 'p3-customer-impact',
    applies: (ctx) => first(ctx, 'done-still-open') !== undefined,
    text: (ctx) => {
      const drift = first(ctx, 'done-still-open')!;
      return `${ctx.describe(drift.ticket)} was marked done${on(drift.at)}, but ${shortKey(drift.pull)} is still open: customers do not have its change yet. Merge or close ${shortKey(drift.pull)}, or reopen ${shortKey(drift.ticket)} if work is left.`;
    },
    short: (ctx) => {
      const drift = first(ctx, 'done-still-open')!;
      return `merge or close ${shortKey(drift.pull)}, or reopen ${shortKey(drift.ticket)}`;
    },
  },
  {
    id: 'name-the-ticket',
    skillId: 'p3-communicate',
    applies: (ctx) => first(ctx, 'no-ticket') !== undefined,
    text: (ctx) => {
      const drift = first(ctx, 'no-ticket')!;
      return `Name the Jira ticket in the title or branch of ${own(ctx)}, as ${drift.named} of the last ${drift.sample} pull requests of its repository do, so the ticket shows this work and whoever follows the ticket sees it.`;
    },
    short: () => 'name its Jira ticket',
  },
];

/** The rule whose move puts each kind of drift right: the popup's drift lines show that move, not the item's first. */
export const DRIFT_RULE: Readonly<Record<Drift['kind'], string>> = {
  'merged-not-done': 'move-ticket-on',
  'done-still-open': 'land-or-reopen',
  'stale-marker': 'clear-stale-marker',
  'no-ticket': 'name-the-ticket',
};
