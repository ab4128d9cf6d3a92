/**
 * The card's head: the cause in a few words for its first line, and every condition that holds
 * the item up, in the order GitHub's merge box lists them (a failing required check first, a
 * flaky optional one last), each with the page where it can be acted on. Computed in the
 * background from the WorkItem and its analysis, so the card only renders text. A blocked item's
 * analysis names only its blocked causes; the conditions are read from the item itself, so a red
 * required check and a pending review still show under a blocker.
 */
import type { ItemAnalysis } from './flow/analyze';
import { driftShort, driftText, handle, markPhrase } from './flow/cause-text';
import { containerOf, isExternal } from './flow/clusters';
import type { Cause } from './flow/conditions';
import type { FlowSettings } from './flow/flow-settings';
import { STATE_WORDS } from './flow/flow-states';
import { shortKey } from './flow/item-names';
import type { FlowCheckEvent, FlowState, ItemLink, Person, WorkItem } from './flow/model';
import { httpsOn, itemUrl, keyUrl, webHostOf } from './safe-url';
import { parseTime } from './flow/time';

/** What kind of condition a card line is. */
export type ConditionKind = 'check-failing' | 'review-pending' | 'review-required' | 'conflict' | 'changes-requested' | 'base' | 'upstream' | 'flagged' | 'status' | 'label' | 'check-optional' | 'check-flaky' | 'drift';

/** One condition that holds an item up, as the card lists it. */
export interface ConditionView {
  kind: ConditionKind;
  /** The condition in words: "Required check “test (20)” failing". */
  text: string;
  /** Where to act on it: an `https:` page on the item's own host only. */
  url?: string;
}

/** What the conditions are made of besides the item and its analysis. */
export interface ConditionContext {
  /** The settings the item was analysed with; without them the team is the item's own container. */
  settings?: FlowSettings;
  /** Upstream items' own states, by key. */
  states: ReadonlyMap<string, FlowState>;
}

/** Whether an upstream item belongs to another team than the item's. */
function external(item: WorkItem, key: string, ctx: ConditionContext): boolean {
  return ctx.settings ? isExternal(item, key, ctx.settings) : containerOf(key) !== containerOf(item.key);
}

/** The latest run of each check (by time), in the order the checks first appear. */
function latestChecks(item: WorkItem): Map<string, FlowCheckEvent> {
  const latest = new Map<string, FlowCheckEvent>();
  for (const event of item.timeline) {
    if (event.type !== 'check') continue;
    const seen = latest.get(event.name);
    if (!seen || parseTime(event.at) >= parseTime(seen.at)) latest.set(event.name, event);
  }
  return latest;
}

/** The latest failed run of a check, for a link to what went wrong. */
function lastFailure(item: WorkItem, name: string): FlowCheckEvent | undefined {
  const failures = item.timeline.filter((e): e is FlowCheckEvent => e.type === 'check' && e.name === name && e.conclusion === 'failure');
  return failures.sort((a, b) => parseTime(a.at) - parseTime(b.at)).at(-1);
}

/** A page of the item's own host, or nothing. */
const onHost = (item: WorkItem, url: string | undefined) => httpsOn(url, webHostOf(item.key));

/** The pull request's own page with `suffix` (`/conflicts`, `/files`), when its URL is a pull page. */
function pullPage(item: WorkItem, suffix: string): string | undefined {
  const page = itemUrl(item.key, item.url);
  if (!page) return undefined;
  return /\/pull\/\d+$/.test(new URL(page).pathname) ? onHost(item, `${page}${suffix}`) : page;
}

function condition(kind: ConditionKind, text: string, url: string | undefined): ConditionView {
  return { kind, text, ...(url ? { url } : {}) };
}

