/**
 * analyzeItem: everything FlowLens says about one item at one time — state and since when,
 * blocked intervals and totals, open blockers, cluster, the cause in words and the moves.
 */
import { replay, type BlockedInterval, type History } from './blocked-intervals';
import { causeText } from './cause-text';
import { clusterOf, flakyChecks, type Cluster } from './clusters';
import { isUnverified, linkBlocks, type Cause, type ReplayEvent } from './conditions';
import { currentState, type CurrentState } from './current-state';
import type { FlowSettings } from './flow-settings';
import { isStuck } from './flow-states';
import { noTicket, pairDrift, staleMarkers, type Drift, type TicketNorm } from './drift';
import type { GraphAnalysis } from './graph';
import { namer, shortKey } from './item-names';
import type { FlowState, ItemLink, WorkItem } from './model';
import { suggestMoves, type Move, type Rule } from './moves';
import { DEFAULT_RULES } from './rules';
import { resolutionEvent } from './life-split';
import { parseTime } from './time';

/** What analysis needs besides the item and the time. */
export interface AnalysisContext {
  settings: FlowSettings;
  /** Rules to apply (default: DEFAULT_RULES); see parseRuleSet for the user's own. */
  rules?: readonly Rule[];
  /** Ids of rules the user turned off. */
  disabledRules?: ReadonlySet<string>;
  /** The graph of the items around this one, for chains, cycles and impact. */
  graph?: GraphAnalysis;
  /** Titles of other items by key, to name them in sentences. */
  titles?: ReadonlyMap<string, string>;
  /**
   * The items of the other source this one pairs with (the Jira tickets a pull request names, the
   * pull requests naming a ticket), given only for a pair of sites the user joined: their drift.
   */
  pairs?: readonly WorkItem[];
  /** Its repository's habit of naming tickets, given only where the user joined Jira to its host. */
  ticketNorm?: TicketNorm;
}

/** What is known of a start nobody recorded: the links behind it, and the bounds that hold. */
export interface SinceUnknown {
  /** The blocking links whose creation time no source recorded; none when no event dates the state at all. */
  links: string[];
  /** The state began no earlier than this (the item's creation). */
  notBefore?: string;
  /** The state began no later than this (a recorded start of another cause, or when a link or the state was first seen). */
  notAfter?: string;
}

/** An interval with the cluster of its causes. */
export type ClusteredInterval = BlockedInterval & { cluster: Cluster };

/** Everything FlowLens says about an item. */
export interface ItemAnalysis {
  key: string;
  state: FlowState;
  /** ISO time the current state began; absent when unknown. */
  since?: string;
  /**
   * The events that began the current state, when the history dates it: what started its
   * interval or segment, or, for a done item, the merge or close at its resolution time.
   */
  sinceBy?: ReplayEvent[];
  causes: Cause[];
  causeText: string;
  cluster: Cluster;
  /** Every blocked, waiting and failing interval, oldest first, with its cluster. */
  intervals: ClusteredInterval[];
  totalBlockedMs: number;
  /** Blocked time on working days; absent when working time is turned off. */
  totalBlockedWorkingMs?: number;
  totalWaitingMs: number;
  totalFailingMs: number;
  /** Upstream items this one waits on now: open, or of a state FlowLens could not read. */
  openBlockers: ItemLink[];
  /** The open blockers whose state FlowLens could not read: they block on the link's word alone. */
  unverifiedBlockers: ItemLink[];
  /**
   * Set when the item is blocked now but no history says since when (a link whose creation no
   * source recorded): what is known of the start instead. `since` is then absent.
   */
  sinceUnknown?: SinceUnknown;
  /** Checks that failed and then passed on the same commit. */
  flaky: string[];
  /** Open blockers upstream, nearest first, along the longest chain. */
  chain: string[];
  /** The dependency cycle this item is in, when it is in one. */
  cycle?: string[];
  /** Items this one holds up: directly, in all, and the first 20 by name. */
  impact: { direct: number; count: number; keys: string[] };
  moves: Move[];
  /** Where its record and its work disagree (drift.ts): the card and the popup list each. */
  drift: Drift[];
  /** Problems with the data, in words. */
  warnings: string[];
}

