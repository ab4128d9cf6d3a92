/** Finds the Jira issue an issue view shows, and where its badge goes. Reads only. */
import { formatKey, type JiraRef } from '../../item-key';
import type { FoundItem } from '../found-item';
import { issueKeyOf, siteOf } from './page-detect';
import { ISSUE_SUMMARY_HEADING } from './selectors';

/** The issue of an issue view (full page or side panel), once; nothing elsewhere. */
export function findIssueView(root: Document | Element, pageUrl: string): FoundItem<JiraRef>[] {
  const issueKey = issueKeyOf(pageUrl);
  const heading = root.querySelector(ISSUE_SUMMARY_HEADING) ?? (root instanceof Element && root.matches(ISSUE_SUMMARY_HEADING) ? root : null);
  if (!issueKey || !heading) return [];
  const ref: JiraRef = { source: 'jira', host: siteOf(root.ownerDocument ?? (root as Document), pageUrl), issueKey };
  return [{ ref, key: formatKey(ref), anchor: heading }];
}
