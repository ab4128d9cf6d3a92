/**
 * "Since you last looked": what changed in the team's items between the summary the popup showed
 * last time and the one it shows now. Each side is a small snapshot of the rows (key, state, the
 * items each waits on itself, title, link); what the cache knows of the items that left the list
 * (merged or closed) is given, so the diff is pure: no browser, no clock, no request.
 *
 * The popup imports this module after its first frame; it loads no validator (the background
 * checks snapshots at the message boundary and when it reads the stored one).
 */
import { STATE_WORDS } from '../flow/flow-states';
import { inRepoRefs, shortKey } from '../flow/item-names';
import type { FlowState } from '../flow/model';
import { own } from '../own';
import type { TeamSummary } from './summary-types';

/** One row as the user saw it. */
export interface LookedItem {
  key: string;
  state: FlowState;
  /** The items it waited on itself (TeamItem.blockers); absent when none. */
  blockers?: string[];
  title: string;
  /** Its own page ('' when it has none), for a done item's link. */
  url: string;
}

/** What the popup showed at `at` (epoch ms). */
export interface LookSnapshot {
  at: number;
  items: LookedItem[];
  /** Set when the summary had more rows than a snapshot keeps: an item missing from it may have been there. */
  partial?: true;
}

/**
 * How much a snapshot keeps, so the stored one stays small (about 0.5 MB at worst, 100 kB for
 * 500 rows of usual titles): the first rows of the summary (the stuck ones come first), titles
 * cut with an ellipsis, a link only when short enough to be whole, the first blockers of each.
 */
export const SNAPSHOT_LIMITS = { items: 1000, key: 400, title: 200, url: 2000, blockers: 20 } as const;

/** How an item that left the list ended, as the cache knows it. */
export type Finish = 'merged' | 'closed';

/** One change, about one item. */
export type SinceChange =
  /** Blocked now, not blocked then; `was` is absent when it was not in the list then. */
  | { kind: 'blocked'; item: LookedItem; was?: FlowState }
  /** It waits on items it did not wait on then (`added`); `dropped` are those it no longer waits on. */
  | { kind: 'new-blockers'; item: LookedItem; added: string[]; dropped: string[] }
  /** Blocked then, open and not blocked now (`item.state` says what it is now). */
  | { kind: 'unblocked'; item: LookedItem }
  /** In the list then, and the cache knows it was merged or closed since (`item` as it was then). */
  | { kind: 'done'; item: LookedItem; how: Finish };

/** The kinds in the order the popup lists them: what needs attention first. */
export const CHANGE_KINDS: readonly SinceChange['kind'][] = ['blocked', 'new-blockers', 'unblocked', 'done'];

/** `text` cut to `max` characters, an ellipsis marking the cut. */
function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The snapshot of `summary` as seen at `at`, within SNAPSHOT_LIMITS (rows with an over-long key are not kept). */
export function snapshotOf(summary: Pick<TeamSummary, 'items'>, at: number): LookSnapshot {
  const rows = summary.items.filter((item) => item.key.length <= SNAPSHOT_LIMITS.key);
  const items = rows.slice(0, SNAPSHOT_LIMITS.items).map((item): LookedItem => {
    const blockers = (item.blockers ?? []).filter((key) => key.length <= SNAPSHOT_LIMITS.key).slice(0, SNAPSHOT_LIMITS.blockers);
    return {
      key: item.key,
      state: item.state,
      ...(blockers.length > 0 ? { blockers } : {}),
      title: cut(item.title, SNAPSHOT_LIMITS.title),
      url: item.url.length <= SNAPSHOT_LIMITS.url ? item.url : '',
    };
  });
  return { at, items, ...(items.length < summary.items.length ? { partial: true as const } : {}) };
}

