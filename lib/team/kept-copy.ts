/**
 * The last team summary the background computed, kept in `storage.session` (memory only, gone
 * when the browser closes, readable by the extension's own pages and never by content scripts:
 * FlowLens leaves the area at its default access level, trusted contexts only) so the popup can
 * paint it before the background has answered. It holds item data, so "Clear cache" clears it
 * too. The popup reads it with lib/team/kept-copy-read.ts; anything odd counts as no copy.
 */
import { browser } from 'wxt/browser';
import { readKeptCopy, KEPT_COPY_KEY, KEPT_COPY_META_KEY, KEPT_COPY_VERSION } from './kept-copy-read';
import type { TeamSummaryAnswer } from './summary-types';

/** The last summary, or `undefined` when there is none (or it does not look like one). */
export function loadKeptCopy(): Promise<TeamSummaryAnswer | undefined> {
  return readKeptCopy(browser.storage.session);
}

/** When the copy was last cleared in this context: a summary computed before then is not kept. */
let clearedAt = -Infinity;

/** Keeps `answer` as the copy the next popup paints first, unless the cache was cleared since it was computed. */
export async function keepCopy(answer: TeamSummaryAnswer): Promise<void> {
  if (answer.summary.at <= clearedAt) return;
  // The answer as JSON (see kept-copy-read.ts for why) and its version, in one write. No
  // migrations: a copy of another version is simply not used, and the next one replaces it.
  await browser.storage.session.set({ [KEPT_COPY_KEY]: JSON.stringify(answer), [KEPT_COPY_META_KEY]: { v: KEPT_COPY_VERSION } });
}

/** Forgets the copy (with the cache), and any summary computed until `now`. */
export async function clearKeptCopy(now = Date.now()): Promise<void> {
  clearedAt = Math.max(clearedAt, now);
  await browser.storage.session.remove([KEPT_COPY_KEY, KEPT_COPY_META_KEY]);
}