const total = (intervals: BlockedInterval[], state: BlockedInterval['state'], field: 'durationMs' | 'workingMs') =>
  intervals.reduce((sum, i) => (i.state === state ? sum + (i[field] ?? 0) : sum), 0);

/** The cluster of the current state; flowing, done and unknown items have no blocker. */
function currentCluster(current: CurrentState, item: WorkItem, settings: FlowSettings): Cluster {
  return isStuck(current.state) ? clusterOf(current.causes, item, settings) : 'unknown';
}

/** Totals and intervals of the replayed history. */
function historyPart(history: History, item: WorkItem, settings: FlowSettings) {
  return {
    intervals: history.intervals.map((interval) => ({ ...interval, cluster: clusterOf(interval.causes, item, settings) })),
    totalBlockedMs: total(history.intervals, 'blocked', 'durationMs'),
    ...(settings.workingTime ? { totalBlockedWorkingMs: total(history.intervals, 'blocked', 'workingMs') } : {}),
    totalWaitingMs: total(history.intervals, 'waiting', 'durationMs'),
    totalFailingMs: total(history.intervals, 'failing', 'durationMs'),
  };
}

/** Chain, cycle and impact from the graph, when there is one. */
function graphPart(key: string, graph: GraphAnalysis | undefined) {
  // Sentences name a few items; the count comes from the graph's precomputed totals.
  const keys = graph?.impactOf(key, 20) ?? [];
  const cycle = graph?.cycleOf(key);
  return {
    chain: graph?.chainFrom(key) ?? [],
    ...(cycle ? { cycle } : {}),
    impact: { direct: graph?.downstream.get(key)?.length ?? 0, count: graph?.impactCount.get(key) ?? 0, keys },
  };
}

/** What is said of an item when the time given as "now" cannot be read: nothing but that. */
function withoutTime(item: WorkItem, now: unknown): ItemAnalysis {
  return {
    key: item.key, state: 'unknown', causes: [], causeText: causeText('unknown', [], undefined, shortKey), cluster: 'unknown',
    intervals: [], totalBlockedMs: 0, totalWaitingMs: 0, totalFailingMs: 0, openBlockers: [], unverifiedBlockers: [], flaky: [], chain: [],
    impact: { direct: 0, count: 0, keys: [] }, moves: [], drift: [], warnings: [`The current time ${JSON.stringify(now)} is unreadable: nothing was analysed.`],
  };
}

/** Blocking links of the current causes whose creation no source recorded (no time, no event). */
function untimedLinks(causes: Cause[], item: WorkItem): ItemLink[] {
  const recorded = new Set(item.timeline.flatMap((e) => (e.type === 'link-added' ? [e.link.key] : [])));
  return causes.flatMap((cause) => (cause.kind === 'blocked-by' && cause.link && cause.link.at === undefined && !recorded.has(cause.link.key) ? [cause.link] : []));
}

/** The earliest of some ISO times, or undefined. */
function earliest(times: (string | undefined)[]): string | undefined {
  const known = times.map(parseTime).filter(Number.isFinite);
  return known.length > 0 ? new Date(Math.min(...known)).toISOString() : undefined;
}

/**
 * The state now; when it is blocked by a link whose creation nobody recorded, its start is not
 * known (a recorded start of another cause is only the latest it can be), and no `since` is given.
 */
