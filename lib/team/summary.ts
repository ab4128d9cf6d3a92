/**
 * The team summary from analysed items, pure: no browser, no clock (time is an argument). The
 * background computes it from the cache; the popup filters it with the same functions, so the
 * list, the cluster totals and the Markdown export always agree.
 */
import type { ItemAnalysis } from '../flow/analyze';
import { CLUSTERS } from '../flow/clusters';
import { LIFE_KINDS, type LifeKind } from '../flow/life-split';
import { isStuck, STUCK_STATES } from '../flow/flow-states';
import { skillTag } from '../flow/rubric';
import type { GraphAnalysis } from '../flow/graph';
import { inRepoRefs, repoOf, shortKey } from '../flow/item-names';
import type { FlowState, Person, WorkItem } from '../flow/model';
import { sinceBoundOf } from '../flow-view';
import { headCauseOf } from '../card-conditions';
import { driftShort, driftText } from '../flow/cause-text';
import { DRIFT_RULE } from '../flow/rules-drift';
import type { FlowSettings } from '../flow/flow-settings';
import { itemUrl } from '../safe-url';
import { blockedTimeByCluster } from '../flow/cluster-time';
import type { ClusterTotal, CycleTimePercentiles, NamedItem, OldestStuck, TeamFilters, TeamGlance, TeamItem, TeamSummary } from './summary-types';
import { parseTime } from '../flow/time';

/** The median share of each kind over finished items' lives; absent with fewer than MIN_CYCLE_SAMPLES. */
export function medianShares(shares: readonly Partial<Record<LifeKind, number>>[]): TeamSummary['timeShares'] {
  if (shares.length < MIN_CYCLE_SAMPLES) return undefined;
  const medians: Partial<Record<LifeKind, number>> = {};
  for (const kind of LIFE_KINDS) {
    const sorted = shares.map((s) => s[kind] ?? 0).sort((a, b) => a - b);
    const mid = sorted.length / 2;
    const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    if (median > 0) medians[kind] = median;
  }
  return { sample: shares.length, medians };
}

/** Fewer finished items than this say nothing about a team's cycle time: no percentiles. */
export const MIN_CYCLE_SAMPLES = 5;

/** How many holders the summary names. */
export const TOP_HOLDERS = 5;

/** What the summary is made from. */
export interface TeamSummaryInput {
  /** The team's open items, their links resolved against the cache. */
  items: readonly WorkItem[];
  /** The analysis of each of them, by key. */
  analyses: ReadonlyMap<string, ItemAnalysis>;
  /** The graph of the team's items and their cached neighbours. */
  graph: GraphAnalysis;
  /** Every item known (team items and neighbours), to name the critical path and holders. */
  known: ReadonlyMap<string, WorkItem>;
  /** Cycle times (ms) of recently finished team items. */
  cycleTimesMs: readonly number[];
  /** Where the time of those items went: each kind's share of each one's life. */
  timeShares?: readonly Partial<Record<LifeKind, number>>[];
  /** Team members (logins, names); when set, the person filter offers only them. */
  members?: readonly string[];
  /** The settings the items were analysed with, for the rows' short causes ("another team"). */
  settings?: FlowSettings;
  /** Upstream items' own states, by key, for the rows' short causes. */
  states?: ReadonlyMap<string, FlowState>;
  now: number;
}

/** The value at percentile `p` (0–100] of ascending `sorted`, by nearest rank. */
export function nearestRank(sorted: readonly number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** The 50/70/85/95th percentiles of cycle times; absent with fewer than MIN_CYCLE_SAMPLES. */
export function cyclePercentiles(cycleTimesMs: readonly number[]): CycleTimePercentiles | undefined {
  const sorted = cycleTimesMs.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length < MIN_CYCLE_SAMPLES) return undefined;
  const at = (p: number) => nearestRank(sorted, p);
  return { p50: at(50), p70: at(70), p85: at(85), p95: at(95), sample: sorted.length };
}

const isPerson = (person: Person | undefined): person is Person => person !== undefined && !person.id.startsWith('team:');

/** Everyone named on an item, people only (team reviewers are not people to filter by). */
function peopleOf(item: WorkItem): Person[] {
  return [...item.assignees, item.author, ...item.requestedReviewers].filter(isPerson);
}

/** Age of a chain of items at `now`: since its oldest item was opened (0 when none says). */
function chainAge(keys: readonly string[], known: ReadonlyMap<string, WorkItem>, now: number): number {
  const oldest = Math.min(...keys.map((key) => parseTime(known.get(key)?.createdAt)).filter(Number.isFinite));
  return Number.isFinite(oldest) ? Math.max(0, now - oldest) : 0;
}

