/**
 * Which pairs of sites drift is computed for (lib/flow/drift.ts), and what each item is paired
 * with. Only a pair the user joined: for a pull request, Jira tickets shown beside it
 * (`jiraOnGithub` on), and for a Jira ticket, pull requests shown beside it (`pullsOnJira` on);
 * either way only the Jira sites added in the options and the GitHub hosts with a token, as the
 * cross-source lookups (cross-source.ts). A repository's habit of naming tickets comes from the
 * team sync's pull requests (team-state.ts) and is given only where Jira is joined to its host.
 */
import { ticketNorms, type TicketNorm } from '../flow/drift';
import type { WorkItem } from '../flow/model';
import { formatKey, parseKey } from '../item-key';
import type { Fetched } from '../providers/outcome';
import type { FlowCache } from '../storage/cache';
import type { Secrets, Settings } from '../storage/settings';
import type { TeamState } from '../team/team-state';

/** The host of a key, lower case (`github.com`, `acme.atlassian.net`); undefined for a key that does not parse. */
function hostOf(key: string): string | undefined {
  return parseKey(key)?.host.toLowerCase();
}

/** The GitHub hosts the user gave a token: github.com always read, an Enterprise host only once added. */
export function hostsWithToken(settings: Settings, secrets: Secrets): string[] {
  return ['github.com', ...settings.githubHosts].filter((host) => Boolean(secrets.githubTokens[host]));
}

/** The team sync's recent pull requests, of every source, each once. */
export function teamPulls(state: TeamState): NonNullable<NonNullable<TeamState['bySource']>[string]['pulls']> {
  const byKey = new Map(Object.values(state.bySource ?? {}).flatMap((result) => result.pulls ?? []).map((pull) => [pull.key, pull]));
  return [...byKey.values()];
}

/**
 * Each team repository's habit of naming tickets, by repository key (`github:octo-org/api`), for
 * the repositories of GitHub hosts with a token, and none unless Jira tickets may be shown on
 * GitHub and a Jira site is added: a pull request naming no ticket is drift only where the user
 * joined Jira to it.
 */
export function allowedNorms(state: TeamState, settings: Settings, githubHosts: readonly string[]): Map<string, TicketNorm> {
  if (!settings.jiraOnGithub || settings.jiraSites.length === 0) return new Map();
  const hosts = new Set(githubHosts.map((host) => host.toLowerCase()));
  return new Map([...ticketNorms(teamPulls(state))].filter(([repo]) => hosts.has(hostOf(`${repo}#1`) ?? '')));
}

/** What pairing the team's items needs: the cache, the settings, the hosts with a token, the team state. */
export interface TeamPairsInput {
  cache: FlowCache;
  settings: Settings;
  githubHosts: readonly string[];
  state: TeamState;
  /** The team's open items, their links resolved. */
  items: readonly WorkItem[];
  now: number;
}

/**
 * The items of the other source each of the team's items pairs with, by key, from the cache (the
 * popup never waits on the network): the tickets a pull request names, on the user's Jira sites,
 * and the team's pull requests (open or recently finished) naming a ticket.
 */
export async function teamPairs({ cache, settings, githubHosts, state, items, now }: TeamPairsInput): Promise<Map<string, WorkItem[]>> {
  const hosts = new Set(githubHosts.map((host) => host.toLowerCase()));
  const sites = settings.jiraSites;
  const onHost = (item: WorkItem) => item.source === 'github' && hosts.has(hostOf(item.key) ?? '');
  const onSite = (item: WorkItem) => item.source === 'jira' && sites.some((site) => hostOf(item.key) === site.toLowerCase());
  const pulls = settings.jiraOnGithub && sites.length > 0 ? items.filter((item) => item.kind === 'pull' && onHost(item) && (item.mentions ?? []).length > 0) : [];
  const tickets = settings.pullsOnJira && hosts.size > 0 ? items.filter(onSite) : [];
  const ticketKeys = (pull: WorkItem) => (pull.mentions ?? []).flatMap((issueKey) => sites.map((site) => formatKey({ source: 'jira', host: site, issueKey })));
  const pullKeys = tickets.length > 0 ? teamPulls(state).map((pull) => pull.key) : [];
  const wanted = [...new Set([...pulls.flatMap(ticketKeys), ...pullKeys])];
  const hits = wanted.length > 0 ? await cache.read<Fetched>('item', wanted, now, Infinity) : new Map();
  const known = new Map([...hits].map(([key, hit]) => [key, hit.value.item as WorkItem]));
  for (const item of items) known.set(item.key, item);
  const pairs = new Map<string, WorkItem[]>();
  for (const pull of pulls) pairs.set(pull.key, ticketKeys(pull).flatMap((key) => known.get(key) ?? []));
  const teamPrs = pullKeys.flatMap((key) => known.get(key) ?? []).filter((pull) => pull.kind === 'pull' && onHost(pull));
  for (const ticket of tickets) {
    const issueKey = ticket.key.slice(ticket.key.lastIndexOf('/') + 1);
    pairs.set(ticket.key, teamPrs.filter((pull) => (pull.mentions ?? []).includes(issueKey)));
  }
  return new Map([...pairs].filter(([, others]) => others.length > 0));
}
