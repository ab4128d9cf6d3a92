/**
 * Jira changelog histories as FlowEvents: status changes (with `closed`/`reopened` when an issue
 * enters or leaves a done-category status, known by name or by the resolution the same history
 * sets or clears), Flagged = Impediment set and cleared (the Flagged
 * field is found by id or name), and "is blocked by" links added and removed. Dates come as
 * ISO strings with `+0000` offsets or as epoch numbers; both are read (lib/flow/time.ts),
 * anything else skipped.
 */
import type { FlowEvent } from '../../flow/model';
import { isoTime, parseTime } from '../../flow/time';
import { formatKey, isJiraKey, jiraKeySource } from '../../item-key';
import type { JiraHistory, JiraHistoryItem } from './histories';

export type { JiraHistory } from './histories';

/** What the conversion needs to know about the site. */
export interface ChangelogContext {
  host: string;
  /** Status names in the done category (lower-case). */
  doneStatuses: ReadonlySet<string>;
  /**
   * Status names Jira shows now in another category (lower-case): a resolution set on entering
   * one of these is a workflow's quirk, not a close.
   */
  openStatuses?: ReadonlySet<string>;
  /** The id of the Flagged field, e.g. `customfield_10021`, when discovered. */
  flaggedFieldId?: string;
  /** Inward link descriptions that mean "is blocked by" (lower-case). */
  blockedByLinks: ReadonlySet<string>;
  /**
   * The issue keys this issue is blocked by now (its current links): a `Link` item whose sentence
   * is not in English is read by its key, so a site in another language still dates its links.
   */
  currentBlockers?: ReadonlySet<string>;
  /** Where the issue's history is seen (its history tab, jiraHistoryUrl): every event is cited there. */
  historyUrl?: string;
}

/** Jira's history tab of an issue whose page is `page` (`https://SITE/browse/KEY`), where each change is listed with its author. */
export function jiraHistoryUrl(page: string): string {
  return `${page}?page=com.atlassian.jira.plugin.system.issuetabpanels:changehistory-tabpanel`;
}

type Item = JiraHistoryItem;

/**
 * Whether a history sets the resolution (Jira does so on entering a done status), clears it (on
 * leaving one), or replaces one value by another (`kept`: it was set and stays set).
 */
type Resolution = 'set' | 'cleared' | 'kept' | undefined;

const given = (value: string | null | undefined): boolean => value !== undefined && value !== null && value !== '';

/**
 * The resolution change of one history: `{field:'resolution', from:null, to:'10000'}` is set,
 * `to:null` after a value is cleared, one value replaced by another is kept.
 */
function resolutionChange(items: readonly Item[]): Resolution {
  const item = items.find((i) => i.fieldId === 'resolution' || i.field === 'resolution');
  if (!item) return undefined;
  const before = given(item.from) || given(item.fromString);
  const after = given(item.to) || given(item.toString);
  if (after && !before) return 'set';
  if (before && !after) return 'cleared';
  return before && after ? 'kept' : undefined;
}

/** Whether the issue was resolved just before and just after one history. */
interface Resolved {
  before: boolean;
  after: boolean;
}

/**
 * Whether the issue was resolved around each history, replayed in time order (Jira may send
 * histories newest first): a resolution once set stays set until a history clears it.
 */
function resolvedAround(histories: readonly JiraHistory[]): Map<JiraHistory, Resolved> {
  const ordered = histories.map((history) => ({ history, t: parseTime(history.created) })).filter(({ t }) => Number.isFinite(t)).sort((a, b) => a.t - b.t);
  const around = new Map<JiraHistory, Resolved>();
  let resolved = false;
  for (const { history } of ordered) {
    const change = resolutionChange(history.items);
    const before: boolean = resolved || change === 'cleared' || change === 'kept';
    resolved = change === 'set' || change === 'kept' ? true : change === 'cleared' ? false : before;
    around.set(history, { before, after: resolved });
  }
  return around;
}

const isStatus = (item: Item): boolean => item.fieldId === 'status' || item.field === 'status';

/**
 * A status change, and `closed` or `reopened` when it enters or leaves done: a status known to be
 * done, or any status not shown open while the issue is resolved. A move between two statuses
 * with the resolution still set (a workflow migration's "Closed" → "已完成") reopens nothing.
 */
function statusEvents(item: Item, at: string, ctx: ChangelogContext, resolved: Resolved): FlowEvent[] {
  // A change that does not name the status it went to says nothing FlowLens can use.
  const to = item.toString;
  if (!to) return [];
  const from = item.fromString ?? undefined;
  const events: FlowEvent[] = [{ type: 'status', at, to, ...(from ? { from } : {}) }];
  const open = (name: string) => ctx.openStatuses?.has(name.toLowerCase()) ?? false;
  const wasDone = from !== undefined && (ctx.doneStatuses.has(from.toLowerCase()) || (resolved.before && !open(from)));
  const isDone = ctx.doneStatuses.has(to.toLowerCase()) || (resolved.after && !open(to));
  if (isDone && !wasDone) events.push({ type: 'closed', at });
  if (wasDone && !isDone) events.push({ type: 'reopened', at });
  return events;
}

