/**
 * Drift: where an item's record says one thing and the work another. Between Jira and GitHub, for
 * a pair of sites the user joined (the background decides which pairs; the flow core only reads
 * what it is given): a pull request merged while the ticket it names is not done, a ticket done
 * while a pull request naming it is still open, and an open pull request in a repository whose
 * pull requests name a ticket nearly always, that names none. Within one source: an item still
 * marked blocked (a flag, a blocked status, a blocking label) while every item it waits on is done.
 * Drift never changes an item's state: it is bookkeeping to put right, shown beside the state.
 */
import type { Cause } from './conditions';
import { isWaitLink } from './conditions';
import type { CurrentState } from './current-state';
import type { FlowSettings } from './flow-settings';
import type { FlowEvent, WorkItem } from './model';
import { DAY, isoTime, parseTime } from './time';

/** A pull request merged while a ticket it names is still not done. */
export interface MergedNotDone {
  kind: 'merged-not-done';
  pull: string;
  ticket: string;
  /** The ticket's status now ("In Progress"), when the source says. */
  status?: string;
  /** When the pull request was merged. */
  at?: string;
}

/** A ticket done while a pull request naming it is still open. */
export interface DoneStillOpen {
  kind: 'done-still-open';
  pull: string;
  ticket: string;
  /** When the ticket was done (resolved). */
  at?: string;
}

/** An item still marked blocked while every item it waits on is done. */
export interface StaleMarker {
  kind: 'stale-marker';
  /** The marker left in place: a flag, a blocked status or a blocking label. */
  marker: Cause;
  /** The items it waits on, every one of them done. */
  blockers: string[];
  /** When the last of them was done, when known. */
  at?: string;
}

/** An open pull request naming no ticket in a repository whose pull requests usually do. */
export interface NoTicket {
  kind: 'no-ticket';
  /** Of the repository's recent pull requests, how many named a ticket, of how many. */
  named: number;
  sample: number;
}

/** One drift of an item. */
export type Drift = MergedNotDone | DoneStillOpen | StaleMarker | NoTicket;

/** The kinds of drift, in the order the card lists them. */
export const DRIFT_KINDS = ['merged-not-done', 'done-still-open', 'stale-marker', 'no-ticket'] as const satisfies readonly Drift['kind'][];

/**
 * How long a merge or a resolution may stand before the other side counts as behind. Jira's
 * automation moves a ticket on merge within seconds, people within the working day: a pair out of
 * step for less than a day is the usual lag, not drift.
 */
export const DRIFT_GRACE_MS = DAY;

/**
 * The habit a repository's pull requests show: at least NORM_MIN_SAMPLE recent pull requests, of
 * which at least NORM_SHARE named a ticket. With 10 pull requests, a team naming tickets only half
 * the time reaches 8 in 10 about 5 % of the time (binomial), so the rule rarely fires without the
 * habit; the last NORM_WINDOW pull requests follow a habit that changed.
 */
export const NORM_MIN_SAMPLE = 10;
export const NORM_SHARE = 0.8;
export const NORM_WINDOW = 20;

/** A repository's recent pull requests: how many named a ticket, of how many. */
export interface TicketNorm {
  named: number;
  sample: number;
}

/** One pull request as the norm counts it: its key, when it was opened (ms), whether it named a ticket. */
export interface NormPull {
  key: string;
  at: number;
  named: boolean;
}

/** The repository of a GitHub key, with its host, lower case (`github:octo-org/api`); undefined for another key. */
export function repoKeyOf(key: string): string | undefined {
  const hash = key.lastIndexOf('#');
  return key.startsWith('github:') && hash > 0 ? key.slice(0, hash).toLowerCase() : undefined;
}

/** Per repository, its NORM_WINDOW most recent pull requests (each once): how many named a ticket. */
export function ticketNorms(pulls: readonly NormPull[]): Map<string, TicketNorm> {
  const byKey = new Map(pulls.map((pull) => [pull.key, pull]));
  const byRepo = new Map<string, NormPull[]>();
  for (const pull of byKey.values()) {
    const repo = repoKeyOf(pull.key);
    if (repo) byRepo.set(repo, [...(byRepo.get(repo) ?? []), pull]);
  }
  return new Map([...byRepo].map(([repo, list]) => {
    const recent = [...list].sort((a, b) => b.at - a.at || (a.key < b.key ? -1 : 1)).slice(0, NORM_WINDOW);
    return [repo, { named: recent.filter((pull) => pull.named).length, sample: recent.length }] as const;
  }));
}

/** Whether a norm says the repository's pull requests name a ticket. */
export function namesTickets(norm: TicketNorm | undefined): norm is TicketNorm {
  return norm !== undefined && norm.sample >= NORM_MIN_SAMPLE && norm.named >= NORM_SHARE * norm.sample;
}

/** Whether `at` lies at least the grace before `now` (an unknown time counts: the state itself is the fact). */
function pastGrace(at: string | undefined, now: number): boolean {
  const time = parseTime(at);
  return !Number.isFinite(time) || now - time >= DRIFT_GRACE_MS;
}

const isDone = (item: WorkItem) => item.state !== 'open';

