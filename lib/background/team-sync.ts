/**
 * The background sync of the team's items. Every `syncMinutes` (an alarm, so it wakes the
 * service worker) it reads each team source page by page, caches the items, and keeps in the
 * team state which items are open and how long finished ones took. After every page the run is
 * saved, so a sync cut short by the worker stopping resumes from its cursors on the next alarm or
 * worker start. A source that fails keeps the items it gave last time; the others still complete.
 *
 * A big team's run is read in slices: one wake-up reads for at most SLICE_MS and asks at most
 * PAGES_PER_MINUTE pages in any minute, then leaves the rest to a follow-up alarm
 * (TEAM_SYNC_CONTINUE_ALARM). The pace is kept with the run, so no wake-up waits for it (a worker
 * idle for 30 s is stopped) and a worker started again does not ask sooner than it allows.
 */
import type { FlowError } from '../flow-error';
import { isSetupError } from '../flow-view';
import type { Fetched } from '../providers/outcome';
import type { Settings } from '../storage/settings';
import { hasTeamSources, loadTeamState, syncStatusOf, teamStateItem, type SyncStatus, type TeamState } from '../team/team-state';
import type { ReadPage } from './team-pages';
import { teamSources, type TeamSource } from './team-sources';
import { HOUR, MINUTE, parseTime } from '../flow/time';
import { analyzeItem } from '../flow/analyze';
import { kindShares, lifeSplit, type LifeKind } from '../flow/life-split';
import { poolStretches, stretchLengths } from '../flow/pace';
import { flowSettings } from './present-views';

/** One finished item's life as each kind's share of it. */
type TimeShares = Partial<Record<LifeKind, number>>;

/** The alarm the sync is scheduled by. */
export const TEAM_SYNC_ALARM = 'flowlens-team-sync';
/**
 * At most this many pages of one source per run: a query matching more is cut, and said so.
 * GitHub's search never gives more than 1,000 results (20 pages of 50), so this cuts only Jira
 * queries past 5,000 issues (100 a page): a team's 90 days of finished work (issue 17) is read whole.
 */
export const MAX_PAGES_PER_SOURCE = 50;
/**
 * Pages asked in any minute, whatever the source. GitHub allows 30 searches a minute (its REST
 * search limit; GraphQL search meets secondary limits of the same search backend); 20 leave a
 * third of them for the options page's checks and the user's other tools.
 * https://docs.github.com/en/rest/search/search#rate-limit
 */
export const PAGES_PER_MINUTE = 20;
/**
 * The longest one wake-up reads before it leaves the rest to the next: Chrome stops a service
 * worker whose event runs past 5 minutes, and the sync must never hold the worker that long.
 * https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/lifecycle
 */
export const SLICE_MS = 45_000;
/** The alarm that wakes the worker for the next slice of a run cut by SLICE_MS or the pace. */
export const TEAM_SYNC_CONTINUE_ALARM = 'flowlens-team-sync-continue';
/** Chrome's shortest alarm delay (Chrome 120 and later): a slice follows the one before no sooner. */
const MIN_ALARM_DELAY_MS = 30_000;
/** Cycle times kept for the percentiles. */
export const MAX_CYCLE_TIMES = 2000;
/** A run older than this when the worker comes back starts over (its cursors may have expired). */
export const RUN_EXPIRES_MS = HOUR;

type Run = NonNullable<TeamState['run']>;
type SourceResult = NonNullable<TeamState['bySource']>[string];
type Problem = TeamState['lastErrors'][number];

/** The part of `browser.alarms` the sync uses (absent where the API is not available). */
export interface AlarmsApi {
  get(name: string): Promise<{ scheduledTime: number; periodInMinutes?: number } | undefined>;
  create(name: string, info: { delayInMinutes?: number; periodInMinutes?: number }): Promise<void> | void;
  clear(name: string): Promise<boolean>;
}

