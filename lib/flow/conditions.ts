/**
 * The conditions an item is in at one moment (flagged, in a blocked status, labelled, linked to
 * open blockers, waiting for reviewers, red checks, conflicts…) and the flow state they add up
 * to. Replaying a timeline applies events to conditions one by one; the current signals of an
 * item describe the same conditions for "now".
 */
import type { FlowSettings } from './flow-settings';
import type { FlowEvent, FlowState, ItemLink, Person } from './model';

/** A flow event, or the flow core's own note that an upstream item was resolved then. */
export type ReplayEvent = FlowEvent | { type: 'upstream-resolved'; at: string; key: string };

/** Why an item is not flowing. */
export type CauseKind =
  | 'flagged'
  | 'blocked-status'
  | 'blocking-label'
  | 'blocked-by'
  | 'waiting-status'
  | 'review-pending'
  | 'review-required'
  | 'changes-requested'
  | 'checks-failing'
  | 'conflict';

/** One cause, with the data that makes it concrete. */
export interface Cause {
  kind: CauseKind;
  /** Status, label, check name or flag reason. */
  detail?: string;
  /** The upstream item, for `blocked-by`. */
  link?: ItemLink;
  /** The reviewer, for review causes. */
  who?: Person;
}

/** The mutable conditions of an item while its timeline is replayed. */
export interface Conditions {
  done: boolean;
  draft: boolean;
  flagged: boolean;
  flagReason?: string;
  status?: string;
  labels: Map<string, string>;
  links: Map<string, ItemLink>;
  /** Upstream items resolved so far: their links no longer block. */
  resolvedUpstream: Set<string>;
  pending: Map<string, Person>;
  changesRequested: Map<string, Person>;
  /** The source says changes are requested, but its history names no reviewer who asked. */
  changesRequestedUnnamed: boolean;
  checks: Map<string, { conclusion: string; required?: boolean }>;
  conflict: boolean;
}

/** Conditions of a new item. */
export function emptyConditions(): Conditions {
  return { done: false, draft: false, flagged: false, labels: new Map(), links: new Map(), resolvedUpstream: new Set(), pending: new Map(), changesRequested: new Map(), changesRequestedUnnamed: false, checks: new Map(), conflict: false };
}

/** Applies one event. */
export function applyEvent(c: Conditions, event: ReplayEvent): void {
  switch (event.type) {
    case 'closed':
    case 'merged':
      c.done = true;
      return;
    case 'reopened':
      c.done = false;
      return;
    case 'flagged':
      c.flagged = true;
      if (event.reason) c.flagReason = event.reason;
      return;
    case 'unflagged':
      c.flagged = false;
      delete c.flagReason;
      return;
    case 'status':
      c.status = event.to;
      return;
    case 'labeled':
      c.labels.set(event.label.toLowerCase(), event.label);
      return;
    case 'unlabeled':
      c.labels.delete(event.label.toLowerCase());
      return;
    case 'link-added':
      if (event.link.kind !== 'child-of') c.links.set(event.link.key, event.link);
      return;
    case 'link-removed':
      c.links.delete(event.key);
      return;
    case 'upstream-resolved':
      c.resolvedUpstream.add(event.key);
      return;
    default:
      applyPullEvent(c, event);
  }
}

function applyPullEvent(c: Conditions, event: ReplayEvent): void {
  switch (event.type) {
    case 'review-requested':
      c.pending.set(event.reviewer.id, event.reviewer);
      return;
    case 'review-request-removed':
      c.pending.delete(event.reviewer.id);
      return;
    case 'reviewed':
      c.pending.delete(event.by.id);
      if (event.verdict === 'changes-requested') c.changesRequested.set(event.by.id, event.by);
      else if (event.verdict !== 'commented') c.changesRequested.delete(event.by.id);
      return;
    case 'ready-for-review':
      c.draft = false;
      return;
    case 'converted-to-draft':
      c.draft = true;
      return;
    case 'commit':
      // A new head commit: earlier check results no longer describe it.
      c.checks.clear();
      return;
    case 'check':
      c.checks.set(event.name, { conclusion: event.conclusion, ...(event.required !== undefined ? { required: event.required } : {}) });
      return;
    case 'conflict':
      c.conflict = event.conflicting;
      return;
    default:
      return;
  }
}

