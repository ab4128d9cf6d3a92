/**
 * Reads one page of one team source, through the same doors as a badge's fetch: the stored token
 * or Jira credential, the per-host rate-limit hold shared with the flow service, and the cache
 * (each page's items are written to it, so badges and the popup paint them at once).
 */
import type { FlowError } from '../flow-error';
import { own } from '../own';
import type { RateInfo } from '../providers/http';
import { searchGithubPage } from '../providers/github/search-items';
import { credentialFor, jiraAuthorization } from '../providers/jira/credentials';
import { searchJiraPage } from '../providers/jira/search';
import type { Fetched } from '../providers/outcome';
import type { WorldDeps } from './world';
import type { RateHolds } from './rate-holds';
import { withSightings } from './link-sightings';
import { flowSettings } from './present-views';
import type { TeamSource } from './team-sources';
import { createProviderState, type ProviderState } from '../providers/provider-state';

/** One page: its items by key, where the next starts, or why it could not be read. */
export interface SourcePage {
  items: Map<string, Fetched>;
  next?: string;
  error?: FlowError;
  rate?: RateInfo;
}

/** Reads a page of `source` from `cursor`; `known` are the keys it gave last time (their ETags help). */
export type ReadPage = (source: TeamSource, cursor: string | undefined, known: string[]) => Promise<SourcePage>;

/** What reading needs from the background. */
export interface PageReaderDeps extends WorldDeps {
  holds: RateHolds;
  /** What the providers keep between calls, shared with the flow service (a fresh one when not given). */
  providers?: ProviderState;
}

/** The page reader of the sync: held hosts are not asked, and what comes is cached. */
export function createPageReader(given: PageReaderDeps): ReadPage {
  const deps = { ...given, providers: given.providers ?? createProviderState() };
  return async (source, cursor, known) => {
    const held = deps.holds.heldError(source.host, deps.now());
    if (held) return { items: new Map(), error: held };
    const page = source.kind === 'github' ? await readGithub(deps, source, cursor, known) : await readJira(deps, source, cursor);
    if (page.error) deps.holds.note(source.host, [page.error]);
    const cache = await deps.cache();
    const items = await withSightings(cache, page.items, deps.now(), flowSettings(await deps.loadSettings()));
    const entries = [...items].map(([key, value]) => ({ key, value, ...(value.etag ? { etag: value.etag } : {}) }));
    await cache.write('item', entries, deps.now());
    return { ...page, items };
  };
}

async function readGithub(deps: PageReaderDeps & { providers: ProviderState }, source: TeamSource, cursor: string | undefined, known: string[]): Promise<SourcePage> {
  const token = own((await deps.loadSecrets()).githubTokens, source.host);
  // The cached relations of the items seen last time make their dependency requests conditional.
  const hits = await (await deps.cache()).read<Fetched>('item', known, deps.now(), Infinity);
  const previous = new Map([...hits].map(([key, hit]) => [key, hit.value]));
  const ctx = { fetch: deps.fetch, host: source.host, now: deps.now(), previous, ...(token ? { token } : {}), pacing: deps.providers.pacing, graphDependencies: deps.providers.graphDependencies };
  const page = await searchGithubPage(source.query, ctx, cursor, { dependencies: source.part === 'open' });
  return { items: page.outcome.items, rate: page.outcome.rate, ...(page.next ? { next: page.next } : {}), ...(page.error ? { error: page.error } : {}) };
}

async function readJira(deps: PageReaderDeps & { providers: ProviderState }, source: TeamSource, cursor: string | undefined): Promise<SourcePage> {
  const [secrets, settings] = await Promise.all([deps.loadSecrets(), deps.loadSettings()]);
  const authorization = jiraAuthorization(credentialFor(secrets, source.host));
  const ctx = { fetch: deps.fetch, host: source.host, now: deps.now(), blockedByLinks: settings.blockedByLinks, ...(authorization ? { authorization } : {}), pacing: deps.providers.pacing, siteFacts: deps.providers.siteFacts };
  const page = await searchJiraPage(source.query, ctx, cursor);
  return { items: page.outcome.items, rate: page.outcome.rate, ...(page.next ? { next: page.next } : {}), ...(page.error ? { error: page.error } : {}) };
}
