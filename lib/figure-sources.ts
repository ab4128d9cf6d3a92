/**
 * Where the card's figures come from. Every duration the card shows (the time in the state on
 * its head, blocked in all, open for or cycle time, each stretch of where the time went) carries
 * a `Trace`: the stretches it counts, each with the events at its start and its end as the card
 * cites them ("flagged Tue 10 Nov 10:02 UTC by its assignee → unflagged Thu 12 Nov 09:00 UTC"),
 * each linked to where the event can be seen, and whether it counts calendar or working time.
 *
 * The shape is one for every figure, so a further figure attaches its own: give its name to
 * `FigureName` and its `Trace` to `FlowView.traces` (the card opens any trace the same way).
 * Built in the background from the item and its analysis; the view holds only words, times and
 * links on the item's own host (lib/safe-url.ts), never the source's raw events.
 */
import type { FlowInterval } from './flow/blocked-intervals';
import { handle, shortDate } from './flow/cause-text';
import type { ReplayEvent } from './flow/conditions';
import { shortKey } from './flow/item-names';
import type { LifeSegment } from './flow/life-split';
import type { Person, WorkItem } from './flow/model';
import { parseTime } from './flow/time';
import { httpsOn, itemUrl, keyUrl, webHostOf } from './safe-url';

/** One event a figure was computed from, as the card cites it. */
export interface FigureSource {
  /** When it happened (ISO). */
  at: string;
  /** What happened, in a few words: "flagged", "labelled “blocked”", "changes requested". */
  words: string;
  /** Who did it: their part in the item ("its assignee") when they have one, else their name. */
  by?: string;
  /** Where it can be seen, `https:` on the item's own host; absent when FlowLens did not record where. */
  url?: string;
}

/** One stretch a figure counts, from the events that began it to those that ended it. */
export interface TraceSpan {
  start: string;
  /** Absent while it lasts: it runs to now. */
  end?: string;
  /** What it counts, in the figure's time (calendar or working). */
  ms: number;
  /** The events at its start; none when no event of the source is dated then. */
  from: FigureSource[];
  /** The events at its end; none while it lasts, or when no event is dated then. */
  to: FigureSource[];
}

/** Where one figure comes from: what it counts, in which time, and what is not an event. */
export interface Trace {
  /** Calendar time, or working time (the user's working days, days off left out). */
  time: 'calendar' | 'working';
  /** The figure itself: the sum of its spans. */
  ms: number;
  spans: TraceSpan[];
  /** What the figure rests on that is not an event (a bound FlowLens saw, a date only the item's fields give). */
  note?: string;
}

/**
 * The card's figures that carry a trace: the time in the state on the head, and the bound of a
 * start no source recorded (`state`), blocked in all (`blocked`), open for or cycle time
 * (`life`). A further figure adds its name here.
 */
export type FigureName = 'state' | 'blocked' | 'life';

/** "Tue 17 Nov 09:00 UTC": a source's time as the card says it. */
export function stamp(iso: string): string {
  const t = parseTime(iso);
  if (!Number.isFinite(t)) return iso;
  const utc = new Date(t).toISOString();
  return `${shortDate(utc)} ${utc.slice(11, 16)} UTC`;
}

/** What cites events of one item: its people's parts, its host, its page. */
interface Citer {
  item: WorkItem;
  host: string | undefined;
  page: string | undefined;
  reviewers: ReadonlySet<string>;
}

/** The item's people by their part in it, for "by its assignee". */
function citerOf(item: WorkItem): Citer {
  const reviewers = new Set(item.requestedReviewers.map((p) => p.id));
  for (const e of item.timeline) {
    if (e.type === 'reviewed') reviewers.add(e.by.id);
    if (e.type === 'review-requested') reviewers.add(e.reviewer.id);
  }
  return { item, host: webHostOf(item.key), page: itemUrl(item.key, item.url), reviewers };
}

