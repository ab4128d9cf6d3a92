/**
 * Where an item's time went: its life, from opening to its end (or now), split into stretches
 * of one kind each, from what FlowLens already reads. Blocked, waiting and failing come from the
 * replayed intervals; a draft from the draft events; CI running from check runs' start and end.
 * Where several hold at once, the one that stops the item most wins: blocked, then the author to
 * act, then waiting for review or in a status, then draft, then CI running; what is left is
 * "neither". Pure: time is an argument.
 */
import type { FlowInterval } from './blocked-intervals';
import type { ReplayEvent } from './conditions';
import type { FlowCheckEvent, FlowEvent, WorkItem } from './model';
import { iso, parseTime } from './time';

/** The kinds of time, in the order a stretch's kind is chosen. */
export const LIFE_KINDS = ['blocked', 'author', 'review', 'waiting', 'draft', 'ci', 'neither'] as const;

/** One kind of time. */
export type LifeKind = (typeof LIFE_KINDS)[number];

/** Each kind in words, as the card says it. */
export const LIFE_WORDS: Record<LifeKind, string> = {
  blocked: 'blocked by another item or team',
  author: 'the author to act',
  review: 'waiting for review',
  waiting: 'waiting in a status',
  draft: 'draft',
  ci: 'CI running',
  neither: 'neither',
};

/** A stretch of one kind: start and end as ISO times, its length; `open` while it lasts. */
export interface LifeSegment {
  kind: LifeKind;
  start: string;
  end: string;
  ms: number;
  open?: true;
  /** The events at its start (what began it, or the item's opening), so the card can cite them. */
  startedBy?: ReplayEvent[];
  /** The events at its end (what ended it, or the merge or close); absent while open. */
  endedBy?: ReplayEvent[];
}

/** A stretch one fact holds, with the events at its two ends (none where a bound is not an event, as "now"). */
type Range = { kind: LifeKind; from: number; to: number; fromBy: readonly ReplayEvent[]; toBy: readonly ReplayEvent[] };

const REVIEW_CAUSES = new Set(['review-pending', 'review-required']);

/** The stuck intervals as ranges of their kind. */
function stuckRanges(intervals: readonly FlowInterval[], end: number): Range[] {
  return intervals.map((interval) => {
    const kind: LifeKind = interval.state === 'blocked' ? 'blocked' : interval.state === 'failing' ? 'author' : interval.causes.some((c) => REVIEW_CAUSES.has(c.kind)) ? 'review' : 'waiting';
    return { kind, from: parseTime(interval.start), to: interval.end === undefined ? end : parseTime(interval.end), fromBy: interval.startedBy ?? [], toBy: interval.endedBy ?? [] };
  });
}

/** When the item was a draft: from its draft events, or from its opening when the first says it became ready. */
function draftRanges(item: WorkItem, start: number, end: number): Range[] {
  const events = item.timeline
    .filter((e) => e.type === 'converted-to-draft' || e.type === 'ready-for-review')
    .map((e) => ({ draft: e.type === 'converted-to-draft', t: parseTime(e.at), event: e }))
    .filter((e) => Number.isFinite(e.t))
    .sort((a, b) => a.t - b.t);
  const ranges: Range[] = [];
  let since: number | undefined = events[0] ? (events[0].draft ? undefined : start) : item.signals.draft ? start : undefined;
  let sinceBy: readonly ReplayEvent[] = [];
  for (const event of events) {
    if (event.draft && since === undefined) [since, sinceBy] = [event.t, [event.event]];
    if (!event.draft && since !== undefined) {
      ranges.push({ kind: 'draft', from: since, to: event.t, fromBy: sinceBy, toBy: [event.event] });
      [since, sinceBy] = [undefined, []];
    }
  }
  if (since !== undefined) ranges.push({ kind: 'draft', from: since, to: end, fromBy: sinceBy, toBy: [] });
  return ranges;
}

/** When a check ran: each run's start to its end, a pending run to the end. */
function ciRanges(item: WorkItem, end: number): Range[] {
  const checks = item.timeline.filter((e): e is FlowCheckEvent => e.type === 'check');
  return checks.flatMap((check): Range[] => {
    const at = parseTime(check.at);
    const from = check.startedAt === undefined ? at : parseTime(check.startedAt);
    if (!Number.isFinite(from) || !Number.isFinite(at)) return [];
    const pending = check.conclusion === 'pending';
    return [{ kind: 'ci', from, to: pending ? end : at, fromBy: [check], toBy: pending ? [] : [check] }];
  });
}

/** The kind that wins at `t` among the ranges that hold then, or "neither". */
function kindAt(ranges: readonly Range[], t: number): LifeKind {
  let best: LifeKind = 'neither';
  for (const range of ranges) if (range.from <= t && t < range.to && LIFE_KINDS.indexOf(range.kind) < LIFE_KINDS.indexOf(best)) best = range.kind;
  return best;
}

