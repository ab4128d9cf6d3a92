/**
 * Mounts one <flowlens-badge> per found item per place, keeps its contract attributes in step
 * with the item's view, and asks the background for views: from the cache first, then fresh.
 * Exactly one badge per anchor however often the page re-renders: anchors are tracked, badges
 * whose anchor left the page are removed, and badges the page removed under a live anchor are
 * put back.
 *
 * The layer owns each badge's whole life. Everything it keeps of a badge is in `LayerState`
 * (layer-state.ts), and a removed badge leaves it: its entry and host at once; the view of its
 * item once the page has moved to another address and no badge shows the item there.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createInterner } from './interned';
import type { ItemRef } from '../item-key';
import { BADGE_TAG, createBadgeHost } from './badge-host';
import { isShown, paint, ShownMap, type Badge, type BadgeLayerOptions, type LayerState } from './layer-state';
import type { FoundItem } from '../adapters/found-item';
import { createRefreshWindow } from './refresh-window';
import { inSlices, nextTask } from './slices';
import { askCache, refresh } from './view-requests';
import { createSetupNotice } from './setup-notice';
import { everywhereNear, nowhereFar } from './near-viewport';

export { BADGE_TAG } from './badge-host';
export { writeContract, type BadgeLayerOptions } from './layer-state';
export { REFRESH_WINDOW_MS } from './refresh-window';
export { SLICE_ITEMS, SLICE_MS } from './slices';

/**
 * Up to this many items on a page, every one is painted at once; beyond it, only those near the
 * viewport (near-viewport.ts), the rest as they come near. A page's first screen rarely holds
 * more, and a small page is not worth watching.
 */
export const EAGER_LIMIT = 100;

/** How long new badges wait for the cache's answer before they are mounted as placeholders. */
export const CACHE_WAIT_MS = 150;

/** What a layer holds, in counts: a layer whose badges are all removed holds nothing. */
export interface LayerHoldings {
  badges: number;
  pending: number;
  views: number;
}

/** Creates the layer a content script adds targets to; it removes every badge when `ctx` ends. */
export function createBadgeLayer(ctx: ContentScriptContext, options: BadgeLayerOptions) {
  const layer: LayerState = {
    options,
    badges: new ShownMap((badge) => badge.target.key),
    pending: new ShownMap((target) => target.key),
    waiting: new Set(),
    // Replaced below: the watch calls back into the layer it belongs to.
    near: everywhereNear(() => {}),
    far: nowhereFar(() => {}),
    hosts: new WeakSet(),
    views: new Map(),
    intern: createInterner(),
    viewsAddress: location.href,
    refreshes: createRefreshWindow((items) => refresh(layer, items)),
    notice: createSetupNotice(options.send),
    forgetTimer: undefined,
  };
  layer.near = (options.watchNear ?? everywhereNear)((anchors) => void mountNear(layer, anchors).catch(reportQuietly));
  layer.far = (options.watchFar ?? nowhereFar)((anchors) => releaseFar(layer, anchors));
  // One callback for the whole layer, not one per badge.
  ctx.onInvalidated(() => {
    clear(layer);
    layer.near.disconnect();
    layer.far.disconnect();
  });
  return {
    /** Decorates new targets (already-decorated anchors are skipped) and fetches their views. */
    add: (targets: FoundItem[]) => add(layer, targets),
    /** Removes badges whose anchor left the page; puts back badges the page removed. */
    sweep: () => sweep(layer),
    /** Removes every badge (navigation to a page we do not decorate). */
    clear: () => clear(layer),
    /** Removes copies of our badges that the page made inside `root`. */
    dropCopies: (root: Document | Element) => dropCopies(layer, root),
    /** How many badges are mounted. */
    size: () => layer.badges.size,
    /** What the layer holds now, in counts. */
    held: (): LayerHoldings => ({ badges: layer.badges.size, pending: layer.pending.size, views: layer.views.size }),
  };
}

