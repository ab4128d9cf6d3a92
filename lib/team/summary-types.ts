/**
 * The team summary the popup shows, computed in the background from the cache: what is blocked
 * or waiting and for how long, where the blocked time goes, how old the open work is against the
 * team's own cycle times, and which items hold up the most others.
 */
import type { Cluster } from '../flow/clusters';
import type { Drift } from '../flow/drift';
import type { Level } from '../flow/rubric';
import type { LifeKind } from '../flow/life-split';
import type { FlowState, Source } from '../flow/model';
import type { SyncStatus } from './team-state';
import type { SinceBound } from '../flow-view';

/** The kinds of drift (lib/flow/drift.ts). */
export type DriftKind = Drift['kind'];

/** One open team item, as a row of the popup. */
export interface TeamItem {
  key: string;
  source: Source;
  title: string;
  url: string;
  state: FlowState;
  /** ISO time the current state began, when known. */
  since?: string;
  /** Blocked with no recorded start: the lower bound its row shows ("≥ 3 d") and why. */
  bound?: SinceBound;
  /** How long the item has been open (ms). */
  ageMs: number;
  /** The cause in words, when blocked, waiting or failing. */
  cause?: string;
  /** The cause in a few words, as the card's head says it: "waits on octo-org/web#14 (another team)". */
  headCause?: string;
  cluster?: Cluster;
  /** Who should act: the assignee, else the author. */
  owner?: string;
  /** Everyone named on the item (assignee, author, reviewers), for the person filter. */
  people: string[];
  /** The first suggested move; `short` is it in a few words, for a one-line row (absent for a user's own rule). */
  move?: { text: string; short?: string; level: Level; tag?: string };
  /** How many open items this one holds up, directly or through others. */
  holdsUp: number;
  /**
   * The longest chain of open blockers upstream of it, nearest first, and the age of the chain
   * with this item (since its oldest item was opened): the filtered popup's critical path. Absent
   * when it waits on no open item.
   */
  chain?: { keys: string[]; ageMs: number };
  /** Every open item upstream of it, directly or through others: who holds up the filtered items. */
  upstream?: string[];
  /** The items it waits on itself now (open, or of a state FlowLens could not read), as the badge counts them; absent when none. */
  blockers?: string[];
  /**
   * Where its record and its work disagree (lib/flow/drift.ts), each in a sentence and in a few
   * words (its own repository's items as `#12`), with the move that puts it right (absent when the
   * user turned its rule off): the popup's drift section and the export list them.
   */
  drift?: { kind: DriftKind; text: string; short: string; move?: { text: string; short?: string; level: Level; tag: string } }[];
  /** Total blocked time over the item's life (ms), in the summary's `blockedTime`. */
  blockedMs: number;
  /** That blocked time by cluster (ms), so cluster totals can follow the popup's filters. */
  blockedByCluster: Partial<Record<Cluster, number>>;
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

/** Blocked time of one cluster over a set of items. */
export interface ClusterTotal {
  cluster: Cluster;
  blockedMs: number;
  /** How many items spent time blocked in it. */
  items: number;
}

/** An item named in the critical path or among the top holders (it may be another team's). */
export interface NamedItem {
  key: string;
  title: string;
  url?: string;
}

/** Everything the popup renders. */
export interface TeamSummary {
  /** When it was computed (epoch ms); ages and durations are measured to it. */
  at: number;
  /**
   * Names the summary: the background reuses a summary while nothing changed (SUMMARY_REUSE_MS)
   * and gives each one it computes a new name, so two summaries of one name are the same.
   */
  id?: string;
  /**
   * The team's open items: blocked, waiting and failing first, longest in that state first
   * (oldest `since`; unknown `since` after known), then the others, oldest first.
   */
  items: TeamItem[];
  /** People to filter by: team members named on items when members are set, else everyone named. */
  people: string[];
  /** Blocked time per cluster over the open items, largest first. */
  clusters: ClusterTotal[];
  /**
   * `working` when blocked time (the clusters', each item's) counts only the user's working
   * days, as the cards' does with the working-time setting on; absent for calendar time.
   */
  blockedTime?: 'working';
  /** Absent until enough items have finished to say. */
  percentiles?: CycleTimePercentiles;
  /**
   * Where the time of recently finished items went: for each kind, the median share of an
   * item's life it took (items without it count as 0), and how many items that is over. Absent
   * until enough items have finished to say.
   */
  timeShares?: { sample: number; medians: Partial<Record<LifeKind, number>> };
  /**
   * The longest chain of open blockers, the root blocker first and the item that waits on the
   * whole chain last, and its age (since its oldest item was opened). Empty when no item waits
   * on another. Filtered, it is the longest chain that ends at a shown item.
   */
  criticalPath: { steps: NamedItem[]; ageMs: number };
  /**
   * Items that hold up the most others, most first: team-wide, like the critical path, or, in a
   * filtered summary, counting only the items shown.
   */
  topHolders: (NamedItem & { holdsUp: number })[];
  /** Names of the items in rows' chains and upstream lists that are not rows, by key, so a filtered summary can name them. */
  named?: Record<string, NamedItem>;
  /** Set by `filterSummary` when the filters leave items out: the graph parts are the shown items'. */
  filtered?: true;
}

/** The popup's filters; an absent field does not filter. */
export interface TeamFilters {
  person?: string;
  source?: Source;
  state?: FlowState;
}

/** The stuck item that has been in its state longest, how long, and whether that is only a lower bound. */
export interface OldestStuck {
  item: TeamItem;
  ms: number;
  atLeast: boolean;
}

/**
 * The popup's first look at a summary seen through its filters: the counts, the oldest, and the
 * stuck rows (components/popup/TeamView.tsx). The popup works it out from the summary; the kept
 * copy's head holds the unfiltered one with only the first frame's rows (lib/team/first-paint.ts).
 */
export interface TeamGlance {
  /** When the summary was computed (epoch ms). */
  at: number;
  /** Items of each stuck state, whatever the state filter: each count is that filter's toggle. */
  counts: Partial<Record<FlowState, number>>;
  /** Open items shown. */
  open: number;
  /** The stuck items shown, longest stuck first: all of them, or in the head only the first frame's. */
  stuck: TeamItem[];
  /** How many stuck items are shown, however many `stuck` holds. */
  stuckCount: number;
  oldest?: OldestStuck;
  /** Whether the team's items are of one repository (keys then read `#7`), whatever the filters. */
  oneRepo: boolean;
  /** People to filter by. */
  people: string[];
}

/** The answer to `team/summary`. */
export interface TeamSummaryAnswer {
  summary: TeamSummary;
  sync: SyncStatus;
}
