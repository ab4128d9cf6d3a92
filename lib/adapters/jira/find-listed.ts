/**
 * Finds the issues listed on a Jira page (board cards, backlog rows, navigator rows, linked and
 * child issues): the key comes from a `/browse/KEY` link (or Data Center's data attribute), the
 * test-id markers only say where the badge goes. One badge per container, so screen-reader
 * twins and summary links never double it.
 */
import { formatKey, type JiraRef } from '../../item-key';
import type { FoundIssue } from './find-items';
import { siteOf } from './page-detect';
import { CONTAINER_KEY, ISSUE_CONTAINERS } from './selectors';

const KEY = /^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/;

/**
 * The issue key a `/browse/KEY` href names (absolute, relative, or under a context path). Read
 * from the string: a board of 2,000 cards would otherwise parse 2,000 URLs before any badge.
 */
function keyOfHref(href: string): string | undefined {
  const path = href.trim().split(/[?#]/, 1)[0]!;
  const key = /\/browse\/([^/]+)\/?$/.exec(path)?.[1];
  return key && KEY.test(key) ? key : undefined;
}

/** The key a container stands for. */
function keyOf(container: Element): string | undefined {
  const attribute = container.getAttribute('data-issue-key') ?? container.getAttribute('data-issuekey');
  if (attribute && KEY.test(attribute)) return attribute;
  for (const link of container.querySelectorAll('a[href*="/browse/"]')) {
    const key = keyOfHref(link.getAttribute('href') ?? '');
    if (key) return key;
  }
  return undefined;
}

/** Where the badge goes in a container: the first marker of CONTAINER_KEY found, else the container. */
function anchorIn(container: Element): Element {
  for (const selector of CONTAINER_KEY) {
    const found = container.querySelector(selector);
    if (found) return found;
  }
  return container;
}

/** Listed issues inside `root` (and `root` itself), one per container. */
export function findListedIssues(root: Document | Element, pageUrl: string): FoundIssue[] {
  const containers = [...root.querySelectorAll(ISSUE_CONTAINERS)];
  // An element added inside a card (its key re-rendered) brings the card back into view.
  const around = root instanceof Element ? root.closest(ISSUE_CONTAINERS) : null;
  if (around) containers.unshift(around);
  const host = siteOf(root.ownerDocument ?? (root as Document), pageUrl);
  const found: FoundIssue[] = [];
  for (const container of containers) {
    const issueKey = keyOf(container);
    if (!issueKey || container.parentElement?.closest(ISSUE_CONTAINERS)) continue;
    const ref: JiraRef = { source: 'jira', host, issueKey };
    found.push({ ref, key: formatKey(ref), anchor: anchorIn(container) });
  }
  return found;
}