/**
 * The item's life at `now` as stretches, oldest first: from its opening to its resolution (a
 * merged, closed or done item) or now. Empty when its opening is not known.
 */
export function lifeSplit(item: WorkItem, intervals: readonly FlowInterval[], now: number): LifeSegment[] {
  const start = parseTime(item.createdAt);
  const resolved = item.state === 'open' ? NaN : parseTime(item.resolvedAt);
  const end = Number.isFinite(resolved) ? Math.min(resolved, now) : now;
  if (!Number.isFinite(start) || end <= start) return [];
  const ranges = [...stuckRanges(intervals, end), ...draftRanges(item, start, end), ...ciRanges(item, end)]
    .map((r) => clamp(r, start, end))
    .filter((r) => Number.isFinite(r.from) && Number.isFinite(r.to) && r.to > r.from);
  const cuts = [...new Set([start, end, ...ranges.flatMap((r) => [r.from, r.to])])].sort((a, b) => a - b);
  const bounds = boundEvents(item, start, end === resolved);
  const at = (t: number) => eventsAt(ranges, bounds, t);
  const segments: LifeSegment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i]!, cuts[i + 1]!];
    const kind = kindAt(ranges, from);
    const last = segments[segments.length - 1];
    if (last && last.kind === kind) {
      last.end = iso(to);
      last.ms += to - from;
      last.endedBy = at(to);
    } else {
      segments.push({ kind, start: iso(from), end: iso(to), ms: to - from, startedBy: at(from), endedBy: at(to) });
    }
  }
  const last = segments[segments.length - 1];
  if (item.state === 'open' && last) {
    last.open = true;
    delete last.endedBy;
  }
  return segments;
}

/** A range cut to the life; a bound moved by the cut is no longer the event's time, and cites none. */
function clamp(range: Range, start: number, end: number): Range {
  const from = Math.max(start, range.from);
  const to = Math.min(end, range.to);
  return { ...range, from, to, fromBy: from === range.from ? range.fromBy : [], toBy: to === range.to ? range.toBy : [] };
}

/** The life's own ends as events: the opening (the timeline's `created`) and, when it ended, the merge or close at the resolution. */
function boundEvents(item: WorkItem, start: number, ended: boolean): Map<number, ReplayEvent[]> {
  const bounds = new Map<number, ReplayEvent[]>();
  const opened = item.timeline.find((e) => e.type === 'created' && parseTime(e.at) === start);
  if (opened) bounds.set(start, [opened]);
  const end = parseTime(item.resolvedAt);
  const closing = ended ? resolutionEvent(item) : undefined;
  if (closing) bounds.set(end, [...(bounds.get(end) ?? []), closing]);
  return bounds;
}

/**
 * The event that ended a merged, closed or done item: the merge, else the closing, at the
 * resolution time the source gives; none when no event of the timeline is dated then.
 */
export function resolutionEvent(item: WorkItem): FlowEvent | undefined {
  const end = parseTime(item.resolvedAt);
  if (!Number.isFinite(end)) return undefined;
  const at = item.timeline.filter((e) => (e.type === 'merged' || e.type === 'closed') && parseTime(e.at) === end);
  return at.find((e) => e.type === 'merged') ?? at[0];
}

/** Every event at `t`: the life's ends and the ranges that begin or end then, each once. */
function eventsAt(ranges: readonly Range[], bounds: ReadonlyMap<number, ReplayEvent[]>, t: number): ReplayEvent[] {
  const found = new Set<ReplayEvent>(bounds.get(t) ?? []);
  for (const range of ranges) {
    if (range.from === t) for (const e of range.fromBy) found.add(e);
    if (range.to === t) for (const e of range.toBy) found.add(e);
  }
  return [...found];
}

/** Each kind's share of a life (0-1), for the kinds it holds; empty for a life of no length. */
export function kindShares(life: readonly LifeSegment[]): Partial<Record<LifeKind, number>> {
  const total = life.reduce((sum, s) => sum + s.ms, 0);
  if (total <= 0) return {};
  const ms: Partial<Record<LifeKind, number>> = {};
  for (const s of life) ms[s.kind] = (ms[s.kind] ?? 0) + s.ms;
  return Object.fromEntries(Object.entries(ms).map(([kind, part]) => [kind, part / total]));
}

/** The kinds with a share above 0, largest first; ties in LIFE_KINDS order. */
export function rankedShares(shares: Partial<Record<LifeKind, number>>): [LifeKind, number][] {
  return LIFE_KINDS.flatMap((kind): [LifeKind, number][] => ((shares[kind] ?? 0) > 0 ? [[kind, shares[kind]!]] : [])).sort((a, b) => b[1] - a[1]);
}