/** `{ at }` with a readable time, else nothing. */
function at(time: string | undefined): { at?: string } {
  const read = isoTime(time);
  return read ? { at: read } : {};
}

/** A pull request's drift against the tickets it names (`tickets`, of the user's Jira sites). */
function pullDrift(pull: WorkItem, tickets: readonly WorkItem[], now: number): Drift[] {
  if (pull.state === 'merged' && pastGrace(pull.resolvedAt, now)) {
    return tickets.filter((t) => !isDone(t)).map((t) => ({ kind: 'merged-not-done', pull: pull.key, ticket: t.key, ...(t.signals.status ? { status: t.signals.status } : {}), ...at(pull.resolvedAt) }));
  }
  // A pull request naming an open ticket too may be that ticket's work: only when all are done.
  if (pull.state === 'open' && tickets.length > 0 && tickets.every(isDone)) {
    return tickets.filter((t) => pastGrace(t.resolvedAt, now)).map((t) => ({ kind: 'done-still-open', pull: pull.key, ticket: t.key, ...at(t.resolvedAt) }));
  }
  return [];
}

/** A ticket's drift against the pull requests naming it (`pulls`, of the user's GitHub hosts). */
function ticketDrift(ticket: WorkItem, pulls: readonly WorkItem[], now: number): Drift[] {
  const open = pulls.filter((p) => p.state === 'open');
  if (!isDone(ticket)) {
    // Another pull request still open for it: the ticket is rightly not done.
    if (open.length > 0) return [];
    const merged = pulls.filter((p) => p.state === 'merged' && pastGrace(p.resolvedAt, now)).sort((a, b) => parseTime(b.resolvedAt) - parseTime(a.resolvedAt));
    const last = merged[0];
    return last ? [{ kind: 'merged-not-done', pull: last.key, ticket: ticket.key, ...(ticket.signals.status ? { status: ticket.signals.status } : {}), ...at(last.resolvedAt) }] : [];
  }
  if (!pastGrace(ticket.resolvedAt, now)) return [];
  return open.map((p) => ({ kind: 'done-still-open', pull: p.key, ticket: ticket.key, ...at(ticket.resolvedAt) }));
}

/**
 * The drift of `item` against the items of the other source it pairs with (the tickets a pull
 * request names, the pull requests naming a ticket), at `now`. Items of its own source are ignored.
 */
export function pairDrift(item: WorkItem, others: readonly WorkItem[], now: number): Drift[] {
  if (item.kind === 'pull') return pullDrift(item, others.filter((o) => o.source === 'jira'), now);
  if (item.source === 'jira') return ticketDrift(item, others.filter((o) => o.kind === 'pull'), now);
  return [];
}

/** When the marker of `cause` was last set, from the timeline; undefined when no event says. */
function markedAt(cause: Cause, timeline: readonly FlowEvent[]): number | undefined {
  const detail = cause.detail?.toLowerCase();
  const sets = timeline.filter((e) =>
    cause.kind === 'flagged' ? e.type === 'flagged'
      : cause.kind === 'blocked-status' ? e.type === 'status' && e.to.toLowerCase() === detail
        : e.type === 'labeled' && e.label.toLowerCase() === detail);
  const times = sets.map((e) => parseTime(e.at)).filter(Number.isFinite);
  return times.length > 0 ? Math.max(...times) : undefined;
}

const MARKERS: ReadonlySet<Cause['kind']> = new Set(['flagged', 'blocked-status', 'blocking-label']);

/**
 * The markers of a blocked item left in place after what it waited on was done: the item waits on
 * at least one item, every one of them is known to be done, and the marker was set before the last
 * of them was done (a flag raised later is about something else). A link to a done item alone is
 * no marker: neither Jira nor GitHub shows it as blocking, so it needs no clearing.
 */
export function staleMarkers(item: WorkItem, current: CurrentState, settings: FlowSettings): StaleMarker[] {
  if (current.state !== 'blocked') return [];
  const waits = item.upstream.filter((link) => isWaitLink(link, settings));
  if (waits.length === 0 || waits.some((link) => link.open !== false)) return [];
  const times = waits.map((link) => parseTime(link.resolvedAt));
  const lastDone = times.every(Number.isFinite) ? Math.max(...times) : undefined;
  return current.causes.flatMap((cause) => {
    if (!MARKERS.has(cause.kind)) return [];
    const marked = markedAt(cause, item.timeline);
    if (marked !== undefined && lastDone !== undefined && marked > lastDone) return [];
    return [{ kind: 'stale-marker' as const, marker: cause, blockers: waits.map((link) => link.key), ...(lastDone === undefined ? {} : at(new Date(lastDone).toISOString())) }];
  });
}

/** The no-ticket drift of an open pull request that names no ticket, where its repository's `norm` says they usually do. */
export function noTicket(item: WorkItem, norm: TicketNorm | undefined): NoTicket[] {
  if (item.kind !== 'pull' || item.state !== 'open' || (item.mentions ?? []).length > 0 || !namesTickets(norm)) return [];
  return [{ kind: 'no-ticket', named: norm.named, sample: norm.sample }];
}
