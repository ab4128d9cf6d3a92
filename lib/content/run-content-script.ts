/**
 * The shared life of a content script: scan once, then scan only what the page adds, tidy up
 * after removals, and rescan on single-page navigation. A failure here is reported quietly and
 * never reaches the host page.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { extensionClient } from '../extension-client';
import type { FoundItem } from '../adapters/found-item';
import { BADGE_TAG, createBadgeLayer, reportQuietly as report } from './badge-layer';
import { observeAdditions } from './observe-additions';
import { nextTask, SLICE_MS } from './slices';
import { everywhereNear, intersectionFar, intersectionNear, nowhereFar } from './near-viewport';

/** The layer a content script runs. */
type BadgeLayer = ReturnType<typeof createBadgeLayer>;

/** What a site adapter gives the content script. */
export interface SiteAdapter {
  site: 'github' | 'jira';
  /** Whether FlowLens decorates the page at this URL. */
  active: (href: string) => boolean;
  /**
   * Items inside `root` (a document or an added element) on the page at `href`, in the page's
   * order. Given one at a time (a generator), a page of thousands is read in slices.
   */
  find: (root: Document | Element, href: string) => Iterable<FoundItem>;
  /** The page kind when the page must hold items (to notice markup we no longer read). */
  expected: (doc: Document, href: string) => string | undefined;
}

/** How long a page may take to render its items before finding none counts as a miss. */
export const SETTLE_MS = 5_000;

/** Runs a site's content script; returns nothing, cleans up when the extension goes away. */
export function runContentScript(ctx: ContentScriptContext, adapter: SiteAdapter, css: string): void {
  // The first scan's first slice counts from here: the layer's set-up is in the same task.
  const started = performance.now();
  const send = extensionClient();
  // Badges are painted near the viewport only (issue 17), where the browser can tell.
  const watching = typeof IntersectionObserver === 'function';
  const layer = createBadgeLayer(ctx, { send, css, now: Date.now, watchNear: watching ? intersectionNear : everywhereNear, watchFar: watching ? intersectionFar : nowhereFar });
  // Once per address: a page that should hold items but gave us none tells the options page,
  // quietly, that the site's markup may have changed. Nothing is shown on the host page.
  const checked = new Set<string>();
  const checkLater = () => {
    const href = location.href;
    if (checked.has(href)) return;
    checked.add(href);
    setTimeoutWhileValid(ctx, () => {
      try {
        if (location.href !== href || layer.size() > 0 || !adapter.active(href)) return;
        const page = adapter.expected(document, href);
        if (page) void send({ type: 'page/markup-miss', site: adapter.site, page });
      } catch (error) {
        report(error);
      }
    }, SETTLE_MS);
  };
  const scan = (roots: readonly (Document | Element)[], since = performance.now()) => void scanParts({ ctx, layer, adapter }, roots, since).catch(report);
  scan([document], started);
  checkLater();
  const stop = observeAdditions(
    document.documentElement,
    ({ added, removedSomething }) => {
      if (removedSomething) layer.sweep();
      scan(added);
    },
    { ignore: BADGE_TAG },
  );
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    if (!adapter.active(location.href)) return layer.clear();
    layer.sweep();
    scan([document]);
    checkLater();
  });
  // The layer removes its badges itself when the context ends.
  ctx.onInvalidated(stop);
}

/**
 * One pass over a batch of added parts: the page is asked whether it is read once, and the items
 * of every part go to the layer together (one question to the cache for them all). A part whose
 * markup we cannot read is skipped from there on, alone. A big page is read in slices of
 * SLICE_MS with the page's turn between them, the first counted from `since` (the script's
 * start, for the first scan): a board of 5,000 cards read in one go held the
 * page's main thread for 93-102 ms in a single task, its first. If the page moves to another
 * address meanwhile (its rescan reads the page again) or the extension goes, the pass stops.
 */
async function scanParts({ ctx, layer, adapter }: Scanner, roots: readonly (Document | Element)[], since: number): Promise<void> {
  for (const root of roots) {
    try {
      layer.dropCopies(root);
    } catch (error) {
      report(error);
    }
  }
  const href = location.href;
  try {
    if (!adapter.active(href)) return;
  } catch (error) {
    return report(error);
  }
  const found: FoundItem[] = [];
  let sliceStart = since;
  let yielded = false;
  for (const root of roots) {
    try {
      for (const item of adapter.find(root, href)) {
        found.push(item);
        if (found.length % CHECK_EVERY !== 0 || performance.now() - sliceStart < SLICE_MS) continue;
        await nextTask();
        if (!ctx.isValid || location.href !== href) return;
        yielded = true;
        sliceStart = performance.now();
      }
    } catch (error) {
      report(error);
    }
  }
  // Parts the page took away while it was read are not decorated.
  const live = yielded ? found.filter((item) => item.anchor.isConnected) : found;
  if (live.length > 0) await layer.add(live);
}

/** What a scan reads with and for. */
interface Scanner {
  ctx: ContentScriptContext;
  layer: BadgeLayer;
  adapter: SiteAdapter;
}

/** Items read between two looks at the clock. */
const CHECK_EVERY = 25;

/**
 * `ctx.setTimeout` without its leak: WXT's keeps the callback it gives `ctx.onInvalidated` (to
 * clear the timer) after the timer has run, one more for each address a tab visits.
 */
function setTimeoutWhileValid(ctx: ContentScriptContext, handler: () => void, ms: number): void {
  let forget = () => {};
  const timer = setTimeout(() => {
    forget();
    if (ctx.isValid) handler();
  }, ms);
  forget = ctx.onInvalidated(() => clearTimeout(timer));
}
