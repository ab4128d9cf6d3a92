/**
 * Finds the GitHub items referenced on a page: reads the DOM, never changes it, never fetches.
 */
import { formatKey, type GithubRef } from '../../item-key';
import { LIST_TITLE_LINKS, OWN_ELEMENTS } from './selectors';

/** An item on the page and the element its badge goes after. */
export interface FoundItem {
  ref: GithubRef;
  key: string;
  anchor: HTMLAnchorElement;
}

const ITEM_PATH = /^\/([a-z0-9_.-]+)\/([a-z0-9_.-]+)\/(pull|issues)\/(\d+)\/?$/i;

/** The item a link points to, when it is a PR or issue on this GitHub host. */
export function parseItemLink(href: string, pageUrl: string): GithubRef | undefined {
  let url: URL;
  try {
    url = new URL(href, pageUrl);
  } catch {
    return undefined;
  }
  const match = ITEM_PATH.exec(url.pathname);
  if (!match || url.host !== new URL(pageUrl).host) return undefined;
  const [, owner, repo, , number] = match;
  return { source: 'github', host: url.host, owner: owner!, repo: repo!, number: Number(number) };
}

/** Title links inside `root` (and `root` itself), each once, outside our own elements. */
export function findItems(root: Element | Document, pageUrl: string): FoundItem[] {
  const links: Element[] = [...root.querySelectorAll(LIST_TITLE_LINKS)];
  if (root instanceof Element && root.matches(LIST_TITLE_LINKS)) links.unshift(root);
  const found: FoundItem[] = [];
  for (const link of new Set(links)) {
    if (!(link instanceof HTMLAnchorElement) || link.closest(OWN_ELEMENTS)) continue;
    const ref = parseItemLink(link.getAttribute('href') ?? '', pageUrl);
    if (ref) found.push({ ref, key: formatKey(ref), anchor: link });
  }
  return found;
}
