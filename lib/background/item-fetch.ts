/**
 * Fetching items of any source for the background: one provider call per source and host,
 * none while the host's rate limit holds it back, and every answer cached (with when each
 * undated link was first seen) before it is used. Tokens are read here and never leave.
 */
import { formatKey, type GithubRef, type ItemRef, type JiraRef } from '../item-key';
import { fetchGithubItems } from '../providers/github/fetch-items';
import { fetchJiraIssues } from '../providers/jira/fetch-issues';
import { credentialFor, jiraAuthorization } from '../providers/jira/credentials';
import type { ProviderState } from '../providers/provider-state';
import { failedOutcome, type FetchOutcome, type Fetched } from '../providers/outcome';
import type { CacheHit } from '../storage/cache';
import type { GithubPoints } from '../status';
import { own } from '../own';
import { withSightings } from './link-sightings';
import { flowSettings } from './present-views';
import type { WorldDeps } from './world';
import type { RateHolds } from './rate-holds';

/** What fetching needs from the world. */
export interface ItemFetchDeps extends WorldDeps {
  holds: RateHolds;
  /** What the providers keep between calls (lib/providers/provider-state.ts). */
  providers: ProviderState;
}

/** How a fetch is made. */
export interface FetchOptions {
  /** The cached copies of the items, for conditional requests. */
  hits?: Map<string, CacheHit<Fetched>>;
  /** Read as upstream items: for their state only. */
  upstream?: boolean;
}

/** Fetches refs of any sources and caches what came. */
export type FetchItems = (refs: ItemRef[], options?: FetchOptions) => Promise<FetchOutcome>;

/** The last error an answer gave, and when. */
export interface LastError {
  message: string;
  at: number;
}

/** Refs grouped by source and host: each group is one provider call. */
function groupByHost(refs: ItemRef[]): Map<string, ItemRef[]> {
  const groups = new Map<string, ItemRef[]>();
  for (const ref of refs) groups.set(`${ref.source}:${ref.host}`, [...(groups.get(`${ref.source}:${ref.host}`) ?? []), ref]);
  return groups;
}

/** Creates the fetcher, which remembers the last error an answer gave (for the status). */
export function createItemFetcher(deps: ItemFetchDeps): { fetchItems: FetchItems; lastError: () => LastError | undefined; points: () => GithubPoints[] } {
  let lastError: LastError | undefined;
  // GitHub's own word on each host's last GraphQL batch, for the status (issue 17).
  const points = new Map<string, GithubPoints>();
  /** Fetches refs of any sources (one group per source and host) and caches what came. */
  async function fetchItems(refs: ItemRef[], options: FetchOptions = {}): Promise<FetchOutcome> {
    const outcome: FetchOutcome = { items: new Map(), errors: new Map(), rate: {} };
    for (const group of groupByHost(refs).values()) {
      const part = await fetchHeld(deps, group, options);
      const { cost, remaining, resetAt } = part.rate;
      const host = group[0]!;
      if (host.source === 'github' && cost !== undefined && remaining !== undefined) points.set(host.host, { host: host.host, cost, remaining, ...(resetAt !== undefined ? { resetAt } : {}), at: deps.now() });
      const anyError = part.errors.values().next().value;
      if (anyError) lastError = { message: anyError.message, at: deps.now() };
      for (const [key, value] of part.items) outcome.items.set(key, value);
      for (const [key, error] of part.errors) outcome.errors.set(key, error);
    }
    return outcome;
  }
  return { fetchItems, lastError: () => lastError, points: () => [...points.values()] };
}

/** Fetches one host's refs unless its rate limit holds them back, and caches what came. */
async function fetchHeld(deps: ItemFetchDeps, refs: ItemRef[], options: FetchOptions): Promise<FetchOutcome> {
  const host = refs[0]!.host;
  const held = deps.holds.heldError(host, deps.now());
  const outcome = held ? failedOutcome(refs.map(formatKey), held) : await fetchSource(deps, refs, options);
  await remember(deps, outcome, host);
  return outcome;
}

/** One provider call for one host's refs, with its credentials. */
async function fetchSource(deps: ItemFetchDeps, refs: ItemRef[], { hits = new Map(), upstream = false }: FetchOptions): Promise<FetchOutcome> {
  const first = refs[0]!;
  const [secrets, settings] = await Promise.all([deps.loadSecrets(), deps.loadSettings()]);
  const base = { fetch: deps.fetch, host: first.host, now: deps.now(), pacing: deps.providers.pacing };
  if (first.source === 'jira') {
    const authorization = jiraAuthorization(credentialFor(secrets, first.host));
    // An upstream item is read for its state only: its history costs a request the page does not need.
    return fetchJiraIssues(refs as JiraRef[], { ...base, blockedByLinks: settings.blockedByLinks, ...(upstream ? { withoutHistory: true } : {}), ...(authorization ? { authorization } : {}), siteFacts: deps.providers.siteFacts });
  }
  const token = own(secrets.githubTokens, first.host);
  const previous = new Map([...hits].map(([key, hit]) => [key, hit.value]));
  // An upstream item is read for its state only (none of its own relations) and is never fresh
  // enough for its own badge; a whole read (a 304 included) makes a partial copy whole.
  const outcome = await fetchGithubItems(refs as GithubRef[], { ...base, previous, ...(upstream ? { relations: false as const } : {}), ...(token ? { token } : {}), graphDependencies: deps.providers.graphDependencies });
  outcome.items = new Map([...outcome.items].map(([key, { partial: _, ...value }]) => [key, upstream ? { ...value, partial: true } : value]));
  return outcome;
}

/** Caches what came (with when each undated link, and each undated stuck state, was first seen) and notes the host's limits. */
async function remember(deps: ItemFetchDeps, outcome: FetchOutcome, host: string): Promise<void> {
  const cache = await deps.cache();
  outcome.items = await withSightings(cache, outcome.items, deps.now(), flowSettings(await deps.loadSettings()));
  const entries = [...outcome.items].map(([key, value]) => ({ key, value, ...(value.etag ? { etag: value.etag } : {}) }));
  await cache.write('item', entries, deps.now());
  deps.holds.note(host, outcome.errors.values());
}
