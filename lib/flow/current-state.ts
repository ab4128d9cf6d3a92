/**
 * The state of an item now. The source's current signals (what GitHub or Jira says today) are
 * the truth for "now"; the replayed history says since when. Where they disagree, or where the
 * source told us too little (a pull request read without reviews or checks), the answer says
 * so — `unknown`, or no `since` — rather than guess.
 */
import { classify, type Cause, type Conditions } from './conditions';
import type { FlowSettings } from './flow-settings';
import type { History } from './blocked-intervals';
import type { FlowState, WorkItem } from './model';
import { iso, parseTime } from './time';

/** The state now, since when (ISO, when known), and why. */
export interface CurrentState {
  state: FlowState;
  since?: string;
  causes: Cause[];
}

/** The replayed conditions corrected by what the source says now. */
export function conditionsNow(item: WorkItem, history: History): Conditions {
  const c = history.conditions;
  const s = item.signals;
  const now: Conditions = { ...c, labels: new Map(c.labels), links: new Map(), resolvedUpstream: new Set(), pending: new Map(c.pending), changesRequested: new Map(c.changesRequested), checks: new Map(c.checks) };
  now.done = item.state !== 'open';
  if (s.draft !== undefined) now.draft = s.draft;
  if (s.flagged !== undefined) now.flagged = s.flagged;
  if (s.status !== undefined) now.status = s.status;
  if (s.labels) now.labels = new Map(s.labels.map((label) => [label.toLowerCase(), label]));
  for (const link of item.upstream) if (link.kind !== 'child-of') now.links.set(link.key, link);
  const pending = s.pendingReviewers ?? (item.kind === 'pull' ? item.requestedReviewers : undefined);
  if (pending) now.pending = new Map(pending.map((person) => [person.id, person]));
  // GitHub's decision is null where the branch requires no review: the replayed change requests
  // stand then. An approval, or a review still required, means none is outstanding.
  if (s.reviewDecision === 'approved' || s.reviewDecision === 'review-required') now.changesRequested.clear();
  if (s.reviewDecision === 'changes-requested') now.changesRequestedUnnamed = true;
  if (s.failingChecks) correctChecks(now, s.failingChecks);
  if (s.mergeable !== undefined) now.conflict = s.mergeable === 'conflicting';
  return now;
}

function correctChecks(c: Conditions, failing: string[]): void {
  for (const [name, check] of c.checks) if (check.conclusion === 'failure' && !failing.includes(name)) c.checks.delete(name);
  for (const name of failing) c.checks.set(name, { conclusion: 'failure', ...requiredOf(c, name) });
}

function requiredOf(c: Conditions, name: string): { required?: boolean } {
  const known = c.checks.get(name)?.required;
  return known === undefined ? {} : { required: known };
}

/** True when the source told too little to tell waiting, failing and flowing apart. */
function tooLittle(item: WorkItem): boolean {
  const s = item.signals;
  if (item.source === 'jira') return s.status === undefined && !item.timeline.some((e) => e.type === 'status');
  return item.kind === 'pull' && s.reviewDecision === undefined && s.checks === undefined && s.pendingReviewers === undefined;
}

/** The state now and since when. */
export function currentState(item: WorkItem, history: History, settings: FlowSettings): CurrentState {
  const conditions = conditionsNow(item, history);
  let { state, causes } = classify(conditions, settings);
  if (state === 'flowing' && item.kind === 'pull' && item.signals.reviewDecision === 'review-required' && !conditions.draft) {
    state = 'waiting';
    causes = [{ kind: 'review-required' }];
  }
  if ((state === 'flowing' || state === 'waiting') && tooLittle(item)) return { state: 'unknown', causes: [] };
  if (state === 'done') {
    const since = doneSince(item.resolvedAt);
    return { state, causes, ...(since ? { since } : {}) };
  }
  const since = sinceOf(state, history);
  return { state, causes, ...(since ? { since } : {}) };
}

/** The resolution time as UTC ISO: kept as the source wrote it when it already is, else rewritten (Jira's `+0000`). */
function doneSince(resolvedAt: string | undefined): string | undefined {
  const t = parseTime(resolvedAt);
  if (!Number.isFinite(t)) return undefined;
  return resolvedAt!.endsWith('Z') ? resolvedAt : iso(t);
}

/** When the current run of `state` began, if the history ends in it. */
function sinceOf(state: FlowState, history: History): string | undefined {
  const last = history.segments[history.segments.length - 1];
  if (!last || last.state !== state) return undefined;
  const interval = history.intervals[history.intervals.length - 1];
  if (interval && interval.state === state && interval.end === undefined) return interval.start;
  return new Date(last.start).toISOString();
}