/** Decorates new targets and asks for their views; resolves once the cache has answered. */
async function add(layer: LayerState, targets: FoundItem[]): Promise<void> {
  dropReplaced(layer, targets);
  // An anchor named twice (two added parts that overlap) is decorated once.
  const byAnchor = new Map<Element, FoundItem>();
  for (const target of targets) if (!byAnchor.has(target.anchor)) byAnchor.set(target.anchor, target);
  const fresh = [...byAnchor.values()].filter((target) => !layer.badges.has(target.anchor) && !layer.pending.has(target.anchor));
  if (fresh.length === 0) return;
  // A page of a few items paints them all; on a bigger one only items near the viewport are
  // painted now (and the item of an item page, its title), the rest as they come near.
  const lazy = isBig(layer, fresh.length);
  for (const target of fresh) {
    layer.pending.set(target.anchor, target);
    layer.waiting.add(target.anchor);
  }
  if (!lazy) return askThenMount(layer, fresh, () => true);
  // Until the page's first layout says which items are near, the first in the page's order are
  // the likeliest (a list, a backlog, a board's first column): the cache is asked for them now,
  // while the layout is awaited, and asked for none of them again.
  const guessed = notYetKnown(layer, fresh.slice(0, NEAR_GUESS));
  const guess: Asked = { keys: guessed, answer: askCache(layer, guessed).catch(reportQuietly) };
  // A whole board's anchors are watched in a task of their own: finding 5,000 cards and watching
  // them in one held the page's main thread for about 50 ms.
  if (fresh.length > WATCH_IN_NEXT_TASK) await nextTask();
  // Those that left the page (or a navigation cleared) meanwhile are not watched.
  for (const target of fresh) if (target.placement !== 'inside' && layer.pending.get(target.anchor) === target) layer.near.watch(target.anchor);
  // Then the near items not guessed are asked for, alone, once the page's first layout says
  // which they are: the cache's answer for a few dozen comes long before a whole board's.
  // Every other item is still asked for, page-wide, right after.
  await Promise.race([layer.near.settled(), delay(NEAR_WAIT_MS)]);
  const nearNow = (target: FoundItem) => target.placement === 'inside' || layer.near.isNear(target.anchor);
  // Split once: an anchor that comes near while the near ones are asked for is still in the rest.
  const first = new Set(fresh.filter(nearNow));
  const rest = fresh.filter((target) => !first.has(target));
  await askThenMount(layer, [...first], nearNow, guess);
  await askThenMount(layer, rest, nearNow, guess);
}

/** Whether the page holds more items than are painted at once (EAGER_LIMIT), with `more` about to be added. */
const isBig = (layer: LayerState, more = 0) => layer.badges.size + layer.pending.size + more > EAGER_LIMIT;

/** Items already asked of the cache, and its answer. */
interface Asked {
  keys: Map<string, ItemRef>;
  answer: Promise<void>;
}

/** How many of a big page's new items, in the page's order, are asked of the cache before it is known which are near. */
export const NEAR_GUESS = 50;

/** More new items than this are watched in the task after the one that found them. */
export const WATCH_IN_NEXT_TASK = 1_000;

/** How long a big page's new items wait to learn which are near before all are asked for together (a hidden tab lays nothing out). */
export const NEAR_WAIT_MS = 100;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Asks the cache for `targets`' views and mounts the badges of those `wanted` now once it has
 * answered. The cache answers first, so a known item's badge is mounted once, in its state: a
 * placeholder that then changes size would lay the page out twice. A slow answer (a worker
 * waking up) does not hold the badges back for long. Those not wanted yet (far from the
 * viewport) wait, watched, until they come near (mountNear).
 */
async function askThenMount(layer: LayerState, targets: FoundItem[], wanted: (target: FoundItem) => boolean, asked?: Asked): Promise<void> {
  if (targets.length === 0) return;
  // Those `asked` wait for that answer rather than being asked again.
  const unknown = notYetKnown(layer, targets);
  const waitFor = asked && targets.some((target) => asked.keys.has(target.key)) ? [asked.answer] : [];
  for (const key of asked?.keys.keys() ?? []) unknown.delete(key);
  const lookup = Promise.all([askCache(layer, unknown), ...waitFor]);
  await Promise.race([lookup, delay(CACHE_WAIT_MS)]);
  for (const target of targets) layer.waiting.delete(target.anchor);
  await inSlices(targets.filter(wanted), (target) => mountIfStillWanted(layer, target));
  await lookup;
}

/** Mounts the pending badges of anchors that came near the viewport, once their cache answer is in. */
async function mountNear(layer: LayerState, anchors: Element[]): Promise<void> {
  const due = anchors.flatMap((anchor) => {
    const target = layer.pending.get(anchor);
    return target && !layer.waiting.has(anchor) ? [target] : [];
  });
  await inSlices(due, (target) => mountIfStillWanted(layer, target));
}

/**
 * A failure inside FlowLens's content script is its own, never the page's: markup we did not
 * expect must not break the page, nor fill its console with errors.
 */
export function reportQuietly(error: unknown): void {
  console.debug('FlowLens skipped part of this page:', error);
}

/** Removes the badge of an anchor the page reused for another item (a side panel's next issue). */
function dropReplaced(layer: LayerState, targets: FoundItem[]): void {
  for (const target of targets) {
    const old = layer.badges.get(target.anchor);
    if (old && old.target.key !== target.key) removeBadge(layer, old);
  }
}

/** The targets whose items the layer has no view of, or only a stale one. */
function notYetKnown(layer: LayerState, targets: FoundItem[]): Map<string, ItemRef> {
  const wanted = new Map<string, ItemRef>();
  for (const { key, ref } of targets) if (!layer.views.get(key) || layer.views.get(key)?.stale) wanted.set(key, ref);
  return wanted;
}

/** Mounts a pending target's badge, unless its anchor left the page or a navigation cleared it. */
function mountIfStillWanted(layer: LayerState, target: FoundItem): void {
  if (!layer.pending.delete(target.anchor)) return;
  layer.near.unwatch(target.anchor);
  if (!target.anchor.isConnected) return forgetAtNewAddress(layer);
  const badge = { target, host: createBadgeHost(target, layer.options.css) };
  layer.hosts.add(badge.host.element);
  layer.badges.set(target.anchor, badge);
  badge.host.attach();
  paint(layer, badge);
  // On a big page a badge goes again once it is far (releaseFar); an item page's own stays.
  if (target.placement !== 'inside' && isBig(layer)) layer.far.watch(target.anchor);
}

