/**
 * From cached items to badge views: each item is analysed with the items around it (those asked
 * for together and the upstream items already in the cache), so links know whether their
 * blocker is still open, chains and impact come from one graph, and the card can show each
 * upstream item's own state.
 */
import { analyzeItem, type AnalysisContext, type ItemAnalysis } from '../flow/analyze';
import { defaultFlowSettings, parseFlowSettings, type FlowSettings } from '../flow/flow-settings';
import { analyzeGraph, type GraphAnalysis } from '../flow/graph';
import { repoKeyOf, type TicketNorm } from '../flow/drift';
import { parseRuleSet, type RuleSet } from '../flow/rule-set';
import type { FlowState, ItemLink, WorkItem } from '../flow/model';
import type { FlowError } from '../flow-error';
import { parseKey } from '../item-key';
import { toFlowView, viewError, type FlowView } from '../flow-view';
import { itemUrl } from '../safe-url';
import type { PaceSample } from '../flow/pace';
import type { Fetched } from '../providers/outcome';
import type { CacheHit } from '../storage/cache';
import type { Settings } from '../storage/settings';

/** A cached item to show, with the error of a failed refresh when there was one. */
export interface Shown {
  hit: CacheHit<Fetched>;
  error?: FlowError;
}

const flowSettingsOf = new WeakMap<Settings, FlowSettings>();
const ruleSetOf = new WeakMap<Settings, RuleSet>();

/** The rules the user kept on, with their own moves (built once per settings object). */
export function ruleSet(settings: Settings): RuleSet {
  let found = ruleSetOf.get(settings);
  if (!found) {
    found = parseRuleSet(settings.rules);
    ruleSetOf.set(settings, found);
  }
  return found;
}

/** The flow core's settings from the user's settings (built once per settings object). */
export function flowSettings(settings: Settings): FlowSettings {
  let found = flowSettingsOf.get(settings);
  if (!found) {
    found = parseFlowSettings({
      blockedStatuses: settings.blockedStatuses,
      blockingLabels: settings.blockingLabels,
      // The provider already reads Jira links by these names; the flow core matches them too.
      blockedByLinks: [...new Set([...defaultFlowSettings.blockedByLinks, ...settings.blockedByLinks])],
      workingDays: settings.workingDays,
      nonWorkingDates: settings.nonWorkingDates,
      teamContainers: settings.team.containers,
    });
    flowSettingsOf.set(settings, found);
  }
  return found;
}

/**
 * Links marked open or closed from what the cache knows of their targets, with the time a
 * closed target was resolved, so its blocked interval ends then rather than never.
 */
function withKnownLinks(item: WorkItem, known: ReadonlyMap<string, WorkItem>): WorkItem {
  const resolve = <T extends ItemLink>(link: T): T => {
    const target = known.get(link.key);
    if (!target) return link;
    const resolvedAt = target.state !== 'open' ? target.resolvedAt : undefined;
    return { ...link, open: target.state === 'open', title: link.title ?? target.title, ...(resolvedAt ? { resolvedAt } : {}) };
  };
  return { ...item, upstream: item.upstream.map(resolve), downstream: item.downstream.map(resolve) };
}

/** Known items analysed together: links resolved against each other, one graph, each item analysed once, on demand. */
export interface AnalysedTogether {
  /** The items with their links resolved. */
  byKey: ReadonlyMap<string, WorkItem>;
  graph: GraphAnalysis;
  ctx: AnalysisContext;
  /** The analysis of a known item (computed on first ask); undefined for unknown keys. */
  analysisOf(key: string): ItemAnalysis | undefined;
}

/** What an item's drift is read against (lib/flow/drift.ts): the items it pairs with, its repository's habit. */
export type DriftContext = Pick<AnalysisContext, 'pairs' | 'ticketNorm'>;

