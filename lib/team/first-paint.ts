/**
 * The popup's fast first paint, in one place (its budget: 100 ms for 500 items).
 *
 * The background keeps a copy of its last team summary in `storage.session`: memory only, gone
 * when the browser closes, readable by the extension's own pages and never by content scripts
 * (FlowLens leaves the area at its default access level, trusted contexts only). It writes the
 * copy after every answer, and when the worker starts without one, so even a browser session's
 * first popup has one (`keepEachAnswer`). The copy holds item data, so "Clear cache" clears it.
 *
 * The popup reads the copy in one call before its first frame and paints it (`firstFrame`); the
 * fresh answer is asked for only once that frame is painted (`freshAnswers`), and the first frame
 * holds only what fits the popup (`FIRST_FRAME_ROWS`). Without a copy it asks before Preact renders.
 *
 * This module imports nothing at run time, so the popup loads no polyfill, validator or storage
 * library for its first paint: the storage area is passed in. The copy is kept as one JSON string,
 * and read with hand checks: anything odd counts as no copy. The browser hands a string across to
 * the page several times faster than the same summary as 500 objects (about 10 ms against 25 ms
 * for 500 items in Chromium).
 */
import type { Result } from '../protocol';
import type { TeamSummaryAnswer } from './summary-types';

/** The `storage.session` key of the copy. */
export const SUMMARY_COPY_KEY = 'teamSummary';
/** The key of its version, beside it (WXT's convention: the key plus `$`). */
export const SUMMARY_COPY_META_KEY = `${SUMMARY_COPY_KEY}$`;
/** The copy's version; a copy of any other version is no copy. */
export const SUMMARY_COPY_VERSION = 4;

/**
 * Rows of the stuck list in the very first frame: more than a 600-pixel popup shows. The other
 * rows, the charts, the graph and the export come in the next frame, which keeps the first paint
 * of 500 items within its 100 ms budget (about 14 ms sooner in the browser benchmark).
 */
export const FIRST_FRAME_ROWS = 10;

/** Set once the first summary is on screen; the browser benchmark reads it. */
export const PAINTED_MARK = 'flowlens-summary-painted';

/** The part of a storage area the popup reads the copy from (`browser.storage.session` in a page). */
export interface CopyArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
}

