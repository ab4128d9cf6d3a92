/** Finds the Jira issue an issue view shows, and where its badge goes. Reads only. */
import { formatKey, type JiraRef } from '../../item-key';
import { issueKeyOf, siteOf } from './page-detect';
import { ISSUE_SUMMARY_HEADING } from './selectors';

/** An issue on the page and the element its badge goes after. */
export interface FoundIssue {
  ref: JiraRef;
  key: string;
  anchor: Element;
  /** Its place has a link laid over it (a business board card): the badge must be raised above it. */
  overlaid?: boolean;
}

/** The issue of an issue view (full page or side panel), once; nothing elsewhere. */
export function findIssueView(root: Document | Element, pageUrl: string): FoundIssue[] {
  const issueKey = issueKeyOf(pageUrl);
  const heading = root.querySelector(ISSUE_SUMMARY_HEADING) ?? (root instanceof Element && root.matches(ISSUE_SUMMARY_HEADING) ? root : null);
  if (!issueKey || !heading) return [];
  const ref: JiraRef = { source: 'jira', host: siteOf(root.ownerDocument ?? (root as Document), pageUrl), issueKey };
  return [{ ref, key: formatKey(ref), anchor: heading }];
}
