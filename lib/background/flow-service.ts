/**
 * The background's answer to "what is the flow of these items?": paint from the cache first
 * (`cached`), then fetch what is stale or missing (`refresh`, refresh.ts). Concurrent refreshes of
 * the same key from several tabs share one request. Tokens are read only in the background and
 * never leave it.
 */
import type { FlowView } from '../flow-view';
import { formatKey, type ItemRef } from '../item-key';
import type { Fetched } from '../providers/outcome';
import type { Settings } from '../storage/settings';
import { createCrossSource, type CrossSourceDeps, type Related } from './cross-source';
import { createItemFetcher, type FetchItems } from './item-fetch';
import { createRateHolds, type RateHolds } from './rate-holds';
import type { WorldDeps } from './world';
import { neighbourKeys, presentViews, type Shown } from './present-views';
import { createRefresh, freshForBadge } from './refresh';
import { createUnderway } from '../underway';
import { readUpstream, upstreamKnown, type UpstreamDeps } from './upstream-reads';
import { searchMentioningPulls } from '../providers/github/search-mentions';
import { credentialFor, jiraAuthorization } from '../providers/jira/credentials';
import { fetchJiraProjects } from '../providers/jira/projects';
import { createProviderState, type ProviderState } from '../providers/provider-state';
import { MINUTE } from '../flow/time';
import type { PaceSample } from '../flow/pace';
import type { TicketNorm } from '../flow/drift';
import { loadTeamState, type TeamState } from '../team/team-state';
import { allowedNorms, hostsWithToken } from './drift-pairs';

/** What the service needs from the world. */
export interface FlowServiceDeps extends WorldDeps {
  /** Rate-limit holds shared with the team sync (a fresh set when not given). */
  holds?: RateHolds;
  /** What the providers keep between calls, shared with the team sync (a fresh one when not given). */
  providers?: ProviderState;
  /** The team's yardstick for the cards' pace, from what the team sync kept (none without a team). */
  loadPace?: () => Promise<PaceSample | undefined>;
  /** The team sync's state, for its repositories' habit of naming tickets (default: the stored one). */
  loadTeamState?: () => Promise<TeamState>;
}

/** What is cached per item: the item, the ETag it came with, and a note when it is partial. */
type CachedItem = Fetched;

/** What presenting views needs: the cache, the clock, the settings, and the items of the other source. */
interface PresentDeps extends UpstreamDeps {
  related: (shown: Shown[], settings: Settings, allowFetch: boolean) => Promise<Related>;
  loadPace?: () => Promise<PaceSample | undefined>;
  /** The team repositories' habit of naming tickets, where the user joined Jira to their host (drift-pairs.ts). */
  ticketNorms: (settings: Settings) => Promise<Map<string, TicketNorm>>;
}

/** Creates the service the background routes `flow/*` requests to. */
export function createFlowService(deps: FlowServiceDeps) {
  const holds = deps.holds ?? createRateHolds();
  const providers = deps.providers ?? createProviderState();
  const fetcher = createItemFetcher({ ...deps, holds, providers });
  /** Keys being fetched now, until their answer is cached. */
  const reading = createUnderway<unknown>();
  const doors = crossSourceDeps(deps, { holds, providers }, fetcher.fetchItems);
  const crossSource = createCrossSource(doors);
  // Nothing is read unless Jira may be shown on GitHub at all.
  const ticketNorms = async (settings: Settings) =>
    settings.jiraOnGithub && settings.jiraSites.length > 0 ? allowedNorms(await (deps.loadTeamState ?? loadTeamState)(), settings, await doors.githubHosts(settings)) : new Map<string, TicketNorm>();
  const presenting: PresentDeps = { cache: deps.cache, now: deps.now, loadSettings: deps.loadSettings, related: crossSource.related, ticketNorms, ...(deps.loadPace ? { loadPace: deps.loadPace } : {}) };
  const refresh = createRefresh({
    now: deps.now,
    readCache: async (refs) => (await readCache(deps, refs)).hits,
    fetchItems: fetcher.fetchItems,
    reading,
    readUpstream: (items) => readUpstream({ ...presenting, loadSecrets: deps.loadSecrets, fetchItems: fetcher.fetchItems, reading }, items),
    present: async (shown) => (await presentWithGaps(presenting, shown, true)).views,
  });
  return {
    cached: (refs: ItemRef[]) => cached(presenting, refs),
    refresh,
    status: () => ({
      lastError: fetcher.lastError(),
      rateLimitedUntil: holds.firstUntil(deps.now()),
      githubPoints: fetcher.points(),
    }),
  };
}