/** Failing checks: required ones, then those of unknown standing, then optional ones. */
function checkConditions(item: WorkItem, analysis: ItemAnalysis): { failing: ConditionView[]; optional: ConditionView[]; flaky: ConditionView[] } {
  const latest = latestChecks(item);
  const failingNames = item.signals.failingChecks ?? [...latest.values()].filter((c) => c.conclusion === 'failure').map((c) => c.name);
  const required = (name: string) => latest.get(name)?.required;
  const failingLine = (name: string) => {
    const standing = required(name) === true ? 'Required check' : required(name) === false ? 'Optional check' : 'Check';
    return condition(required(name) === false ? 'check-optional' : 'check-failing', `${standing} “${name}” failing`, onHost(item, lastFailure(item, name)?.url ?? latest.get(name)?.url));
  };
  const byStanding = [true, undefined, false].flatMap((standing) => failingNames.filter((name) => required(name) === standing).map(failingLine));
  const flaky = analysis.flaky
    .filter((name) => !failingNames.includes(name))
    .map((name) => condition('check-flaky', `${required(name) === false ? 'Optional check' : 'Check'} “${name}” flaky: failed, then passed on a rerun`, onHost(item, lastFailure(item, name)?.url)));
  return { failing: byStanding.filter((c) => c.kind === 'check-failing'), optional: byStanding.filter((c) => c.kind === 'check-optional'), flaky };
}

/** Reviewers who asked for changes and have not approved since; none once GitHub says none are outstanding. */
function changesRequested(item: WorkItem): Person[] {
  const asked = new Map<string, Person>();
  for (const event of item.timeline) {
    if (event.type !== 'reviewed') continue;
    if (event.verdict === 'changes-requested') asked.set(event.by.id, event.by);
    else if (event.verdict !== 'commented') asked.delete(event.by.id);
  }
  const decision = item.signals.reviewDecision;
  return decision === 'approved' || decision === 'review-required' ? [] : [...asked.values()];
}

/** Pending reviewers by name, conflicts and requested changes. */
function reviewConditions(item: WorkItem, analysis: ItemAnalysis): ConditionView[] {
  if (item.kind !== 'pull') return [];
  const page = itemUrl(item.key, item.url);
  const pending = item.signals.draft ? [] : (item.signals.pendingReviewers ?? item.requestedReviewers);
  const lines = pending.map((who) => condition('review-pending', `Waiting for review from ${handle(who)}`, page));
  if (analysis.causes.some((cause) => cause.kind === 'review-required')) lines.push(condition('review-required', 'Needs an approving review; nobody is asked', page));
  if (item.signals.mergeable === 'conflicting') lines.push(condition('conflict', 'Merge conflicts with the base branch', pullPage(item, '/conflicts')));
  const asked = changesRequested(item);
  const files = pullPage(item, '/files');
  if (asked.length > 0) lines.push(...asked.map((who) => condition('changes-requested', `Changes requested by ${handle(who)}`, files)));
  else if (item.signals.reviewDecision === 'changes-requested') lines.push(condition('changes-requested', 'Changes requested', files));
  return lines;
}

/** An upstream item's state in a few words: its own state, open, or unverified. */
function linkState(link: ItemLink, state: FlowState | undefined): string {
  if (state) return STATE_WORDS[state];
  return link.open === undefined ? 'unverified' : link.open ? 'open' : 'closed';
}

/** The base pull request of a stacked one, then each other upstream item it waits on. */
function upstreamConditions(item: WorkItem, analysis: ItemAnalysis, ctx: ConditionContext): ConditionView[] {
  const line = (link: ItemLink) => {
    const team = external(item, link.key, ctx) ? 'another team, ' : '';
    const words = `${shortKey(link.key)} (${team}${linkState(link, ctx.states.get(link.key))})`;
    const url = itemUrl(link.key, link.url) ?? keyUrl(link.key);
    return link.kind === 'stacked-on' ? condition('base', `Stacked on ${words}`, url) : condition('upstream', `Waits on ${words}`, url);
  };
  const stacked = analysis.openBlockers.filter((link) => link.kind === 'stacked-on');
  return [...stacked, ...analysis.openBlockers.filter((link) => link.kind !== 'stacked-on')].map(line);
}

/** Flags, blocked statuses and blocking labels: the blocked causes that are markers, not links. */
function markerConditions(item: WorkItem, analysis: ItemAnalysis): ConditionView[] {
  const page = itemUrl(item.key, item.url);
  const rank: Partial<Record<Cause['kind'], number>> = { flagged: 0, 'blocked-status': 1, 'waiting-status': 1, 'blocking-label': 2 };
  const markers = analysis.causes.filter((cause) => rank[cause.kind] !== undefined).sort((a, b) => rank[a.kind]! - rank[b.kind]!);
  return markers.map((cause) => {
    if (cause.kind === 'flagged') return condition('flagged', cause.detail ? `Flagged: “${cause.detail}”` : 'Flagged as an impediment', page);
    if (cause.kind === 'blocking-label') return condition('label', `Labelled “${cause.detail}”`, page);
    return condition('status', `In status ${cause.detail}`, page);
  });
}