/**
 * Status names a changelog shows to be done (lower-case): entered in a history that sets the
 * resolution, or left in one that clears it.
 */
export function doneByResolution(histories: Iterable<readonly JiraHistory[]>): Set<string> {
  const done = new Set<string>();
  for (const list of histories) {
    for (const history of list) {
      const resolution = resolutionChange(history.items);
      for (const item of resolution ? history.items.filter(isStatus) : []) {
        const name = resolution === 'set' ? item.toString : item.fromString;
        if (given(name)) done.add(name!.toLowerCase());
      }
    }
  }
  return done;
}

/** A `Link` item's sentence in English, "This issue is blocked by SP-14": its description and the key. */
const ENGLISH_LINK = new RegExp(`^This issue (.+) (${jiraKeySource()})$`);

/**
 * The key of one side of a `Link` item when it is an "is blocked by" link: by its English
 * sentence's description when it has one ("This issue is blocked by SP-14"); otherwise, in
 * another language, by its key (`to` or `from`) being one of `blockers`.
 */
function blockedByKey(text: string | null | undefined, key: string | null | undefined, ctx: ChangelogContext, blockers: ReadonlySet<string>): string | undefined {
  const english = ENGLISH_LINK.exec(text ?? '');
  if (english) return ctx.blockedByLinks.has(english[1]!.toLowerCase()) ? formatKey({ source: 'jira', host: ctx.host, issueKey: english[2]! }) : undefined;
  const linked = key?.trim().toUpperCase();
  return linked && isJiraKey(linked) && blockers.has(linked) ? formatKey({ source: 'jira', host: ctx.host, issueKey: linked }) : undefined;
}

const isLink = (item: Item): boolean => item.field === 'Link' || item.fieldId === 'issuelinks';

/**
 * Keys this issue was ever blocked by, by the changelog's English sentences and its current
 * links: a removal in another language is read by its key when that key was one of them.
 */
function everBlockers(histories: readonly JiraHistory[], ctx: ChangelogContext): Set<string> {
  const keys = new Set(ctx.currentBlockers ?? []);
  for (const history of histories) {
    for (const item of history.items.filter(isLink)) {
      for (const text of [item.toString, item.fromString]) {
        const english = ENGLISH_LINK.exec(text ?? '');
        if (english && ctx.blockedByLinks.has(english[1]!.toLowerCase())) keys.add(english[2]!);
      }
    }
  }
  return keys;
}

/** The keys an issue is blocked by now, and those it ever was. */
type Blockers = { now: ReadonlySet<string>; ever: ReadonlySet<string> };

/** The "is blocked by" link events of one `Link` item. */
function linkEvents(item: Item, at: string, ctx: ChangelogContext, blockers: Blockers): FlowEvent[] {
  const added = blockedByKey(item.toString, item.to, ctx, blockers.now);
  if (added) return [{ type: 'link-added', at, link: { key: added, kind: 'blocked-by', at } }];
  const removed = blockedByKey(item.fromString, item.from, ctx, blockers.ever);
  return removed ? [{ type: 'link-removed', at, key: removed }] : [];
}

/** What is known of the history an item is in: when, whether the issue was resolved around it, and its blockers. */
interface InHistory {
  at: string;
  resolved: Resolved;
  blockers: Blockers;
}

/** The flow events of one history item. */
function itemEvents(item: Item, ctx: ChangelogContext, { at, resolved, blockers }: InHistory): FlowEvent[] {
  if (isStatus(item)) return statusEvents(item, at, ctx, resolved);
  const isFlag = ctx.flaggedFieldId ? item.fieldId === ctx.flaggedFieldId : item.field === 'Flagged';
  if (isFlag) return [(item.toString ?? '') !== '' ? { type: 'flagged', at } : { type: 'unflagged', at }];
  return isLink(item) ? linkEvents(item, at, ctx, blockers) : [];
}

/** The flow events in a changelog; a history with an unreadable date is skipped. */
export function changelogEvents(histories: readonly JiraHistory[], ctx: ChangelogContext): FlowEvent[] {
  const blockers = { now: ctx.currentBlockers ?? new Set<string>(), ever: everBlockers(histories, ctx) };
  const resolved = resolvedAround(histories);
  return histories.flatMap((history) => {
    const at = isoTime(history.created);
    const around = resolved.get(history);
    if (!at || !around) return [];
    // Cloud names the author by account id, Data Center by user name.
    const id = history.author?.accountId ?? history.author?.name;
    const cited = { ...(id ? { by: { id, name: history.author?.displayName ?? id } } : {}), ...(ctx.historyUrl ? { url: ctx.historyUrl } : {}) };
    // The resolution may come before or after the status in a history's items.
    return history.items.flatMap((item) => itemEvents(item, ctx, { at, resolved: around, blockers }).map((event) => ({ ...cited, ...event })));
  });
}
