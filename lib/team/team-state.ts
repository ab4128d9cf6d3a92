/**
 * What the background sync knows about the team, kept in `storage.local` so it outlives the
 * service worker: the keys of the team's open items (their data is in the IndexedDB cache), the
 * cycle times of recently finished items (for the aging chart's percentiles) and where their
 * time went (each kind's share of their lives), when the last good
 * sync ended and the last error. A sync in progress also keeps its run here, page by page, so a
 * sync cut short by the worker stopping resumes where it was instead of starting over.
 */
import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import { LIFE_KINDS } from '../flow/life-split';
import { PACE_MAX_PER_KIND } from '../flow/pace';

const epochMs = v.pipe(v.number(), v.integer(), v.minValue(0));
const key = v.pipe(v.string(), v.minLength(1), v.maxLength(400));
/** A source's failure; `setup` when it is fixed in FlowLens's settings (lib/flow-view.ts, isSetupError). */
const problem = v.object({ message: v.string(), at: epochMs, source: v.optional(v.string()), setup: v.optional(v.literal(true)) });

/** One team source being read: its id (see `sourceId`) and where the next page starts. */
const cursor = v.object({ source: v.string(), next: v.optional(v.string()), done: v.boolean() });

/**
 * What one source gave: the open items' keys, the cycle times of its finished items, and (while
 * a run reads it) how many pages so far. Kept per source so that a source that fails keeps what
 * it gave last time while the others are replaced.
 */
/** One finished item's life, as each kind's share of it (0-1; lib/flow/life-split.ts). */
const shares = v.record(v.picklist(LIFE_KINDS), v.pipe(v.number(), v.minValue(0), v.maxValue(1)));
const shareList = v.fallback(v.optional(v.array(shares)), undefined);
/**
 * Finished items' stretches of each kind (ms, newest items first; lib/flow/pace.ts), the
 * yardstick of an open item's pace. Stretches that do not validate are dropped, and with them
 * only the pace.
 */
const stretchList = v.pipe(v.array(v.pipe(v.number(), v.minValue(0))), v.maxLength(PACE_MAX_PER_KIND));
const stretches = v.fallback(v.optional(v.record(v.picklist(LIFE_KINDS), stretchList)), undefined);

/**
 * The source's most recent pull requests, open or finished: when each was opened and whether it
 * named a Jira ticket, for its repository's habit (lib/flow/drift.ts, `ticketNorms`).
 */
const pullList = v.fallback(v.optional(v.array(v.object({ key, at: epochMs, named: v.boolean() }))), undefined);

const sourceResult = v.object({
  keys: v.array(key),
  pulls: pullList,
  cycleTimesMs: v.array(v.pipe(v.number(), v.minValue(0))),
  /** Where each finished item's time went, beside its cycle time. */
  timeShares: shareList,
  /** The stretches of its finished items, by kind. */
  stretchesMs: stretches,
  pages: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});
const bySource = v.fallback(v.optional(v.record(v.string(), sourceResult)), undefined);

/** Schema of the team state; what does not validate falls back to "nothing synced yet". */
export const teamStateSchema = v.object({
  /** Keys of the team's open items, as the last complete sync found them. */
  openKeys: v.fallback(v.array(key), []),
  /** Cycle times (ms, created → done) of the team's items finished in the last 90 days. */
  cycleTimesMs: v.fallback(v.array(v.pipe(v.number(), v.minValue(0))), []),
  /** Where the time of each of those items went: each kind's share of its life. */
  timeShares: shareList,
  /** The stretches of those items' lives, by kind, for the cards' pace. */
  stretchesMs: stretches,
  /** End of the last sync that read every source. */
  lastGoodAt: v.fallback(v.optional(epochMs), undefined),
  /** The last failure, per source when one source failed. */
  lastErrors: v.fallback(v.array(problem), []),
  /** What each source gave at its last good read, by source id (`openKeys` is their union). */
  bySource,
  /** The sync in progress, if any: what it has read so far, and where each source stands. */
  run: v.fallback(
    v.optional(
      v.object({
        startedAt: epochMs,
        cursors: v.array(cursor),
        openKeys: v.array(key),
        cycleTimesMs: v.array(v.number()),
        /** What each source gave so far in this run. */
        bySource,
        /** What went wrong so far in this run (it becomes `lastErrors` when the run ends). */
        errors: v.fallback(v.optional(v.array(problem)), undefined),
        /**
         * When each page of the last minute was asked (the sync's pace, lib/background/team-sync.ts):
         * kept with the run so a worker started again does not ask more than the pace allows.
         */
        pageTimes: v.fallback(v.optional(v.array(epochMs)), undefined),
        /** Before this, the run waits for its pace: the next slice is due then (an alarm wakes the worker). */
        resumeAt: v.fallback(v.optional(epochMs), undefined),
      }),
    ),
    undefined,
  ),
});

/** What the sync keeps. */
export type TeamState = v.InferOutput<typeof teamStateSchema>;

/** Nothing synced yet. */
export const EMPTY_TEAM_STATE: TeamState = { openKeys: [], cycleTimesMs: [], lastErrors: [] };

/** Validates a stored value into the team state. */
export function sanitizeTeamState(input: unknown): TeamState {
  return v.parse(teamStateSchema, typeof input === 'object' && input !== null ? input : {});
}

/** The team state, local to this browser (it is derived data, not a preference). */
export const teamStateItem = storage.defineItem<TeamState>('local:teamState', {
  fallback: EMPTY_TEAM_STATE,
  version: 1,
  migrations: {},
});

/** The team state as stored, validated. */
export async function loadTeamState(): Promise<TeamState> {
  return sanitizeTeamState(await teamStateItem.getValue());
}

/** What the popup and options page are told about the sync. */
export interface SyncStatus {
  /** False while no team source is configured: the sync is paused. */
  configured: boolean;
  running: boolean;
  lastGoodAt?: number;
  nextAt?: number;
  /** `setup` marks a problem fixed in FlowLens's settings (a refused token, a query the site refused). */
  lastErrors: { message: string; at: number; source?: string; setup?: true }[];
  /** Progress of the running sync: sources read of all. */
  progress?: { done: number; total: number };
}

/** Whether any team source is configured (the sync pauses while none is). */
export function hasTeamSources(team: { githubRepos: unknown[]; githubQueries: unknown[]; jiraQueries: unknown[] }): boolean {
  return team.githubRepos.length + team.githubQueries.length + team.jiraQueries.length > 0;
}

/** The sync's status from what it keeps, for the popup and options page. */
export function syncStatusOf(state: TeamState, configured: boolean, nextAt?: number): SyncStatus {
  const run = state.run;
  return {
    configured,
    running: run !== undefined,
    lastErrors: state.lastErrors,
    ...(state.lastGoodAt !== undefined ? { lastGoodAt: state.lastGoodAt } : {}),
    ...(nextAt !== undefined ? { nextAt } : {}),
    ...(run ? { progress: { done: run.cursors.filter((c) => c.done).length, total: run.cursors.length } } : {}),
  };
}
