/**
 * Mounts one <flowlens-badge> per found item per place, keeps its contract attributes in step
 * with the item's view, and asks the background for views: from the cache first, then fresh.
 * Exactly one badge per anchor however often the page re-renders: anchors are tracked, badges
 * whose anchor left the page are removed, and badges the page removed under a live anchor are
 * put back.
 */
import { h, render } from 'preact';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { FlowView } from '../flow-view';
import type { FlowError } from '../flow-error';
import type { ItemRef } from '../item-key';
import type { FoundItem } from '../adapters/found-item';
import { MAX_REFS_PER_REQUEST, type Client } from '../messaging';
import { chunks } from '../chunks';
import { errorView } from '../flow-view';
import { FlowBadge } from '../../components/FlowBadge';

interface Entry {
  target: FoundItem;
  ui: ShadowRootContentScriptUi<HTMLElement>;
}

/** The tag name of our host element (badge contract). */
export const BADGE_TAG = 'flowlens-badge';

/** Options of a layer. */
export interface BadgeLayerOptions {
  send: Client;
  css: string;
  now: () => number;
}

/**
 * Main-thread time one slice of badge work may take. A board of 2,000 cards done in one go holds
 * the page for well over 50 ms (a long task); cut at this budget, the page stays responsive.
 */
export const SLICE_MS = 12;

/** Badges per slice at most: the page renders what a slice added before the next one runs. */
export const SLICE_ITEMS = 50;

/** How long new badges wait for the cache's answer before they are mounted as placeholders. */
export const CACHE_WAIT_MS = 150;

/**
 * Fresh data is asked for at once, then at most once per this window: a page that renders its
 * items over several tasks still costs one request per 50 items, not one per render.
 */
export const REFRESH_WINDOW_MS = 16;

