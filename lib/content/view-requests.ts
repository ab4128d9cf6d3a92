/**
 * The badge layer's questions to the background: views from the cache first, then fresh ones
 * for what was stale, errors where there is nothing better to show, and the badges painted from
 * each answer.
 */
import type { FlowView } from '../flow-view';
import type { FlowError } from '../flow-error';
import type { ItemRef } from '../item-key';
import { MAX_REFS_PER_REQUEST } from '../messaging';
import { chunks, inTurn } from '../chunks';
import { errorView } from '../flow-view';
import type { Queued } from './refresh-window';
import { inSlices, inTasks } from './slices';
import { isShown, paint, type LayerState } from './layer-state';

/**
 * Keeps the views of items a badge shows (an answer can outlive its badge) and paints them, then
 * shares their repeated strings (interned.ts) in tasks of their own, in place, so the views kept
 * are the same objects. Interning an answer of 500 views before painting put its cost, several
 * milliseconds, in the task that paints the first screen.
 */
async function setViews(layer: LayerState, list: FlowView[]): Promise<void> {
  const kept = list.filter((view) => isShown(layer, view.key));
  for (const view of kept) layer.views.set(view.key, view);
  // However many badges share a broken set-up, the page says it once.
  for (const view of kept) layer.notice.offer(view);
  const keys = new Set(kept.map((view) => view.key));
  await inSlices([...layer.badges.values()].filter((badge) => keys.has(badge.target.key)), (badge) => paint(layer, badge));
  // Not waited for: the next question goes out meanwhile.
  void inTasks(kept, layer.intern);
}

/**
 * Questions to the cache in flight at once. A page's items are asked in its order, two
 * questions at a time, so the answers for the items nearest the top come first. A 5,000-card
 * board's ten questions of 500 asked together left the cards just below the first screen as
 * placeholders long enough that the bench's scroll from top to bottom took them off again, far
 * behind, before their views came: 119 of 5,000 never painted on the way down; asked two at a
 * time, every card was (`npm run bench -- --worker-only`, a 10,000-item cache, two runs each).
 */
export const CACHE_ASKS_IN_FLIGHT = 2;

/** Paints from the cache, then queues a refresh of the items whose cached views were stale. */
export async function askCache(layer: LayerState, wanted: Map<string, ItemRef>): Promise<void> {
  await inTurn(chunks([...wanted], MAX_REFS_PER_REQUEST), CACHE_ASKS_IN_FLIGHT, async (chunk) => {
    const cached = await layer.options.send({ type: 'flow/cached', refs: chunk.map(([, ref]) => ref) });
    if (!cached.ok) return fail(layer, chunk, cached.error);
    await setViews(layer, cached.data.views);
    const stale = new Set(cached.data.stale);
    layer.refreshes.queue(chunk.filter(([key]) => stale.has(key)));
  });
}

/**
 * Refs of items near the viewport per request when far ones are asked for too: one provider
 * batch (GitHub's GraphQL takes 50 items a query), answered before the page-wide rest.
 */
export const NEAR_BATCH = 50;

/** The items a mounted badge shows, or a pending one near the viewport: what the reader sees first. */
function nearKeys(layer: LayerState): Set<string> {
  const near = new Set<string>();
  for (const { target } of layer.badges.values()) near.add(target.key);
  for (const [anchor, target] of layer.pending) if (layer.near.isNear(anchor)) near.add(target.key);
  return near;
}

/**
 * Asks for fresh data of `items` and paints what comes. When some are far from the viewport,
 * the near ones go first, in requests of their own of at most NEAR_BATCH, so their badges do not
 * wait for a whole board's batches; the last of those takes far ones into its room (a request of
 * 8 far items beside 42 near ones would cost a provider batch of its own); the rest follow in
 * requests of the protocol's size.
 */
export async function refresh(layer: LayerState, items: Queued): Promise<void> {
  const near = nearKeys(layer);
  const first = items.filter(([key]) => near.has(key));
  const rest = items.filter(([key]) => !near.has(key));
  const nearFirst = chunks(first, NEAR_BATCH);
  const last = nearFirst.at(-1);
  if (last) last.push(...rest.splice(0, NEAR_BATCH - last.length));
  const requests = first.length === items.length ? chunks(items, MAX_REFS_PER_REQUEST) : [...nearFirst, ...chunks(rest, MAX_REFS_PER_REQUEST)];
  await Promise.all(
    requests.map(async (chunk) => {
      const fresh = await layer.options.send({ type: 'flow/refresh', refs: chunk.map(([, ref]) => ref) });
      if (!fresh.ok) return fail(layer, chunk, fresh.error);
      await setViews(layer, fresh.data.views);
      await repaintDependents(layer, fresh.data.views);
    }),
  ).catch((error: unknown) => console.debug('FlowLens could not refresh badges:', error));
}

/**
 * Fresh views of items that others on the page wait on: those others are painted again from
 * the cache (no request leaves the browser), so a badge never lags behind its blocker's news.
 * Only answers from the network lead here, so two items waiting on each other cannot loop.
 */
async function repaintDependents(layer: LayerState, fresh: FlowView[]): Promise<void> {
  const keys = new Set(fresh.map((view) => view.key));
  const dependents = new Map<string, ItemRef>();
  for (const { target } of layer.badges.values()) {
    const view = layer.views.get(target.key);
    if (view && !keys.has(target.key) && view.upstream?.some((link) => keys.has(link.key))) dependents.set(target.key, target.ref);
  }
  if (dependents.size === 0) return;
  await Promise.all(chunks([...dependents.values()], MAX_REFS_PER_REQUEST).map(async (refs) => {
    const cached = await layer.options.send({ type: 'flow/cached', refs });
    if (cached.ok) await setViews(layer, cached.data.views);
  }));
}

/** Shows the error on badges that have nothing better to show. */
function fail(layer: LayerState, chunk: Queued, error: FlowError): Promise<void> {
  return setViews(layer, chunk.filter(([key]) => !layer.views.has(key)).map(([key]) => errorView(key, '', error)));
}
