/**
 * FlowView: what one badge and its card show, computed in the background from a cached WorkItem
 * and its flow analysis, and sent to the page. It is the only item data a content script ever
 * receives, so it holds nothing the host page should not see (no tokens, no other sources' data),
 * and its URLs are the items' own pages (lib/safe-url.ts), never a script or another site's URL.
 */
import type { ItemAnalysis } from './flow/analyze';
import type { Cluster } from './flow/clusters';
import { isStuck, stateInSentence, STATE_WORDS } from './flow/flow-states';
import { skillTag, type Level } from './flow/rubric';
import type { FlowState, WorkItem } from './flow/model';
import type { FlowError } from './flow-error';
import type { Settings } from './storage/settings';
import { conditionsOf, headCauseOf, type ConditionView } from './card-conditions';
import { lifeSplit, resolutionEvent, type LifeKind, type LifeSegment } from './flow/life-split';
import { currentStretch, standingIn, type PaceSample, type Standing } from './flow/pace';
import { blockedTrace, lifeStretches, lifeTrace, stateTrace, type FigureName, type LifeStretchView, type Trace } from './figure-sources';
import { shortDate } from './flow/cause-text';
import type { FlowSettings } from './flow/flow-settings';
import { formatAtLeast, formatDuration } from './format';
import { httpsOn, itemUrl, webHostOf } from './safe-url';
import { HOUR, parseTime } from './flow/time';

/** A state on a badge: a flow state, or `error` when we could not find out. */
export type BadgeState = FlowState | 'error';

/** An upstream item as the card lists it. */
export interface UpstreamView {
  key: string;
  title?: string;
  url?: string;
  /** Its own state, when FlowLens knows the item. */
  state?: FlowState;
  open?: boolean;
  /** Why FlowLens could not read it (not found, no access, no token for its host), when it tried. */
  unreadable?: string;
}

/** A suggested move as the card lists it. */
export interface MoveView {
  text: string;
  level: Level;
  skill: string;
  /** The level and skill in words, "Level 2 · Cognizant of blockers" (absent in views cached before it). */
  tag?: string;
}

/** Everything a badge and its card render. */
export interface FlowView {
  key: string;
  url: string;
  title: string;
  state: BadgeState;
  /** ISO time the current state began; absent when unknown. */
  since?: string;
  /** Number of upstream items it waits on now: open, or unverified (state not read). */
  blockers: number;
  /** How many of the blockers are unverified: FlowLens could not read their state. */
  unverified?: number;
  /** Blocked now, but no source recorded since when: the links behind it and the bounds that hold. */
  sinceUnknown?: { links: string[]; notBefore?: string; notAfter?: string };
  /** With `sinceUnknown`: the lower bound its durations show ("≥ 3 d") and why. */
  bound?: SinceBound;
  /** Where its time went: its life, opening to end or now, in stretches of one kind (lib/flow/life-split.ts), each with its trace. */
  life?: LifeStretchView[];
  /**
   * Where each figure of the card comes from (lib/figure-sources.ts): the events it was computed
   * from and whether it counts calendar or working time. A figure without one (a view of an item
   * cached before FlowLens kept its events' sources) says its source is not recorded.
   */
  traces?: Partial<Record<FigureName, Trace>>;
  /** Its current stretch and its age against the team's own, when the team sync has kept a yardstick. */
  pace?: PaceView;
  /** Short badge text, e.g. "blocked 3 d", "blocked ≥ 3 d", "merged 2 d" (its cycle time). */
  text: string;
  /** The same in words, for `aria-label`. */
  label: string;
  /** The cause in plain words. */
  cause?: string;
  /** The card head's cause in a few words: "waits on octo-org/web#14 (another team)". */
  headCause?: string;
  /** Every condition that holds the item up, in the merge box's order, each with where to act on it. */
  conditions?: ConditionView[];
  cluster?: Cluster;
  totalBlockedMs?: number;
  upstream?: UpstreamView[];
  /** How many items this one holds up. */
  holdsUp?: number;
  /** The Jira sprint the issue is in, and how many earlier sprints it was carried over from. */
  sprint?: { current: string; carriedOver: number };
  /** GitHub sub-issues: how many, and how many are done. */
  subIssues?: { total: number; completed: number };
  /** Items of another source this one names (Jira tickets of a PR), when the user allows it. */
  related?: UpstreamView[];
  moves?: MoveView[];
  /** When the item was opened, for "open for N days". */
  openedAt?: string;
  /** When and how a merged, closed or done item ended, for its cycle time (opened → resolved). */
  resolved?: { at: string; as: 'merged' | 'closed' | 'done' };
  /** When the data was fetched (epoch ms): the card says how fresh it is. */
  fetchedAt?: number;
  /** Why FlowLens knows less about this item than it could (e.g. no token). */
  note?: string;
  /** Set when the view is shown from an expired cache entry while a refresh runs or failed. */
  stale?: boolean;
  /** Blocked, waiting or failing past the user's amber (`warn`) or red (`alert`) threshold. */
  urgency?: 'warn' | 'alert';
  error?: FlowError;
  /**
   * With `error`: the error is FlowLens's set-up (a missing or refused token, a logged-out Jira),
   * not the item's. The badge shows it grey, as "set up", and its card offers the settings.
   */
  setup?: true;
}

