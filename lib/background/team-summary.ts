/**
 * The `team/summary` answer: the team's open items as the last sync left them in the cache,
 * analysed once together with their cached neighbours, summed up for the popup, with the sync's
 * status. It never touches the network, so the popup paints at once.
 */
import type { Result } from '../messaging';
import type { Fetched } from '../providers/outcome';
import type { FlowCache } from '../storage/cache';
import type { Settings } from '../storage/settings';
import { buildTeamSummary } from '../team/summary';
import type { TeamSummaryAnswer } from '../team/summary-types';
import { hasTeamSources, syncStatusOf, type TeamState } from '../team/team-state';
import { analyzeTogether, neighbourKeys } from './present-views';

/** The alarm the background sync is scheduled by. */
export const TEAM_SYNC_ALARM = 'flowlens-team-sync';

/** What the summary reads. */
export interface TeamSummaryDeps {
  cache: () => Promise<FlowCache>;
  loadSettings: () => Promise<Settings>;
  loadTeamState: () => Promise<TeamState>;
  now: () => number;
  /** When the next scheduled sync runs, when one is scheduled. */
  nextSyncAt: () => Promise<number | undefined>;
}

/** The team's cached items and their cached neighbours, by key. */
async function readTeam(cache: FlowCache, openKeys: string[], now: number) {
  // Any cached value serves, fresh or stale: the sync keeps them current, the popup paints at once.
  const hits = await cache.read<Fetched>('item', openKeys, now, Infinity);
  const shown = [...hits.values()].map((hit) => ({ hit }));
  const neighbours = await cache.read<Fetched>('item', neighbourKeys(shown), now, Infinity);
  const known = new Map([...neighbours].map(([key, hit]) => [key, hit.value.item]));
  for (const hit of hits.values()) known.set(hit.value.item.key, hit.value.item);
  return { teamKeys: [...hits.values()].map((hit) => hit.value.item.key), known };
}

/** Returns the `team/summary` handler. */
export function createTeamSummary(deps: TeamSummaryDeps) {
  return async function teamSummary(): Promise<Result<TeamSummaryAnswer>> {
    const [settings, state, cache, nextAt] = await Promise.all([deps.loadSettings(), deps.loadTeamState(), deps.cache(), deps.nextSyncAt().catch(() => undefined)]);
    const now = deps.now();
    const { teamKeys, known } = await readTeam(cache, state.openKeys, now);
    const together = analyzeTogether(known, settings, now);
    const items = teamKeys.map((key) => together.byKey.get(key)!);
    const analyses = new Map(teamKeys.map((key) => [key, together.analysisOf(key)!]));
    const summary = buildTeamSummary({ items, analyses, graph: together.graph, known: together.byKey, cycleTimesMs: state.cycleTimesMs, members: settings.team.members, now });
    return { ok: true, data: { summary, sync: syncStatusOf(state, hasTeamSources(settings.team), nextAt) } };
  };
}
