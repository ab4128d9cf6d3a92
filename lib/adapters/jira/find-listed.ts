/**
 * Finds the issues listed on a Jira page (board cards, backlog rows, list and navigator rows,
 * linked and child issues): the key comes from a `/browse/KEY` link (or Data Center's data
 * attribute); test-id markers, or the key's own text where it has none, only say where the badge
 * goes. One badge per container, so screen-reader twins, summary links and overlay links never
 * double it.
 */
import { formatKey, isJiraKey, type JiraRef } from '../../item-key';
import type { FoundItem } from '../found-item';
import { siteOf } from './page-detect';
import { ANY_ISSUE_LINK, CONTAINER_KEY, ISSUE_CONTAINERS, KEY_AS_TEXT, OVERLAID_CONTAINERS } from './selectors';

/**
 * The issue key a `/browse/KEY` href names (absolute, relative, or under a context path). Read
 * from the string: a board of 2,000 cards would otherwise parse 2,000 URLs before any badge.
 */
export function keyOfHref(href: string): string | undefined {
  // The last path segment after `/browse/`, before any query or fragment, in one match.
  const key = BROWSE_KEY.exec(href.trim())?.[1];
  return key && isJiraKey(key) ? key : undefined;
}

/** `/browse/KEY` as the end of a URL's path (an optional slash, then its end, query or fragment). */
const BROWSE_KEY = /^[^?#]*\/browse\/([^/?#]+)\/?(?:[?#]|$)/;

/** The key a container stands for. */
function keyOf(container: Element): string | undefined {
  const attribute = container.getAttribute('data-issue-key') ?? container.getAttribute('data-issuekey');
  if (attribute && isJiraKey(attribute)) return attribute;
  // The first link nearly always names it: the card is read to its first link, not to its end.
  const first = container.querySelector(ANY_ISSUE_LINK);
  if (!first) return undefined;
  return linkKey(first) ?? [...container.querySelectorAll(ANY_ISSUE_LINK)].slice(1).map(linkKey).find((key) => key !== undefined);
}

/** The key an issue link names. */
const linkKey = (link: Element) => keyOfHref(link.getAttribute('href') ?? '');

/** The text of an element itself, without its children's. */
function ownText(element: Element): string {
  let text = '';
  for (const node of element.childNodes) if (node.nodeType === 3) text += node.textContent ?? '';
  return text.trim();
}

/** The element of the given kind that shows `key` as its own text, outside any link. */
function shownKey(container: Element, element: string, key: string): Element | undefined {
  for (const candidate of container.querySelectorAll(element)) {
    if (ownText(candidate) === key && !candidate.closest('a')) return candidate;
  }
  return undefined;
}

/**
 * Where the badge goes in a container: the first marker of CONTAINER_KEY found, else the key
 * shown as text (KEY_AS_TEXT), else the first issue link, else the container.
 */
function anchorIn(container: Element, key: string): Element {
  for (const selector of CONTAINER_KEY) {
    const found = container.querySelector(selector);
    if (found) return found;
  }
  for (const { container: kind, element } of KEY_AS_TEXT) {
    const shown = container.matches(kind) ? shownKey(container, element, key) : undefined;
    if (shown) return shown;
  }
  return container.querySelector(ANY_ISSUE_LINK) ?? container;
}

/** Listed issues inside `root` (and `root` itself), one per container. */
export function findListedIssues(root: Document | Element, pageUrl: string): FoundItem<JiraRef>[] {
  return [...eachListedIssue(root, pageUrl)];
}

/**
 * The listed issues of findListedIssues one at a time, in the page's order: the content script
 * reads a board of thousands in slices, with the page's turn between them.
 */
export function* eachListedIssue(root: Document | Element, pageUrl: string): Generator<FoundItem<JiraRef>, void, undefined> {
  const containers = [...root.querySelectorAll(ISSUE_CONTAINERS)];
  // An element added inside a card (its key re-rendered) brings the card back into view.
  const around = root instanceof Element ? root.closest(ISSUE_CONTAINERS) : null;
  if (around) containers.unshift(around);
  const listed = new Set(containers);
  const host = siteOf(root.ownerDocument ?? (root as Document), pageUrl);
  for (const container of containers) {
    const issueKey = keyOf(container);
    if (!issueKey || insideAnother(container, root, around, listed)) continue;
    const ref: JiraRef = { source: 'jira', host, issueKey };
    const issue: FoundItem<JiraRef> = { ref, key: formatKey(ref), anchor: anchorIn(container, issueKey) };
    if (container.matches(OVERLAID_CONTAINERS)) issue.overlaid = true;
    yield issue;
  }
}

/**
 * Whether a container sits inside another (a line card inside a card): only the outer one gets
 * a badge. Every container inside `root` is in `listed`, so below `root` an ancestor is looked
 * up there rather than matched against every container selector, at each level of a deep page.
 * Above `root`, the one around it (`around`) holds everything in it.
 */
function insideAnother(container: Element, root: Document | Element, around: Element | null, listed: Set<Element>): boolean {
  if (container === around) return container.parentElement?.closest(ISSUE_CONTAINERS) != null;
  if (around) return true;
  for (let parent = container.parentElement; parent && parent !== root; parent = parent.parentElement) {
    if (listed.has(parent)) return true;
  }
  return false;
}