/**
 * Where an item stands against its team (lib/flow/pace.ts), in calendar time like the team's
 * figures: its current stretch against the team's stretches of that kind, and its age (open) or
 * cycle time (done) against the team's cycle times. A standing is absent when the team's sample
 * is too small to say; the yardstick's size and date say what it was computed from.
 */
export interface PaceView {
  /** The current stretch, absent for a finished item or an unknown life. */
  stretch?: { kind: LifeKind; ms: number; standing?: Standing };
  /** Its age, or a finished item's cycle time. */
  age?: { ms: number; standing?: Standing };
  /** How many finished items the yardstick comes from, over how many days, and when it was kept (epoch ms). */
  items: number;
  windowDays: number;
  at?: number;
}

/** The pace of an item whose life is `life`, against the team's `sample`. */
export function paceOf(item: WorkItem, life: readonly LifeSegment[], sample: PaceSample, now: number): PaceView {
  const current = currentStretch(life);
  const stretchStanding = current ? standingIn(current.ms, sample.stretchesMs[current.kind] ?? []) : undefined;
  const ageMs = item.state === 'open' ? now - parseTime(item.createdAt) : cycleTimeMs(item.createdAt, item.resolvedAt);
  const ageStanding = ageMs !== undefined ? standingIn(ageMs, sample.cycleTimesMs) : undefined;
  return {
    ...(current ? { stretch: { kind: current.kind, ms: current.ms, ...(stretchStanding ? { standing: stretchStanding } : {}) } } : {}),
    ...(ageMs !== undefined && Number.isFinite(ageMs) ? { age: { ms: ageMs, ...(ageStanding ? { standing: ageStanding } : {}) } } : {}),
    items: sample.items,
    windowDays: sample.windowDays,
    ...(sample.at !== undefined ? { at: sample.at } : {}),
  };
}

/**
 * The lower bound on how long a blocked item has been blocked when no source recorded its start
 * (`sinceUnknown`): it held at `notAfter` (when the undated link was first seen, or a recorded
 * cause began), so it has lasted at least now − notAfter. `why` says so in words.
 */
export interface SinceBound {
  /** ISO time the block is known to have held by. */
  notAfter: string;
  /** "start not recorded; blocked at least since it was first seen, Thu 12 Nov". */
  why: string;
}

/** The bound of an item whose start is unknown, or nothing when there is none to give. */
export function sinceBoundOf(item: WorkItem, analysis: Pick<ItemAnalysis, 'sinceUnknown' | 'state'>): SinceBound | undefined {
  const unknown = analysis.sinceUnknown;
  const notAfter = unknown?.notAfter;
  if (notAfter === undefined || !Number.isFinite(parseTime(notAfter))) return undefined;
  const at = parseTime(notAfter);
  // No links: the state itself was first seen then (WorkItem.stateSeen).
  const seen = unknown!.links.length === 0 || item.upstream.some((link) => unknown!.links.includes(link.key) && parseTime(link.seenAt) === at);
  return { notAfter, why: `start not recorded; ${STATE_WORDS[analysis.state]} at least since ${seen ? 'it was first seen' : 'a recorded cause began'}, ${shortDate(notAfter)}` };
}

/**
 * How long a row (popup, export) says an item has been in its state, at `at`: "3 d" from its
 * recorded start, else "≥ 3 d" with why from its bound, else nothing (no start, no bound).
 */
export function timeInState(row: { since?: string | undefined; bound?: SinceBound | undefined }, at: number): { text: string; why?: string } | undefined {
  const since = parseTime(row.since);
  if (Number.isFinite(since)) return { text: formatDuration(at - since) };
  const held = parseTime(row.bound?.notAfter);
  return Number.isFinite(held) ? { text: formatAtLeast(at - held), why: row.bound!.why } : undefined;
}

