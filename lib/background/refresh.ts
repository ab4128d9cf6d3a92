/**
 * The refresh of a page's items: fetched where the cache is stale, shared where another tab
 * already asked, with the upstream items they wait on read in the same refresh, so every view
 * says what its blockers are now.
 */
import { errorView, type FlowView } from '../flow-view';
import { formatKey, type ItemRef } from '../item-key';
import type { WorkItem } from '../flow/model';
import type { FetchOutcome, Fetched } from '../providers/outcome';
import type { CacheHit } from '../storage/cache';
import type { FetchItems } from './item-fetch';
import type { Shown } from './present-views';
import { createUnderway, type Underway } from '../underway';

type Hits = Map<string, CacheHit<Fetched>>;

/** What the refresh needs from the service. */
export interface RefreshDeps {
  now: () => number;
  /** The cached copies of `refs`' items, by key (fresh by the user's time-to-live). */
  readCache: (refs: ItemRef[]) => Promise<Hits>;
  fetchItems: FetchItems;
  /** Keys being fetched now, until their answer is cached (upstream reads wait for them). */
  reading: Underway<unknown>;
  /** Reads the upstream items of `items` that no answer resolved. */
  readUpstream: (items: WorkItem[]) => Promise<void>;
  /** Views of cached items, analysed with the cached items around them. */
  present: (shown: Shown[]) => Promise<FlowView[]>;
}

/** A cache hit good enough for the item's own badge: fresh, and read whole (not only as an upstream). */
export function freshForBadge(hit: CacheHit<Fetched> | undefined): boolean {
  return Boolean(hit?.fresh && !hit.value.partial);
}

/** Creates the refresh, with its memory of the views other tabs' refreshes are making now. */
export function createRefresh(deps: RefreshDeps): (refs: ItemRef[]) => Promise<{ views: FlowView[] }> {
  const inflight = createUnderway<FlowView>();
  return async function refresh(refs) {
    const hits = await deps.readCache(refs);
    const todo = refs.filter((ref) => !freshForBadge(hits.get(formatKey(ref))));
    const shared = new Map(todo.flatMap((ref) => (inflight.has(formatKey(ref)) ? [[formatKey(ref), inflight.get(formatKey(ref))!] as const] : [])));
    const mine = todo.filter((ref) => !shared.has(formatKey(ref)));
    const own = refs.filter((ref) => !shared.has(formatKey(ref)));
    const work = refreshOwn(deps, own, mine, hits);
    for (const ref of mine) void inflight.add([formatKey(ref)], work.then((views) => views.get(formatKey(ref))!));
    const views = await work;
    return { views: [...own.map((ref) => views.get(formatKey(ref))!), ...(await Promise.all(shared.values()))] };
  };
}

/** Fetches `mine` (one request per host and batch), reads their upstream, and views all of `own`. */
async function refreshOwn(deps: RefreshDeps, own: ItemRef[], mine: ItemRef[], hits: Hits): Promise<Map<string, FlowView>> {
  const outcome = await deps.reading.add(mine.map(formatKey), deps.fetchItems(mine, { hits }));
  const { shown, failed } = shownAfterFetch(own, hits, outcome, deps.now());
  await deps.readUpstream(shown.map(({ hit }) => hit.value.item));
  const views = await deps.present(shown);
  return new Map([...views.map((view) => [view.key, view] as const), ...failed]);
}

/**
 * What to show of each of `refs` after a fetch: the fresh cached copy, the fetched item, the
 * stale copy with the fetch's error, or (with nothing cached) an error view.
 */
function shownAfterFetch(refs: ItemRef[], hits: Hits, outcome: FetchOutcome, now: number): { shown: Shown[]; failed: Map<string, FlowView> } {
  const shown: Shown[] = [];
  const failed = new Map<string, FlowView>();
  for (const ref of refs) {
    const key = formatKey(ref);
    const hit = hits.get(key);
    const got = outcome.items.get(key);
    const error = outcome.errors.get(key) ?? { code: 'bad-response' as const, message: `No answer for ${key}.` };
    if (freshForBadge(hit)) shown.push({ hit: hit! });
    else if (got) shown.push({ hit: { value: got, fetchedAt: now, fresh: true } });
    else if (hit) shown.push({ hit: { ...hit, fresh: false }, error });
    else failed.set(key, errorView(key, '', error));
  }
  return { shown, failed };
}
