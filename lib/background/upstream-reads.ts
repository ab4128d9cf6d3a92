/**
 * Reading what shown items wait on off the page (upstream.ts says why): what the cache already
 * knows of those items, and the read of the rest, one batch per host, in the same refresh.
 */
import type { FlowError } from '../flow-error';
import type { WorkItem } from '../flow/model';
import type { Fetched } from '../providers/outcome';
import type { CacheHit, FlowCache } from '../storage/cache';
import type { Secrets, Settings } from '../storage/settings';
import { own } from '../own';
import type { FetchItems } from './item-fetch';
import type { Underway } from '../underway';
import { capPerHost, isLasting, unresolvedUpstream, UPSTREAM_PER_HOST, UPSTREAM_PER_HOST_WITHOUT_TOKEN } from './upstream';
import { MINUTE } from '../flow/time';

/** What the cache knows of upstream items: their items (any age), which cannot be read, which to read. */
export interface UpstreamKnown {
  unreadable: Map<string, FlowError>;
  /** Keys neither fresh in the cache nor known to be unreadable: worth reading. */
  unread: string[];
  found: Map<string, CacheHit<Fetched>>;
}

/** What looking upstream needs from the world. */
export interface UpstreamDeps {
  cache: () => Promise<FlowCache>;
  now: () => number;
  loadSettings: () => Promise<Settings>;
}

/** What reading upstream needs besides: the tokens, the fetcher, and the keys being fetched now. */
export interface UpstreamReadDeps extends UpstreamDeps {
  loadSecrets: () => Promise<Secrets>;
  fetchItems: FetchItems;
  /** Keys another refresh is fetching now, until their answer is cached. */
  reading: Underway<unknown>;
}

/** What the cache says of the upstream items of `items` that only reading them can resolve. */
export async function upstreamKnown(deps: UpstreamDeps, items: WorkItem[], read?: Map<string, CacheHit<Fetched>>): Promise<UpstreamKnown> {
  const keys = unresolvedUpstream(items);
  if (keys.length === 0) return { unreadable: new Map(), unread: [], found: new Map() };
  const ttl = (await deps.loadSettings()).cacheTtlMinutes * MINUTE;
  const cache = await deps.cache();
  // `read`: the caller already read these keys' items (with the same time-to-live).
  const [found, marked] = await Promise.all([read ?? cache.read<Fetched>('item', keys, deps.now(), ttl), cache.read<FlowError>('unreadable', keys, deps.now(), ttl)]);
  const unreadable = new Map([...marked].filter(([, hit]) => hit.fresh).map(([key, hit]) => [key, hit.value]));
  return { unreadable, found, unread: keys.filter((key) => !found.get(key)?.fresh && !unreadable.has(key)) };
}

/**
 * Reads the upstream items of `items` that no answer resolved, in one batch per host (the
 * page's budget allows one request more), and remembers those that cannot be read.
 */
export async function readUpstream(deps: UpstreamReadDeps, items: WorkItem[]): Promise<void> {
  const { unread: all, found } = await upstreamKnown(deps, items);
  // Another tab's or chunk's refresh already reads some of them: wait for that read (not for
  // its views, which may wait on ours in turn), never ask twice.
  const underway = all.filter((key) => deps.reading.has(key));
  await Promise.all(underway.map((key) => deps.reading.get(key)));
  const unread = all.filter((key) => !underway.includes(key));
  if (unread.length === 0) return;
  const tokens = (await deps.loadSecrets()).githubTokens;
  const refs = capPerHost(unread, (ref) => (ref.source === 'github' && !own(tokens, ref.host) ? UPSTREAM_PER_HOST_WITHOUT_TOKEN : UPSTREAM_PER_HOST));
  const outcome = await deps.fetchItems(refs, { hits: found, upstream: true });
  const lasting = [...outcome.errors].filter(([, error]) => isLasting(error)).map(([key, value]) => ({ key, value }));
  await (await deps.cache()).write('unreadable', lasting, deps.now());
}