/** A merged or closed item's cycle time, opened → resolved (ms); undefined when either is unknown. */
export function cycleTimeMs(openedAt: string | undefined, resolvedAt: string | undefined): number | undefined {
  const span = parseTime(resolvedAt) - parseTime(openedAt);
  return Number.isFinite(span) ? Math.max(0, span) : undefined;
}

/**
 * How long the badge says the item has been as it is: the time in its state; "≥ …" from the
 * bound when the start is unknown; the age since opening when the state itself is unknown; and
 * for a merged or closed item, its cycle time (opened → resolved), never its age.
 */
function stateDuration(item: WorkItem, analysis: ItemAnalysis, { now, bound }: Told): string | undefined {
  if (analysis.state === 'done') {
    const cycle = cycleTimeMs(item.createdAt, item.resolvedAt);
    return cycle === undefined ? undefined : formatDuration(cycle);
  }
  if (analysis.since) return formatDuration(now - parseTime(analysis.since));
  if (bound) return formatAtLeast(now - parseTime(bound.notAfter));
  const opened = parseTime(item.createdAt);
  return analysis.state === 'unknown' && Number.isFinite(opened) ? formatDuration(now - opened) : undefined;
}

/**
 * The card's line for the item's life, one rule for every card: a merged, closed or done item's
 * cycle time ("Cycle time", "2 d, opened → merged"), else how long it has been open ("Open for",
 * "17 d"); nothing when the dates are unknown.
 */
export function lifeFact(view: Pick<FlowView, 'state' | 'openedAt' | 'resolved'>, now: number): { name: string; value: string } | undefined {
  if (view.state === 'done') {
    const cycle = cycleTimeMs(view.openedAt, view.resolved?.at);
    return cycle === undefined ? undefined : { name: 'Cycle time', value: `${formatDuration(cycle)}, opened → ${view.resolved!.as}` };
  }
  const opened = parseTime(view.openedAt);
  return Number.isFinite(opened) ? { name: 'Open for', value: formatDuration(now - opened) } : undefined;
}

/** How a done item ended: merged or closed as the source says, else done (a Jira issue resolved). */
function endedAs(item: WorkItem): 'done' | 'closed' | 'merged' {
  return item.state === 'open' ? 'done' : item.state;
}

/** What the badge's text and label are told besides the item and its analysis, worked out once. */
interface Told {
  now: number;
  /** The lower bound when the start is unknown (sinceBoundOf). */
  bound: SinceBound | undefined;
}

/** The short badge text: the state and, when known, for how long. */
function badgeText(item: WorkItem, analysis: ItemAnalysis, told: Told): string {
  const shown = stateDuration(item, analysis, told);
  const word = analysis.state === 'done' ? endedAs(item) : analysis.state === 'unknown' ? 'open' : STATE_WORDS[analysis.state];
  return shown === undefined ? word : `${word} ${shown}`;
}

/**
 * The badge button's accessible name: the words of `label`, led by the badge's visible text when
 * the words do not already hold it (WCAG 2.5.3, label in name), so a voice-control user who says
 * what they see ("click blocked 2w") reaches the button. A symbol alone ("!") is not text to say.
 */
export function badgeName(view: Pick<FlowView, 'text' | 'label'> & { blockers?: number }): string {
  // The labelled blocker count is shown beside the text (FlowBadge), so it is part of what is seen.
  const visible = `${view.text.trim()}${view.blockers ? ` ${blockerCount(view.blockers)}` : ''}`;
  if (!/[\p{L}\p{N}]/u.test(visible) || view.label.toLowerCase().includes(visible.toLowerCase())) return view.label;
  return `${visible}: ${view.label}`;
}

/** The badge's blocker count, labelled so it is not read as a comment count: "1 blocker", "3 blockers". */
export function blockerCount(count: number): string {
  return `${count} blocker${count === 1 ? '' : 's'}`;
}

/** ", 1 open blocker", or ", 2 blockers, 1 unverified" when some could not be read. */
function blockerWords(analysis: ItemAnalysis): string {
  const count = analysis.openBlockers.length;
  const unverified = analysis.unverifiedBlockers.length;
  if (count === 0) return '';
  const plural = count > 1 ? 's' : '';
  return unverified === 0 ? `, ${count} open blocker${plural}` : `, ${count} blocker${plural}, ${unverified} unverified`;
}

