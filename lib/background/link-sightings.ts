/**
 * When FlowLens first saw each upstream link that its source does not date (a "depends on #90"
 * in a body, a Jira link without a changelog entry): a bound on the start the card can name
 * ("no later than"), kept across refreshes in the cached item, never taken for the start itself.
 */
import type { ItemLink } from '../flow/model';
import type { Fetched } from '../providers/outcome';
import type { FlowCache } from '../storage/cache';
import { parseTime } from '../flow/time';

const undated = (link: ItemLink) => link.at === undefined;

/** The earliest of ISO times (the source's own bound, the cached one, now). */
function earliest(times: (string | undefined)[]): string {
  return times.filter((t): t is string => t !== undefined).reduce((a, b) => (parseTime(b) < parseTime(a) ? b : a));
}

/** `items` with `seenAt` on every undated upstream link: the earliest of the source's bound, the cached copy's and `now`. */
export async function withSightings(cache: FlowCache, items: ReadonlyMap<string, Fetched>, now: number): Promise<Map<string, Fetched>> {
  const keys = [...items].filter(([, fetched]) => fetched.item.upstream.some(undated)).map(([key]) => key);
  if (keys.length === 0) return new Map(items);
  const previous = await cache.read<Fetched>('item', keys, now, Infinity);
  const seenAt = new Date(now).toISOString();
  return new Map([...items].map(([key, fetched]) => {
    if (!keys.includes(key)) return [key, fetched];
    const before = new Map((previous.get(key)?.value.item.upstream ?? []).map((link) => [link.key, link.seenAt]));
    const upstream = fetched.item.upstream.map((link) => (undated(link) ? { ...link, seenAt: earliest([link.seenAt, before.get(link.key), seenAt]) } : link));
    return [key, { ...fetched, item: { ...fetched.item, upstream } }];
  }));
}
