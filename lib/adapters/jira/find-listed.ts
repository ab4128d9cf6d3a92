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

/** The key a container stands for. */
function keyOf(container: Element, pageUrl: string): string | undefined {
  const attribute = container.getAttribute('data-issue-key') ?? container.getAttribute('data-issuekey');
  if (attribute && KEY.test(attribute)) return attribute;
  for (const link of container.querySelectorAll('a[href*="/browse/"]')) {
    try {
      const key = /\/browse\/([^/?#]+)\/?$/.exec(new URL(link.getAttribute('href') ?? '', pageUrl).pathname)?.[1];
      if (key && KEY.test(key)) return key;
    } catch {
      continue;
    }
  }
  return undefined;
}

/** Listed issues inside `root` (and `root` itself), one per container. */
export function findListedIssues(root: Document | Element, pageUrl: string): FoundIssue[] {
  const containers = [...root.querySelectorAll(ISSUE_CONTAINERS)];
  // An element added inside a card (its key re-rendered) brings the card back into view.
  const around = root instanceof Element ? root.closest(ISSUE_CONTAINERS) : null;
  if (around) containers.unshift(around);
  const host = siteOf(root.ownerDocument ?? (root as Document), pageUrl);
  return containers.flatMap((container) => {
    const issueKey = keyOf(container, pageUrl);
    if (!issueKey || container.parentElement?.closest(ISSUE_CONTAINERS)) return [];
    const ref: JiraRef = { source: 'jira', host, issueKey };
    const anchor = CONTAINER_KEY.map((selector) => container.querySelector(selector)).find((element) => element !== null);
    return [{ ref, key: formatKey(ref), anchor: anchor ?? container }];
  });
}
