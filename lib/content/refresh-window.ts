/**
 * Gathers the items whose cached views were stale into few refresh requests: fresh data is asked
 * for at once, then at most once per window, so a page that renders its items over several tasks
 * still costs one request per 50 items, not one per render.
 */
import type { ItemRef } from '../item-key';

/** The window within which one refresh request is sent at most. */
export const REFRESH_WINDOW_MS = 16;

/** Items to refresh, by key. */
export type Queued = [key: string, ref: ItemRef][];

/** Where items wait for their refresh. */
export interface RefreshWindow {
  /** Queues items and sends the queue now, or at the end of the window if one was sent within it. */
  queue: (items: Queued) => void;
}

/** Creates a window that hands everything queued to `send` (which cuts it into requests). */
export function createRefreshWindow(send: (items: Queued) => Promise<void>): RefreshWindow {
  const queued = new Map<string, ItemRef>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSentAt = -Infinity;
  const sendQueued = (): void => {
    lastSentAt = performance.now();
    const items = [...queued];
    queued.clear();
    void send(items);
  };
  const schedule = (): void => {
    if (queued.size === 0 || timer !== undefined) return;
    const wait = lastSentAt + REFRESH_WINDOW_MS - performance.now();
    if (wait <= 0) return sendQueued();
    timer = setTimeout(() => {
      timer = undefined;
      sendQueued();
    }, wait);
  };
  return {
    queue(items) {
      for (const [key, ref] of items) queued.set(key, ref);
      schedule();
    },
  };
}
