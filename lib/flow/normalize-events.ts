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

/** What makes two events the same; providers build events with a fixed key order. */
function identity(event: ReplayEvent): string {
  return JSON.stringify(event);
}

/**
 * Whether readable event times run one way, oldest or newest first (Jira sends its changelog
 * newest first: the API's order, not a data problem). Creation events are left out: providers put
 * them first whatever the order of the rest.
 */
function inOrder(raw: readonly ReplayEvent[]): boolean {
  let up = true;
  let down = true;
  let last = NaN;
  for (const event of raw) {
    if (event.type === 'created') continue;
    const t = parseTime(event.at);
    if (!Number.isFinite(t)) continue;
    if (t < last) up = false;
    if (t > last) down = false;
    last = t;
  }
  return up || down;
}

/** Orders and cleans a timeline; the order warning judges `original` (the source's own events). */
export function normalizeEvents(raw: readonly ReplayEvent[], original: readonly ReplayEvent[] = raw): NormalizedTimeline {
  const warnings: string[] = [];
  const seen = new Set<string>();
  const events: (TimedEvent & { id: string })[] = [];
  let unreadable = 0;
  let duplicates = 0;
  for (const event of raw) {
    const t = parseTime(event.at);
    if (!Number.isFinite(t)) {
      unreadable += 1;
      continue;
    }
    const id = `${t}|${identity(event)}`;
    if (seen.has(id)) {
      duplicates += 1;
      continue;
    }
    seen.add(id);
    events.push({ event, t, id });
  }
  events.sort((a, b) => a.t - b.t || (RANK[a.event.type] ?? 0) - (RANK[b.event.type] ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (unreadable) warnings.push(`Ignored ${unreadable} event${unreadable > 1 ? 's' : ''} with an unreadable date.`);
  if (duplicates) warnings.push(`Ignored ${duplicates} duplicate event${duplicates > 1 ? 's' : ''}.`);
  if (!inOrder(original)) warnings.push('Events arrived out of order and were sorted by time.');
  return { events: events.map(({ event, t }) => ({ event, t })), warnings };
}