/** A person's part in the item when they have one (author, then assignee, then reviewer), else their name. */
export function byWords(person: Person, item: WorkItem, reviewers: ReadonlySet<string> = citerOf(item).reviewers): string {
  if (item.author?.id === person.id) return 'its author';
  if (item.assignees.some((a) => a.id === person.id)) return 'its assignee';
  if (reviewers.has(person.id)) return 'its reviewer';
  return item.source === 'github' ? handle(person) : person.name;
}

const VERDICT_WORDS = { approved: 'approved', 'changes-requested': 'changes requested', commented: 'reviewed with comments', dismissed: 'review dismissed' } as const;

/** An event in a few words; a check at a span's start (`starting`) says it started. */
export function eventWords(event: ReplayEvent, item: WorkItem, starting = false): string {
  const name = (p: Person) => (item.source === 'github' ? handle(p) : p.name);
  switch (event.type) {
    case 'created': return 'opened';
    case 'status': return `moved to “${event.to}”`;
    case 'flagged': return event.reason ? `flagged: ${event.reason}` : 'flagged';
    case 'unflagged': return 'unflagged';
    case 'labeled': return `labelled “${event.label}”`;
    case 'unlabeled': return `label “${event.label}” removed`;
    case 'link-added': return `linked to ${shortKey(event.link.key)}`;
    case 'link-removed': return `link to ${shortKey(event.key)} removed`;
    case 'upstream-resolved': return `${shortKey(event.key)} resolved`;
    case 'review-requested': return `review requested from ${name(event.reviewer)}`;
    case 'review-request-removed': return `review request for ${name(event.reviewer)} removed`;
    case 'reviewed': return VERDICT_WORDS[event.verdict];
    case 'ready-for-review': return 'marked ready for review';
    case 'converted-to-draft': return 'converted to draft';
    case 'commit': return `commit ${event.sha.slice(0, 7)}`;
    case 'check': return starting && event.conclusion !== 'pending' ? `check “${event.name}” started` : `check “${event.name}” ${event.conclusion === 'pending' ? 'started' : event.conclusion}`;
    case 'conflict': return event.conflicting ? 'merge conflict' : 'merge conflict resolved';
    case 'assigned': return `assigned to ${name(event.to)}`;
    case 'closed': return item.source === 'jira' ? 'resolved' : 'closed';
    case 'reopened': return 'reopened';
    case 'merged': return 'merged';
  }
}

/**
 * Where an event is seen: its own link when it is `https:` on the item's host; the item's page
 * when its link is elsewhere (a check's details on a CI site: the item's page lists the check);
 * none when it has none (an item cached before FlowLens recorded where: nothing is made up).
 * A blocker's resolution is seen on the blocker's page, when that is on the same host.
 */
function whereSeen(event: ReplayEvent, citer: Citer): string | undefined {
  if (event.type === 'upstream-resolved') return httpsOn(keyUrl(event.key), citer.host);
  const url = event.url;
  if (url === undefined) return undefined;
  return httpsOn(url, citer.host) ?? citer.page;
}

/** One event as the card cites it; a check at a span's start is dated when it started. */
function cite(event: ReplayEvent, citer: Citer, starting: boolean): FigureSource {
  const at = starting && event.type === 'check' && event.startedAt ? event.startedAt : event.at;
  const person = 'by' in event ? event.by : undefined;
  const url = whereSeen(event, citer);
  return { at, words: eventWords(event, citer.item, starting), ...(person ? { by: byWords(person, citer.item, citer.reviewers) } : {}), ...(url ? { url } : {}) };
}

/** Events as the card cites them, each once. */
function citeAll(events: readonly ReplayEvent[] | undefined, citer: Citer, starting: boolean): FigureSource[] {
  return [...new Set(events ?? [])].map((event) => cite(event, citer, starting));
}

/** A trace of its spans, its figure their sum. */
function traceOf(time: Trace['time'], spans: TraceSpan[], note?: string): Trace {
  return { time, ms: spans.reduce((sum, s) => sum + s.ms, 0), spans, ...(note ? { note } : {}) };
}