/** What a finished sync hands on (to the notifications). */
export interface SyncEnd {
  settings: Settings;
  previous: TeamState;
  state: TeamState;
}

/** What the sync needs from the background. */
export interface TeamSyncDeps {
  now: () => number;
  loadSettings: () => Promise<Settings>;
  readPage: ReadPage;
  alarms?: AlarmsApi;
  /** Called after each complete run; its failures are its own. */
  afterSync?: (end: SyncEnd) => Promise<void>;
}

/** Creates the sync: `run()` (joins a run under way), `resume()`, `status()`, `schedule()`. */
export function createTeamSync(deps: TeamSyncDeps) {
  let running: Promise<SyncStatus> | undefined;

  /** The status for the popup and options page; a run counts as running only while one is under way here. */
  const status = () => syncStatus(deps, () => running !== undefined);

  /** Syncs now, or joins the run under way; answers the status when it ends. */
  function run(): Promise<SyncStatus> {
    running ??= syncAll(deps)
      .then(() => status())
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  /** On worker start and the follow-up alarm: continues a run cut short or paused, when it is young enough. */
  async function resume(): Promise<SyncStatus | undefined> {
    const { run: stopped } = await loadTeamState();
    if (running || !stopped || expired(stopped, deps.now())) return undefined;
    return run();
  }

  return { run, resume, status, schedule: () => schedule(deps) };
}

/** One run over every team source, resumed where a stopped one was; then the next is timed and the notifier told. */
async function syncAll(deps: TeamSyncDeps): Promise<void> {
  const settings = await deps.loadSettings();
  const sources = teamSources(settings.team, deps.now());
  if (sources.length === 0) return;
  const previous = await loadTeamState();
  const current = resumable(previous.run, sources, deps.now()) ?? freshRun(sources, deps.now());
  // A run waiting for its pace is not read sooner, however the worker was woken ("Sync now", the period).
  if (current.resumeAt !== undefined && current.resumeAt > deps.now()) return continueAt(deps, current.resumeAt);
  delete current.resumeAt;
  await save({ ...previous, run: current });
  const lives = lifeOf(settings, deps.now);
  const slice = { endsAt: deps.now() + SLICE_MS };
  for (const source of sources) await readSource(deps, { source, lives, slice }, current, previous);
  if (current.cursors.some((cursor) => !cursor.done)) return pause(deps, current);
  const state = finish(previous, current, sources, deps.now());
  await save(state);
  await deps.alarms?.clear(TEAM_SYNC_CONTINUE_ALARM);
  await rearm(deps, settings.syncMinutes);
  await deps.afterSync?.({ settings, previous, state }).catch((error: unknown) => console.warn('FlowLens could not notify after the sync:', error));
}

/** What one wake-up may still read: until `endsAt`. */
interface Slice {
  endsAt: number;
}

/**
 * Reads `source` page by page from its cursor while the slice and the pace allow, saving the run
 * after each page; `lives` works out each finished item's time shares and stretches.
 */
async function readSource(deps: TeamSyncDeps, { source, lives, slice }: { source: TeamSource; lives: LifeOf; slice: Slice }, current: Run, previous: TeamState): Promise<void> {
  const cursor = current.cursors.find((c) => c.source === source.id)!;
  const bySource = (current.bySource ??= {});
  while (!cursor.done && mayRead(current, slice, deps.now())) {
    current.pageTimes = [...recentPages(current, deps.now()), deps.now()];
    const sofar = bySource[source.id] ?? { keys: [], cycleTimesMs: [], timeShares: [], pages: 0 };
    const page = await deps.readPage(source, cursor.next, previous.bySource?.[source.id]?.keys ?? []);
    if (page.error) {
      // The source's partial read is dropped: finish() keeps what it gave last time.
      delete bySource[source.id];
      Object.assign(cursor, { done: true, next: undefined });
      current.errors = [...(current.errors ?? []), problem(page.error, source, deps.now())];
    } else {
      const next = merge(sofar, source, [...page.items.values()], lives);
      bySource[source.id] = next;
      const cut = page.next !== undefined && next.pages! >= MAX_PAGES_PER_SOURCE;
      // Narrowing the query is done in the settings: a set-up problem.
      if (cut) current.errors = [...(current.errors ?? []), { message: `Read the first ${MAX_PAGES_PER_SOURCE} pages of “${source.label}”; narrow the query to sync the rest.`, at: deps.now(), source: source.label, setup: true }];
      Object.assign(cursor, { next: cut ? undefined : page.next, done: cut || page.next === undefined });
    }
    current.openKeys = union(Object.values(bySource).map((r) => r.keys));
    current.cycleTimesMs = Object.values(bySource).flatMap((r) => r.cycleTimesMs).slice(0, MAX_CYCLE_TIMES);
    await saveRun(current);
  }
}

/** Whether one more page may be asked at `now`: within the slice's time, and within the pace. */
function mayRead(current: Run, slice: Slice, now: number): boolean {
  return now < slice.endsAt && recentPages(current, now).length < PAGES_PER_MINUTE;
}

/** When the pages of the minute before `now` were asked, oldest first. */
function recentPages(current: Run, now: number): number[] {
  return (current.pageTimes ?? []).filter((at) => at > now - MINUTE);
}

/**
 * Ends this wake-up's slice of an unfinished run: the next comes when the pace lets one more page
 * be asked (and no sooner than an alarm can fire), woken by TEAM_SYNC_CONTINUE_ALARM.
 */
async function pause(deps: TeamSyncDeps, current: Run): Promise<void> {
  const now = deps.now();
  const recent = recentPages(current, now);
  const paced = recent.length >= PAGES_PER_MINUTE ? recent[recent.length - PAGES_PER_MINUTE]! + MINUTE : now;
  current.resumeAt = Math.max(paced, now + MIN_ALARM_DELAY_MS);
  await saveRun(current);
  await continueAt(deps, current.resumeAt);
}

/** Sets the follow-up alarm for `at` (the stored run says when; this only wakes the worker). */
async function continueAt(deps: TeamSyncDeps, at: number): Promise<void> {
  await deps.alarms?.create(TEAM_SYNC_CONTINUE_ALARM, { delayInMinutes: Math.max(MIN_ALARM_DELAY_MS, at - deps.now()) / MINUTE });
}

/**
 * The sync's status; a stored run counts while `running()` says one is under way in this worker,
 * or while it waits for its next slice (a run left by a stopped worker does not).
 */
async function syncStatus(deps: TeamSyncDeps, running: () => boolean): Promise<SyncStatus> {
  const [settings, state] = await Promise.all([deps.loadSettings(), loadTeamState()]);
  const nextAt = deps.alarms ? (await deps.alarms.get(TEAM_SYNC_ALARM))?.scheduledTime : undefined;
  const underway = running() || (state.run?.resumeAt !== undefined && !expired(state.run, deps.now()));
  return syncStatusOf(underway ? state : { ...state, run: undefined }, hasTeamSources(settings.team), nextAt);
}

/** Makes the alarm match the settings: none without sources, else every `syncMinutes`. */
async function schedule(deps: TeamSyncDeps): Promise<void> {
  if (!deps.alarms) return;
  const settings = await deps.loadSettings();
  if (!hasTeamSources(settings.team)) return void (await Promise.all([deps.alarms.clear(TEAM_SYNC_ALARM), deps.alarms.clear(TEAM_SYNC_CONTINUE_ALARM)]));
  const period = settings.syncMinutes;
  if ((await deps.alarms.get(TEAM_SYNC_ALARM))?.periodInMinutes === period) return;
  // The first sync comes one period after the last good one (at once when that is overdue).
  const { lastGoodAt } = await loadTeamState();
  const due = lastGoodAt === undefined ? 0 : lastGoodAt + period * MINUTE - deps.now();
  await deps.alarms.create(TEAM_SYNC_ALARM, { periodInMinutes: period, delayInMinutes: Math.max(1, Math.ceil(due / MINUTE)) });
}

/**
 * After a run, however it was started (the alarm, "Sync now", the popup), the next one comes a
 * full period later: an alarm set before a manual sync would otherwise fire a minute after it.
 */
async function rearm(deps: TeamSyncDeps, period: number): Promise<void> {
  await deps.alarms?.create(TEAM_SYNC_ALARM, { delayInMinutes: period, periodInMinutes: period });
}

/** The sync's type, for the router and the background entry. */
export type TeamSync = ReturnType<typeof createTeamSync>;

/** The stored run, when it is young and reads the same sources as now. */
function resumable(stored: Run | undefined, sources: TeamSource[], now: number): Run | undefined {
  if (!stored || expired(stored, now)) return undefined;
  const same = stored.cursors.length === sources.length && sources.every((s) => stored.cursors.some((c) => c.source === s.id));
  return same ? stored : undefined;
}

/** Whether a stored run is too old to continue at `now` (RUN_EXPIRES_MS): it starts over instead. */
function expired(run: Run, now: number): boolean {
  return now - run.startedAt >= RUN_EXPIRES_MS;
}

function freshRun(sources: TeamSource[], now: number): Run {
  return { startedAt: now, cursors: sources.map((s) => ({ source: s.id, done: false })), openKeys: [], cycleTimesMs: [], bySource: {}, errors: [] };
}

/**
 * Where a finished item's time went: each kind's share of its life (3 decimals; none without a
 * life) and the lengths of its stretches by kind (whole ms), both from one life split.
 */
type LifeOf = (item: Fetched['item']) => { shares?: TimeShares; stretches: Stretches };
type Stretches = Partial<Record<LifeKind, number[]>>;

function lifeOf(settings: Settings, now: () => number): LifeOf {
  const flow = flowSettings(settings);
  return (item) => {
    const at = now();
    const life = lifeSplit(item, analyzeItem(item, { settings: flow }, at).intervals, at);
    const shares = Object.entries(kindShares(life));
    const stretches = Object.fromEntries(Object.entries(stretchLengths(life)).map(([kind, lengths]) => [kind, lengths.map(Math.round)])) as Stretches;
    return { stretches, ...(shares.length > 0 ? { shares: Object.fromEntries(shares.map(([kind, share]) => [kind, Math.round(share * 1000) / 1000])) as TimeShares } : {}) };
  };
}

/**
 * Pull requests kept per source for their repository's habit of naming a ticket: the most recent,
 * more than the NORM_WINDOW one repository needs, for a query over a few repositories.
 */
export const MAX_NORM_PULLS = 60;

/** The pull requests of `items` with those kept so far: the MAX_NORM_PULLS most recently opened, each once. */
function recentPulls(sofar: SourceResult['pulls'], items: Fetched['item'][]): NonNullable<SourceResult['pulls']> {
  const found = items.flatMap((i) => {
    const at = parseTime(i.createdAt);
    return i.kind === 'pull' && Number.isFinite(at) ? [{ key: i.key, at, named: (i.mentions ?? []).length > 0 }] : [];
  });
  const byKey = new Map([...(sofar ?? []), ...found].map((pull) => [pull.key, pull]));
  return [...byKey.values()].sort((a, b) => b.at - a.at).slice(0, MAX_NORM_PULLS);
}

/** A page added to what the source gave so far: open items' keys, finished items' cycle times, time shares and stretches, recent pull requests. */
function merge(sofar: SourceResult, source: TeamSource, fetched: Fetched[], lives: LifeOf): SourceResult {
  const items = fetched.map((f) => f.item);
  const keys = source.part === 'open' ? items.filter((i) => i.state === 'open').map((i) => i.key) : [];
  const done = source.part === 'done' ? items.filter((i) => finished(i) && cycleTime(i) >= 0) : [];
  const split = done.map(lives);
  const pulls = source.kind === 'github' ? recentPulls(sofar.pulls, items) : [];
  return {
    keys: union([sofar.keys, keys]),
    ...(pulls.length > 0 ? { pulls } : {}),
    cycleTimesMs: [...sofar.cycleTimesMs, ...done.map(cycleTime)],
    timeShares: [...(sofar.timeShares ?? []), ...split.flatMap((life) => life.shares ?? [])],
    stretchesMs: poolStretches([sofar.stretchesMs ?? {}, ...split.map((life) => life.stretches)]),
    pages: (sofar.pages ?? 0) + 1,
  };
}

/** Delivered: merged PRs, closed issues, resolved Jira issues (a PR closed unmerged delivered nothing). */
function finished(item: Fetched['item']): boolean {
  if (item.state === 'open' || !item.resolvedAt) return false;
  return !(item.kind === 'pull' && item.state === 'closed');
}

function cycleTime(item: Fetched['item']): number {
  return parseTime(item.resolvedAt!) - parseTime(item.createdAt);
}

/** The state after a complete run: each source's new result, or its last one when it failed. */
function finish(previous: TeamState, current: Run, sources: TeamSource[], now: number): TeamState {
  const bySource: Record<string, SourceResult> = {};
  for (const source of sources) {
    const result = current.bySource?.[source.id] ?? previous.bySource?.[source.id];
    // What the source gave, without the run's page count.
    if (result) {
      const { pages: _pages, ...kept } = result;
      bySource[source.id] = kept;
    }
  }
  const results = Object.values(bySource);
  // A source read to its end has a result in the run; one without had an error.
  const failed = sources.some((source) => !current.bySource?.[source.id]);
  // A failed source with no result of its own yet (a state saved before results were kept per
  // source, or a source that has never been read) cannot say which keys were its: keep the keys
  // no source claims, rather than drop the team's items for one failure.
  const unclaimed = sources.some((source) => !current.bySource?.[source.id] && !previous.bySource?.[source.id]);
  const claimed = new Set(Object.values(previous.bySource ?? {}).flatMap((r) => r.keys));
  const orphans = unclaimed ? previous.openKeys.filter((key) => !claimed.has(key)) : [];
  const orphanCycleTimes = unclaimed && previous.bySource === undefined ? previous.cycleTimesMs : [];
  return {
    openKeys: union([...results.map((r) => r.keys), orphans]),
    cycleTimesMs: [...results.flatMap((r) => r.cycleTimesMs), ...orphanCycleTimes].slice(0, MAX_CYCLE_TIMES),
    timeShares: results.flatMap((r) => r.timeShares ?? []).slice(0, MAX_CYCLE_TIMES),
    stretchesMs: poolStretches(results.map((r) => r.stretchesMs ?? {})),
    lastErrors: current.errors ?? [],
    bySource,
    // "Last good" is the end of a sync that read every source; a partial one leaves it as it was.
    ...(failed ? (previous.lastGoodAt !== undefined ? { lastGoodAt: previous.lastGoodAt } : {}) : { lastGoodAt: now }),
  };
}

/** A source's failure as the state keeps it: its words, and whether the settings fix it (isSetupError). */
function problem(error: FlowError, source: TeamSource, at: number): Problem {
  return { message: error.message, at, source: source.label, ...(isSetupError(error) ? { setup: true as const } : {}) };
}

function union(lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}

async function save(state: TeamState): Promise<void> {
  await teamStateItem.setValue(state);
}

/** Saves the run as it stands, keeping whatever else the state holds. */
async function saveRun(current: Run): Promise<void> {
  await save({ ...(await loadTeamState()), run: current });
}
