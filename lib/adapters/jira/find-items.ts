/**
 * Finds the Jira issues a page shows and where each badge goes: the issue of an issue view, the
 * issues a Jira page lists, the issues a Confluence page links to; nothing on admin pages.
 * Reads the DOM, never changes it, never fetches.
 */
import { formatKey, type JiraRef } from '../../item-key';
import type { FoundItem } from '../found-item';
import { findConfluenceIssues } from './find-confluence';
import { eachListedIssue } from './find-listed';
import { detectPage, issueKeyOf, siteOf } from './page-detect';
import { ISSUE_SUMMARY_HEADING } from './selectors';

/** Every issue to badge inside `root` (a document or an added element) on the page at `href`: the content script's `find`. */
export function findIssues(root: Document | Element, href: string): FoundItem<JiraRef>[] {
  return [...eachIssue(root, href)];
}

/** The issues of findIssues one at a time, in the page's order (the content script reads a big page in slices). */
export function* eachIssue(root: Document | Element, href: string): Generator<FoundItem<JiraRef>, void, undefined> {
  const kind = detectPage(href);
  if (kind === 'admin') return;
  if (kind === 'confluence') return yield* findConfluenceIssues(root, href);
  // The issue view's badge goes at the end of its heading; listed issues' after their anchor.
  for (const found of findIssueView(root, href)) yield { ...found, placement: 'inside' };
  yield* eachListedIssue(root, href);
}

/** The issue of an issue view (full page or side panel), once; nothing elsewhere. */
export function findIssueView(root: Document | Element, pageUrl: string): FoundItem<JiraRef>[] {
  const issueKey = issueKeyOf(pageUrl);
  const heading = root.querySelector(ISSUE_SUMMARY_HEADING) ?? (root instanceof Element && root.matches(ISSUE_SUMMARY_HEADING) ? root : null);
  if (!issueKey || !heading) return [];
  const ref: JiraRef = { source: 'jira', host: siteOf(root.ownerDocument ?? (root as Document), pageUrl), issueKey };
  return [{ ref, key: formatKey(ref), anchor: heading }];
}