/** What the card's traces are built from. */
export interface TraceInput {
  item: WorkItem;
  state: string;
  since?: string | undefined;
  sinceBy?: readonly ReplayEvent[] | undefined;
  intervals: readonly FlowInterval[];
  now: number;
}

/**
 * Blocked in all: every blocked interval from the events that began it to those that ended it,
 * in working time when the intervals were counted so (the user's working-time setting), else
 * calendar time. None when the item was never blocked.
 */
export function blockedTrace({ item, intervals }: TraceInput): Trace | undefined {
  const blocked = intervals.filter((i) => i.state === 'blocked');
  if (blocked.length === 0) return undefined;
  const citer = citerOf(item);
  const working = blocked.every((i) => i.workingMs !== undefined);
  return traceOf(working ? 'working' : 'calendar', blocked.map((i) => ({
    start: i.start,
    ...(i.end !== undefined ? { end: i.end } : {}),
    ms: working ? i.workingMs! : i.durationMs,
    from: citeAll(i.startedBy, citer, true),
    to: citeAll(i.endedBy, citer, false),
  })));
}

/**
 * The time in the state on the head: from the events that began it to now, in calendar time.
 * Without a recorded start there is no span, and the note says so (with the bound, when one holds).
 */
export function stateTrace({ item, since, sinceBy, now }: TraceInput, bound?: { why: string }): Trace | undefined {
  const start = parseTime(since);
  if (!Number.isFinite(start)) return bound ? traceOf('calendar', [], `No event records when it began: ${bound.why}.`) : undefined;
  const from = citeAll(sinceBy, citerOf(item), true);
  return traceOf('calendar', [{ start: since!, ms: Math.max(0, now - start), from, to: [] }], from.length === 0 ? 'No event of the source is dated at its start.' : undefined);
}

/**
 * Open for, or the cycle time of an item that ended: from its opening (the timeline's `created`)
 * to now or to the merge or close at its resolution time. When no event is dated at the
 * resolution (Jira's resolution date may differ from its history's by milliseconds), the end is
 * the resolution date the item's fields give, on its page.
 */
export function lifeTrace({ item, now }: TraceInput, resolution?: readonly ReplayEvent[]): Trace | undefined {
  const start = parseTime(item.createdAt);
  if (!Number.isFinite(start)) return undefined;
  const citer = citerOf(item);
  const opened = item.timeline.filter((e) => e.type === 'created' && parseTime(e.at) === start);
  const ended = item.state !== 'open' ? parseTime(item.resolvedAt) : NaN;
  if (!Number.isFinite(ended)) return traceOf('calendar', [{ start: item.createdAt, ms: Math.max(0, now - start), from: citeAll(opened, citer, true), to: [] }]);
  const to = resolution && resolution.length > 0 ? citeAll(resolution, citer, false) : [{ at: item.resolvedAt!, words: 'resolved, as the item’s own fields say', ...(citer.page ? { url: citer.page } : {}) }];
  return traceOf('calendar', [{ start: item.createdAt, end: item.resolvedAt!, ms: Math.max(0, ended - start), from: citeAll(opened, citer, true), to }]);
}

/** One stretch of where the time went, with its trace; the raw events stay in the background. */
export type LifeStretchView = Omit<LifeSegment, 'startedBy' | 'endedBy'> & { trace?: Trace };

/** The stretches of a life as the view holds them: each with the events at its two ends, in calendar time. */
export function lifeStretches(item: WorkItem, life: readonly LifeSegment[]): LifeStretchView[] {
  const citer = citerOf(item);
  return life.map(({ startedBy, endedBy, ...stretch }) => ({
    ...stretch,
    trace: traceOf('calendar', [{ start: stretch.start, ...(stretch.open ? {} : { end: stretch.end }), ms: stretch.ms, from: citeAll(startedBy, citer, true), to: citeAll(endedBy, citer, false) }]),
  }));
}