function withKnownStart(item: WorkItem, current: CurrentState): { current: CurrentState; sinceUnknown?: SinceUnknown } {
  const untimed = current.state === 'blocked' ? untimedLinks(current.causes, item) : [];
  if (untimed.length === 0) return seenStart(item, current);
  const { since, ...rest } = current;
  const notAfter = earliest([since, ...untimed.map((link) => link.seenAt)]);
  const notBefore = Number.isFinite(parseTime(item.createdAt)) ? new Date(parseTime(item.createdAt)).toISOString() : undefined;
  return { current: rest, sinceUnknown: { links: untimed.map((link) => link.key), ...(notBefore ? { notBefore } : {}), ...(notAfter ? { notAfter } : {}) } };
}

/**
 * A stuck state no event dates (no `since`): when FlowLens first saw the item so, its start was
 * no later than that and no earlier than the item's opening. Nothing when it was not seen so.
 */
function seenStart(item: WorkItem, current: CurrentState): { current: CurrentState; sinceUnknown?: SinceUnknown } {
  const seen = item.stateSeen;
  if (current.since !== undefined || !isStuck(current.state) || seen?.state !== current.state || !Number.isFinite(parseTime(seen.at))) return { current };
  const notBefore = Number.isFinite(parseTime(item.createdAt)) ? new Date(parseTime(item.createdAt)).toISOString() : undefined;
  return { current, sinceUnknown: { links: [], ...(notBefore ? { notBefore } : {}), notAfter: new Date(parseTime(seen.at)).toISOString() } };
}

/** The events that began the current state at `since` (sinceBy), or none when no event is dated then. */
function sinceEvents(item: WorkItem, history: History, state: FlowState, since: number): ReplayEvent[] | undefined {
  if (!Number.isFinite(since)) return undefined;
  if (state === 'done') {
    const ended = resolutionEvent(item);
    return ended ? [ended] : undefined;
  }
  const segment = history.segments.find((s) => s.start === since && s.state === state);
  return segment?.startedBy && segment.startedBy.length > 0 ? segment.startedBy : undefined;
}

/** Analyses one item at `at` (epoch ms, or ISO with a zone). Never throws on bad data: it reports warnings. */
export function analyzeItem(item: WorkItem, ctx: AnalysisContext, at: number | string): ItemAnalysis {
  // A number is FlowLens's own clock, in ms: parseTime's rule for sources' epoch seconds is not for it.
  const now = typeof at === 'number' ? at : parseTime(at);
  if (!Number.isFinite(now)) return withoutTime(item, at);
  const history = replay(item, ctx.settings, now);
  const { current, sinceUnknown } = withKnownStart(item, currentState(item, history, ctx.settings));
  const describe = namer(item, ctx.titles);
  const since = current.since === undefined ? NaN : parseTime(current.since);
  const sinceBy = sinceEvents(item, history, current.state, since);
  const base = {
    key: item.key,
    state: current.state,
    ...(current.since ? { since: current.since } : {}),
    ...(sinceBy ? { sinceBy } : {}),
    causes: current.causes,
    causeText: causeText(current.state, current.causes, current.since, describe),
    cluster: currentCluster(current, item, ctx.settings),
    ...historyPart(history, item, ctx.settings),
    openBlockers: item.upstream.filter((link) => linkBlocks(link, ctx.settings)),
    unverifiedBlockers: item.upstream.filter((link) => linkBlocks(link, ctx.settings) && isUnverified(link)),
    ...(sinceUnknown ? { sinceUnknown } : {}),
    flaky: flakyChecks(item),
    ...graphPart(item.key, ctx.graph),
    drift: [...pairDrift(item, ctx.pairs ?? [], now), ...staleMarkers(item, current, ctx.settings), ...noTicket(item, ctx.ticketNorm)],
    warnings: history.warnings,
  };
  const ruleContext = { item, current, ...base, ...(Number.isFinite(since) ? { stateAgeMs: Math.max(0, now - since) } : {}), settings: ctx.settings, describe };
  return { ...base, moves: suggestMoves(ruleContext, ctx.rules ?? DEFAULT_RULES, ctx.disabledRules) };
}
