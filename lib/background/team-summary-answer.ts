/**
 * The `team/summary` answer: the team's open items as the last sync left them in the cache,
 * analysed once together with their cached neighbours, summed up for the popup, with the sync's
 * status. It never touches the network, so the popup paints at once.
 */
import { MINUTE } from '../flow/time';
import type { Result } from '../protocol';
import type { Fetched } from '../providers/outcome';
import type { FlowCache } from '../storage/cache';
import type { Settings } from '../storage/settings';
import { buildTeamSummary } from '../team/summary';
import type { TeamSummary, TeamSummaryAnswer } from '../team/summary-types';
import type { SyncStatus, TeamState } from '../team/team-state';
import { analyzeTogether, driftContext, neighbourKeys, type DriftContext } from './present-views';
import { allowedNorms, teamPairs } from './drift-pairs';
import { repoKeyOf } from '../flow/drift';
import type { WorkItem } from '../flow/model';

/** How long a computed summary is reused while its inputs are unchanged: ages move in minutes. */
export const SUMMARY_REUSE_MS = MINUTE;

/** What the answer reads. */
export interface TeamSummaryAnswerDeps {
  cache: () => Promise<FlowCache>;
  loadSettings: () => Promise<Settings>;
  loadTeamState: () => Promise<TeamState>;
  now: () => number;
  /** The sync's status (running in this worker, last good sync, errors, next alarm). */
  syncStatus: () => Promise<SyncStatus>;
  /** The GitHub hosts the user gave a token: only their pull requests are paired with Jira tickets. */
  githubHosts: (settings: Settings) => Promise<string[]>;
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

/** The summary itself: the cached items analysed once, together, with their drift where the user joined the pair. */
async function compute(deps: TeamSummaryAnswerDeps, settings: Settings, state: TeamState, now: number) {
  const cache = await deps.cache();
  const { teamKeys, known } = await readTeam(cache, state.openKeys, now);
  // The team's items are analysed with their drift, once its pairs are read (below), before any analysis is asked for.
  const drift = new Map<string, DriftContext>();
  const together = analyzeTogether(known, settings, now, (key) => drift.get(key));
  const items = teamKeys.map((key) => together.byKey.get(key)!);
  const joined = settings.jiraOnGithub || settings.pullsOnJira;
  const hosts = joined ? await deps.githubHosts(settings) : [];
  const pairs = joined ? await teamPairs({ cache, settings, githubHosts: hosts, state, items, now }) : new Map<string, WorkItem[]>();
  const norms = allowedNorms(state, settings, hosts);
  for (const item of items) {
    const context = driftContext(pairs.get(item.key) ?? [], norms.get(repoKeyOf(item.key) ?? ''));
    if (context) drift.set(item.key, context);
  }
  const analyses = new Map(items.map((item) => [item.key, together.analysisOf(item.key)!]));
  // The states of the items the team's items wait on, for the rows' short causes ("(done)").
  const states = new Map(items.flatMap((item) => item.upstream.flatMap((link) => {
    const state = together.analysisOf(link.key)?.state;
    return state ? [[link.key, state] as const] : [];
  })));
  const { graph, byKey, ctx } = together;
  return buildTeamSummary({ items, analyses, graph, known: byKey, cycleTimesMs: state.cycleTimesMs, ...(state.timeShares ? { timeShares: state.timeShares } : {}), members: settings.team.members, settings: ctx.settings, states, now });
}

/**
 * Returns the `team/summary` handler. The last summary is reused for SUMMARY_REUSE_MS while the
 * team state, settings and cache are unchanged, so opening the popup again answers at once; a
 * sync changes the team state and "Clear cache" the cache, so either is always summed up afresh.
 */
export function createTeamSummaryAnswer(deps: TeamSummaryAnswerDeps) {
  let last: { inputs: string; at: number; summary: TeamSummary } | undefined;
  return async function answerTeamSummary(): Promise<Result<TeamSummaryAnswer>> {
    const [settings, state, sync, cache] = await Promise.all([deps.loadSettings(), deps.loadTeamState(), deps.syncStatus(), deps.cache()]);
    const now = deps.now();
    // A cleared cache makes the last summary stale too: it names items the cache no longer holds.
    const inputs = JSON.stringify([settings, state.openKeys, state.cycleTimesMs, state.timeShares, state.lastGoodAt, cache.clears]);
    if (!last || last.inputs !== inputs || now - last.at >= SUMMARY_REUSE_MS || now < last.at) {
      // Each summary computed is named, so the popup knows a reused one from a new one (components/Popup.tsx).
      last = { inputs, at: now, summary: { ...(await compute(deps, settings, state, now)), id: crypto.randomUUID() } };
    }
    return { ok: true, data: { summary: last.summary, sync } };
  };
}