/** " for 3 d", " for at least 3 d (start not recorded; …)", or a done item's " in 2 d (cycle time, opened → merged)". */
function durationWords(item: WorkItem, analysis: ItemAnalysis, { now, bound }: Told): string {
  if (analysis.state === 'done') {
    const cycle = cycleTimeMs(item.createdAt, item.resolvedAt);
    return cycle === undefined ? '' : ` in ${formatDuration(cycle)} (cycle time, opened → ${endedAs(item)})`;
  }
  if (analysis.since) return ` for ${formatDuration(now - parseTime(analysis.since))}`;
  if (bound) return ` for at least ${formatDuration(now - parseTime(bound.notAfter))} (${bound.why})`;
  return analysis.sinceUnknown ? ' (start not recorded)' : '';
}

function label(item: WorkItem, analysis: ItemAnalysis, told: Told): string {
  const what = item.kind === 'pull' ? 'Pull request' : item.kind === 'jira-issue' ? 'Jira issue' : 'Issue';
  const since = durationWords(item, analysis, told);
  return `${what} ${stateInSentence(analysis.state)}${since}${blockerWords(analysis)}. FlowLens: ${analysis.causeText} Show details.`;
}

/** Hours after which a stuck item's badge turns amber, then red. */
export type BadgeThresholds = Settings['badgeThresholds'];

/**
 * Badge colours by the team's percentiles: a stuck item whose current stretch is longer than
 * `warnPercentile`% of the team's stretches of its kind turns amber, past `alertPercentile`% red.
 */
export type BadgeColours = Settings['badgeColours'];

/**
 * How urgent a stuck item is: by the team's percentiles when the user chose them and the team's
 * sample of the item's kind of stretch says (`pace`), else by how long it has been stuck;
 * flowing, done and unknown never are.
 */
export function urgencyOf(state: BadgeState, since: string | undefined, now: number, rule: BadgeThresholds & { colours?: BadgeColours | undefined; pace?: PaceView | undefined }): FlowView['urgency'] {
  if (!isStuck(state)) return undefined;
  const { colours, pace, ...thresholds } = rule;
  const standing = pace?.stretch?.standing;
  if (colours?.by === 'percentile' && standing) {
    if (standing.longerThan >= colours.alertPercentile) return 'alert';
    return standing.longerThan >= colours.warnPercentile ? 'warn' : undefined;
  }
  const stuck = since ? now - parseTime(since) : NaN;
  if (!(stuck >= thresholds.warnHours * HOUR)) return undefined;
  return stuck >= thresholds.alertHours * HOUR ? 'alert' : 'warn';
}

/** The card's line for one upstream item: its own state when known, why it could not be read when tried. */
function upstreamView(link: WorkItem['upstream'][number], state: FlowState | undefined, unreadable: string | undefined): UpstreamView {
  const url = itemUrl(link.key, link.url);
  return {
    key: link.key,
    ...(link.title ? { title: link.title } : {}),
    ...(url ? { url } : {}),
    ...(state ? { state } : {}),
    ...(link.open !== undefined ? { open: link.open } : {}),
    ...(unreadable && link.open === undefined && !state ? { unreadable } : {}),
  };
}

/** What a view is made of besides the item and its analysis. */
export interface FlowViewOptions {
  now: number;
  /** When the item was fetched (epoch ms). */
  fetchedAt: number;
  /** Other items' states by key. */
  states?: ReadonlyMap<string, FlowState>;
  thresholds?: BadgeThresholds;
  /** Why FlowLens could not read an upstream item, for those it tried. */
  unreadable?: ReadonlyMap<string, string>;
  /** The settings the item was analysed with: which teams own which containers (default: the item's own). */
  settings?: FlowSettings;
  /** The team's yardstick for the item's pace, when the team sync has kept one. */
  pace?: PaceSample;
  /** Badge colours by percentile, when the user chose them (else by `thresholds`). */
  colours?: BadgeColours;
}

/**
 * The traces of the card's figures: the head's time in the state (for a done item, its cycle
 * time, which its head states), blocked in all, and open for or cycle time.
 */
function tracesOf(item: WorkItem, analysis: ItemAnalysis, now: number, bound: SinceBound | undefined): Partial<Record<FigureName, Trace>> {
  const input = { item, state: analysis.state, since: analysis.since, sinceBy: analysis.sinceBy, intervals: analysis.intervals, now };
  const ended = resolutionEvent(item);
  const life = lifeTrace(input, ended ? [ended] : undefined);
  const state = analysis.state === 'done' ? life : stateTrace(input, bound);
  const blocked = blockedTrace(input);
  return { ...(state ? { state } : {}), ...(blocked ? { blocked } : {}), ...(life ? { life } : {}) };
}

