/**
 * The Jira issues a Confluence page of the same Cloud site links to (`SITE.atlassian.net/wiki/…`),
 * badged at a bounded cost: a link counts when it leads to this site's own `/browse/KEY` and
 * its text is the key itself (the Jira issue macro's key link, a Jira issues table's key column,
 * a key linked by hand), so a summary or icon linking the same issue adds no second badge; and
 * only the first MAX_CONFLUENCE_LINKS such links of the page, in its order, are badged. Links to
 * another site's Jira are left alone: FlowLens shows a site's data on that site only.
 */
import { formatKey, isJiraKey, type JiraRef } from '../../item-key';
import type { FoundItem } from '../found-item';
import { CONFLUENCE_ISSUE_LINKS } from './selectors';

/**
 * Issue links badged on one Confluence page at most, so at most this many issues are asked of
 * Jira for it: one bulk fetch (100 keys a request) and its histories.
 */
export const MAX_CONFLUENCE_LINKS = 50;

/** The issue `link` names by its key on the page's own site, or `undefined`. */
function keyLinkOf(link: Element, page: URL): JiraRef | undefined {
  // The text first: it rules out summary and icon links without parsing their URLs.
  const key = link.textContent?.trim() ?? '';
  const href = link.getAttribute('href') ?? '';
  if (!isJiraKey(key) || !URL.canParse(href, page.href)) return undefined;
  const target = new URL(href, page.href);
  // Jira Cloud's issue pages are /browse/KEY at the site's root; the page's host is the site.
  const named = /^\/browse\/([^/]+)\/?$/.exec(target.pathname)?.[1];
  return target.host === page.host && named === key ? { source: 'jira', host: page.host, issueKey: key } : undefined;
}

/** The first `limit` key links of the whole document, in its order. */
function firstKeyLinks(doc: Document, page: URL, limit: number): Set<Element> {
  const links = new Set<Element>();
  for (const link of doc.querySelectorAll(CONFLUENCE_ISSUE_LINKS)) {
    if (links.size >= limit) break;
    if (keyLinkOf(link, page)) links.add(link);
  }
  return links;
}

/** Key links to this site's issues inside `root` (and `root` itself), among the page's first MAX_CONFLUENCE_LINKS. */
export function findConfluenceIssues(root: Document | Element, pageUrl: string): FoundItem<JiraRef>[] {
  const page = new URL(pageUrl);
  const links = [...root.querySelectorAll(CONFLUENCE_ISSUE_LINKS)];
  if (root instanceof Element && root.matches(CONFLUENCE_ISSUE_LINKS)) links.unshift(root);
  const found = links.flatMap((link) => {
    const ref = keyLinkOf(link, page);
    return ref ? [{ link, ref }] : [];
  });
  // Most of what a page adds holds no issue link: the whole page is read only when this part has one.
  if (found.length === 0) return [];
  const first = firstKeyLinks(root.ownerDocument ?? (root as Document), page, MAX_CONFLUENCE_LINKS);
  return found.filter(({ link }) => first.has(link)).map(({ link, ref }) => ({ ref, key: formatKey(ref), anchor: link }));
}
