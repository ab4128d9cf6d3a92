/**
 * What FlowLens saw first, kept across refreshes in the cached item, as bounds on starts no
 * source records, never taken for the starts themselves:
 * - when each upstream link the source does not date was first seen (a "depends on #90" in a
 *   body, a Jira link without a changelog entry): `ItemLink.seenAt`;
 * - when the item was first seen in a stuck state no event dates (a review required with nobody
 *   asked, a conflict GitHub reports without an event): `WorkItem.stateSeen`.
 * The card names them ("no later than"); badges and rows show "≥" the time since.
 */
import { analyzeItem } from '../flow/analyze';
import type { FlowSettings } from '../flow/flow-settings';
import { isStuck } from '../flow/flow-states';
import type { ItemLink, WorkItem } from '../flow/model';
import type { Fetched } from '../providers/outcome';
import type { FlowCache } from '../storage/cache';
import { parseTime } from '../flow/time';

const undated = (link: ItemLink) => link.at === undefined;

/** The earliest of ISO times (the source's own bound, the cached one, now). */
function earliest(times: (string | undefined)[]): string {
  return times.filter((t): t is string => t !== undefined).reduce((a, b) => (parseTime(b) < parseTime(a) ? b : a));
}

/** `item` with `seenAt` on every undated upstream link: the earliest of the source's bound, the cached copy's and `seenAt`. */
function withLinkSightings(item: WorkItem, before: WorkItem | undefined, seenAt: string): WorkItem {
  if (!item.upstream.some(undated)) return item;
  const seen = new Map((before?.upstream ?? []).map((link) => [link.key, link.seenAt]));
  return { ...item, upstream: item.upstream.map((link) => (undated(link) ? { ...link, seenAt: earliest([link.seenAt, seen.get(link.key), seenAt]) } : link)) };
}

/**
 * `item` with `stateSeen` while the item alone is in a stuck state no event dates: the cached
 * copy's sighting while the state is the same, else now. None once an event dates the state
 * or it is not stuck.
 */
function withStateSighting(item: WorkItem, before: WorkItem | undefined, settings: FlowSettings, now: number): WorkItem {
  const bare = { ...item };
  delete bare.stateSeen;
  const { state, since } = analyzeItem(bare, { settings }, now);
  if (!isStuck(state) || since !== undefined) return bare;
  const kept = before?.stateSeen?.state === state ? before.stateSeen : undefined;
  return { ...bare, stateSeen: kept ?? { state, at: new Date(now).toISOString() } };
}

/**
 * `items` with what was first seen: undated links' `seenAt` always, and the stuck state's
 * `stateSeen` when the flow `settings` are given (the state is the flow core's, with them).
 */
export async function withSightings(cache: FlowCache, items: ReadonlyMap<string, Fetched>, now: number, settings?: FlowSettings): Promise<Map<string, Fetched>> {
  const keys = new Set([...items].filter(([, fetched]) => settings !== undefined || fetched.item.upstream.some(undated)).map(([key]) => key));
  if (keys.size === 0) return new Map(items);
  const previous = await cache.read<Fetched>('item', [...keys], now, Infinity);
  const seenAt = new Date(now).toISOString();
  return new Map([...items].map(([key, fetched]) => {
    if (!keys.has(key)) return [key, fetched];
    const before = previous.get(key)?.value.item;
    const linked = withLinkSightings(fetched.item, before, seenAt);
    return [key, { ...fetched, item: settings ? withStateSighting(linked, before, settings, now) : linked }];
  }));
}
