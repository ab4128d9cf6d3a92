/**
 * The popup's fast first paint, in one place (its budget: 100 ms for 500 items).
 *
 * The background keeps a copy of its last team summary in `storage.session`: memory only, gone
 * when the browser closes, readable by the extension's own pages and never by content scripts
 * (FlowLens leaves the area at its default access level, trusted contexts only). It writes the
 * copy after every answer, and when the worker starts without one, so even a browser session's
 * first popup has one (`keepEachAnswer`). The copy holds item data, so "Clear cache" clears it.
 *
 * Beside the whole copy, it keeps its head: what the popup's first frame shows, worked out once
 * when the copy is written (the counts, the oldest, the first `FIRST_FRAME_ROWS` stuck rows, the
 * people and the sync line; `headOf`). The popup reads only the head before its first frame and
 * paints it (`firstFrame`), so that frame costs the same for 50 items as for 5,000. Once it is
 * painted, the popup reads the whole copy (filters, the other rows, the charts and the export
 * work on it), then asks for the fresh answer (`summaryAnswers`). Without a copy it asks before
 * Preact renders.
 *
 * Each part is kept as one JSON string, and read with hand checks: anything odd counts as no
 * copy. The browser hands a string across to the page several times faster than the same summary
 * as 500 objects (about 10 ms against 25 ms for 500 items in Chromium). This module imports only
 * the summary's pure functions at run time, so the popup loads no polyfill, validator or storage
 * library for its first paint: the storage area is passed in.
 */
import type { Result } from '../protocol';
import { glanceOf } from './summary';
import type { TeamGlance, TeamSummaryAnswer } from './summary-types';

/** The `storage.session` key of the copy. */
export const SUMMARY_COPY_KEY = 'teamSummary';
/** The key of its head, the first frame's part (`headOf`). */
export const SUMMARY_HEAD_KEY = `${SUMMARY_COPY_KEY}Head`;
/** The key of their version, beside them (WXT's convention: the key plus `$`). */
export const SUMMARY_COPY_META_KEY = `${SUMMARY_COPY_KEY}$`;
/** The copy's version; a copy of any other version is no copy. */
export const SUMMARY_COPY_VERSION = 5;

/**
 * Rows of the stuck list in the very first frame: more than a 600-pixel popup shows. The other
 * rows, the charts, the graph and the export come in the next frame, which keeps the first paint
 * of 500 items within its 100 ms budget (about 14 ms sooner in the browser benchmark), and the
 * copy's head holds only these rows.
 */
export const FIRST_FRAME_ROWS = 10;

/** The popup's first frame, kept beside the whole copy: the unfiltered glance with its first rows, and the sync line. */
export interface SummaryHead {
  glance: TeamGlance;
  sync: TeamSummaryAnswer['sync'];
}

/** The head of `answer`: what its first frame shows, and nothing more. */
export function headOf(answer: TeamSummaryAnswer): SummaryHead {
  const glance = glanceOf(answer.summary, {});
  return { glance: { ...glance, stuck: glance.stuck.slice(0, FIRST_FRAME_ROWS) }, sync: answer.sync };
}

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
const isNumber = (value: unknown) => typeof value === 'number';

/** Whether one stored row has what the popup renders without checking. */
function isItem(value: unknown): boolean {
  return isObject(value) && isString(value.key) && isString(value.title) && isString(value.url) && isString(value.state) && isNumber(value.ageMs) && isArrayOf(value.people, isString) && isObject(value.blockedByCluster);
}