const lowered = new WeakMap<string[], Set<string>>();

/** A name list as a lower-case set, built once per list. */
function lower(list: string[]): Set<string> {
  let set = lowered.get(list);
  if (!set) lowered.set(list, (set = new Set(list.map((name) => name.toLowerCase()))));
  return set;
}

/**
 * Whether a link holds the item up: an upstream item not known to be closed, linked by a name
 * the team counts as blocking (a link without a name counts by its kind). An upstream item whose
 * state FlowLens could not read blocks, unverified (`isUnverified`): an explicit "waits on" is
 * not assumed away, and a wrong "flowing" is worse than a blocker that turns out to be done.
 */
export function linkBlocks(link: ItemLink, settings: FlowSettings): boolean {
  return link.open !== false && isWaitLink(link, settings);
}

/** Whether a blocking link's upstream state is unknown: it blocks on the link's word alone. */
export function isUnverified(link: ItemLink): boolean {
  return link.open === undefined;
}

/** Whether a link means "waits on" at all (whatever the state of the other item). */
export function isWaitLink(link: ItemLink, settings: FlowSettings): boolean {
  if (link.kind === 'child-of') return false;
  return link.name === undefined || lower(settings.blockedByLinks).has(link.name.toLowerCase());
}

/** What the conditions add up to: a state and its causes. */
export function classify(c: Conditions, settings: FlowSettings): { state: FlowState; causes: Cause[] } {
  if (c.done) return { state: 'done', causes: [] };
  const blocked = blockedCauses(c, settings);
  if (blocked.length > 0) return { state: 'blocked', causes: blocked };
  const failing = failingCauses(c);
  if (failing.length > 0) return { state: 'failing', causes: failing };
  const waiting = waitingCauses(c, settings);
  if (waiting.length > 0) return { state: 'waiting', causes: waiting };
  return { state: 'flowing', causes: [] };
}

function blockedCauses(c: Conditions, settings: FlowSettings): Cause[] {
  const causes: Cause[] = [];
  if (c.flagged) causes.push({ kind: 'flagged', ...(c.flagReason ? { detail: c.flagReason } : {}) });
  if (c.status && lower(settings.blockedStatuses).has(c.status.toLowerCase())) causes.push({ kind: 'blocked-status', detail: c.status });
  const blockingLabels = lower(settings.blockingLabels);
  for (const [name, label] of c.labels) if (blockingLabels.has(name)) causes.push({ kind: 'blocking-label', detail: label });
  for (const link of c.links.values()) if (linkBlocks(link, settings) && !c.resolvedUpstream.has(link.key)) causes.push({ kind: 'blocked-by', link });
  return causes;
}

function failingCauses(c: Conditions): Cause[] {
  const causes: Cause[] = [];
  for (const [name, check] of c.checks) {
    if (check.conclusion === 'failure' && check.required !== false) causes.push({ kind: 'checks-failing', detail: name });
  }
  if (c.conflict) causes.push({ kind: 'conflict' });
  for (const who of c.changesRequested.values()) causes.push({ kind: 'changes-requested', who });
  if (c.changesRequestedUnnamed && c.changesRequested.size === 0) causes.push({ kind: 'changes-requested' });
  return causes;
}

function waitingCauses(c: Conditions, settings: FlowSettings): Cause[] {
  if (c.draft) return [];
  const causes: Cause[] = [...c.pending.values()].map((who) => ({ kind: 'review-pending' as const, who }));
  if (c.status && lower(settings.waitingStatuses).has(c.status.toLowerCase())) causes.push({ kind: 'waiting-status', detail: c.status });
  return causes;
}

/** A stable fingerprint of causes, to tell when the reason for a state changed. */
export function causeKey(causes: Cause[]): string {
  return causes.map((cause) => `${cause.kind}:${cause.detail ?? cause.link?.key ?? cause.who?.id ?? ''}`).sort().join('|');
}
