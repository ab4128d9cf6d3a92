/**
 * The second link-history pass on Cloud. A Cloud `Link` changelog item has no `fieldId` (a
 * changelog recorded from a live Cloud site shows it), so a site that filters the changelog bulk
 * fetch strictly by `fieldIds` drops link history. The issues blocked by a link their filtered
 * history does not date are asked once more, unfiltered, in one batch, and only their `Link`
 * items are kept from it. On a board that is only the open issues with blockers not shown done
 * (what their badges' "since" needs).
 */
import type { Fetch } from '../http';
import { ISSUE_VIEW_LIMIT } from './context';
import { fetchChangelogs, type ChangelogRequest } from './fetch-changelogs';
import { historiesOf, type JiraHistory, type JiraHistoryItem } from './histories';
import type { JiraIssue } from './schema';
import { blockerKeys } from './to-work-item';

const isLinkItem = (item: JiraHistoryItem) => item.field === 'Link' || item.fieldId === 'issuelinks';

/** The key a `Link` item links to or unlinks from. */
const linkedKey = (item: JiraHistoryItem) => item.to ?? item.from ?? '';

/** Whether a history records a link to `key` being made or removed (a `Link` item names it in `to` or `from`). */
function recordsLinkTo(histories: readonly JiraHistory[], key: string): boolean {
  return key !== '' && histories.some((history) => history.items.some((item) => isLinkItem(item) && (item.to === key || item.from === key)));
}

/**
 * The issues blocked by a link (one of `waits`) that `histories` does not date. On a board, only
 * open issues and their blockers not shown done; an issue view (a few issues) also gets the
 * history of links that no longer hold it up.
 */
function undatedLinks(issues: JiraIssue[], histories: ReadonlyMap<string, JiraHistory[]>, waits: ReadonlySet<string>): JiraIssue[] {
  const view = issues.length <= ISSUE_VIEW_LIMIT;
  const needsLinks = (issue: JiraIssue) => view || issue.fields.status.statusCategory?.key !== 'done';
  return issues.filter((issue) => needsLinks(issue) && [...blockerKeys(issue, waits, !view)].some((key) => !recordsLinkTo(historiesOf(histories, issue), key)));
}

/** What the second pass needs: the issues, the first pass's request without its keys and fields, and the "waits on" link names. */
export interface LinkPass {
  issues: JiraIssue[];
  fetch: Fetch;
  request: Omit<ChangelogRequest, 'keys' | 'fieldIds'>;
  waits: ReadonlySet<string>;
}

/** `histories` (by issue id) with the link items an unfiltered history of the undated issues adds; nothing is counted twice. */
export async function withLinkHistory(histories: Map<string, JiraHistory[]>, pass: LinkPass): Promise<Map<string, JiraHistory[]>> {
  const undated = undatedLinks(pass.issues, histories, pass.waits);
  if (undated.length === 0) return histories;
  const whole = await fetchChangelogs(pass.fetch, { ...pass.request, keys: undated.map((issue) => issue.key), fieldIds: [] });
  for (const [id, list] of whole ?? []) {
    const filtered = histories.get(id) ?? [];
    // Only the link items the filtered answer lacked.
    const missing = (item: JiraHistoryItem) => isLinkItem(item) && !recordsLinkTo(filtered, linkedKey(item));
    const links = list.map((history) => ({ ...history, items: history.items.filter(missing) })).filter((history) => history.items.length > 0);
    if (links.length > 0) histories.set(id, [...filtered, ...links]);
  }
  return histories;
}
