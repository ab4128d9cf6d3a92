/**
 * The events a replay reads: the item's timeline, plus what its current upstream links say about
 * the past — links the timeline never recorded (but whose creation time is known), and when each
 * resolved blocker stopped blocking. A link whose blocker is closed at an unknown time is not
 * counted as blocking at all, and the warning says so: FlowLens does not guess how long it held.
 */
import type { ReplayEvent } from './conditions';
import type { ItemLink, WorkItem } from './model';
import { parseTime } from './time';

/** Timeline events and the warnings found while reading links. */
export interface ReplayInput {
  events: ReplayEvent[];
  warnings: string[];
}

/**
 * A link as it was when it was made: the current upstream link's facts, open until the blocker
 * resolved when we know when that was; otherwise as open as it is now.
 */
function historic(link: ItemLink, current: ItemLink | undefined): ItemLink {
  const merged: ItemLink = { ...current, ...link, kind: link.kind };
  const resolvedAt = current?.resolvedAt ?? link.resolvedAt;
  const open = resolvedAt !== undefined && Number.isFinite(parseTime(resolvedAt)) ? true : (current?.open ?? link.open);
  if (open === undefined) delete merged.open;
  else merged.open = open;
  return merged;
}

/** Adds the facts of the current upstream links to the timeline's link events. */
function withLinkFacts(timeline: readonly ReplayEvent[], upstream: Map<string, ItemLink>): ReplayEvent[] {
  return timeline.map((event) => (event.type === 'link-added' ? { ...event, link: historic(event.link, upstream.get(event.link.key)) } : event));
}

/**
 * Upstream links with a known creation time that no `link-added` event records: a reference
 * written in the item's body, seen on the item's page (`url`, kept by the view only on its host).
 */
function unrecordedLinks(item: WorkItem): ReplayEvent[] {
  const recorded = new Set(item.timeline.flatMap((e) => (e.type === 'link-added' ? [e.link.key] : [])));
  return item.upstream.filter((link) => link.at !== undefined && !recorded.has(link.key)).map((link) => ({ type: 'link-added' as const, at: link.at!, link: historic(link, link), ...(item.url ? { url: item.url } : {}) }));
}

/**
 * When each resolved upstream item stopped blocking: from the current links, and from the links
 * the history made, so a blocker that was closed and later unlinked stops blocking when it closed.
 */
function resolutions(item: WorkItem): ReplayEvent[] {
  const linked = item.timeline.flatMap((event) => (event.type === 'link-added' ? [event.link] : []));
  const resolvedAt = new Map<string, string>();
  for (const link of [...linked, ...item.upstream]) if (link.open !== true && link.resolvedAt !== undefined) resolvedAt.set(link.key, link.resolvedAt);
  return [...resolvedAt].map(([key, at]) => ({ type: 'upstream-resolved' as const, at, key }));
}

/** Closed blockers that the history links to but whose closing time nobody told us. */
function unknownClosings(events: readonly ReplayEvent[]): string[] {
  const keys = new Set(events.flatMap((e) => (e.type === 'link-added' && e.link.kind !== 'child-of' && e.link.open === false ? [e.link.key] : [])));
  return [...keys].map((key) => `${key} is closed but not when: the time it blocked this item is not counted.`);
}

/** Everything a replay of `item` reads, in no particular order. */
/**
 * The close the source reports (the item is closed or merged, at `resolvedAt`) when the history
 * it sent has none since the last reopening: a history cut short (a page of events, the last 100
 * of a timeline) would otherwise leave the item blocked until now, though it was done then.
 */
function unrecordedClose(item: WorkItem): ReplayEvent[] {
  if (item.state === 'open' || !Number.isFinite(parseTime(item.resolvedAt))) return [];
  const reopened = Math.max(-Infinity, ...item.timeline.filter((e) => e.type === 'reopened').map((e) => parseTime(e.at)));
  const closedSince = item.timeline.some((e) => (e.type === 'closed' || e.type === 'merged') && parseTime(e.at) >= reopened);
  return closedSince ? [] : [{ type: item.state === 'merged' ? 'merged' : 'closed', at: item.resolvedAt! }];
}

export function replayEvents(item: WorkItem): ReplayInput {
  const upstream = new Map(item.upstream.map((link) => [link.key, link]));
  const events = [...withLinkFacts(item.timeline, upstream), ...unrecordedLinks(item), ...resolutions(item), ...unrecordedClose(item)];
  return { events, warnings: unknownClosings(events) };
}