/** The row's place in the graph: its longest chain of blockers and everything upstream of it. */
function graphPart(key: string, input: TeamSummaryInput): Pick<TeamItem, 'chain' | 'upstream'> {
  const chain = input.graph.chainFrom(key);
  const upstream = input.graph.upstreamOf(key);
  return {
    ...(chain.length > 0 ? { chain: { keys: chain, ageMs: chainAge([key, ...chain], input.known, input.now) } } : {}),
    ...(upstream.length > 0 ? { upstream } : {}),
  };
}

/** The first move as a row shows it; in its few words, its own repository's items are `#208`. */
function firstMove(key: string, analysis: ItemAnalysis): Pick<TeamItem, 'move'> {
  const move = analysis.moves[0];
  if (!move) return {};
  return { move: { text: move.text, ...(move.short ? { short: inRepoRefs(move.short, key) } : {}), level: move.level, tag: skillTag(move.skillId, move.level) } };
}

/** The row's cause, in full and in a few words (its own repository's items as `#208`), when it is stuck. */
function causePart(item: WorkItem, analysis: ItemAnalysis, input: TeamSummaryInput): Pick<TeamItem, 'cause' | 'headCause' | 'cluster'> {
  if (!isStuck(analysis.state)) return {};
  const head = headCauseOf(item, analysis, { ...(input.settings ? { settings: input.settings } : {}), states: input.states ?? new Map() });
  // "(in the team)" is what a row is by default; "(another team)" stays, it is news.
  const short = head ? inRepoRefs(head, item.key).replace(' (in the team)', '').replace('(in the team, ', '(') : undefined;
  return { cause: analysis.causeText, ...(short ? { headCause: short } : {}), cluster: analysis.cluster };
}

/** The row's drift, in a sentence and in a few words; nothing when it has none. */
function driftPart(item: WorkItem, analysis: ItemAnalysis): Pick<TeamItem, 'drift'> {
  if (analysis.drift.length === 0) return {};
  return {
    drift: analysis.drift.map((drift) => {
      const move = analysis.moves.find((m) => m.rule === DRIFT_RULE[drift.kind]);
      const moveView = move ? { move: { text: move.text, ...(move.short ? { short: inRepoRefs(move.short, item.key) } : {}), level: move.level, tag: skillTag(move.skillId, move.level) } } : {};
      return { kind: drift.kind, text: driftText(drift, shortKey), short: inRepoRefs(driftShort(drift, shortKey), item.key), ...moveView };
    }),
  };
}

/** One row of the popup. */
function teamItem(item: WorkItem, analysis: ItemAnalysis, input: TeamSummaryInput): TeamItem {
  const { graph, now } = input;
  const owner = item.assignees[0]?.name ?? item.author?.name;
  const created = parseTime(item.createdAt);
  const byCluster = Object.fromEntries(blockedTimeByCluster([analysis]).map((c) => [c.cluster, c.blockedMs]));
  const bound = analysis.since ? undefined : sinceBoundOf(item, analysis);
  return {
    key: item.key,
    source: item.source,
    title: item.title,
    // The item's own page, never a script or another site's URL from the answer (lib/safe-url.ts).
    url: itemUrl(item.key, item.url) ?? '',
    state: analysis.state,
    ...(analysis.since ? { since: analysis.since } : {}),
    ...(bound ? { bound } : {}),
    ageMs: Number.isFinite(created) ? Math.max(0, now - created) : 0,
    ...causePart(item, analysis, input),
    ...(owner ? { owner } : {}),
    people: [...new Set(peopleOf(item).map((person) => person.name))],
    ...firstMove(item.key, analysis),
    holdsUp: graph.impactCount.get(item.key) ?? 0,
    ...graphPart(item.key, input),
    ...(analysis.openBlockers.length > 0 ? { blockers: [...new Set(analysis.openBlockers.map((link) => link.key))] } : {}),
    ...driftPart(item, analysis),
    // In the card's time: working time when the user counts it so.
    blockedMs: analysis.totalBlockedWorkingMs ?? analysis.totalBlockedMs,
    blockedByCluster: byCluster,
  };
}

const sinceOf = (item: TeamItem) => (item.since ? parseTime(item.since) : NaN);