/** Gives the page its main thread back for a moment: `scheduler.yield` where there is one. */
function yieldToPage(): Promise<void> {
  // A visible page renders what the last slice added before the next one runs (one frame each);
  // a hidden page renders nothing, so there a plain task boundary does (rAF would wait forever).
  if (document.visibilityState === 'visible') return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/** Runs `work` over `list`, yielding whenever a slice has used its time budget. */
async function inSlices<T>(list: T[], work: (item: T) => unknown): Promise<void> {
  let sliceStart = performance.now();
  let done = 0;
  for (let i = 0; i < list.length; i += 10) {
    if (performance.now() - sliceStart > SLICE_MS || done >= SLICE_ITEMS) {
      await yieldToPage();
      sliceStart = performance.now();
      done = 0;
    }
    await Promise.all(list.slice(i, i + 10).map(work));
    done += 10;
  }
}

/**
 * Events kept inside the shadow root of a badge over an overlaid place: the keys, as for every
 * badge (`isolateEvents: true`), and clicks, which would otherwise bubble to the item's own
 * handlers around the badge. Enter and Space on the button become a click too.
 */
const OVERLAID_ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress', 'click'];

/** Creates the layer a content script adds targets to. */
export function createBadgeLayer(ctx: ContentScriptContext, options: BadgeLayerOptions) {
  const entries = new Map<Element, Entry>();
  /** Our own host elements. */
  const hosts = new WeakSet<Element>();
  /** Anchors whose badges wait for the cache's answer before they are mounted. */
  const pending = new Set<Element>();
  const views = new Map<string, FlowView>();

  function paint(entry: Entry): void {
    const view = views.get(entry.target.key);
    writeContract(entry.ui.shadowHost, entry.target.key, view);
    if (entry.ui.mounted) render(h(FlowBadge, { view, now: options.now() }), entry.ui.mounted);
  }

  async function setViews(list: FlowView[]): Promise<void> {
    for (const view of list) views.set(view.key, view);
    const keys = new Set(list.map((view) => view.key));
    await inSlices([...entries.values()].filter((entry) => keys.has(entry.target.key)), (entry) => paint(entry));
  }

  /**
   * Fresh views of items that others on the page wait on: those others are painted again from
   * the cache (no request leaves the browser), so a badge never lags behind its blocker's news.
   * Only answers from the network lead here, so two items waiting on each other cannot loop.
   */
  async function repaintDependents(fresh: FlowView[]): Promise<void> {
    const keys = new Set(fresh.map((view) => view.key));
    const dependents = new Map<string, ItemRef>();
    for (const { target } of entries.values()) {
      const view = views.get(target.key);
      if (view && !keys.has(target.key) && view.upstream?.some((link) => keys.has(link.key))) dependents.set(target.key, target.ref);
    }
    if (dependents.size === 0) return;
    await Promise.all(chunks([...dependents.values()], MAX_REFS_PER_REQUEST).map(async (refs) => {
      const cached = await options.send({ type: 'flow/cached', refs });
      if (cached.ok) await setViews(cached.data.views);
    }));
  }

  async function mount(target: FoundItem): Promise<Entry> {
    const ui = await createShadowRootUi<HTMLElement>(ctx, {
      name: BADGE_TAG,
      position: 'inline',
      anchor: target.anchor,
      append: target.placement === 'inside' ? 'last' : 'after',
      css: options.css,
      isolateEvents: target.overlaid ? OVERLAID_ISOLATED_EVENTS : true,
      onMount: (container) => container,
      onRemove: (container) => container && render(null, container),
    });
    // Inside the shadow root, so the page sees no new attribute on the host.
    if (target.overlaid) ui.uiContainer.classList.add('overlaid');
    const entry = { target, ui };
    hosts.add(ui.shadowHost);
    entries.set(target.anchor, entry);
    ui.mount();
    paint(entry);
    return entry;
  }

  /** Decorates new targets (already-decorated anchors are skipped) and fetches their views. */
  async function add(targets: FoundItem[]): Promise<void> {
    for (const target of targets) {
      // The page reused an element for another item (a side panel showing the next issue).
      const old = entries.get(target.anchor);
      if (old && old.target.key !== target.key) {
        old.ui.remove();
        entries.delete(target.anchor);
      }
    }
    const fresh = targets.filter((target) => !entries.has(target.anchor) && !pending.has(target.anchor));
    if (fresh.length === 0) return;
    for (const { anchor } of fresh) pending.add(anchor);
    const wanted = new Map<string, ItemRef>();
    for (const { key, ref } of fresh) if (!views.get(key) || views.get(key)?.stale) wanted.set(key, ref);
    // The cache answers first, so a known item's badge is mounted once, in its state: a
    // placeholder that then changes size would lay the page out twice. A slow answer (a worker
    // waking up) does not hold the badges back for long.
    const lookup = request(wanted);
    await Promise.race([lookup, new Promise((resolve) => setTimeout(resolve, CACHE_WAIT_MS))]);
    // Anchors the page dropped meanwhile (or a navigation cleared) get no badge.
    const live = fresh.filter((target) => pending.delete(target.anchor) && target.anchor.isConnected);
    await inSlices(live, mount);
    await lookup;
  }

  /** Paints from the cache, then asks for fresh data where the cache was stale or empty. */
  async function request(wanted: Map<string, ItemRef>): Promise<void> {
    await Promise.all(
      chunks([...wanted], MAX_REFS_PER_REQUEST).map(async (chunk) => {
        const cached = await options.send({ type: 'flow/cached', refs: chunk.map(([, ref]) => ref) });
        if (!cached.ok) return fail(chunk, cached.error);
        await setViews(cached.data.views);
        const stale = new Set(cached.data.stale);
        for (const [key, ref] of chunk) if (stale.has(key)) refreshQueue.set(key, ref);
        scheduleRefresh();
      }),
    );
  }

  const refreshQueue = new Map<string, ItemRef>();
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let lastRefreshAt = -Infinity;

  /** Sends the queued refresh now, or at the end of the window when one was sent within it. */
  function scheduleRefresh(): void {
    if (refreshQueue.size === 0 || refreshTimer !== undefined) return;
    const wait = lastRefreshAt + REFRESH_WINDOW_MS - performance.now();
    if (wait <= 0) return void refresh();
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      void refresh();
    }, wait);
  }

  /** Asks for fresh data of everything queued, 50 items per request. */
  async function refresh(): Promise<void> {
    lastRefreshAt = performance.now();
    const all = [...refreshQueue];
    refreshQueue.clear();
    await Promise.all(
      chunks(all, MAX_REFS_PER_REQUEST).map(async (chunk) => {
        const fresh = await options.send({ type: 'flow/refresh', refs: chunk.map(([, ref]) => ref) });
        if (!fresh.ok) return fail(chunk, fresh.error);
        await setViews(fresh.data.views);
        await repaintDependents(fresh.data.views);
      }),
    ).catch((error: unknown) => console.debug('FlowLens could not refresh badges:', error));
  }

  /** Shows the error on badges that have nothing better to show. */
  function fail(chunk: [string, ItemRef][], error: FlowError): Promise<void> {
    return setViews(chunk.filter(([key]) => !views.has(key)).map(([key]) => errorView(key, '', error)));
  }

  /** Removes badges whose anchor left the page; puts back badges the page removed. */
  function sweep(): void {
    for (const [anchor, entry] of entries) {
      if (!anchor.isConnected) {
        entry.ui.remove();
        entries.delete(anchor);
      } else if (!entry.ui.shadowHost.isConnected) {
        entry.ui.mount();
        paint(entry);
      }
    }
  }

  /**
   * Removes copies of badges the page made: a row cloned with its badge, or a page snapshot that
   * Turbo restores on "back". A copy keeps the contract attributes of its day but has no shadow
   * root and no life, and beside the live badge it would make two per item. A badge with a
   * shadow root that is not ours (another copy of FlowLens) is left alone: removing it would
   * start a fight of re-mounts.
   */
  function dropCopies(root: Document | Element): void {
    const found = root instanceof Element && root.localName === BADGE_TAG ? [root] : [...root.querySelectorAll(BADGE_TAG)];
    for (const element of found) if (!hosts.has(element) && element.shadowRoot === null) element.remove();
  }

  /** Removes every badge (navigation to a page we do not decorate). */
  function clear(): void {
    pending.clear();
    for (const entry of entries.values()) entry.ui.remove();
    entries.clear();
  }

  return { add, sweep, clear, dropCopies, size: () => entries.size };
}

/** Writes the badge contract attributes (DESIGN.md) on the host element. */
export function writeContract(host: HTMLElement, key: string, view: FlowView | undefined): void {
  host.setAttribute('data-flow-key', key);
  if (!view) return;
  host.setAttribute('data-flow-state', view.state);
  host.setAttribute('data-flow-blockers', String(view.blockers));
  if (view.since) host.setAttribute('data-flow-since', view.since);
  else host.removeAttribute('data-flow-since');
}
