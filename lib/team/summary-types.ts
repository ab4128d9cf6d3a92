/**
 * The team summary the popup shows, computed in the background from the cache: what is blocked
 * or waiting and for how long, where the blocked time goes, how old the open work is against the
 * team's own cycle times, and which items hold up the most others.
 */
import type { Cluster } from '../flow/clusters';
import type { Level } from '../flow/rubric';
import type { FlowState, Source } from '../flow/model';
import type { SyncStatus } from './team-state';

/** One open team item, as a row of the popup. */
export interface TeamItem {
  key: string;
  source: Source;
  title: string;
  url: string;
  state: FlowState;
  /** ISO time the current state began, when known. */
  since?: string;
  /** How long the item has been open (ms). */
  ageMs: number;
  /** The cause in words, when blocked, waiting or failing. */
  cause?: string;
  cluster?: Cluster;
  /** Who should act: the assignee, else the author. */
  owner?: string;
  /** Everyone named on the item (assignee, author, reviewers), for the person filter. */
  people: string[];
  /** The first suggested move. */
  move?: { text: string; level: Level };
  /** How many open items this one holds up, directly or through others. */
  holdsUp: number;
  /** Total blocked time over the item's life (ms). */
  blockedMs: number;
}

/** Percentiles of the team's cycle time (ms), from items finished recently. */
export interface CycleTimePercentiles {
  p50: number;
  p70: number;
  p85: number;
  p95: number;
  /** How many finished items they come from. */
  sample: number;
}

/** Everything the popup renders. */
export interface TeamSummary {
  /** When it was computed (epoch ms). */
  at: number;
  items: TeamItem[];
  /** Blocked time per cluster, largest first. */
  clusters: { cluster: Cluster; blockedMs: number; items: number }[];
  /** Absent until enough items have finished to say. */
  percentiles?: CycleTimePercentiles;
  /** The longest chain of open blockers, upstream first, and how long its head has waited. */
  criticalPath: { keys: string[]; ageMs: number };
  /** Items that hold up the most others, most first. */
  topHolders: { key: string; title: string; holdsUp: number }[];
}

/** The answer to `team/summary`. */
export interface TeamSummaryAnswer {
  summary: TeamSummary;
  sync: SyncStatus;
}
