/**
 * The last team summary the background computed, kept in `storage.session` (memory only, gone
 * when the browser closes, readable by the extension's own pages and never by content scripts)
 * so the popup can paint it before the background has answered. It holds item data, so "Clear
 * cache" clears it too. Read back with a shape check: anything odd counts as no copy.
 */
import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import type { TeamSummaryAnswer } from './summary-types';

const copySchema = v.looseObject({
  summary: v.looseObject({ at: v.number(), items: v.array(v.looseObject({ key: v.string() })), clusters: v.array(v.unknown()), criticalPath: v.looseObject({}), topHolders: v.array(v.unknown()) }),
  sync: v.looseObject({ configured: v.boolean(), running: v.boolean(), lastErrors: v.array(v.unknown()) }),
});

const copyItem = storage.defineItem<unknown>('session:teamSummary', { fallback: null, version: 1, migrations: {} });

/** The last summary, or `undefined` when there is none (or it does not look like one). */
export async function loadSummaryCopy(): Promise<TeamSummaryAnswer | undefined> {
  try {
    const parsed = v.safeParse(copySchema, await copyItem.getValue());
    return parsed.success ? (parsed.output as unknown as TeamSummaryAnswer) : undefined;
  } catch {
    return undefined;
  }
}

/** When the copy was last cleared in this context: a summary computed before then is not kept. */
let clearedAt = -Infinity;

/** Keeps `answer` as the copy the next popup paints first, unless the cache was cleared since it was computed. */
export async function saveSummaryCopy(answer: TeamSummaryAnswer): Promise<void> {
  if (answer.summary.at <= clearedAt) return;
  await copyItem.setValue(answer);
}

/** Forgets the copy (with the cache), and any summary computed until `now`. */
export async function clearSummaryCopy(now = Date.now()): Promise<void> {
  clearedAt = Math.max(clearedAt, now);
  await copyItem.removeValue();
}
