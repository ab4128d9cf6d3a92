/**
 * Items of the other source an item names, shown in its card when the user allows it (the host
 * page can read what FlowLens renders), each direction its own opt-in: the Jira tickets a pull
 * request names in its title or branch (`jiraOnGithub`), each asked only of the Jira site that
 * has its project (jira-projects.ts), and the pull requests that name a Jira ticket
 * (`pullsOnJira`, what Jira's development panel lists), found with one GitHub search per host
 * for an issue view. Only the user's own sites are joined (issue 13): Jira sites added on the
 * options page, GitHub hosts with a token. The cache-first paint never waits on the network:
 * what is missing is reported as a gap worth a refresh.
 */
import type { FlowError } from '../flow-error';
import { formatKey, parseKey, type GithubRef, type ItemRef } from '../item-key';
import { MENTIONS_PER_ITEM } from '../providers/github/jira-mentions';
import type { ProjectList } from '../providers/jira/projects';
import type { FetchOutcome, Fetched } from '../providers/outcome';
import type { FlowCache } from '../storage/cache';
import type { Settings } from '../storage/settings';
import { createProjectLists, siteFor } from './jira-projects';
import type { Shown } from './present-views';
import { MINUTE } from '../flow/time';

/** What cross-source lookups need from the background. */
export interface CrossSourceDeps {
  cache: () => Promise<FlowCache>;
  now: () => number;
  /** Fetches and caches items. */
  fetchItems: (refs: ItemRef[]) => Promise<FetchOutcome>;
  /** The GitHub hosts the user gave a token: github.com, or an Enterprise host in `settings`. */
  githubHosts: (settings: Settings) => Promise<string[]>;
  /** Pull requests on `host` naming each of `keys`, searched with that host's token. */
  searchPulls: (host: string, keys: string[]) => Promise<Map<string, GithubRef[]>>;
  /** The projects the user can browse on one of their Jira sites, as the site lists them. */
  readProjects: (site: string) => Promise<ProjectList | FlowError>;
}

/** Related items for a set of shown items. */
export interface Related {
  /** Related keys per shown item key. */
  keysByItem: Map<string, string[]>;
  items: Map<string, Fetched>;
  /** Shown items whose related items are not known yet. */
  gaps: string[];
}

/** Related keys per shown item, and the shown items still waiting for them. */
interface Found {
  byItem: Map<string, string[]>;
  pending: string[];
}

/** Jira items in a batch this small (an issue view) get a GitHub search. */
const SEARCH_LIMIT = 3;
/**
 * Related items shown (and so asked for) per request of a page: a list of 100 pull requests,
 * ten keys each, must not cost a thousand Jira lookups (issue 13).
 */
export const RELATED_PER_REQUEST = 50;
const NOTHING: Found = { byItem: new Map(), pending: [] };

/** The host of a key, without a Data Center context path (`jira.corp/jira/PAY-1` → `jira.corp`). */
function siteOf(key: string): string | undefined {
  return parseKey(key)?.host.split('/')[0];
}

/** `byItem` with at most `max` distinct keys in all, the first ones in page order. */
export function boundKeys(byItem: Map<string, string[]>, max: number): Map<string, string[]> {
  const kept = new Set<string>();
  const bounded = new Map<string, string[]>();
  for (const [item, keys] of byItem) {
    const mine: string[] = [];
    for (const key of keys) {
      if (!kept.has(key) && kept.size >= max) continue;
      kept.add(key);
      mine.push(key);
    }
    if (mine.length > 0) bounded.set(item, mine);
  }
  return bounded;
}

/** What one request of a page asks: its shown items, the settings, whether the network may be asked, the time-to-live. */
interface Ask {
  shown: Shown[];
  settings: Settings;
  allowFetch: boolean;
  ttl: number;
}

/** Until when each Jira key is known to name no issue, by key. */
type UnknownUntil = Map<string, number>;

/** Pull request keys found by a search for each Jira item, and until when they stand. */
type Searched = Map<string, { until: number; keys: string[] }>;