/** The words a drift line starts with, so it reads apart from what holds the item up. */
export const DRIFT_PREFIX = 'Drift: ';

/**
 * Each drift (lib/flow/drift.ts) as a line: "Drift: PAY-8 was done Thu 12 Nov; octo-org/api#20 is
 * still open". Linked to the item's own page: the other source's page is in the card's related list.
 */
function driftConditions(item: WorkItem, analysis: ItemAnalysis): ConditionView[] {
  const page = itemUrl(item.key, item.url);
  return analysis.drift.map((drift) => condition('drift', `${DRIFT_PREFIX}${driftText(drift, shortKey).replace(/\.$/, '')}`, page));
}

/**
 * Every condition that holds the item up, in the merge box's order: failing required checks,
 * pending reviewers, conflicts, requested changes, the base pull request, upstream items, flags
 * and blocking markers, failing optional checks, and flaky checks; then drift, which a done item
 * may have too (merged while its ticket is not done), though nothing holds it up any more.
 */
export function conditionsOf(item: WorkItem, analysis: ItemAnalysis, ctx: ConditionContext): ConditionView[] {
  if (analysis.state === 'done') return driftConditions(item, analysis);
  const checks = checkConditions(item, analysis);
  return [...checks.failing, ...reviewConditions(item, analysis), ...upstreamConditions(item, analysis, ctx), ...markerConditions(item, analysis), ...checks.optional, ...checks.flaky, ...driftConditions(item, analysis)];
}

/** Which cause the head names first: an upstream item before a bare marker, a required check before a conflict. */
const HEAD_RANK: Record<Cause['kind'], number> = {
  'blocked-by': 0, flagged: 1, 'blocked-status': 2, 'blocking-label': 3, 'checks-failing': 4, conflict: 5,
  'changes-requested': 6, 'review-pending': 7, 'review-required': 8, 'waiting-status': 9,
};

function headPhrase(cause: Cause, item: WorkItem, ctx: ConditionContext): string {
  switch (cause.kind) {
    case 'blocked-by': {
      const link = cause.link!;
      const team = external(item, link.key, ctx) ? 'another team' : 'in the team';
      return `waits on ${shortKey(link.key)} (${team}${link.open === undefined ? ', unverified' : ''})`;
    }
    case 'flagged':
    case 'blocked-status':
    case 'blocking-label':
      return markPhrase(cause)!;
    case 'checks-failing':
      return `${latestChecks(item).get(cause.detail ?? '')?.required ? 'required ' : ''}check “${cause.detail}” failing`;
    case 'conflict':
      return 'merge conflicts';
    case 'changes-requested':
      return `changes requested by ${cause.who ? handle(cause.who) : 'a reviewer'}`;
    case 'review-pending':
      return `waits on review from ${cause.who ? handle(cause.who) : 'a reviewer'}`;
    case 'review-required':
      return 'needs an approving review, nobody is asked';
    case 'waiting-status':
      return `waiting in ${cause.detail}`;
  }
}

/**
 * The head's cause in a few words: "waits on octo-org/web#14 (another team)"; a marker left after
 * its blocker was done says so ("flag left after PAY-6 was done"); with nothing holding the item
 * up, its first drift ("PAY-8 done, octo-org/api#20 still open"); else none.
 */
export function headCauseOf(item: WorkItem, analysis: ItemAnalysis, ctx: ConditionContext): string | undefined {
  if (analysis.state === 'unknown') return 'not enough data to tell';
  // Read once, not in every comparison of the sort.
  const latest = latestChecks(item);
  const required = (cause: Cause) => (cause.kind === 'checks-failing' && latest.get(cause.detail ?? '')?.required ? 0 : 1);
  const first = [...analysis.causes].sort((a, b) => HEAD_RANK[a.kind] - HEAD_RANK[b.kind] || required(a) - required(b))[0];
  const stale = analysis.drift.find((drift) => drift.kind === 'stale-marker' && drift.marker.kind === first?.kind && drift.marker.detail === first.detail);
  if (stale) return driftShort(stale, shortKey);
  if (first) return headPhrase(first, item, ctx);
  return analysis.drift[0] ? driftShort(analysis.drift[0], shortKey) : undefined;
}
