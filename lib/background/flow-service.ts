/**
 * The background's answer to "what is the flow of these items?": paint from the cache first
 * (`cached`), then fetch what is stale or missing (`refresh`). Concurrent refreshes of the same key
 * from several tabs share one request. Tokens are read here and never leave.
 */
import { errorView, type FlowView } from '../flow-view';
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
import { searchMentioningPulls } from '../providers/github/search-mentions';
import type { SiteFactsStore } from '../providers/jira/site-meta';

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
  /** Where Jira site facts outlive the service worker. */
  siteFacts?: SiteFactsStore;
}

/** What is cached per item: the item, the ETag it came with, and a note when it is partial. */
type CachedItem = Fetched;

const MINUTE = 60_000;

/** Creates the service the background routes `flow/*` requests to. */
export function createFlowService(deps: FlowServiceDeps) {
  const inflight = new Map<string, Promise<FlowView>>();
  const holds = deps.holds ?? createRateHolds();
  let lastError: { message: string; at: number } | undefined;

  async function readCache(refs: ItemRef[]) {
    const settings = await deps.loadSettings();
    const keys = refs.map(formatKey);
    const hits = await (await deps.cache()).read<CachedItem>('item', keys, deps.now(), settings.cacheTtlMinutes * MINUTE);
    return { keys, hits };
  }

  /**
   * Views of cached items, analysed with the cached items around them. `fetch` allows asking
   * the network for mentioned items; the cache-first answer never waits on the network.
   */
  async function present(shown: Shown[], fetch: boolean): Promise<FlowView[]> {
    return (await presentWithGaps(shown, fetch)).views;
  }

  /** Views, and the keys of items whose related items are not known yet (worth a refresh). */
  async function presentWithGaps(shown: Shown[], fetch: boolean): Promise<{ views: FlowView[]; gaps: string[] }> {
    if (shown.length === 0) return { views: [], gaps: [] };
    const settings = await deps.loadSettings();
    const neighbours = await (await deps.cache()).read<CachedItem>('item', neighbourKeys(shown), deps.now());
    const around = new Map([...neighbours].map(([key, hit]) => [key, hit.value]));
    const related = await crossSource.related(shown, settings, fetch);
    return { views: presentViews(shown, around, settings, deps.now(), related), gaps: related.gaps };
  }

  const crossSource = createCrossSource({
    cache: deps.cache,
    now: deps.now,
    fetchItems: fetchAndRemember,
    pullSearch: async () => {
      const token = (await deps.loadSecrets()).githubTokens['github.com'];
      return token ? (keys) => searchMentioningPulls(keys, { fetch: deps.fetch, host: 'github.com', token, now: deps.now() }) : undefined;
    },
  });

  /** Fetches refs of any sources (one group per source and host) and caches what came. */
  async function fetchAndRemember(refs: ItemRef[]): Promise<FetchOutcome> {
    const outcome: FetchOutcome = { items: new Map(), errors: new Map(), rate: {} };
    for (const group of groupByHost(refs).values()) {
      const part = await fetchHeld(group, new Map());
      for (const [key, value] of part.items) outcome.items.set(key, value);
      for (const [key, error] of part.errors) outcome.errors.set(key, error);
    }
    return outcome;
  }

  /** Cached views at once, and which keys need a refresh. */
  async function cached(refs: ItemRef[]): Promise<{ views: FlowView[]; stale: string[] }> {
    const { keys, hits } = await readCache(refs);
    const { views, gaps } = await presentWithGaps([...hits.values()].map((hit) => ({ hit })), false);
    const gap = new Set(gaps);
    return { views, stale: keys.filter((key) => !hits.get(key)?.fresh || gap.has(key)) };
  }

  /** Fresh views: fetched where stale, shared where another tab already asked. */
  async function refresh(refs: ItemRef[]): Promise<{ views: FlowView[] }> {
    const { hits } = await readCache(refs);
    const todo = refs.filter((ref) => !hits.get(formatKey(ref))?.fresh);
    const fresh = await present([...hits.values()].filter((hit) => hit.fresh).map((hit) => ({ hit })), true);
    const waiting = todo.filter((ref) => inflight.has(formatKey(ref)));
    const started = startFetches(todo.filter((ref) => !inflight.has(formatKey(ref))), hits);
    const shared = waiting.map((ref) => inflight.get(formatKey(ref))!);
    return { views: [...fresh, ...(await Promise.all([...started, ...shared]))] };
  }

  function startFetches(refs: ItemRef[], hits: Map<string, CacheHit<CachedItem>>): Promise<FlowView>[] {
    return [...groupByHost(refs).values()].flatMap((group) => {
      const batch = fetchGroup(group, hits);
      return group.map((ref) => track(formatKey(ref), batch.then((views) => views.get(formatKey(ref))!)));
    });
  }

  function track(key: string, promise: Promise<FlowView>): Promise<FlowView> {
    const done = promise.finally(() => inflight.delete(key));
    inflight.set(key, done);
    return done;
  }

  async function fetchGroup(refs: ItemRef[], hits: Map<string, CacheHit<CachedItem>>): Promise<Map<string, FlowView>> {
    return toViews(refs, await fetchHeld(refs, hits), hits);
  }

  /** Fetches one host's refs unless its rate limit holds them back, and caches what came. */
  async function fetchHeld(refs: ItemRef[], hits: Map<string, CacheHit<CachedItem>>): Promise<FetchOutcome> {
    const host = refs[0]!.host;
    const held = holds.heldError(host, deps.now());
    const outcome = held ? failedOutcome(refs.map(formatKey), held) : await fetchSource(refs, hits);
    await remember(outcome, host);
    return outcome;
  }

  /** One view per ref: fetched, or the cached one with the error, or the error alone. */
  async function toViews(refs: ItemRef[], outcome: FetchOutcome, hits: Map<string, CacheHit<CachedItem>>): Promise<Map<string, FlowView>> {
    const now = deps.now();
    const shown: Shown[] = [];
    const failed = new Map<string, FlowView>();
    for (const ref of refs) {
      const key = formatKey(ref);
      const got = outcome.items.get(key);
      const error = outcome.errors.get(key) ?? { code: 'bad-response' as const, message: `No answer for ${key}.` };
      const hit = hits.get(key);
      if (got) shown.push({ hit: { value: got, fetchedAt: now, fresh: true } });
      else if (hit) shown.push({ hit: { ...hit, fresh: false }, error });
      else failed.set(key, errorView(key, '', error));
    }
    const views = await present(shown, true);
    return new Map([...views.map((view) => [view.key, view] as const), ...failed]);
  }

  async function fetchSource(refs: ItemRef[], hits: Map<string, CacheHit<CachedItem>>): Promise<FetchOutcome> {
    const first = refs[0]!;
    const [secrets, settings] = await Promise.all([deps.loadSecrets(), deps.loadSettings()]);
    const base = { fetch: deps.fetch, host: first.host, now: deps.now() };
    if (first.source === 'jira') {
      const authorization = jiraAuthorization(credentialFor(secrets, first.host));
      return fetchJiraIssues(refs as JiraRef[], { ...base, blockedByLinks: settings.blockedByLinks, ...(authorization ? { authorization } : {}), ...(deps.siteFacts ? { siteFacts: deps.siteFacts } : {}) });
    }
    const token = secrets.githubTokens[first.host];
    const previous = new Map([...hits].map(([key, hit]) => [key, hit.value]));
    return fetchGithubItems(refs as GithubRef[], { ...base, previous, ...(token ? { token } : {}) });
  }

  async function remember(outcome: FetchOutcome, host: string): Promise<void> {
    const entries = [...outcome.items].map(([key, value]) => ({ key, value, ...(value.etag ? { etag: value.etag } : {}) }));
    await (await deps.cache()).write('item', entries, deps.now());
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
