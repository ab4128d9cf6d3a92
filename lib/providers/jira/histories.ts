/**
 * Jira changelog histories read at the boundary, each history and each of its items on its own:
 * a malformed one is skipped, never the issue, the page or the batch it came in. Only a value's
 * own properties are read, so a key Jira did not send is absent rather than an `Object.prototype`
 * member (an item without `toString` would otherwise read as `Object.prototype.toString`, a
 * function), and a `__proto__` key is one more key FlowLens does not read. Every field comes out
 * present, as a string or null, so no later read can fall through to the prototype either.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-changelog-bulkfetch-post
 */
import * as v from 'valibot';
import { ownFields } from './own-fields';
import type { JiraIssue } from './schema';

/** A text field of a history item: Jira documents strings, and sends null for "none"; absent reads as null. */
const text = v.nullish(v.string(), null);

/**
 * One item of a history. A `Link` item carries the linked key in `to` (added) or `from` (removed)
 * and a sentence in the site's language ("This issue is blocked by EE-2880"); on Cloud it has no
 * `fieldId` (a live changelog shows it).
 */
const itemSchema = v.object({ field: text, fieldId: text, from: text, fromString: text, to: text, toString: text });

const authorSchema = v.pipe(v.unknown(), v.transform(ownFields), v.object({ accountId: text, name: text, displayName: text }));

const historySchema = v.object({
  created: v.union([v.string(), v.number()]),
  // The author only says who made the changes: one FlowLens cannot read is left out, the change kept.
  author: v.fallback(v.nullish(authorSchema, null), null),
  items: v.array(v.unknown()),
});

/** One changelog item as FlowLens reads it. */
export type JiraHistoryItem = v.InferOutput<typeof itemSchema>;

/** One history entry as FlowLens reads it: when, by whom, and its items. */
export interface JiraHistory {
  created: string | number;
  author: v.InferOutput<typeof authorSchema> | null;
  items: JiraHistoryItem[];
}

/** The items of a history that match the schema. */
function readItems(raw: readonly unknown[]): JiraHistoryItem[] {
  return raw.flatMap((value) => {
    const item = v.safeParse(itemSchema, ownFields(value));
    return item.success ? [item.output] : [];
  });
}

/**
 * Jira's `histories` (an expanded search) or `changeHistories` (the changelog bulk fetch): each
 * history and item that matches the schema; anything else, or a value that is no list, gives none.
 */
export function readHistories(raw: unknown): JiraHistory[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((value) => {
    const history = v.safeParse(historySchema, ownFields(value));
    if (!history.success) return [];
    const { created, author, items } = history.output;
    return [{ created, author, items: readItems(items) }];
  });
}

const withChangelog = v.object({ key: v.string(), changelog: v.object({ histories: v.array(v.unknown()) }) });

/**
 * Histories by key from issues searched with `expand=changelog` (Data Center), each history read
 * on its own: a malformed one is skipped, not the issue's others.
 */
export function expandedHistories(raw: unknown[]): Map<string, JiraHistory[]> {
  return new Map(
    raw.flatMap((value) => {
      const issue = v.safeParse(withChangelog, value);
      return issue.success ? [[issue.output.key, readHistories(issue.output.changelog.histories)] as const] : [];
    }),
  );
}

/** The histories Jira gave for an issue: by id (the changelog bulk fetch) or by key (an expanded search). */
export function historiesOf(histories: ReadonlyMap<string, JiraHistory[]> | undefined, issue: JiraIssue): JiraHistory[] {
  return histories?.get(issue.id ?? '') ?? histories?.get(issue.key) ?? [];
}
