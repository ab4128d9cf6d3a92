/**
 * Mounts one <flowlens-badge> per found item per place, keeps its contract attributes in step
 * with the item's view, and asks the background for views: from the cache first, then fresh.
 * Exactly one badge per anchor however often the page re-renders: anchors are tracked, badges
 * whose anchor left the page are removed, and badges the page removed under a live anchor are
 * put back.
 */
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ItemRef } from '../item-key';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { paint, type Badge, type BadgeLayerOptions, type LayerState, type Target } from './layer-state';
import { createRefreshWindow } from './refresh-window';
import { inSlices } from './slices';
import { askCache, refresh } from './view-requests';

export { writeContract, type BadgeLayerOptions, type Target } from './layer-state';
export { REFRESH_WINDOW_MS } from './refresh-window';
export { SLICE_ITEMS, SLICE_MS } from './slices';

/** How long new badges wait for the cache's answer before they are mounted as placeholders. */
export const CACHE_WAIT_MS = 150;

/** The tag name of our host element (badge contract). */
export const BADGE_TAG = 'flowlens-badge';

/**
 * Events kept inside the shadow root of a badge over an overlaid place: the keys, as for every
 * badge (`isolateEvents: true`), and clicks, which would otherwise bubble to the item's own
 * handlers around the badge. Enter and Space on the button become a click too.
 */
const OVERLAID_ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress', 'click'];

/** Creates the layer a content script adds targets to. */
export function createBadgeLayer(ctx: ContentScriptContext, options: BadgeLayerOptions) {
  const layer: LayerState = {
    options,
    badges: new Map(),
    pending: new Set(),
    hosts: new WeakSet(),
    views: new Map(),
    refreshes: createRefreshWindow((items) => refresh(layer, items)),
  };
  return {
    /** Decorates new targets (already-decorated anchors are skipped) and fetches their views. */
    add: (targets: Target[]) => add(ctx, layer, targets),
    /** Removes badges whose anchor left the page; puts back badges the page removed. */
    sweep: () => sweep(layer),
    /** Removes every badge (navigation to a page we do not decorate). */
    clear: () => clear(layer),
    /** Removes copies of our badges that the page made inside `root`. */
    dropCopies: (root: Document | Element) => dropCopies(layer, root),
    /** How many badges are mounted. */
    size: () => layer.badges.size,
  };
}

/** Decorates new targets and asks for their views; resolves once the cache has answered. */
async function add(ctx: ContentScriptContext, layer: LayerState, targets: Target[]): Promise<void> {
  dropReplaced(layer, targets);
  const fresh = targets.filter((target) => !layer.badges.has(target.anchor) && !layer.pending.has(target.anchor));
  if (fresh.length === 0) return;
  for (const { anchor } of fresh) layer.pending.add(anchor);
  // The cache answers first, so a known item's badge is mounted once, in its state: a
  // placeholder that then changes size would lay the page out twice. A slow answer (a worker
  // waking up) does not hold the badges back for long.
  const lookup = askCache(layer, notYetKnown(layer, fresh));
  await Promise.race([lookup, new Promise((resolve) => setTimeout(resolve, CACHE_WAIT_MS))]);
  // Anchors the page dropped meanwhile (or a navigation cleared) get no badge.
  const live = fresh.filter((target) => layer.pending.delete(target.anchor) && target.anchor.isConnected);
  await inSlices(live, (target) => mount(ctx, layer, target));
  await lookup;
}

/** Removes the badge of an anchor the page reused for another item (a side panel's next issue). */
function dropReplaced(layer: LayerState, targets: Target[]): void {
  for (const target of targets) {
    const old = layer.badges.get(target.anchor);
    if (old && old.target.key !== target.key) removeBadge(layer, old);
  }
}

/** The targets whose items the layer has no view of, or only a stale one. */
function notYetKnown(layer: LayerState, targets: Target[]): Map<string, ItemRef> {
  const wanted = new Map<string, ItemRef>();
  for (const { key, ref } of targets) if (!layer.views.get(key) || layer.views.get(key)?.stale) wanted.set(key, ref);
  return wanted;
}

/** Mounts the badge of a target after its anchor (or inside it) and paints it. */
async function mount(ctx: ContentScriptContext, layer: LayerState, target: Target): Promise<void> {
  const ui = await createShadowRootUi<HTMLElement>(ctx, {
    name: BADGE_TAG,
    position: 'inline',
    anchor: target.anchor,
    append: target.placement === 'inside' ? 'last' : 'after',
    css: layer.options.css,
    isolateEvents: target.overlaid ? OVERLAID_ISOLATED_EVENTS : true,
    onMount: (container) => container,
    onRemove: (container) => container && render(null, container),
  });
  // Inside the shadow root, so the page sees no new attribute on the host.
  if (target.overlaid) ui.uiContainer.classList.add('overlaid');
  const badge = { target, ui };
  layer.hosts.add(ui.shadowHost);
  layer.badges.set(target.anchor, badge);
  ui.mount();
  paint(layer, badge);
}

/** Removes a badge from the page and from the layer. */
function removeBadge(layer: LayerState, badge: Badge): void {
  badge.ui.remove();
  layer.badges.delete(badge.target.anchor);
}

/** Removes badges whose anchor left the page; puts back badges the page removed. */
function sweep(layer: LayerState): void {
  for (const [anchor, badge] of layer.badges) {
    if (!anchor.isConnected) {
      removeBadge(layer, badge);
    } else if (!badge.ui.shadowHost.isConnected) {
      badge.ui.mount();
      paint(layer, badge);
    }
  }
}

/** Removes every badge (navigation to a page we do not decorate). */
function clear(layer: LayerState): void {
  layer.pending.clear();
  for (const badge of layer.badges.values()) removeBadge(layer, badge);
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