/** The view of an analysed item at time `now`. */
export function toFlowView(
  item: WorkItem,
  analysis: ItemAnalysis,
  { now, fetchedAt, states = new Map(), thresholds = { warnHours: 24, alertHours: 72 }, unreadable = new Map(), settings, pace: sample, colours }: FlowViewOptions,
): FlowView {
  const headCause = headCauseOf(item, analysis, { ...(settings ? { settings } : {}), states });
  const conditions = conditionsOf(item, analysis, { ...(settings ? { settings } : {}), states });
  const bound = sinceBoundOf(item, analysis);
  const life = lifeSplit(item, analysis.intervals, now);
  const pace = sample ? paceOf(item, life, sample, now) : undefined;
  const urgency = urgencyOf(analysis.state, analysis.since, now, { ...thresholds, colours, pace });
  const traces = tracesOf(item, analysis, now, bound);
  return {
    ...(urgency ? { urgency } : {}),
    key: item.key,
    url: itemUrl(item.key, item.url) ?? '',
    title: item.title,
    state: analysis.state,
    ...(analysis.since ? { since: analysis.since } : {}),
    blockers: analysis.openBlockers.length,
    ...(analysis.unverifiedBlockers.length > 0 ? { unverified: analysis.unverifiedBlockers.length } : {}),
    ...(analysis.sinceUnknown ? { sinceUnknown: analysis.sinceUnknown } : {}),
    ...(bound ? { bound } : {}),
    text: badgeText(item, analysis, { now, bound }),
    label: label(item, analysis, { now, bound }),
    cause: analysis.causeText,
    ...(headCause ? { headCause } : {}),
    ...(conditions.length > 0 ? { conditions } : {}),
    cluster: analysis.cluster,
    totalBlockedMs: analysis.totalBlockedMs,
    upstream: item.upstream.map((link) => upstreamView(link, states.get(link.key), unreadable.get(link.key))),
    holdsUp: analysis.impact.count,
    ...(item.signals.subIssues ? { subIssues: item.signals.subIssues } : {}),
    ...(item.sprints && item.sprints.length > 0 ? { sprint: { current: item.sprints.at(-1)!, carriedOver: item.sprints.length - 1 } } : {}),
    moves: analysis.moves.map((move) => ({ text: move.text, level: move.level, skill: move.skill, tag: skillTag(move.skillId, move.level) })),
    openedAt: item.createdAt,
    ...(life.length > 0 ? { life: lifeStretches(item, life) } : {}),
    ...(Object.keys(traces).length > 0 ? { traces } : {}),
    ...(pace ? { pace } : {}),
    ...(analysis.state === 'done' && item.resolvedAt ? { resolved: { at: item.resolvedAt, as: endedAs(item) } } : {}),
    fetchedAt,
  };
}

/**
 * `error` as a view of item `key` may carry it: its `helpUrl` (from FlowLens, or from an answer's
 * `x-github-sso` header) only when it is an `https:` page on the item's own host.
 */
export function viewError(key: string, error: FlowError): FlowError {
  if (error.helpUrl === undefined || httpsOn(error.helpUrl, webHostOf(key))) return error;
  const { helpUrl: _, ...rest } = error;
  return rest;
}

/** The short badge text of a set-up error. */
export const SETUP_TEXT = 'set up';

/** The words of the button (a set-up error's card, the page's notice) that opens FlowLens's settings. */
export const FIX_SETUP_TEXT = 'Fix in FlowLens settings';

/**
 * Whether `error` is a problem of FlowLens's set-up rather than of the item: no token or a refused
 * one, a logged-out Jira or an SSO authorisation to give (by their codes), or what the provider
 * that built the error said is the set-up's (`setup`: a token that lacks access, a team query the
 * site refused). Never read
 * from the message: a 'forbidden' about something else (a host not allowed yet, a Jira project
 * the account may not browse) is the item's, whatever its words.
 */
export function isSetupError(error: FlowError): boolean {
  return error.code === 'unauthorized' || error.code === 'sso-required' || error.setup === true;
}

/** A view that says why an item could not be shown. */
export function errorView(key: string, url: string, error: FlowError): FlowView {
  const setup = isSetupError(error);
  return {
    key,
    url: itemUrl(key, url) ?? '',
    title: '',
    state: 'error',
    blockers: 0,
    text: setup ? SETUP_TEXT : '!',
    label: setup ? `FlowLens needs to be set up: ${error.message}` : `FlowLens could not load this item: ${error.message}`,
    error: viewError(key, error),
    ...(setup ? { setup: true as const } : {}),
  };
}