/** Whether a kept sync status has what the sync line renders. */
function isSync(sync: unknown): boolean {
  return isObject(sync) && typeof sync.configured === 'boolean' && typeof sync.running === 'boolean' && isArrayOf(sync.lastErrors, isObject);
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

/** Whether a kept oldest item is absent or one. */
function isOldest(oldest: unknown): boolean {
  return oldest === undefined || (isObject(oldest) && isItem(oldest.item) && isNumber(oldest.ms) && typeof oldest.atLeast === 'boolean');
}

/** Whether `meta` is this version's. */
const isThisVersion = (meta: unknown): meta is Record<string, unknown> => isObject(meta) && meta.v === SUMMARY_COPY_VERSION;

/** The head, when `stored` is JSON of one and `meta` the right version; else `undefined`. */
export function parseSummaryHead(stored: unknown, meta: unknown): SummaryHead | undefined {
  if (!isThisVersion(meta)) return undefined;
  const value = fromJson(stored);
  if (!isObject(value) || !isSync(value.sync) || !isObject(value.glance)) return undefined;
  const { at, counts, open, stuck, stuckCount, oldest, oneRepo, people } = value.glance;
  const ok =
    isNumber(at) && isObject(counts) && Object.values(counts).every(isNumber) && isNumber(open) && isArrayOf(stuck, isItem) && isNumber(stuckCount) &&
    isOldest(oldest) && typeof oneRepo === 'boolean' && isArrayOf(people, isString);
  return ok ? (value as unknown as SummaryHead) : undefined;
}

/**
 * The whole copy, when `stored` is JSON of a summary, `head` its head (the same `at`: written
 * together) and `meta` the right version; else `undefined`. The sync line is the head's.
 */
export function parseSummaryCopy(stored: unknown, head: unknown, meta: unknown): TeamSummaryAnswer | undefined {
  const kept = parseSummaryHead(head, meta);
  if (!kept) return undefined;
  const summary = fromJson(stored);
  if (!isObject(summary) || summary.at !== kept.glance.at) return undefined;
  const ok = isArrayOf(summary.items, isItem) && isArrayOf(summary.people, isString) && isArrayOf(summary.clusters, isObject) &&
    isObject(summary.criticalPath) && Array.isArray(summary.criticalPath.steps) && isArrayOf(summary.topHolders, isObject);
  return ok ? { summary: summary as unknown as TeamSummaryAnswer['summary'], sync: kept.sync } : undefined;
}

/** Reads `keys` in one call; a failing read counts as nothing kept. */
async function readKept(area: CopyArea, keys: string[]): Promise<Record<string, unknown>> {
  try {
    return await area.get(keys);
  } catch {
    return {};
  }
}

/** Reads the copy's head and the version in one call; a failing read or a broken value counts as no copy. */
export async function readSummaryHead(area: CopyArea): Promise<SummaryHead | undefined> {
  const got = await readKept(area, [SUMMARY_HEAD_KEY, SUMMARY_COPY_META_KEY]);
  return parseSummaryHead(got[SUMMARY_HEAD_KEY], got[SUMMARY_COPY_META_KEY]);
}

/** Reads the whole copy (the summary, its head and the version) in one call, the same way. */
export async function readSummaryCopy(area: CopyArea): Promise<TeamSummaryAnswer | undefined> {
  const got = await readKept(area, [SUMMARY_COPY_KEY, SUMMARY_HEAD_KEY, SUMMARY_COPY_META_KEY]);
  return parseSummaryCopy(got[SUMMARY_COPY_KEY], got[SUMMARY_HEAD_KEY], got[SUMMARY_COPY_META_KEY]);
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

/**
 * The copy kept in `area`; it remembers when it was last cleared, so a summary computed before
 * then is not kept. The background reuses a summary for a minute (lib/background/team-summary-answer.ts)
 * while the sync's status beside it changes: the head, with that status, is written with every
 * answer, and the whole summary only when it is another one than the copy holds. Rewriting the
 * same 2,000 items held the worker about 120 ms per popup opened (a CPU profile of the browser
 * benchmark's popup, 3 Dec 2026).
 */
export function createSummaryCopy(area: CopyStore): SummaryCopy {
  let clearedAt = -Infinity;
  // The summary the copy was last written with, while the stored version says the same.
  let written: TeamSummaryAnswer['summary'] | undefined;
  return {
    read: () => readSummaryCopy(area),
    async write(answer) {
      const { summary } = answer;
      // Written once already, and still there (nothing else removed it)?
      const meta = written === summary ? (await readKept(area, [SUMMARY_COPY_META_KEY]))[SUMMARY_COPY_META_KEY] : undefined;
      const same = isThisVersion(meta) && meta.at === summary.at;
      // Checked after that read: the cache may have been cleared meanwhile.
      if (summary.at <= clearedAt) return;
      // The head and the summary as JSON, and their version with the summary's time, in one write:
      // the head is always the summary's. No migrations: a copy of another version is simply not
      // used, and the next one replaces it.
      await area.set({
        ...(same ? {} : { [SUMMARY_COPY_KEY]: JSON.stringify(summary) }),
        [SUMMARY_HEAD_KEY]: JSON.stringify(headOf(answer)),
        [SUMMARY_COPY_META_KEY]: { v: SUMMARY_COPY_VERSION, at: summary.at },
      });
      if (summary.at > clearedAt) written = summary;
    },
    async clear(now = Date.now()) {
      clearedAt = Math.max(clearedAt, now);
      written = undefined;
      await area.remove([SUMMARY_COPY_KEY, SUMMARY_HEAD_KEY, SUMMARY_COPY_META_KEY]);
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

/** What the popup's first frame is painted from: the kept copy's head, or the answer asked for before rendering. */
export type FirstFrame<R> = { head: SummaryHead } | { first: Promise<R> };

/**
 * The popup page's first step, before Preact renders: the copy's head when there is one; without
 * one, the summary is asked for at once (it saves a frame) with `ask`.
 */
export async function firstFrame<R>(area: CopyArea, ask: () => Promise<R>): Promise<FirstFrame<R>> {
  const head = await readSummaryHead(area);
  return head ? { head } : { first: ask() };
}

/** Resolves once the browser has painted the current frame. */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** The popup's summaries after its first frame (`summaryAnswers`). */
export interface SummaryAnswers<R> {
  /** With the head on screen, the whole kept copy, read once that frame is painted; else (or when it is gone) `undefined`. */
  kept(): Promise<TeamSummaryAnswer | undefined>;
  /** The fresh answers, one per call: first the one asked before rendering, then a new ask each time. */
  next(): Promise<R>;
}

/**
 * The popup's summaries, in order: with the copy's head on screen, the whole copy once the first
 * frame is painted (`kept`), then the fresh answers (`next`), the first of which also waits for
 * that frame: asking for it earlier keeps the service worker computing while the popup paints,
 * and painting it earlier would only delay the first paint. Without a head, the answer asked for
 * before rendering (`first`) comes at once. Call it when the popup mounts.
 */
export function summaryAnswers<R>({ head, first, readCopy }: { head?: SummaryHead | undefined; first?: Promise<R> | undefined; readCopy?: (() => Promise<TeamSummaryAnswer | undefined>) | undefined }, ask: () => Promise<R>): SummaryAnswers<R> {
  let early = first;
  let painted = head ? afterNextPaint() : undefined;
  return {
    async kept() {
      if (!painted || !readCopy) return undefined;
      await painted;
      return readCopy();
    },
    async next() {
      await painted;
      painted = undefined;
      const got = await (early ?? ask());
      early = undefined;
      return got;
    },
  };
}
