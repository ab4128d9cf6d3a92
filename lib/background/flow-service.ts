/**
 * The background's answer to "what is the flow of these items?": paint from the cache first
 * (`cached`), then fetch what is stale or missing (`refresh`). Concurrent refreshes of the same key
 * from several tabs share one request. Tokens are read here and never leave.
 */
import { errorView, type FlowView } from '../flow-view';
import type { FlowError } from '../flow-error';
import { formatKey, type GithubRef, type ItemRef, type JiraRef } from '../item-key';
import type { Fetch } from '../providers/http';
import { fetchGithubItems } from '../providers/github/fetch-items';
import { fetchJiraIssues } from '../providers/jira/fetch-issues';
import { credentialFor, jiraAuthorization } from '../providers/jira/credentials';
import { failedOutcome, type FetchOutcome, type Fetched } from '../providers/outcome';
import type { CacheHit, FlowCache } from '../storage/cache';
import type { Secrets, Settings } from '../storage/settings';
import { createCrossSource } from './cross-source';
import { createRateHolds, type RateHolds } from './rate-holds';
import { neighbourKeys, presentViews, type Shown } from './present-views';
import { withSightings } from './link-sightings';
import { capPerHost, isLasting, unresolvedUpstream, UPSTREAM_PER_HOST, UPSTREAM_PER_HOST_WITHOUT_TOKEN } from './upstream';
import type { WorkItem } from '../flow/model';
import { searchMentioningPulls } from '../providers/github/search-mentions';
import { fetchJiraProjects } from '../providers/jira/projects';
import { createProviderState, type ProviderState } from '../providers/provider-state';
import { own } from '../own';

/** Refs grouped by source and host: each group is one provider call. */
function groupByHost(refs: ItemRef[]): Map<string, ItemRef[]> {
  const groups = new Map<string, ItemRef[]>();
  for (const ref of refs) groups.set(`${ref.source}:${ref.host}`, [...(groups.get(`${ref.source}:${ref.host}`) ?? []), ref]);
  return groups;
}

/** What the service needs from the world. */
export interface FlowServiceDeps {
  /** Opened on first use and memoised by the caller. */
  cache: () => Promise<FlowCache>;
  fetch: Fetch;
  now: () => number;
  loadSettings: () => Promise<Settings>;
  loadSecrets: () => Promise<Secrets>;
  /** Rate-limit holds shared with the team sync (a fresh set when not given). */
  holds?: RateHolds;
  /** What the providers keep between calls, shared with the team sync (a fresh one when not given). */
  providers?: ProviderState;
}

/** What is cached per item: the item, the ETag it came with, and a note when it is partial. */
type CachedItem = Fetched;

const MINUTE = 60_000;

/** A cache hit good enough for the item's own badge: fresh, and read whole (not only as an upstream). */
function freshForBadge(hit: CacheHit<CachedItem> | undefined): boolean {
  return Boolean(hit?.fresh && !hit.value.partial);
}

/** What the cache knows of upstream items: their items (any age), which cannot be read, which to read. */
interface UpstreamKnown {
  unreadable: Map<string, FlowError>;
  /** Keys neither fresh in the cache nor known to be unreadable: worth reading. */
  unread: string[];
  found: Map<string, CacheHit<CachedItem>>;
}

