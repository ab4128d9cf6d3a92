/**
 * A quiet counter of pages where FlowLens expected items and found none: the sign that a site
 * changed its markup. Kept in `storage.local`, shown on the options page, never on the host page.
 */
import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import type { MarkupMiss } from '../status';
import { DAY } from '../flow/time';

const missSchema = v.object({
  site: v.picklist(['github', 'jira']),
  count: v.pipe(v.number(), v.integer(), v.minValue(0)),
  lastAt: v.number(),
  lastPage: v.pipe(v.string(), v.maxLength(40)),
});
const missesSchema = v.fallback(v.array(missSchema), []);

const missesItem = storage.defineItem<MarkupMiss[]>('local:markupMisses', { fallback: [], version: 1, migrations: {} });

/** Misses older than this are forgotten: the counter says "lately", not "ever". */
export const MISS_MEMORY_MS = 7 * DAY;

/** The misses of the last week, per site. */
export async function loadMarkupMisses(now: number): Promise<MarkupMiss[]> {
  return v.parse(missesSchema, await missesItem.getValue()).filter((miss) => now - miss.lastAt < MISS_MEMORY_MS);
}

/** Counts one more miss of `site`. */
export async function recordMarkupMiss(site: MarkupMiss['site'], page: string, now: number): Promise<void> {
  const misses = await loadMarkupMisses(now);
  const old = misses.find((miss) => miss.site === site);
  const next: MarkupMiss = { site, count: (old?.count ?? 0) + 1, lastAt: now, lastPage: page };
  await missesItem.setValue([...misses.filter((miss) => miss.site !== site), next]);
}