/** The part of `storage.session` the background keeps the copy in. */
export interface CopyStore extends CopyArea {
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isArrayOf = (value: unknown, test: (entry: unknown) => boolean) => Array.isArray(value) && value.every(test);
const isString = (value: unknown) => typeof value === 'string';

/** Whether one stored row has what the popup renders without checking. */
function isItem(value: unknown): boolean {
  return isObject(value) && isString(value.key) && isString(value.title) && isString(value.url) && isString(value.state) && typeof value.ageMs === 'number' && isArrayOf(value.people, isString) && isObject(value.blockedByCluster);
}

/** The kept JSON, when it parses. */
function fromJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The copy, when `stored` is JSON of a summary answer and `meta` the right version; else `undefined`. */
export function parseSummaryCopy(stored: unknown, meta: unknown): TeamSummaryAnswer | undefined {
  if (!isObject(meta) || meta.v !== SUMMARY_COPY_VERSION) return undefined;
  const value = fromJson(stored);
  if (!isObject(value)) return undefined;
  const { summary, sync } = value;
  if (!isObject(summary) || !isObject(sync)) return undefined;
  const summaryOk =
    typeof summary.at === 'number' && isArrayOf(summary.items, isItem) && isArrayOf(summary.people, isString) && isArrayOf(summary.clusters, isObject) &&
    isObject(summary.criticalPath) && Array.isArray(summary.criticalPath.steps) && isArrayOf(summary.topHolders, isObject);
  const syncOk = typeof sync.configured === 'boolean' && typeof sync.running === 'boolean' && isArrayOf(sync.lastErrors, isObject);
  return summaryOk && syncOk ? (value as unknown as TeamSummaryAnswer) : undefined;
}

/** Reads the copy in one call (the value and its version together); a failing read or a broken value counts as no copy. */
export async function readSummaryCopy(area: CopyArea): Promise<TeamSummaryAnswer | undefined> {
  try {
    const got = await area.get([SUMMARY_COPY_KEY, SUMMARY_COPY_META_KEY]);
    return parseSummaryCopy(got[SUMMARY_COPY_KEY], got[SUMMARY_COPY_META_KEY]);
  } catch {
    return undefined;
  }
}

/** The background's copy of the last summary. */
export interface SummaryCopy {
  /** The last summary, or `undefined` when there is none (or it does not look like one). */
  read(): Promise<TeamSummaryAnswer | undefined>;
  /** Keeps `answer` as the copy the next popup paints first, unless the cache was cleared since it was computed. */
  write(answer: TeamSummaryAnswer): Promise<void>;
  /** Forgets the copy (with the cache), and any summary computed until `now`. */
  clear(now?: number): Promise<void>;
}

/** The copy kept in `area`; it remembers when it was last cleared, so a summary computed before then is not kept. */
export function createSummaryCopy(area: CopyStore): SummaryCopy {
  let clearedAt = -Infinity;
  return {
    read: () => readSummaryCopy(area),
    async write(answer) {
      if (answer.summary.at <= clearedAt) return;
      // The answer as JSON and its version, in one write. No migrations: a copy of another
      // version is simply not used, and the next one replaces it.
      await area.set({ [SUMMARY_COPY_KEY]: JSON.stringify(answer), [SUMMARY_COPY_META_KEY]: { v: SUMMARY_COPY_VERSION } });
    },
    async clear(now = Date.now()) {
      clearedAt = Math.max(clearedAt, now);
      await area.remove([SUMMARY_COPY_KEY, SUMMARY_COPY_META_KEY]);
    },
  };
}

/** A `team/summary` answer. */
type SummaryResult = Result<TeamSummaryAnswer>;

/**
 * The background's side: the `team/summary` handler `answer`, which keeps each good answer as
 * the copy (asks that come while one is computed share it), and `fillIfMissing`, which builds the
 * copy when there is none: session storage starts empty with the browser, so the worker's first
 * start builds it, and even the day's first popup paints from it rather than waiting.
 */
export function keepEachAnswer(copy: SummaryCopy, summarize: () => Promise<SummaryResult>) {
  let computing: Promise<SummaryResult> | undefined;
  const answer = () =>
    (computing ??= summarize()
      .then((got) => {
        if (got.ok) void copy.write(got.data).catch(() => undefined);
        return got;
      })
      .finally(() => (computing = undefined)));
  const fillIfMissing = () =>
    copy
      .read()
      .then((kept) => (kept ? undefined : answer()))
      .then(() => undefined, () => undefined);
  return { answer, fillIfMissing };
}

/** What the popup's first frame is painted from: the kept copy, or the answer asked for before rendering. */
export type FirstFrame<R> = { copy: TeamSummaryAnswer } | { first: Promise<R> };

/**
 * The popup page's first step, before Preact renders: the copy when there is one; without one,
 * the summary is asked for at once (it saves a frame) with `ask`.
 */
export async function firstFrame<R>(area: CopyArea, ask: () => Promise<R>): Promise<FirstFrame<R>> {
  const copy = await readSummaryCopy(area);
  return copy ? { copy } : { first: ask() };
}

/** Resolves once the browser has painted the current frame. */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * The popup's summary answers, one per call: first the one asked before rendering (`first`), then
 * a new ask each time. With a copy on screen, the first answer waits for the first frame: asking
 * for it earlier keeps the service worker computing while the popup paints, and painting it
 * earlier would only delay the first paint. Call it when the popup mounts.
 */
export function freshAnswers<R>({ copy, first }: { copy?: TeamSummaryAnswer | undefined; first?: Promise<R> | undefined }, ask: () => Promise<R>): () => Promise<R> {
  let early = first;
  let painted = copy ? afterNextPaint() : undefined;
  return async () => {
    await painted;
    painted = undefined;
    const got = await (early ?? ask());
    early = undefined;
    return got;
  };
}