/** Stuck first, longest in that state first; then the rest, oldest first; then by key. */
export function compareItems(a: TeamItem, b: TeamItem): number {
  if (isStuck(a.state) !== isStuck(b.state)) return isStuck(a.state) ? -1 : 1;
  if (isStuck(a.state)) {
    const [sa, sb] = [sinceOf(a), sinceOf(b)];
    if (Number.isFinite(sa) !== Number.isFinite(sb)) return Number.isFinite(sa) ? -1 : 1;
    if (Number.isFinite(sa) && sa !== sb) return sa - sb;
  }
  return b.ageMs - a.ageMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Blocked time per cluster over `items`, largest first (ties in the usual cluster order). */
export function clusterTotals(items: readonly TeamItem[]): ClusterTotal[] {
  return CLUSTERS.flatMap((cluster): ClusterTotal[] => {
    const parts = items.map((item) => item.blockedByCluster[cluster] ?? 0).filter((ms) => ms > 0);
    return parts.length > 0 ? [{ cluster, blockedMs: parts.reduce((sum, ms) => sum + ms, 0), items: parts.length }] : [];
  }).sort((a, b) => b.blockedMs - a.blockedMs);
}

function named(key: string, known: ReadonlyMap<string, WorkItem>): NamedItem {
  const item = known.get(key);
  const url = itemUrl(key, item?.url);
  return { key, title: item?.title ?? shortKey(key), ...(url ? { url } : {}) };
}

/** The items holding up the most others, most first. */
function topHolders(graph: GraphAnalysis, known: ReadonlyMap<string, WorkItem>): TeamSummary['topHolders'] {
  return graph.keys
    .flatMap((key) => ((graph.impactCount.get(key) ?? 0) > 0 ? [{ key, holdsUp: graph.impactCount.get(key)! }] : []))
    .sort((a, b) => b.holdsUp - a.holdsUp || (a.key < b.key ? -1 : 1))
    .slice(0, TOP_HOLDERS)
    .map(({ key, holdsUp }) => ({ ...named(key, known), holdsUp }));
}

/** Names to filter by: members found on items when members are set, else everyone named. */
function filterPeople(items: readonly WorkItem[], members: readonly string[]): string[] {
  const wanted = new Set(members.map((m) => m.toLowerCase()));
  const isMember = (p: Person) => wanted.size === 0 || wanted.has(p.id.toLowerCase()) || wanted.has(p.name.toLowerCase());
  const names = new Set(items.flatMap((item) => peopleOf(item).filter(isMember).map((p) => p.name)));
  return [...names].sort((a, b) => a.localeCompare(b));
}

/** The team summary at `now`. Items that are no longer open are left out. */
export function buildTeamSummary(input: TeamSummaryInput): TeamSummary {
  const open = input.items.filter((item) => item.state === 'open' && input.analyses.get(item.key)?.state !== 'done');
  const items = open.map((item) => teamItem(item, input.analyses.get(item.key)!, input)).sort(compareItems);
  const percentiles = cyclePercentiles(input.cycleTimesMs);
  const timeShares = medianShares(input.timeShares ?? []);
  const path = input.graph.criticalPath;
  const names = namedInRows(items, input.known);
  return {
    at: input.now,
    items,
    people: filterPeople(open, input.members ?? []),
    clusters: clusterTotals(items),
    ...([...input.analyses.values()].some((analysis) => analysis.totalBlockedWorkingMs !== undefined) ? { blockedTime: 'working' as const } : {}),
    ...(percentiles ? { percentiles } : {}),
    ...(timeShares ? { timeShares } : {}),
    // The graph lists the waiting item first; the summary reads from the root blocker down.
    criticalPath: { steps: [...path.keys].reverse().map((key) => named(key, input.known)), ageMs: path.ageMs },
    topHolders: topHolders(input.graph, input.known),
    ...(names ? { named: names } : {}),
  };
}

/**
 * Names of the items rows' chains and upstream lists lead to that are not rows themselves (a row
 * names itself); none when there are none. The popup's kept copy carries them, so they stay few.
 */
function namedInRows(items: readonly TeamItem[], known: ReadonlyMap<string, WorkItem>): Record<string, NamedItem> | undefined {
  const rows = new Set(items.map((item) => item.key));
  const keys = new Set(items.flatMap((item) => item.upstream ?? []).filter((key) => !rows.has(key)));
  return keys.size > 0 ? Object.fromEntries([...keys].map((key) => [key, named(key, known)])) : undefined;
}

/** The items that pass every filter given. */
export function filterItems(items: readonly TeamItem[], filters: TeamFilters): TeamItem[] {
  return items.filter(
    (item) =>
      (filters.person === undefined || item.people.includes(filters.person)) &&
      (filters.source === undefined || item.source === filters.source) &&
      (filters.state === undefined || item.state === filters.state),
  );
}

/** The name a summary has for `key`: its own row's, else the one kept for chains, else the key. */
function nameIn(summary: TeamSummary, key: string): NamedItem {
  const row = summary.items.find((item) => item.key === key);
  if (row) return { key, title: row.title, ...(row.url ? { url: row.url } : {}) };
  return summary.named?.[key] ?? { key, title: shortKey(key) };
}

/** The longest chain that ends at one of `items`, root blocker first (the first such item wins a tie). */
function shownCriticalPath(summary: TeamSummary, items: readonly TeamItem[]): TeamSummary['criticalPath'] {
  const longest = items.reduce<TeamItem | undefined>((best, item) => ((item.chain?.keys.length ?? 0) > (best?.chain?.keys.length ?? 0) ? item : best), undefined);
  if (!longest?.chain) return { steps: [], ageMs: 0 };
  return { steps: [...longest.chain.keys].reverse().concat(longest.key).map((key) => nameIn(summary, key)), ageMs: longest.chain.ageMs };
}

/** The items holding up the most of `items`, most first. */
function shownHolders(summary: TeamSummary, items: readonly TeamItem[]): TeamSummary['topHolders'] {
  const counts = new Map<string, number>();
  for (const key of items.flatMap((item) => item.upstream ?? [])) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, TOP_HOLDERS)
    .map(([key, holdsUp]) => ({ ...nameIn(summary, key), holdsUp }));
}

