/**
 * analyzeItem: everything FlowLens says about one item at one time — state and since when,
 * blocked intervals and totals, open blockers, cluster, the cause in words and the moves.
 */
import { clusterOf, flakyChecks, type Cluster } from './clusters';
import type { Cause } from './conditions';
import { currentState } from './current-state';
import type { FlowSettings } from './flow-settings';
import type { GraphAnalysis } from './graph';
import { replay, type FlowInterval } from './intervals';
import type { FlowState, ItemLink, WorkItem } from './model';
import { DEFAULT_RULES, suggestMoves, type Move, type Rule } from './rules';

/** What analysis needs besides the item and the time. */
export interface AnalysisContext {
  settings: FlowSettings;
  /** Rules to apply (default: DEFAULT_RULES); custom moves are appended by the caller. */
  rules?: readonly Rule[];
  disabledRules?: ReadonlySet<string>;
  /** The graph of the items around this one, for chains and impact. */
  graph?: GraphAnalysis;
  /** Titles of other items by key, to name them in sentences. */
  titles?: ReadonlyMap<string, string>;
}

/** Everything FlowLens says about an item. */
export interface ItemAnalysis {
  key: string;
  state: FlowState;
  /** ISO time the current state began; absent when unknown. */
  since?: string;
  causes: Cause[];
  causeText: string;
  cluster: Cluster;
  /** Every interval, with the cluster of its causes. */
  intervals: (FlowInterval & { cluster: Cluster })[];
  totalBlockedMs: number;
  totalBlockedWorkingMs: number;
  totalWaitingMs: number;
  totalFailingMs: number;
  openBlockers: ItemLink[];
  flaky: string[];
  /** Open blockers upstream, nearest first. */
  chain: string[];
  /** Items this one holds up (at most 20 named) and how many in all. */
  impact: { count: number; keys: string[] };
  moves: Move[];
  warnings: string[];
}

const sum = (intervals: FlowInterval[], state: FlowInterval['state'], field: 'durationMs' | 'workingMs') =>
  intervals.filter((i) => i.state === state).reduce((total, i) => total + i[field], 0);

/** Analyses one item at `now` (epoch ms). Never throws on bad data: it reports warnings. */
export function analyzeItem(item: WorkItem, ctx: AnalysisContext, now: number): ItemAnalysis {
  const history = replay(item, ctx.settings, now);
  const current = currentState(item, history, ctx.settings);
  const cluster = current.state === 'flowing' || current.state === 'done' || current.state === 'unknown' ? 'unknown' : clusterOf(current.causes, item, ctx.settings);
  const describe = (key: string) => {
    const title = ctx.titles?.get(key) ?? item.upstream.find((l) => l.key === key)?.title;
    const short = key.slice(key.indexOf(':') + 1).replace(/^[^/]+\.[^/]+\//, '');
    return title ? `${short} (${title})` : short;
  };
  // Sentences name a few items; the count comes from the graph's precomputed totals.
  const impactKeys = ctx.graph?.impactOf(item.key, 20) ?? [];
  const stateAgeMs = current.since ? Math.max(0, now - Date.parse(current.since)) : undefined;
  const base = {
    key: item.key,
    state: current.state,
    ...(current.since ? { since: current.since } : {}),
    causes: current.causes,
    cluster,
    intervals: history.intervals.map((interval) => ({ ...interval, cluster: clusterOf(interval.causes, item, ctx.settings) })),
    totalBlockedMs: sum(history.intervals, 'blocked', 'durationMs'),
    totalBlockedWorkingMs: sum(history.intervals, 'blocked', 'workingMs'),
    totalWaitingMs: sum(history.intervals, 'waiting', 'durationMs'),
    totalFailingMs: sum(history.intervals, 'failing', 'durationMs'),
    openBlockers: item.upstream.filter((link) => link.kind !== 'child-of' && link.open === true),
    flaky: flakyChecks(item),
    chain: ctx.graph?.chainFrom(item.key) ?? [],
    impact: { count: ctx.graph?.impactCount.get(item.key) ?? impactKeys.length, keys: impactKeys },
    warnings: history.warnings,
  };
  const moves = suggestMoves(
    { item, current, cluster, ...(stateAgeMs !== undefined ? { stateAgeMs } : {}), totalBlockedMs: base.totalBlockedMs, flaky: base.flaky, chain: base.chain, impact: impactKeys, impactCount: base.impact.count, settings: ctx.settings, describe },
    ctx.rules ?? DEFAULT_RULES,
    ctx.disabledRules,
  );
  return { ...base, causeText: causeText(current.state, current.causes, current.since, describe), moves };
}

const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue 10 Nov", in UTC so the same data reads the same everywhere. */
export function shortDate(iso: string): string {
  const date = new Date(iso);
  return `${WEEKDAY[date.getUTCDay()]} ${date.getUTCDate()} ${MONTH[date.getUTCMonth()]}`;
}

function phrase(cause: Cause, describe: (key: string) => string): string {
  switch (cause.kind) {
    case 'flagged':
      return cause.detail ? `flagged: “${cause.detail}”` : 'flagged as an impediment';
    case 'blocked-status':
      return `in status ${cause.detail}`;
    case 'blocking-label':
      return `labelled “${cause.detail}”`;
    case 'blocked-by':
      return `blocked by ${describe(cause.link!.key)}`;
    case 'waiting-status':
      return `waiting in ${cause.detail}`;
    case 'review-pending':
      return `review from ${cause.who!.id.startsWith('team:') ? `the ${cause.who!.name} team` : `@${cause.who!.name}`}`;
    case 'review-required':
      return 'an approving review, with no reviewer asked';
    case 'changes-requested':
      return `changes requested by @${cause.who!.name}`;
    case 'checks-failing':
      return `check “${cause.detail}” failing`;
    case 'conflict':
      return 'merge conflicts';
  }
}

/** The cause in plain words, e.g. "Waiting for review from @alice since Tue 10 Nov". */
export function causeText(state: FlowState, causes: Cause[], since: string | undefined, describe: (key: string) => string): string {
  const when = since ? ` since ${shortDate(since)}` : '';
  const words = causes.map((cause) => phrase(cause, describe));
  const joined = words.length <= 2 ? words.join(' and ') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
  switch (state) {
    case 'blocked':
      return `Blocked${when}: ${joined}.`;
    case 'waiting':
      return `Waiting for ${joined.replace(/^waiting in /, '')}${when}.`;
    case 'failing':
      return `Needs the author${when}: ${joined}.`;
    case 'flowing':
      return `Moving${when}.`;
    case 'done':
      return `Done${when}.`;
    case 'unknown':
      return 'Not enough data to tell whether this item is blocked.';
  }
}
