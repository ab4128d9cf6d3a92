/**
 * Pace: how long an item has been as it is now, against the team's own history. A finished
 * item's life (lib/flow/life-split.ts) is a row of stretches of one kind each; the team's
 * stretches of a kind, from items finished in the sync's window, are the yardstick for an open
 * item's current stretch of that kind ("in review 3 d — longer than 85% of this team's reviews"),
 * and the team's cycle times for an item's age. Pure: every time is an argument.
 */
import { LIFE_KINDS, type LifeKind, type LifeSegment } from './life-split';

/** Fewer stretches (or cycle times) than this say nothing about a team's pace. */
export const PACE_MIN_SAMPLE = 10;

/** Stretches kept per kind: enough for a 99th percentile, bounded so the kept state stays small. */
export const PACE_MAX_PER_KIND = 2000;

/** The team's yardstick: its cycle times and its stretches of each kind, each sorted ascending (ms). */
export interface PaceSample {
  cycleTimesMs: readonly number[];
  stretchesMs: Partial<Record<LifeKind, readonly number[]>>;
  /** How many finished items the stretches come from. */
  items: number;
  /** Days back the finished items were read from. */
  windowDays: number;
  /** When the sample was taken (the end of the last good sync, epoch ms), when known. */
  at?: number;
}

/** Where a figure stands in a sample: the shares of the sample shorter and longer than it (0-100, rounded down). */
export interface Standing {
  /** Percent of the sample shorter than the figure. */
  longerThan: number;
  /** Percent of the sample longer than the figure. */
  shorterThan: number;
  /** How many figures the sample holds. */
  sample: number;
}

/** The lengths of a finished life's stretches, by kind (its open stretch, if any, left out: it has not ended). */
export function stretchLengths(life: readonly LifeSegment[]): Partial<Record<LifeKind, number[]>> {
  const lengths: Partial<Record<LifeKind, number[]>> = {};
  for (const segment of life) if (!segment.open && segment.ms > 0) (lengths[segment.kind] ??= []).push(segment.ms);
  return lengths;
}

/** Many lives' stretch lengths together, each kind sorted and kept to its `max` most recent (the lists come newest first). */
export function poolStretches(lists: readonly Partial<Record<LifeKind, readonly number[]>>[], max = PACE_MAX_PER_KIND): Partial<Record<LifeKind, number[]>> {
  const pooled: Partial<Record<LifeKind, number[]>> = {};
  for (const kind of LIFE_KINDS) {
    const all = lists.flatMap((list) => list[kind] ?? []).slice(0, max);
    if (all.length > 0) pooled[kind] = all;
  }
  return pooled;
}

/** The index of the first value in `sorted` that is at least `x` (binary search). */
function firstAtLeast(sorted: readonly number[], x: number, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? sorted[mid]! <= x : sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where `ms` stands in an ascending `sorted` sample; undefined for a sample too small to say. */
export function standingIn(ms: number, sorted: readonly number[]): Standing | undefined {
  if (!Number.isFinite(ms) || sorted.length < PACE_MIN_SAMPLE) return undefined;
  const shorter = firstAtLeast(sorted, ms, false);
  const longer = sorted.length - firstAtLeast(sorted, ms, true);
  return { longerThan: Math.floor((shorter * 100) / sorted.length), shorterThan: Math.floor((longer * 100) / sorted.length), sample: sorted.length };
}

/** Each kind's current stretch in words, and the team's stretches of it, as the card says them. */
export const PACE_WORDS: Record<LifeKind, { now: string; many: string }> = {
  blocked: { now: 'blocked', many: 'blocked stretches' },
  author: { now: 'with its author', many: 'waits for the author' },
  review: { now: 'in review', many: 'reviews' },
  waiting: { now: 'waiting in a status', many: 'waits in a status' },
  draft: { now: 'a draft', many: 'drafts' },
  ci: { now: 'in CI', many: 'CI runs' },
  neither: { now: 'moving', many: 'stretches of work without a wait' },
};

/** "longer than 85% of", "shorter than 70% of", or "as long as most of": the standing in words. */
export function standingWords(standing: Standing): string {
  if (standing.longerThan >= 50) return `longer than ${standing.longerThan}% of`;
  if (standing.shorterThan >= 50) return `shorter than ${standing.shorterThan}% of`;
  return `about the middle of`;
}

/** The item's current stretch: the open segment of its life (absent for a finished item or an unknown life). */
export function currentStretch(life: readonly LifeSegment[] | undefined): LifeSegment | undefined {
  const last = life?.at(-1);
  return last?.open ? last : undefined;
}

/** The yardstick from what the team sync kept: copies of its figures, each sorted ascending. */
export function paceSample(kept: { cycleTimesMs: readonly number[]; stretchesMs?: Partial<Record<LifeKind, readonly number[]>> | undefined; at?: number | undefined }, windowDays: number): PaceSample {
  const ascending = (list: readonly number[]) => list.filter(Number.isFinite).sort((a, b) => a - b);
  const stretchesMs: Partial<Record<LifeKind, readonly number[]>> = {};
  for (const kind of LIFE_KINDS) if (kept.stretchesMs?.[kind]?.length) stretchesMs[kind] = ascending(kept.stretchesMs[kind]!);
  return { cycleTimesMs: ascending(kept.cycleTimesMs), stretchesMs, items: kept.cycleTimesMs.length, windowDays, ...(kept.at !== undefined ? { at: kept.at } : {}) };
}