/** The drift context of an item with these pairs and this habit; none when it has neither. */
export function driftContext(pairs: readonly WorkItem[], norm: TicketNorm | undefined): DriftContext | undefined {
  if (pairs.length === 0 && norm === undefined) return undefined;
  return { pairs, ...(norm ? { ticketNorm: norm } : {}) };
}

/**
 * Analyses `known` items together at `now`, with the user's settings and rules; an item
 * `driftOf` gives a context to is analysed with its drift, so its moves say what to put right.
 * Each is analysed once, when first asked for: `driftOf` is read then, not now.
 */
export function analyzeTogether(known: ReadonlyMap<string, WorkItem>, settings: Settings, now: number, driftOf?: (key: string) => DriftContext | undefined): AnalysedTogether {
  const items = [...known.values()].map((item) => withKnownLinks(item, known));
  const byKey = new Map(items.map((item) => [item.key, item]));
  const graph = analyzeGraph(items, now);
  const rules = ruleSet(settings);
  const ctx = { settings: flowSettings(settings), graph, titles: new Map(items.map((item) => [item.key, item.title])), rules: rules.rules, disabledRules: rules.disabled };
  // Each known item is analysed once, whether shown or only named as another's blocker.
  const analyses = new Map<string, ItemAnalysis>();
  const analysisOf = (key: string) => {
    if (!analyses.has(key) && byKey.has(key)) {
      const drift = driftOf?.(key);
      analyses.set(key, analyzeItem(byKey.get(key)!, drift ? { ...ctx, ...drift } : ctx, now));
    }
    return analyses.get(key);
  };
  return { byKey, graph, ctx, analysisOf };
}

/**
 * The source and host an item key is on (`github:github.com`, `jira:jira.corp.example/jira`):
 * the site whose pages may show the item. Undefined for a key that does not parse.
 */
function originOf(key: string): string | undefined {
  const ref = parseKey(key);
  return ref ? `${ref.source}:${ref.host.toLowerCase()}` : undefined;
}

/** `item` with only the links to items of `origin`: a link to another host's item is no item of this page. */
function onOrigin(item: WorkItem, origin: string | undefined): WorkItem {
  const here = (link: ItemLink) => origin !== undefined && originOf(link.key) === origin;
  if (item.upstream.every(here) && item.downstream.every(here)) return item;
  return { ...item, upstream: item.upstream.filter(here), downstream: item.downstream.filter(here) };
}

/** `shown` by the origin of each item. */
function byOrigin(shown: Shown[]): Map<string | undefined, Shown[]> {
  const groups = new Map<string | undefined, Shown[]>();
  for (const entry of shown) {
    const origin = originOf(entry.hit.value.item.key);
    const group = groups.get(origin);
    if (group) group.push(entry);
    else groups.set(origin, [entry]);
  }
  return groups;
}

/** The items of the other source each shown item names, and those items by key. */
export interface RelatedItems {
  keysByItem: ReadonlyMap<string, string[]>;
  items: ReadonlyMap<string, Fetched>;
}

/** What views are made with, besides the items shown. */
export interface PresentOptions {
  /** Other cached items: the items around the shown ones. */
  neighbours: ReadonlyMap<string, Fetched>;
  settings: Settings;
  now: number;
  /** The items of the other source each one names (shown only when allowed). */
  related?: RelatedItems;
  /** Why an upstream item could not be read, by key. */
  unreadable?: ReadonlyMap<string, string>;
  /** The team's yardstick for each item's pace, when the team sync has kept one. */
  pace?: PaceSample;
  /**
   * Team repositories' habit of naming Jira tickets, by repository key (drift-pairs.ts,
   * `allowedNorms`): given only where the user joined Jira to the repository's host.
   */
  ticketNorms?: ReadonlyMap<string, TicketNorm>;
}

/** What one view is made with, once its origin's items are analysed together. */
type ViewOptions = Required<Omit<PresentOptions, 'neighbours' | 'pace' | 'ticketNorms'>> & Pick<PresentOptions, 'pace'>;

