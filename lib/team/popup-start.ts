/**
 * The popup's first two reads (the kept copy of the summary, and the fresh summary from the
 * background), started by a classic script in the popup's head so they run while the page's
 * modules still load, and picked up by the popup's module. Nothing here loads a library: the
 * first paint has a budget of 100 ms.
 */
import { readSummaryCopy, type CopyArea } from './summary-copy-read';
import type { TeamSummaryAnswer } from './summary-types';

/** The part of the extension API an extension page needs: promise-based in MV3, `browser` in Firefox, `chrome` in Chrome. */
export interface PageApi {
  runtime: { id?: string; sendMessage(message: unknown): Promise<unknown> };
  storage: { session: CopyArea };
}

/** The reads under way. */
export interface PopupStart {
  /** The last summary kept in session storage, when there is a sound one. */
  copy: Promise<TeamSummaryAnswer | undefined>;
  /** The background's raw answer to `team/summary`. */
  first: Promise<unknown>;
}

const SLOT = '__flowlensPopupStart';
type Scope = { browser?: PageApi; chrome?: PageApi; [SLOT]?: PopupStart };

/** This page's extension API. */
export function pageApi(scope: Scope = globalThis as Scope): PageApi {
  return (scope.browser?.runtime?.id ? scope.browser : scope.chrome)!;
}

/** Starts both reads and leaves them for the module to take. */
export function startPopupReads(scope: Scope = globalThis as Scope): PopupStart {
  const api = pageApi(scope);
  const started = { copy: readSummaryCopy(api.storage.session), first: api.runtime.sendMessage({ type: 'team/summary' }) };
  scope[SLOT] = started;
  return started;
}

/** The reads the head script started, or new ones when it did not run; each is taken once. */
export function takePopupStart(scope: Scope = globalThis as Scope): PopupStart {
  const started = scope[SLOT] ?? startPopupReads(scope);
  delete scope[SLOT];
  return started;
}
