/**
 * The last team summary the background computed, kept in `storage.session` (memory only, gone
 * when the browser closes, readable by the extension's own pages and never by content scripts:
 * FlowLens leaves the area at its default access level, trusted contexts only) so the popup can
 * paint it before the background has answered. It holds item data, so "Clear cache" clears it
 * too. The popup reads it with lib/team/summary-copy-read.ts; anything odd counts as no copy.
 */
import { storage } from 'wxt/utils/storage';
import { browser } from 'wxt/browser';
import { readSummaryCopy, SUMMARY_COPY_KEY, SUMMARY_COPY_VERSION } from './summary-copy-read';
import type { TeamSummaryAnswer } from './summary-types';

// No migrations: a copy of another version is simply not used, and the next summary replaces it.
// The value is the answer as JSON (see summary-copy-read.ts for why).
const copyItem = storage.defineItem<string | null>(`session:${SUMMARY_COPY_KEY}`, { fallback: null, version: SUMMARY_COPY_VERSION });

/** The last summary, or `undefined` when there is none (or it does not look like one). */
export function loadSummaryCopy(): Promise<TeamSummaryAnswer | undefined> {
  return readSummaryCopy(browser.storage.session);
}

/** When the copy was last cleared in this context: a summary computed before then is not kept. */
let clearedAt = -Infinity;

/** Keeps `answer` as the copy the next popup paints first, unless the cache was cleared since it was computed. */
export async function saveSummaryCopy(answer: TeamSummaryAnswer): Promise<void> {
  if (answer.summary.at <= clearedAt) return;
  // The version goes beside the value, so a reader of another version can tell the copy is not its own.
  await Promise.all([copyItem.setValue(JSON.stringify(answer)), copyItem.setMeta({ v: SUMMARY_COPY_VERSION })]);
}

/** Forgets the copy (with the cache), and any summary computed until `now`. */
export async function clearSummaryCopy(now = Date.now()): Promise<void> {
  clearedAt = Math.max(clearedAt, now);
  await copyItem.removeValue({ removeMeta: true });
}