/**
 * Takes the badges of anchors gone far from the viewport off the page again, and watches those
 * anchors until they come near (mountNear paints them again from the views kept). Scrolled
 * through, a 5,000-card board held 5,000 badges: 67 MB of DOM heap and 23 MB of JS heap, and
 * 180-210 frames past 50 ms while scrolling it. Taken off at once, it held 2.3 MB and 6.6 MB,
 * and 72-81 such frames; taken off together at the page's next idle moment, 195-197 (`npm run
 * bench -- --pages=jira:5000`, two runs each, 3 Dec 2026). A badge in use stays: its card open,
 * or focus in it.
 */
function releaseFar(layer: LayerState, anchors: Element[]): void {
  for (const anchor of anchors) {
    const badge = layer.badges.get(anchor);
    if (!badge || !anchor.isConnected) continue;
    const host = badge.host.element;
    // Focus inside its shadow root makes the host the document's active element.
    if (document.activeElement === host || host.shadowRoot?.querySelector('[aria-expanded="true"]')) continue;
    takeOff(layer, badge);
    layer.pending.set(anchor, badge.target);
    layer.near.watch(anchor);
  }
}

/**
 * Removes a badge and everything the layer kept of it. Its host leaves `hosts` now, not at the
 * next full garbage collection: a WeakSet's table grows to hold every host added between two
 * collections (a few navigations' worth of 500) and V8 shrinks it only on delete, never when
 * the collector clears dead entries, so without this it kept a table four times the page's size.
 */
function removeBadge(layer: LayerState, badge: Badge): void {
  takeOff(layer, badge);
  forgetAtNewAddress(layer);
}

/** Takes a badge off the page and out of the layer's mounted badges; its item's view stays. */
function takeOff(layer: LayerState, badge: Badge): void {
  layer.far.unwatch(badge.target.anchor);
  badge.host.remove();
  layer.hosts.delete(badge.host.element);
  layer.badges.delete(badge.target.anchor);
}

/** Removes badges whose anchor left the page (and forgets such anchors still waiting); puts back badges the page removed. */
function sweep(layer: LayerState): void {
  for (const anchor of layer.pending.keys()) if (!anchor.isConnected) forgetPending(layer, anchor);
  for (const [anchor, badge] of layer.badges) {
    if (!anchor.isConnected) {
      removeBadge(layer, badge);
    } else if (!badge.host.element.isConnected) {
      badge.host.attach();
      paint(layer, badge);
    }
  }
}

/** Removes every badge, and forgets every target still waiting for the cache. */
function clear(layer: LayerState): void {
  for (const anchor of layer.pending.keys()) forgetPending(layer, anchor);
  layer.notice.remove();
  for (const badge of layer.badges.values()) removeBadge(layer, badge);
  forgetUnshownSoon(layer);
}

/** Forgets a target not mounted yet: its anchor left the page, or the layer is cleared. */
function forgetPending(layer: LayerState, anchor: Element): void {
  layer.pending.delete(anchor);
  layer.waiting.delete(anchor);
  layer.near.unwatch(anchor);
}

/**
 * Removes copies of badges the page made: a row cloned with its badge, or a page snapshot that
 * Turbo restores on "back". A copy keeps the contract attributes of its day but has no shadow
 * root and no life, and beside the live badge it would make two per item. A badge with a
 * shadow root that is not ours (another copy of FlowLens) is left alone: removing it would
 * start a fight of re-mounts.
 */
function dropCopies(layer: LayerState, root: Document | Element): void {
  const found = root instanceof Element && root.localName === BADGE_TAG ? [root] : [...root.querySelectorAll(BADGE_TAG)];
  for (const element of found) if (!layer.hosts.has(element) && element.shadowRoot === null) element.remove();
}

/**
 * At one address the layer keeps the views of every item it showed there: a page that renders
 * its rows again, or a list that renders only the rows in view, paints their badges at once,
 * without asking the background. At the first removal at another address (a single-page
 * navigation), the views of items no badge shows are forgotten.
 */
function forgetAtNewAddress(layer: LayerState): void {
  if (location.href === layer.viewsAddress) return;
  forgetUnshownSoon(layer);
}

/**
 * Forgets, one task later, the views of items no badge shows. A page that replaces its items
 * removes their badges and finds them again in the same task: those views are still there.
 */
function forgetUnshownSoon(layer: LayerState): void {
  layer.viewsAddress = location.href;
  if (layer.forgetTimer !== undefined) return;
  layer.forgetTimer = setTimeout(() => {
    layer.forgetTimer = undefined;
    for (const key of layer.views.keys()) if (!isShown(layer, key)) layer.views.delete(key);
    layer.intern.clear();
  }, 0);
}
