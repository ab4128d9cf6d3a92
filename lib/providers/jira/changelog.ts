/**
 * Jira changelog histories as FlowEvents: status changes (with `closed`/`reopened` when an issue
 * enters or leaves a done-category status, known by name or by the resolution the same history
 * sets or clears), Flagged = Impediment set and cleared (the Flagged
 * field is found by id or name), and "is blocked by" links added and removed. Dates come as
 * ISO strings with `+0000` offsets or as epoch numbers; both are read, anything else skipped.
 */
import type { FlowEvent } from '../../flow/model';
import { formatKey } from '../../item-key';

/** One history entry as Jira sends it (loosely typed: read field by field). */
export interface JiraHistory {
  created: string | number;
  author?: { accountId?: string; displayName?: string } | null;
  items: { field?: string; fieldId?: string; from?: string | null; fromString?: string | null; to?: string | null; toString?: string | null }[];
}

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
}

/** An ISO string from Jira's `2021-08-29T18:04:39.112+0000` or an epoch number. */
export function jiraDate(value: string | number | null | undefined): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value).toISOString() : undefined;
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

type Item = JiraHistory['items'][number];

/** Whether a history sets the resolution (Jira does so on entering a done status) or clears it (on leaving one). */
type Resolution = 'set' | 'cleared' | undefined;

const given = (value: string | null | undefined): boolean => value !== undefined && value !== null && value !== '';

/**
 * The resolution change of one history: `{field:'resolution', from:null, to:'10000'}` is set,
 * `to:null` after a value is cleared; one value replaced by another says nothing.
 */
function resolutionChange(items: readonly Item[]): Resolution {
  const item = items.find((i) => i.fieldId === 'resolution' || i.field === 'resolution');
  if (!item) return undefined;
  const before = given(item.from) || given(item.fromString);
  const after = given(item.to) || given(item.toString);
  if (after && !before) return 'set';
  if (before && !after) return 'cleared';
  return undefined;
}

const isStatus = (item: Item): boolean => item.fieldId === 'status' || item.field === 'status';

function statusEvents(item: Item, at: string, ctx: ChangelogContext, resolution: Resolution): FlowEvent[] {
  const to = item.toString ?? '';
  const from = item.fromString ?? undefined;
  const events: FlowEvent[] = [{ type: 'status', at, to, ...(from ? { from } : {}) }];
  const open = (name: string) => ctx.openStatuses?.has(name.toLowerCase()) ?? false;
  const wasDone = from !== undefined && (ctx.doneStatuses.has(from.toLowerCase()) || (resolution === 'cleared' && !open(from)));
  const isDone = ctx.doneStatuses.has(to.toLowerCase()) || (resolution === 'set' && !open(to));
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

/** "This issue is blocked by SP-14" → the key, when the description means blocked-by. */
function blockedByKey(text: string | null | undefined, ctx: ChangelogContext): string | undefined {
  const match = /^This issue (.+) ([A-Z][A-Z0-9_]*-\d+)$/.exec(text ?? '');
  if (!match || !ctx.blockedByLinks.has(match[1]!.toLowerCase())) return undefined;
  return formatKey({ source: 'jira', host: ctx.host, issueKey: match[2]! });
}

function itemEvents(item: Item, at: string, ctx: ChangelogContext, by: { id: string; name: string } | undefined, resolution: Resolution): FlowEvent[] {
  if (isStatus(item)) return statusEvents(item, at, ctx, resolution);
  const isFlag = ctx.flaggedFieldId ? item.fieldId === ctx.flaggedFieldId : item.field === 'Flagged';
  if (isFlag) return [(item.toString ?? '') !== '' ? { type: 'flagged', at, ...(by ? { by } : {}) } : { type: 'unflagged', at, ...(by ? { by } : {}) }];
  if (item.field === 'Link') {
    const added = blockedByKey(item.toString, ctx);
    if (added) return [{ type: 'link-added', at, link: { key: added, kind: 'blocked-by', at } }];
    const removed = blockedByKey(item.fromString, ctx);
    if (removed) return [{ type: 'link-removed', at, key: removed }];
  }
  return [];
}

/** The flow events in a changelog; a history with an unreadable date is skipped. */
export function changelogEvents(histories: readonly JiraHistory[], ctx: ChangelogContext): FlowEvent[] {
  return histories.flatMap((history) => {
    const at = jiraDate(history.created);
    if (!at) return [];
    const id = history.author?.accountId;
    const by = id ? { id, name: history.author?.displayName ?? id } : undefined;
    // The resolution may come before or after the status in a history's items.
    const resolution = resolutionChange(history.items);
    return history.items.flatMap((item) => itemEvents(item, at, ctx, by, resolution));
  });
}