/**
 * Views of `shown`, analysed together with `neighbours` (other cached items) at `now`;
 * `related` holds the items of the other source each one names (shown only when allowed), and
 * `unreadable` why an upstream item could not be read, by key.
 *
 * A view is rendered into its item's own site, whose scripts can read it: so each item is
 * analysed only with the cached items of its own source and host, and its links to any other
 * are left out. No answer can then put another host's titles, states or URLs into its label,
 * cause or card, whatever keys it names; `related` is the one way in, for the user's cross-source choice.
 */
export function presentViews(shown: Shown[], { neighbours, settings, now, related = { keysByItem: new Map(), items: new Map() }, unreadable = new Map(), ticketNorms = new Map(), pace }: PresentOptions): FlowView[] {
  const views = new Map<Shown, FlowView>();
  for (const [origin, group] of byOrigin(shown)) {
    const known = new Map<string, WorkItem>();
    for (const [key, value] of neighbours) if (origin !== undefined && originOf(key) === origin) known.set(key, onOrigin(value.item, origin));
    for (const { hit } of group) known.set(hit.value.item.key, onOrigin(hit.value.item, origin));
    // Drift is read for the shown items only: the others are only asked for their state.
    const own = new Set(group.map(({ hit }) => hit.value.item.key));
    const driftOf = (key: string) => (own.has(key) ? driftContext(pairsOf(key, related), ticketNorms.get(repoKeyOf(key) ?? '')) : undefined);
    const together = analyzeTogether(known, settings, now, driftOf);
    for (const entry of group) views.set(entry, viewOf(entry, together, { settings, now, related, unreadable, pace }));
  }
  return shown.map((entry) => views.get(entry)!);
}

/** The view of one shown item, from the analysis of the items of its origin. */
function viewOf({ hit, error }: Shown, { byKey, ctx, analysisOf }: AnalysedTogether, { settings, now, related, unreadable, pace }: ViewOptions): FlowView {
  const stateOf = (key: string): FlowState | undefined => analysisOf(key)?.state;
  const item = byKey.get(hit.value.item.key)!;
  const analysis = analysisOf(item.key)!;
  const states = new Map(item.upstream.flatMap((link) => (stateOf(link.key) ? [[link.key, stateOf(link.key)!] as const] : [])));
  const view = toFlowView(item, analysis, { now, fetchedAt: hit.fetchedAt, states, thresholds: settings.badgeThresholds, colours: settings.badgeColours, unreadable, settings: ctx.settings, ...(pace ? { pace } : {}) });
  const note = hit.value.note;
  const mentioned = (related.keysByItem.get(item.key) ?? []).flatMap((key) => {
    const other = related.items.get(key)?.item;
    const url = other ? itemUrl(key, other.url) : undefined;
    return other ? [{ key, title: other.title, ...(url ? { url } : {}), state: analyzeItem(other, { settings: ctx.settings }, now).state }] : [];
  });
  return { ...view, ...(mentioned.length > 0 ? { related: mentioned } : {}), ...(note ? { note } : {}), ...(hit.fresh ? {} : { stale: true }), ...(error ? { error: viewError(item.key, error) } : {}) };
}

/** The items of the other source `key` names or is named by, as `related` holds them (only what the user allows). */
function pairsOf(key: string, related: RelatedItems): WorkItem[] {
  return (related.keysByItem.get(key) ?? []).flatMap((other) => related.items.get(other)?.item ?? []);
}

/** Keys of upstream and downstream items of `shown` that are not among them. */
export function neighbourKeys(shown: Shown[]): string[] {
  const own = new Set(shown.map(({ hit }) => hit.value.item.key));
  const keys = shown.flatMap(({ hit }) => [...hit.value.item.upstream, ...hit.value.item.downstream].map((link) => link.key));
  return [...new Set(keys)].filter((key) => !own.has(key));
}