/** The service's type, for the router. */
export type FlowService = ReturnType<typeof createFlowService>;

/** The cached copies of `refs`' items, fresh by the user's time-to-live. */
async function readCache(deps: UpstreamDeps, refs: ItemRef[]) {
  const settings = await deps.loadSettings();
  const keys = refs.map(formatKey);
  const hits = await (await deps.cache()).read<CachedItem>('item', keys, deps.now(), settings.cacheTtlMinutes * MINUTE);
  return { keys, hits };
}

/** Cached views at once, and which keys need a refresh. */
async function cached(deps: PresentDeps, refs: ItemRef[]): Promise<{ views: FlowView[]; stale: string[] }> {
  const { keys, hits } = await readCache(deps, refs);
  const { views, gaps } = await presentWithGaps(deps, [...hits.values()].map((hit) => ({ hit })), false);
  const gap = new Set(gaps);
  return { views, stale: keys.filter((key) => !freshForBadge(hits.get(key)) || gap.has(key)) };
}

/**
 * Views of cached items, analysed with the cached items around them, and the keys of items whose
 * related or upstream items are not known yet (worth a refresh). `fetch` allows asking the
 * network for mentioned items; the cache-first answer never waits on the network.
 */
async function presentWithGaps(deps: PresentDeps, shown: Shown[], fetch: boolean): Promise<{ views: FlowView[]; gaps: string[] }> {
  if (shown.length === 0) return { views: [], gaps: [] };
  const settings = await deps.loadSettings();
  const items = shown.map(({ hit }) => hit.value.item);
  // The items around them, fresh by the user's time-to-live, also say which upstream items are still to read.
  const neighbours = await (await deps.cache()).read<CachedItem>('item', neighbourKeys(shown), deps.now(), settings.cacheTtlMinutes * MINUTE);
  const upstream = await upstreamKnown(deps, items, neighbours);
  const around = new Map([...neighbours].map(([key, hit]) => [key, hit.value]));
  const [related, ticketNorms, pace] = await Promise.all([deps.related(shown, settings, fetch), deps.ticketNorms(settings), deps.loadPace?.()]);
  const unread = new Set(upstream.unread);
  const waiting = items.filter((item) => item.upstream.some((link) => unread.has(link.key))).map((item) => item.key);
  const unreadable = new Map([...upstream.unreadable].map(([key, error]) => [key, error.message]));
  return { views: presentViews(shown, { neighbours: around, settings, now: deps.now(), related, unreadable, ticketNorms, ...(pace ? { pace } : {}) }), gaps: [...new Set([...related.gaps, ...waiting])] };
}

/** The cross-source lookups' doors: the GitHub hosts with a token, their searches, the Jira sites' project lists. */
function crossSourceDeps(deps: FlowServiceDeps, { holds, providers }: { holds: RateHolds; providers: ProviderState }, fetchItems: FetchItems): CrossSourceDeps {
  return {
    cache: deps.cache,
    now: deps.now,
    fetchItems,
    // github.com is always read, an Enterprise host only once added; either only with a token.
    githubHosts: async (settings) => hostsWithToken(settings, await deps.loadSecrets()),
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
  };
}
