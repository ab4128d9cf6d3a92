/**
 * Puts a raw timeline in order: unreadable dates dropped, duplicates dropped, events sorted by
 * time with a fixed tie-break, so the same events in any order give the same history. Every
 * repair is reported as a warning; nothing throws.
 */
import type { FlowEvent } from './model';

/** An event with its time in epoch ms. */
export interface TimedEvent {
  event: FlowEvent;
  t: number;
}

/** Ordered events and what had to be repaired. */
export interface NormalizedTimeline {
  events: TimedEvent[];
  warnings: string[];
}

// At the same instant, closing comes last and opening first, so a same-time unflag/flag pair
// reads as "still flagged".
const RANK: Partial<Record<FlowEvent['type'], number>> = { created: -2, reopened: -1, closed: 8, merged: 9 };

/** What makes two events the same; providers build events with a fixed key order. */
function identity(event: FlowEvent): string {
  return JSON.stringify(event);
}

/** Orders and cleans a timeline. */
export function normalizeEvents(raw: readonly FlowEvent[]): NormalizedTimeline {
  const warnings: string[] = [];
  const seen = new Set<string>();
  const events: (TimedEvent & { id: string })[] = [];
  let unreadable = 0;
  let duplicates = 0;
  let outOfOrder = false;
  for (const event of raw) {
    const t = Date.parse(event.at);
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
    const last = events[events.length - 1];
    if (last && t < last.t) outOfOrder = true;
    events.push({ event, t, id });
  }
  events.sort((a, b) => a.t - b.t || (RANK[a.event.type] ?? 0) - (RANK[b.event.type] ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (unreadable) warnings.push(`Ignored ${unreadable} event${unreadable > 1 ? 's' : ''} with an unreadable date.`);
  if (duplicates) warnings.push(`Ignored ${duplicates} duplicate event${duplicates > 1 ? 's' : ''}.`);
  if (outOfOrder) warnings.push('Events arrived out of order and were sorted by time.');
  return { events: events.map(({ event, t }) => ({ event, t })), warnings };
}