/** The change of an item in both snapshots, if any: its state first, else its blockers. */
function changeOf(then: LookedItem, now: LookedItem): SinceChange | undefined {
  if (now.state === 'blocked' && then.state !== 'blocked') return { kind: 'blocked', item: now, was: then.state };
  if (then.state === 'blocked' && now.state !== 'blocked' && now.state !== 'done') return { kind: 'unblocked', item: now };
  const before = new Set(then.blockers ?? []);
  const added = (now.blockers ?? []).filter((key) => !before.has(key));
  if (added.length === 0) return undefined;
  const still = new Set(now.blockers);
  return { kind: 'new-blockers', item: now, added, dropped: (then.blockers ?? []).filter((key) => !still.has(key)) };
}

/**
 * What changed from `before` to `now`: items newly blocked (or new in the list, and blocked),
 * unblocked, waiting on new items, and done. An item that left the list counts as done only when
 * `finished` (what the cache knows) says so: one that merely left the team's sources is not
 * listed. Each item is listed once, in CHANGE_KINDS order, then in the order of its snapshot.
 */
export function sinceLast(before: LookSnapshot, now: LookSnapshot, finished: Readonly<Record<string, Finish>> = {}): SinceChange[] {
  const then = new Map(before.items.map((item) => [item.key, item]));
  const shown = new Set(now.items.map((item) => item.key));
  const changes: SinceChange[] = [];
  for (const item of now.items) {
    const old = then.get(item.key);
    if (old) {
      const change = changeOf(old, item);
      if (change) changes.push(change);
    } else if (!before.partial && item.state === 'blocked') {
      changes.push({ kind: 'blocked', item });
    }
  }
  for (const item of before.items) {
    const how = own(finished, item.key);
    if (!shown.has(item.key) && how) changes.push({ kind: 'done', item, how });
  }
  // A stable sort keeps each kind in its snapshot's order.
  return changes.sort((a, b) => CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind));
}

/** The keys of `before` that `now` no longer shows: the ones whose end the cache is asked about. */
export function goneKeys(before: LookSnapshot, now: LookSnapshot): string[] {
  const shown = new Set(now.items.map((item) => item.key));
  return before.items.map((item) => item.key).filter((key) => !shown.has(key));
}

/** Items named in a sentence about `key`: short keys, its own repository's as `#208`. */
function refs(keys: readonly string[], key: string): string {
  return inRepoRefs(keys.map(shortKey).join(', '), key);
}

/** How an item ended, in its site's word: a pull request "merged", an issue "closed", a Jira issue "done". */
export function finishWord(key: string, how: Finish): string {
  if (key.startsWith('jira:')) return STATE_WORDS.done;
  return how;
}

/**
 * What changed, in words, after the item's name: "blocked (was flowing): in status Blocked",
 * "now waits on #209 too", "no longer blocked, now waiting", "merged". `cause` is the row's cause
 * in a few words (TeamItem.headCause), when it has one.
 */
export function changeText(change: SinceChange, cause?: string): string {
  const { key } = change.item;
  switch (change.kind) {
    case 'blocked': {
      const why = cause ?? (change.item.blockers ? `waits on ${refs(change.item.blockers, key)}` : undefined);
      return `blocked (${change.was ? `was ${STATE_WORDS[change.was]}` : 'new in the list'})${why ? `: ${why}` : ''}`;
    }
    case 'new-blockers': {
      const kept = (change.item.blockers ?? []).length > change.added.length;
      return `now waits on ${refs(change.added, key)}${kept ? ' too' : ''}${change.dropped.length > 0 ? `, no longer on ${refs(change.dropped, key)}` : ''}`;
    }
    case 'unblocked':
      return `no longer blocked, now ${STATE_WORDS[change.item.state]}`;
    case 'done':
      return finishWord(key, change.how);
  }
}

const KIND_WORDS: Record<SinceChange['kind'], string> = { blocked: 'newly blocked', 'new-blockers': 'with new blockers', unblocked: 'unblocked', done: 'done' };

/** The changes counted by kind, for the section's first line: "2 newly blocked · 1 done". */
export function changeCounts(changes: readonly SinceChange[]): string {
  return CHANGE_KINDS.flatMap((kind) => {
    const n = changes.filter((change) => change.kind === kind).length;
    return n > 0 ? [`${n} ${KIND_WORDS[kind]}`] : [];
  }).join(' · ');
}
