/**
 * Opt-in desktop notifications after a sync (settings.notifications, and the optional
 * `notifications` permission the options page asks for; without it nothing happens):
 *  - a team item blocked longer than `blockedLongerThanHours`: once per item and blocked interval;
 *  - an upstream blocker of one of my items (a person named in `team.me`) that was open at the
 *    previous sync and is closed now: "X is done: Y can move".
 * Items are analysed exactly as their badges are (presentViews). A few notifications at most per
 * sync; the rest are grouped into one "and N more". A click opens the item.
 */
import { storage } from 'wxt/utils/storage';
import type { FlowView } from '../flow-view';
import { itemUrl, keyUrl } from '../safe-url';
import type { Fetched } from '../providers/outcome';
import type { FlowCache } from '../storage/cache';
import type { Settings } from '../storage/settings';
import { neighbourKeys, presentViews } from './present-views';
import type { SyncEnd } from './team-sync';
import { DAY, HOUR, parseTime } from '../flow/time';

/** At most this many notifications per sync, the last one grouping the rest when there are more. */
export const MAX_NOTIFICATIONS = 3;
/** Notification ids start with this, then a number, then the URL a click opens. */
export const NOTIFICATION_PREFIX = 'flowlens|';

/** What was told already, and which blockers of my items were open at the last sync. */
interface Notified {
  /** `key@since` of blocked intervals already told. */
  blocked: string[];
  /** Open upstream items of my open items, as the last sync saw them. */
  watching: { blocker: string; item: string }[];
}

/** Kept in `storage.local`: it is this browser's memory of what it showed. */
export const notifiedItem = storage.defineItem<Notified>('local:notified', { fallback: { blocked: [], watching: [] }, version: 1, migrations: {} });

/** One notification to show. */
export interface Notice {
  title: string;
  message: string;
  url: string;
}

/** The part of the notifications API used, with the permission check. */
export interface NotifyApi {
  granted(): Promise<boolean>;
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<unknown>;
}

/** What the notifier needs. */
export interface TeamNotifyDeps {
  cache: () => Promise<FlowCache>;
  now: () => number;
  api: NotifyApi;
  iconUrl: string;
  /** Where "and N more" leads: the popup page, opened in a tab. */
  summaryUrl: string;
  /**
   * Refreshes items in the cache the way badges do (rate-limit holds, TTL): the blockers of my
   * items are often another team's, outside the team sources, and are read here.
   */
  refresh?: (keys: string[]) => Promise<void>;
}

/** At most this many blockers outside the team sources are refreshed per sync. */
export const MAX_BLOCKER_REFRESH = 50;

/** Creates the after-sync step that notifies. */
export function createTeamNotifier(deps: TeamNotifyDeps) {
  return async ({ settings, state }: SyncEnd): Promise<void> => {
    if (!settings.notifications.enabled || !(await deps.api.granted())) return;
    const now = deps.now();
    const notified = await notifiedItem.getValue();
    const outside = (keys: string[]) => [...new Set(keys)].filter((key) => !state.openKeys.includes(key)).slice(0, MAX_BLOCKER_REFRESH);
    const refresh = async (keys: string[]) => (keys.length > 0 && deps.refresh ? deps.refresh(keys) : undefined);
    await refresh(outside(notified.watching.map((w) => w.blocker)));
    let views = await teamViews(await deps.cache(), state.openKeys, settings, now);
    // Blockers of my items whose state nobody knows yet are read now, so they can be watched.
    const unknown = outside(views.filter((view) => isMine(view, settings)).flatMap((view) => (view.upstream ?? []).filter((up) => up.open === undefined).map((up) => up.key)));
    if (unknown.length > 0 && deps.refresh) {
      await refresh(unknown);
      views = await teamViews(await deps.cache(), state.openKeys, settings, now);
    }
    const long = blockedTooLong(views, settings, now, new Set(notified.blocked));
    const mine = views.filter((view) => isMine(view, settings));
    const unblocked = settings.notifications.upstreamResolved ? resolvedBlockers(notified.watching, mine, await cachedStates(deps, notified.watching, now)) : [];
    await notifiedItem.setValue({
      blocked: [...new Set([...notified.blocked.filter((entry) => state.openKeys.includes(entry.split('@')[0]!)), ...long.map((n) => n.told)])],
      watching: mine.flatMap((view) => (view.upstream ?? []).filter((up) => up.open === true).map((up) => ({ blocker: up.key, item: view.key }))),
    });
    await show(deps, [...unblocked, ...long.map((n) => n.notice)]);
  };
}

