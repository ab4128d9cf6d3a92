/**
 * Where an item's time went: its life, from opening to its end (or now), split into stretches
 * of one kind each, from what FlowLens already reads. Blocked, waiting and failing come from the
 * replayed intervals; a draft from the draft events; CI running from check runs' start and end.
 * Where several hold at once, the one that stops the item most wins: blocked, then the author to
 * act, then waiting for review or in a status, then draft, then CI running; what is left is
 * "neither". Pure: time is an argument.
 */
import type { FlowInterval } from './blocked-intervals';
import type { FlowCheckEvent, WorkItem } from './model';
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
}

type Range = { kind: LifeKind; from: number; to: number };

const REVIEW_CAUSES = new Set(['review-pending', 'review-required']);

/** The stuck intervals as ranges of their kind. */
function stuckRanges(intervals: readonly FlowInterval[], end: number): Range[] {
  return intervals.map((interval) => {
    const kind: LifeKind = interval.state === 'blocked' ? 'blocked' : interval.state === 'failing' ? 'author' : interval.causes.some((c) => REVIEW_CAUSES.has(c.kind)) ? 'review' : 'waiting';
    return { kind, from: parseTime(interval.start), to: interval.end === undefined ? end : parseTime(interval.end) };
  });
}

/** When the item was a draft: from its draft events, or from its opening when the first says it became ready. */
function draftRanges(item: WorkItem, start: number, end: number): Range[] {
  const events = item.timeline
    .filter((e) => e.type === 'converted-to-draft' || e.type === 'ready-for-review')
    .map((e) => ({ draft: e.type === 'converted-to-draft', t: parseTime(e.at) }))
    .filter((e) => Number.isFinite(e.t))
    .sort((a, b) => a.t - b.t);
  const ranges: Range[] = [];
  let since: number | undefined = events[0] ? (events[0].draft ? undefined : start) : item.signals.draft ? start : undefined;
  for (const event of events) {
    if (event.draft && since === undefined) since = event.t;
    if (!event.draft && since !== undefined) {
      ranges.push({ kind: 'draft', from: since, to: event.t });
      since = undefined;
    }
  }
  if (since !== undefined) ranges.push({ kind: 'draft', from: since, to: end });
  return ranges;
}

/** When a check ran: each run's start to its end, a pending run to the end. */
function ciRanges(item: WorkItem, end: number): Range[] {
  const checks = item.timeline.filter((e): e is FlowCheckEvent => e.type === 'check');
  return checks.flatMap((check): Range[] => {
    const at = parseTime(check.at);
    const from = check.startedAt === undefined ? at : parseTime(check.startedAt);
    if (!Number.isFinite(from) || !Number.isFinite(at)) return [];
    return [{ kind: 'ci', from, to: check.conclusion === 'pending' ? end : at }];
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
    .map((r) => ({ ...r, from: Math.max(start, r.from), to: Math.min(end, r.to) }))
    .filter((r) => Number.isFinite(r.from) && Number.isFinite(r.to) && r.to > r.from);
  const cuts = [...new Set([start, end, ...ranges.flatMap((r) => [r.from, r.to])])].sort((a, b) => a - b);
  const segments: LifeSegment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i]!, cuts[i + 1]!];
    const kind = kindAt(ranges, from);
    const last = segments[segments.length - 1];
    if (last && last.kind === kind) {
      last.end = iso(to);
      last.ms += to - from;
    } else {
      segments.push({ kind, start: iso(from), end: iso(to), ms: to - from });
    }
  }
  if (item.state === 'open' && segments.length > 0) segments[segments.length - 1]!.open = true;
  return segments;
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
