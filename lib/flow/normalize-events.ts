/**
 * Puts a raw timeline in order: unreadable dates dropped, duplicates dropped, events sorted by
 * time with a fixed tie-break, so the same events in any order give the same history. Every
 * repair is reported as a warning; nothing throws.
 */
import type { ReplayEvent } from './conditions';
import { parseTime } from './time';

/** An event with its time in epoch ms. */
export interface TimedEvent {
  event: ReplayEvent;
  t: number;
}

/** Ordered events and what had to be repaired. */
export interface NormalizedTimeline {
  events: TimedEvent[];
  warnings: string[];
}

// At the same instant: creation and reopening first, then whatever ends a condition, then what
// starts one, closing last. So a same-time unflag and re-flag reads as "still flagged", and a
// link made to an item resolved at that instant does not block.
const RANK: Partial<Record<ReplayEvent['type'], number>> = {
  created: -3,
  reopened: -2,
  unflagged: -1,
  unlabeled: -1,
  'link-removed': -1,
  'upstream-resolved': -1,
  'review-request-removed': -1,
  closed: 8,
  merged: 9,
};

interface Entry extends TimedEvent {
  /** What makes two events the same, made only when two events share an instant. */
  id?: string;
}

/** The identity of an event: its content, with its time as a number (`…00Z` and `…00.000Z` agree). */
function identity(entry: Entry): string {
  return (entry.id ??= JSON.stringify({ ...entry.event, at: entry.t }));
}

const rank = (entry: Entry) => RANK[entry.event.type] ?? 0;

/** Time, then rank, then content: a total order, so any arrival order gives the same result. */
function compare(a: Entry, b: Entry): number {
  if (a.t !== b.t) return a.t - b.t;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  const [x, y] = [identity(a), identity(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Whether the source's own events run one way, oldest or newest first (Jira sends its changelog
 * newest first: the API's order, not a data problem). Creation events are left out: providers
 * put them first whatever the order of the rest.
 */
function inOrder(entries: readonly Entry[]): boolean {
  let [up, down, last] = [true, true, NaN];
  for (const { event, t } of entries) {
    if (event.type === 'created') continue;
    if (t < last) up = false;
    if (t > last) down = false;
    last = t;
  }
  return up || down;
}

/** Drops events equal to the one before them (after sorting, equal events are neighbours). */
function withoutDuplicates(sorted: Entry[]): { kept: TimedEvent[]; dropped: number } {
  const kept: TimedEvent[] = [];
  let previous: Entry | undefined;
  for (const entry of sorted) {
    if (previous && previous.t === entry.t && previous.event.type === entry.event.type && identity(previous) === identity(entry)) continue;
    kept.push({ event: entry.event, t: entry.t });
    previous = entry;
  }
  return { kept, dropped: sorted.length - kept.length };
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

/** Orders and cleans events; the order warning judges the first `own` of them (the source's own). */
export function normalizeEvents(raw: readonly ReplayEvent[], own = raw.length): NormalizedTimeline {
  const entries: Entry[] = [];
  let unreadable = 0;
  let ownReadable = 0;
  raw.forEach((event, i) => {
    const t = parseTime(event.at);
    if (!Number.isFinite(t)) return void (unreadable += 1);
    entries.push({ event, t });
    if (i < own) ownReadable = entries.length;
  });
  const ordered = inOrder(entries.slice(0, ownReadable));
  const { kept, dropped } = withoutDuplicates(entries.sort(compare));
  const warnings: string[] = [];
  if (unreadable) warnings.push(`Ignored ${plural(unreadable, 'event')} with an unreadable date.`);
  if (dropped) warnings.push(`Ignored ${plural(dropped, 'duplicate event')}.`);
  if (!ordered) warnings.push('Events arrived out of order and were sorted by time.');
  return { events: kept, warnings };
}