/** The team's cached items as their badges show them. */
async function teamViews(cache: FlowCache, keys: string[], settings: Settings, now: number): Promise<(FlowView & { people?: string[] })[]> {
  const hits = await cache.read<Fetched>('item', keys, now, Infinity);
  const shown = [...hits.values()].map((hit) => ({ hit }));
  const neighbours = await cache.read<Fetched>('item', neighbourKeys(shown), now, Infinity);
  const around = new Map([...neighbours].map(([key, hit]) => [key, hit.value]));
  const people = new Map([...hits.values()].map((hit) => [hit.value.item.key, peopleOf(hit.value.item)]));
  return presentViews(shown, { neighbours: around, settings, now }).map((view) => ({ ...view, people: people.get(view.key) ?? [] }));
}

function peopleOf(item: Fetched['item']): string[] {
  return [...item.assignees, ...(item.author ? [item.author] : [])].flatMap((p) => [p.id, p.name]).map((name) => name.toLowerCase());
}

function isMine(view: FlowView & { people?: string[] }, settings: Settings): boolean {
  const me = settings.team.me.map((name) => name.toLowerCase());
  return view.state !== 'done' && (view.people ?? []).some((name) => me.includes(name));
}

/** Where a click on a notice about `view` goes: the item's own page, never a URL an answer chose. */
function pageOf(view: FlowView): string {
  return itemUrl(view.key, view.url) ?? keyUrl(view.key) ?? '';
}

/** Blocked items past the threshold whose current interval was not told yet. */
function blockedTooLong(views: FlowView[], settings: Settings, now: number, told: Set<string>): { told: string; notice: Notice }[] {
  const limit = settings.notifications.blockedLongerThanHours * HOUR;
  return views.flatMap((view) => {
    if (view.state !== 'blocked' || !view.since || now - parseTime(view.since) < limit) return [];
    const entry = `${view.key}@${view.since}`;
    if (told.has(entry)) return [];
    const days = Math.floor((now - parseTime(view.since)) / DAY);
    const how = days >= 1 ? `${days} day${days === 1 ? '' : 's'}` : `${Math.floor((now - parseTime(view.since)) / HOUR)} hours`;
    return [{ told: entry, notice: { title: `Blocked for ${how}: ${view.title}`, message: view.cause ?? view.label, url: pageOf(view) } }];
  });
}

/** The cached state of the watched blockers (they need not be team items). */
async function cachedStates(deps: TeamNotifyDeps, watching: Notified['watching'], now: number): Promise<Map<string, Fetched['item']>> {
  const hits = await (await deps.cache()).read<Fetched>('item', [...new Set(watching.map((w) => w.blocker))], now, Infinity);
  return new Map([...hits].map(([key, hit]) => [key, hit.value.item]));
}

/** Blockers of my items that were open last time and are closed now. */
function resolvedBlockers(watching: Notified['watching'], mine: FlowView[], blockers: Map<string, Fetched['item']>): Notice[] {
  const byKey = new Map(mine.map((view) => [view.key, view]));
  return watching.flatMap(({ blocker, item }) => {
    const view = byKey.get(item);
    const link = view?.upstream?.find((up) => up.key === blocker);
    const cached = blockers.get(blocker);
    const closed = link?.open === false || (cached !== undefined && cached.state !== 'open');
    if (!view || !closed) return [];
    const name = cached?.title ?? link?.title ?? blocker;
    return [{ title: `${name} is done`, message: `${view.title} can move.`, url: pageOf(view) }];
  });
}

/** Shows `notices`, at most MAX_NOTIFICATIONS, the last one grouping the rest. */
async function show(deps: TeamNotifyDeps, notices: Notice[]): Promise<void> {
  const shown = notices.length > MAX_NOTIFICATIONS ? notices.slice(0, MAX_NOTIFICATIONS - 1) : notices;
  const rest = notices.length - shown.length;
  const all = rest > 0 ? [...shown, { title: `And ${rest} more`, message: `${rest} more team items need attention: open FlowLens to see them.`, url: deps.summaryUrl }] : shown;
  const stamp = deps.now();
  for (const [i, notice] of all.entries()) {
    await deps.api.create(`${NOTIFICATION_PREFIX}${stamp}-${i}|${notice.url}`, { type: 'basic', iconUrl: deps.iconUrl, title: notice.title, message: notice.message });
  }
}

/** The URL a notification's click opens, when it is one of ours and points where it may. */
export function notificationUrl(id: string, extensionOrigin: string): string | undefined {
  if (!id.startsWith(NOTIFICATION_PREFIX)) return undefined;
  const url = id.slice(id.indexOf('|', NOTIFICATION_PREFIX.length) + 1);
  return url.startsWith('https://') || url.startsWith(`${extensionOrigin}/`) ? url : undefined;
}