/** Creates the service the background routes `flow/*` requests to. */
export function createFlowService(deps: FlowServiceDeps) {
  const inflight = new Map<string, Promise<FlowView>>();
  /** Keys being fetched now, until their answer is cached. */
  const reading = new Map<string, Promise<unknown>>();
  const holds = deps.holds ?? createRateHolds();
  const providers = deps.providers ?? createProviderState();
  let lastError: { message: string; at: number } | undefined;

  async function readCache(refs: ItemRef[]) {
    const settings = await deps.loadSettings();
    const keys = refs.map(formatKey);
    const hits = await (await deps.cache()).read<CachedItem>('item', keys, deps.now(), settings.cacheTtlMinutes * MINUTE);
    return { keys, hits };
  }

  /** What the cache says of the upstream items of `items` that only reading them can resolve. */
  async function upstreamKnown(items: WorkItem[], read?: Map<string, CacheHit<CachedItem>>): Promise<UpstreamKnown> {
    const keys = unresolvedUpstream(items);
    if (keys.length === 0) return { unreadable: new Map(), unread: [], found: new Map() };
    const ttl = (await deps.loadSettings()).cacheTtlMinutes * MINUTE;
    const cache = await deps.cache();
    // `read`: the caller already read these keys' items (with the same time-to-live).
    const [found, marked] = await Promise.all([read ?? cache.read<CachedItem>('item', keys, deps.now(), ttl), cache.read<FlowError>('unreadable', keys, deps.now(), ttl)]);
    const unreadable = new Map([...marked].filter(([, hit]) => hit.fresh).map(([key, hit]) => [key, hit.value]));
    return { unreadable, found, unread: keys.filter((key) => !found.get(key)?.fresh && !unreadable.has(key)) };
  }

  /**
   * Views of cached items, analysed with the cached items around them. `fetch` allows asking
   * the network for mentioned items; the cache-first answer never waits on the network.
   */
  async function present(shown: Shown[], fetch: boolean): Promise<FlowView[]> {
    return (await presentWithGaps(shown, fetch)).views;
  }

  /** Views, and the keys of items whose related or upstream items are not known yet (worth a refresh). */
  async function presentWithGaps(shown: Shown[], fetch: boolean): Promise<{ views: FlowView[]; gaps: string[] }> {
    if (shown.length === 0) return { views: [], gaps: [] };
    const settings = await deps.loadSettings();
    const items = shown.map(({ hit }) => hit.value.item);
    // The items around them, fresh by the user's time-to-live, also say which upstream items are still to read.
    const neighbours = await (await deps.cache()).read<CachedItem>('item', neighbourKeys(shown), deps.now(), settings.cacheTtlMinutes * MINUTE);
    const upstream = await upstreamKnown(items, neighbours);
    const around = new Map([...neighbours].map(([key, hit]) => [key, hit.value]));
    const related = await crossSource.related(shown, settings, fetch);
    const unread = new Set(upstream.unread);
    const waiting = items.filter((item) => item.upstream.some((link) => unread.has(link.key))).map((item) => item.key);
    const unreadable = new Map([...upstream.unreadable].map(([key, error]) => [key, error.message]));
    return { views: presentViews(shown, around, settings, deps.now(), related, unreadable), gaps: [...new Set([...related.gaps, ...waiting])] };
  }

  const crossSource = createCrossSource({
    cache: deps.cache,
    now: deps.now,
    fetchItems: fetchAndRemember,
    // github.com is always read, an Enterprise host only once added; either only with a token.
    githubHosts: async (settings) => {
      const tokens = (await deps.loadSecrets()).githubTokens;
      return ['github.com', ...settings.githubHosts].filter((host) => Boolean(tokens[host]));
    },
    searchPulls: async (host, keys) => {
      const token = (await deps.loadSecrets()).githubTokens[host];
      return token ? searchMentioningPulls(keys, { fetch: deps.fetch, host, token, now: deps.now(), pacing: providers.pacing }) : new Map();
    },
    readProjects: async (site) => {
      const held = holds.heldError(site, deps.now());
      if (held) return held;
      const authorization = jiraAuthorization(credentialFor(await deps.loadSecrets(), site));
      return fetchJiraProjects({ fetch: deps.fetch, host: site, now: deps.now(), ...(authorization ? { authorization } : {}), pacing: providers.pacing });
    },
  });

  /** Fetches refs of any sources (one group per source and host) and caches what came. */
  async function fetchAndRemember(refs: ItemRef[], hits = new Map<string, CacheHit<CachedItem>>(), upstream = false): Promise<FetchOutcome> {
    const outcome: FetchOutcome = { items: new Map(), errors: new Map(), rate: {} };
    for (const group of groupByHost(refs).values()) {
      const part = await fetchHeld(group, hits, upstream);
      for (const [key, value] of part.items) outcome.items.set(key, value);
      for (const [key, error] of part.errors) outcome.errors.set(key, error);
    }
    return outcome;
  }

  /**
   * Reads the upstream items of `items` that no answer resolved, in one batch per host (the
   * page's budget allows one request more), and remembers those that cannot be read.
   */
  async function readUpstream(items: WorkItem[]): Promise<void> {
    const { unread: all, found } = await upstreamKnown(items);
    // Another tab's or chunk's refresh already reads some of them: wait for that read (not for
    // its views, which may wait on ours in turn), never ask twice.
    const underway = all.filter((key) => reading.has(key));
    await Promise.all(underway.map((key) => reading.get(key)));
    const unread = all.filter((key) => !underway.includes(key));
    if (unread.length === 0) return;
    const tokens = (await deps.loadSecrets()).githubTokens;
    const refs = capPerHost(unread, (ref) => (ref.source === 'github' && !own(tokens, ref.host) ? UPSTREAM_PER_HOST_WITHOUT_TOKEN : UPSTREAM_PER_HOST));
    const outcome = await fetchAndRemember(refs, found, true);
    const lasting = [...outcome.errors].filter(([, error]) => isLasting(error)).map(([key, value]) => ({ key, value }));
    await (await deps.cache()).write('unreadable', lasting, deps.now());
  }

  /** Cached views at once, and which keys need a refresh. */
  async function cached(refs: ItemRef[]): Promise<{ views: FlowView[]; stale: string[] }> {
    const { keys, hits } = await readCache(refs);
    const { views, gaps } = await presentWithGaps([...hits.values()].map((hit) => ({ hit })), false);
    const gap = new Set(gaps);
    return { views, stale: keys.filter((key) => !freshForBadge(hits.get(key)) || gap.has(key)) };
  }

  /**
   * Fresh views: fetched where stale, shared where another tab already asked, with the upstream
   * items they wait on read in the same refresh, so every view says what its blockers are now.
   */
  async function refresh(refs: ItemRef[]): Promise<{ views: FlowView[] }> {
    const { hits } = await readCache(refs);
    const todo = refs.filter((ref) => !freshForBadge(hits.get(formatKey(ref))));
    const shared = new Map(todo.flatMap((ref) => (inflight.has(formatKey(ref)) ? [[formatKey(ref), inflight.get(formatKey(ref))!] as const] : [])));
    const mine = todo.filter((ref) => !shared.has(formatKey(ref)));
    const own = refs.filter((ref) => !shared.has(formatKey(ref)));
    const work = refreshOwn(own, mine, hits);
    for (const ref of mine) track(formatKey(ref), work.then((views) => views.get(formatKey(ref))!));
    const views = await work;
    return { views: [...own.map((ref) => views.get(formatKey(ref))!), ...(await Promise.all(shared.values()))] };
  }

  function track(key: string, promise: Promise<FlowView>): void {
    const done = promise.finally(() => inflight.delete(key));
    inflight.set(key, done);
  }

  /** Fetches `mine` (one request per host and batch), reads their upstream, and views all of `own`. */
  async function refreshOwn(own: ItemRef[], mine: ItemRef[], hits: Map<string, CacheHit<CachedItem>>): Promise<Map<string, FlowView>> {
    const fetched = fetchAndRemember(mine, hits);
    for (const ref of mine) reading.set(formatKey(ref), fetched);
    const outcome = await fetched.finally(() => mine.forEach((ref) => reading.delete(formatKey(ref))));
    const now = deps.now();
    const shown: Shown[] = [];
    const failed = new Map<string, FlowView>();
    for (const ref of own) {
      const key = formatKey(ref);
      const hit = hits.get(key);
      const got = outcome.items.get(key);
      const error = outcome.errors.get(key) ?? { code: 'bad-response' as const, message: `No answer for ${key}.` };
      if (freshForBadge(hit)) shown.push({ hit: hit! });
      else if (got) shown.push({ hit: { value: got, fetchedAt: now, fresh: true } });
      else if (hit) shown.push({ hit: { ...hit, fresh: false }, error });
      else failed.set(key, errorView(key, '', error));
    }
    await readUpstream(shown.map(({ hit }) => hit.value.item));
    const views = await present(shown, true);
    return new Map([...views.map((view) => [view.key, view] as const), ...failed]);
  }

  /** Fetches one host's refs unless its rate limit holds them back, and caches what came. */
  async function fetchHeld(refs: ItemRef[], hits: Map<string, CacheHit<CachedItem>>, upstream = false): Promise<FetchOutcome> {
    const host = refs[0]!.host;
    const held = holds.heldError(host, deps.now());
    const outcome = held ? failedOutcome(refs.map(formatKey), held) : await fetchSource(refs, hits, upstream);
    await remember(outcome, host);
    return outcome;
  }

  async function fetchSource(refs: ItemRef[], hits: Map<string, CacheHit<CachedItem>>, upstream: boolean): Promise<FetchOutcome> {
    const first = refs[0]!;
    const [secrets, settings] = await Promise.all([deps.loadSecrets(), deps.loadSettings()]);
    const base = { fetch: deps.fetch, host: first.host, now: deps.now(), pacing: providers.pacing };
    if (first.source === 'jira') {
      const authorization = jiraAuthorization(credentialFor(secrets, first.host));
      // An upstream item is read for its state only: its history costs a request the page does not need.
      return fetchJiraIssues(refs as JiraRef[], { ...base, blockedByLinks: settings.blockedByLinks, ...(upstream ? { withoutHistory: true } : {}), ...(authorization ? { authorization } : {}), siteFacts: providers.siteFacts });
    }
    const token = own(secrets.githubTokens, first.host);
    const previous = new Map([...hits].map(([key, hit]) => [key, hit.value]));
    // An upstream item is read for its state only (none of its own relations) and is never fresh
    // enough for its own badge; a whole read (a 304 included) makes a partial copy whole.
    const outcome = await fetchGithubItems(refs as GithubRef[], { ...base, previous, ...(upstream ? { relations: false as const } : {}), ...(token ? { token } : {}), graphDependencies: providers.graphDependencies });
    outcome.items = new Map([...outcome.items].map(([key, { partial: _, ...value }]) => [key, upstream ? { ...value, partial: true } : value]));
    return outcome;
  }

  /** Caches what came (with when each undated link was first seen) and notes the host's limits. */
  async function remember(outcome: FetchOutcome, host: string): Promise<void> {
    const cache = await deps.cache();
    outcome.items = await withSightings(cache, outcome.items, deps.now());
    const entries = [...outcome.items].map(([key, value]) => ({ key, value, ...(value.etag ? { etag: value.etag } : {}) }));
    await cache.write('item', entries, deps.now());
    holds.note(host, outcome.errors.values());
    const anyError = outcome.errors.values().next().value;
    if (anyError) lastError = { message: anyError.message, at: deps.now() };
  }

  return {
    cached,
    refresh,
    status: () => ({
      lastError,
      rateLimitedUntil: holds.firstUntil(deps.now()),
    }),
  };
}

/** The service's type, for the router. */
export type FlowService = ReturnType<typeof createFlowService>;
