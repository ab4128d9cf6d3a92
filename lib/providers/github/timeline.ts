/**
 * GitHub's timeline and head-commit checks as FlowEvents. Unknown event types and malformed
 * nodes are skipped (GitHub adds event types over time); nothing here throws.
 */
import type { EventCitation, FlowEvent, Person } from '../../flow/model';
import { own } from '../../own';
import type { GraphCheckRun, GraphStatusContext, GraphTimelineNode } from './schema';
import { parseTime } from '../../flow/time';

type Check = Extract<FlowEvent, { type: 'check' }>;
type Node = GraphTimelineNode & Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const obj = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;

/**
 * The id of a GitHub login: lower-cased, since GitHub logins ignore case ("Alice" and "alice" are
 * one account), so that a request of "Alice" and a review by "alice" are one person. Names keep
 * the login as GitHub wrote it.
 */
export function loginId(login: string): string {
  return login.toLowerCase();
}

/** A user, bot or team as a Person; teams get a `team:` id so they never clash with logins. */
export function actorOf(value: unknown): Person | undefined {
  const actor = obj(value);
  const login = str(actor?.login);
  const slug = str(actor?.slug);
  const url = str(actor?.url);
  if (login) return { id: loginId(login), name: login, ...(url ? { url } : {}) };
  if (slug) return { id: `team:${slug.toLowerCase()}`, name: str(actor?.name) ?? slug, ...(url ? { url } : {}) };
  return undefined;
}

const VERDICTS: Record<string, 'approved' | 'changes-requested' | 'commented' | 'dismissed'> = {
  APPROVED: 'approved',
  CHANGES_REQUESTED: 'changes-requested',
  COMMENTED: 'commented',
  DISMISSED: 'dismissed',
};

/** One timeline node as an event, or nothing. */
function eventOf(node: Node): FlowEvent | undefined {
  const at = str(node.createdAt);
  const label = str(obj(node.label)?.name);
  switch (node.__typename) {
    case 'ReviewRequestedEvent':
    case 'ReviewRequestRemovedEvent': {
      const reviewer = actorOf(node.requestedReviewer);
      if (!at || !reviewer) return undefined;
      return { type: node.__typename === 'ReviewRequestedEvent' ? 'review-requested' : 'review-request-removed', at, reviewer };
    }
    case 'PullRequestReview': {
      const by = actorOf(node.author);
      const verdict = own(VERDICTS, str(node.reviewState) ?? '');
      const when = str(node.submittedAt) ?? at;
      return by && verdict && when ? { type: 'reviewed', at: when, by, verdict } : undefined;
    }
    case 'PullRequestCommit': {
      const commit = obj(node.commit);
      const sha = str(commit?.oid);
      const when = str(commit?.committedDate);
      return sha && when ? { type: 'commit', at: when, sha } : undefined;
    }
    case 'AssignedEvent': {
      const to = actorOf(node.assignee);
      return at && to ? { type: 'assigned', at, to } : undefined;
    }
    case 'LabeledEvent':
      return at && label ? { type: 'labeled', at, label } : undefined;
    case 'UnlabeledEvent':
      return at && label ? { type: 'unlabeled', at, label } : undefined;
    default:
      return at ? simpleEvent(node.__typename, at) : undefined;
  }
}

const SIMPLE_EVENTS = { ReadyForReviewEvent: 'ready-for-review', ConvertToDraftEvent: 'converted-to-draft', ClosedEvent: 'closed', ReopenedEvent: 'reopened', MergedEvent: 'merged' } as const;

function simpleEvent(typename: string, at: string): FlowEvent | undefined {
  const type = own<(typeof SIMPLE_EVENTS)[keyof typeof SIMPLE_EVENTS]>(SIMPLE_EVENTS, typename);
  return type ? { type, at } : undefined;
}

/**
 * Who made a node's event (its `actor`; a review's author is already its `by`) and where it is
 * seen (its `url`, the item's page with the event's anchor), when GitHub sent them.
 */
function citationOf(node: Node): EventCitation {
  const by = actorOf(node.actor);
  const url = str(node.url);
  return { ...(by ? { by } : {}), ...(url ? { url } : {}) };
}

/** The timeline nodes GitHub sent, as events in their order, each with who made it and where it is seen when GitHub says. */
export function timelineEvents(nodes: (GraphTimelineNode | null | undefined)[]): FlowEvent[] {
  return nodes.flatMap((node) => {
    const event = node ? eventOf(node as Node) : undefined;
    return event ? [{ ...citationOf(node as Node), ...event }] : [];
  });
}

/**
 * Events with where they are seen: those GitHub gave no anchor for (a label, an assignment, a
 * link) are seen on the item's page, `page`.
 */
export function citedOn(events: readonly FlowEvent[], page: string): FlowEvent[] {
  return events.map((event) => (event.url === undefined ? { ...event, url: page } : event));
}

const CONCLUSIONS: Record<string, Check['conclusion']> = {
  SUCCESS: 'success',
  FAILURE: 'failure',
  TIMED_OUT: 'failure',
  STARTUP_FAILURE: 'failure',
  ACTION_REQUIRED: 'failure',
  ERROR: 'failure',
  NEUTRAL: 'neutral',
  SKIPPED: 'skipped',
  CANCELLED: 'cancelled',
  STALE: 'cancelled',
  PENDING: 'pending',
  EXPECTED: 'pending',
};

/** Every check run (reruns included) and commit status of the head commit, as check events. */
export function checkEvents(runs: GraphCheckRun[], contexts: GraphStatusContext[], sha: string | undefined): Check[] {
  const fromRuns = runs.flatMap((run): Check[] => {
    const at = run.completedAt ?? run.startedAt;
    if (!at) return [];
    const conclusion = run.status === 'COMPLETED' ? (own(CONCLUSIONS, run.conclusion ?? '') ?? 'neutral') : 'pending';
    const started = run.startedAt && run.startedAt !== at ? { startedAt: run.startedAt } : {};
    return [{ type: 'check', at, ...started, name: run.name, conclusion, ...extras(sha, run.isRequired, run.detailsUrl) }];
  });
  const fromStatuses = contexts.map((context): Check => ({
    type: 'check',
    at: context.createdAt,
    name: context.context,
    conclusion: own(CONCLUSIONS, context.state) ?? 'pending',
    ...extras(sha, context.isRequired, context.targetUrl),
  }));
  return [...fromRuns, ...fromStatuses];
}

function extras(sha: string | undefined, required: boolean | undefined, url: string | null | undefined) {
  return { ...(sha ? { sha } : {}), ...(required !== undefined ? { required } : {}), ...(url ? { url } : {}) };
}

/** Names of checks whose latest run failed. */
export function failingChecks(checks: Check[]): string[] {
  const latest = new Map<string, Check>();
  for (const check of checks) {
    const seen = latest.get(check.name);
    if (!seen || parseTime(check.at) >= parseTime(seen.at)) latest.set(check.name, check);
  }
  return [...latest.values()].filter((check) => check.conclusion === 'failure').map((check) => check.name).sort();
}