/** Creates the lookups, with their memory of unknown keys and of searches. */
export function createCrossSource(deps: CrossSourceDeps) {
  const unknownUntil: UnknownUntil = new Map();
  const searched: Searched = new Map();
  const projects = createProjectLists(deps);

  /** Related items of `shown`; fetches what is missing only when `allowFetch`. */
  async function related(shown: Shown[], settings: Settings, allowFetch: boolean): Promise<Related> {
    if (!settings.jiraOnGithub && !settings.pullsOnJira) return { keysByItem: new Map(), items: new Map(), gaps: [] };
    const ask: Ask = { shown, settings, allowFetch, ttl: settings.cacheTtlMinutes * MINUTE };
    const tickets = settings.jiraOnGithub ? await ticketKeys(deps, projects, ask) : NOTHING;
    const pulls = settings.pullsOnJira ? await pullKeys(deps, searched, ask) : NOTHING;
    const keysByItem = boundKeys(new Map([...tickets.byItem, ...pulls.byItem]), RELATED_PER_REQUEST);
    const isUnknown = (key: string) => (unknownUntil.get(key) ?? 0) > deps.now();
    const items = await relatedItems(deps, unknownUntil, [...new Set([...keysByItem.values()].flat())].filter((key) => !isUnknown(key)), ask);
    const open = (key: string) => !items.has(key) && !isUnknown(key);
    const gaps = [...new Set([...[...keysByItem].filter(([, keys]) => keys.some(open)).map(([key]) => key), ...tickets.pending, ...pulls.pending])];
    return { keysByItem, items, gaps };
  }

  return { related };
}

/**
 * Jira keys named by the pull requests of GitHub hosts with a token, each on the one Jira
 * site whose project list has its project; pending while a site's list is not known yet.
 */
async function ticketKeys(deps: CrossSourceDeps, projects: ReturnType<typeof createProjectLists>, { shown, settings, allowFetch, ttl }: Ask): Promise<Found> {
  const hosts = new Set(await deps.githubHosts(settings));
  const named = shown.flatMap(({ hit }) => {
    const { item } = hit.value;
    // A copy cached before the per-item bound may hold more: the bound holds for it too.
    const mentions = (item.mentions ?? []).slice(0, MENTIONS_PER_ITEM);
    return item.source === 'github' && hosts.has(parseKey(item.key)?.host ?? '') && mentions.length > 0 ? [[item.key, mentions] as const] : [];
  });
  if (named.length === 0 || settings.jiraSites.length === 0) return NOTHING;
  const { bySite, missing } = await projects.lists(settings.jiraSites, allowFetch, ttl);
  const byItem = new Map(named.flatMap(([key, mentions]) => {
    const keys = mentions.flatMap((issueKey) => {
      const site = siteFor(issueKey, bySite);
      return site ? [formatKey({ source: 'jira', host: site, issueKey })] : [];
    });
    return keys.length > 0 ? [[key, keys] as const] : [];
  }));
  return { byItem, pending: missing.length > 0 ? named.map(([key]) => key) : [] };
}

/**
 * Pull request keys naming the Jira items of the user's own sites (issue views only), from
 * memory or one search per GitHub host with a token.
 */
async function pullKeys(deps: CrossSourceDeps, searched: Searched, { shown, settings, allowFetch, ttl }: Ask): Promise<Found> {
  const sites = new Set(settings.jiraSites);
  const jira = shown.map(({ hit }) => hit.value.item).filter((item) => item.source === 'jira' && sites.has(siteOf(item.key) ?? ''));
  if (jira.length === 0 || jira.length > SEARCH_LIMIT) return NOTHING;
  const hosts = await deps.githubHosts(settings);
  if (hosts.length === 0) return NOTHING;
  const todo = jira.filter((item) => (searched.get(item.key)?.until ?? 0) <= deps.now());
  if (todo.length > 0 && allowFetch) {
    const issueKey = (key: string) => key.slice(key.lastIndexOf('/') + 1);
    const found = await Promise.all(hosts.map((host) => deps.searchPulls(host, todo.map((item) => issueKey(item.key)))));
    for (const item of todo) {
      const refs = found.flatMap((byKey) => byKey.get(issueKey(item.key)) ?? []);
      searched.set(item.key, { until: deps.now() + ttl, keys: refs.map(formatKey) });
    }
  }
  const byItem = new Map(jira.flatMap((item) => (searched.has(item.key) ? [[item.key, searched.get(item.key)!.keys] as const] : [])));
  return { byItem, pending: jira.filter((item) => !searched.has(item.key)).map((item) => item.key) };
}

/**
 * The `wanted` items, from the cache, and those missing or stale fetched when the request
 * allows it; a key that names no item is remembered as unknown for the time-to-live.
 */
async function relatedItems(deps: CrossSourceDeps, unknownUntil: UnknownUntil, wanted: string[], { allowFetch, ttl }: Ask): Promise<Map<string, Fetched>> {
  const hits = await (await deps.cache()).read<Fetched>('item', wanted, deps.now(), ttl);
  const items = new Map([...hits].map(([key, hit]) => [key, hit.value]));
  const missing = wanted.filter((key) => !hits.get(key)?.fresh).map(parseKey).filter((ref): ref is ItemRef => ref !== undefined);
  if (missing.length > 0 && allowFetch) {
    const outcome = await deps.fetchItems(missing);
    for (const [key, value] of outcome.items) items.set(key, value);
    for (const [key, error] of outcome.errors) if (error.code === 'not-found') unknownUntil.set(key, deps.now() + ttl);
  }
  return items;
}