/**
 * The summary seen through the filters: every section follows them. Its items, cluster totals,
 * critical path (the longest chain ending at a shown item) and top holders (counting only shown
 * items held up); unchanged when the filters leave every item in.
 */
export function filterSummary(summary: TeamSummary, filters: TeamFilters): TeamSummary {
  const items = filterItems(summary.items, filters);
  if (items.length === summary.items.length) return summary;
  return { ...summary, items, clusters: clusterTotals(items), criticalPath: shownCriticalPath(summary, items), topHolders: shownHolders(summary, items), filtered: true };
}

/** The items with drift, in the rows' order. */
export function driftItems(items: readonly TeamItem[]): TeamItem[] {
  return items.filter((item) => (item.drift?.length ?? 0) > 0);
}

/** What the drift section says when there is none: of every item, or of the items shown. */
export function noDrift(filtered: boolean): string {
  return filtered ? 'No item shown has drifted between Jira and GitHub.' : 'No item has drifted between Jira and GitHub.';
}

/** What the critical path says when there is none: of every item, or of the items shown. */
export function noChain(filtered: boolean): string {
  return filtered ? 'No item shown waits on another.' : 'No item waits on another.';
}

/** How many items a holder holds up: "3 items", or in a filtered summary "3 of the items shown". */
export function heldUp(n: number, filtered: boolean): string {
  return filtered ? `${n} of the items shown` : `${n} item${n === 1 ? '' : 's'}`;
}

/** The stuck item that has been in its state longest at `at`, how long, and whether that is only a lower bound. */
export function longestStuck(items: readonly TeamItem[], at: number): OldestStuck | undefined {
  let best: OldestStuck | undefined;
  for (const item of items) {
    if (!isStuck(item.state)) continue;
    const since = parseTime(item.since);
    const start = Number.isFinite(since) ? since : parseTime(item.bound?.notAfter);
    if (!Number.isFinite(start)) continue;
    const ms = Math.max(0, at - start);
    if (!best || ms > best.ms) best = { item, ms, atLeast: !Number.isFinite(since) };
  }
  return best;
}

/**
 * The popup's first look at `summary` through `filters` (`shown` is the summary filtered by them,
 * when the caller has it): the counts are of every state, as each is the state filter's toggle.
 */
export function glanceOf(summary: TeamSummary, filters: TeamFilters, shown: TeamSummary = filterSummary(summary, filters)): TeamGlance {
  const { state, ...others } = filters;
  const counted = state === undefined ? shown.items : filterItems(summary.items, others);
  const counts: TeamGlance['counts'] = {};
  for (const s of STUCK_STATES) counts[s] = 0;
  for (const item of counted) if (isStuck(item.state)) counts[item.state] = (counts[item.state] ?? 0) + 1;
  const stuck = shown.items.filter((item) => isStuck(item.state));
  const oldest = longestStuck(stuck, summary.at);
  return {
    at: summary.at, counts, open: shown.items.length, stuck, stuckCount: stuck.length, ...(oldest ? { oldest } : {}),
    oneRepo: new Set(summary.items.flatMap((item) => repoOf(item.key) ?? [])).size <= 1, people: summary.people,
  };
}

/** The highest cycle-time percentile an age has reached (e.g. `85`), or undefined below the 50th. */
export function percentileReached(ageMs: number, percentiles: CycleTimePercentiles): 50 | 70 | 85 | 95 | undefined {
  if (ageMs >= percentiles.p95) return 95;
  if (ageMs >= percentiles.p85) return 85;
  if (ageMs >= percentiles.p70) return 70;
  if (ageMs >= percentiles.p50) return 50;
  return undefined;
}
