/**
 * FlowView: what one badge and its card show, computed in the background from a cached WorkItem
 * and sent to the page. It is the only item data a content script ever receives, so it holds
 * nothing the host page should not see (no tokens, no other items' private fields).
 */
import type { FlowState, WorkItem } from './flow/model';
import type { FlowError } from './flow-error';
import { formatDuration } from './format';

/** A state on a badge: a flow state, or `error` when we could not find out. */
export type BadgeState = FlowState | 'error';

/** Everything a badge and its card render. */
export interface FlowView {
  key: string;
  url: string;
  title: string;
  state: BadgeState;
  /** ISO time the current state began; absent when unknown. */
  since?: string;
  /** Number of open upstream items. */
  blockers: number;
  /** Short badge text, e.g. "open 5d". */
  text: string;
  /** The same in words, for `aria-label`. */
  label: string;
  /** When the item was opened, for "open for N days". */
  openedAt?: string;
  /** When the data was fetched (epoch ms): the card says how fresh it is. */
  fetchedAt?: number;
  /** Why FlowLens knows less about this item than it could (e.g. no token). */
  note?: string;
  /** Set when the view is shown from an expired cache entry while a refresh runs or failed. */
  stale?: boolean;
  error?: FlowError;
}

const DAY = 86_400_000;

/**
 * The view of an item at time `now`. Until the flow core lands this says only how long the item
 * has been open, and reports the state as `unknown` rather than guessing (DESIGN.md).
 */
export function toFlowView(item: WorkItem, now: number, fetchedAt: number): FlowView {
  const opened = Date.parse(item.createdAt);
  const done = item.state !== 'open';
  const age = Number.isFinite(opened) ? Math.max(0, now - opened) : undefined;
  const state: FlowState = done ? 'done' : 'unknown';
  const since = done ? item.resolvedAt : undefined;
  const text = done ? item.state : age === undefined ? 'open' : `open ${formatDuration(age)}`;
  return {
    key: item.key,
    url: item.url,
    title: item.title,
    state,
    ...(since ? { since } : {}),
    blockers: item.upstream.filter((link) => link.open !== false).length,
    text,
    label: viewLabel(item, done, age),
    openedAt: item.createdAt,
    fetchedAt,
  };
}

function viewLabel(item: WorkItem, done: boolean, age: number | undefined): string {
  const what = item.kind === 'pull' ? 'Pull request' : 'Issue';
  if (done) return `${what} ${item.state}. FlowLens: done.`;
  const open = age === undefined ? 'open' : `open for ${Math.floor(age / DAY)} days`;
  return `${what} ${open}. FlowLens: flow state unknown. Show details.`;
}

/** A view that says why an item could not be shown. */
export function errorView(key: string, url: string, error: FlowError): FlowView {
  return {
    key,
    url,
    title: '',
    state: 'error',
    blockers: 0,
    text: '!',
    label: `FlowLens could not load this item: ${error.message}`,
    error,
  };
}
