/**
 * Finds the GitHub items referenced on a page: reads the DOM, never changes it, never fetches.
 * Links are recognised by what they point to (the href), so legacy and React markup share rules.
 */
import { formatKey, githubRefOfUrl, type GithubRef } from '../../item-key';
import type { FoundItem } from '../found-item';
import { PAGE_KINDS } from './page-detect';
import { BOARD_CARD_FIELDS, BOARD_CARD_TITLE_LINK, ITEM_PAGE_TITLES, LIST_TITLE_LINKS, OWN_ELEMENTS, PROJECT_BOARD_CARDS, PROJECT_ITEM_LINKS, REFERENCE_LINKS, SEARCH_RESULT_LINKS, STICKY_TWINS } from './selectors';

const LINKS = [LIST_TITLE_LINKS, REFERENCE_LINKS, SEARCH_RESULT_LINKS, PROJECT_ITEM_LINKS].join(', ');

/** The item a link points to, when it is a PR or issue on this GitHub host. */
export function parseItemLink(href: string, pageUrl: string): GithubRef | undefined {
  let url: URL;
  try {
    url = new URL(href, pageUrl);
  } catch {
    return undefined;
  }
  return url.host === new URL(pageUrl).host ? githubRefOfUrl(url) : undefined;
}

/** Elements matching `selector` inside `root`, and `root` itself when it matches. */
function within(root: Element | Document, selector: string): Element[] {
  const found = [...root.querySelectorAll(selector)];
  if (root instanceof Element && root.matches(selector)) found.unshift(root);
  return found;
}

/**
 * The title link of each Projects board card in or around `root`: the card's `h3` link, else its
 * first item link outside its fields (a linked pull request there is another item). A card whose
 * content is rendered later (it scrolled into view) is found when that content is added.
 */
function boardCardLinks(root: Element | Document, pageUrl: string): Element[] {
  const cards = new Set(within(root, PROJECT_BOARD_CARDS));
  const around = root instanceof Element ? root.closest(PROJECT_BOARD_CARDS) : null;
  if (around) cards.add(around);
  return [...cards].flatMap((card) => {
    const title = card.querySelector(BOARD_CARD_TITLE_LINK);
    const link = title ?? [...card.querySelectorAll('a[href]')].find((a) => !a.closest(BOARD_CARD_FIELDS) && parseItemLink(a.getAttribute('href') ?? '', pageUrl));
    return link ? [link] : [];
  });
}

/** Item links inside `root`, each once, outside our own elements. */
export function findItems(root: Element | Document, pageUrl: string): FoundItem<GithubRef>[] {
  const found: FoundItem<GithubRef>[] = [];
  for (const link of new Set([...within(root, LINKS), ...boardCardLinks(root, pageUrl)])) {
    if (!(link instanceof HTMLAnchorElement) || link.closest(OWN_ELEMENTS)) continue;
    const ref = parseItemLink(link.getAttribute('href') ?? '', pageUrl);
    if (ref) found.push({ ref, key: formatKey(ref), anchor: link });
  }
  return [...findItemPage(root, pageUrl), ...found];
}

/** On a PR or issue page, the item itself, badged at the end of its title. */
export function findItemPage(root: Element | Document, pageUrl: string): FoundItem<GithubRef>[] {
  const url = new URL(pageUrl);
  if (!PAGE_KINDS.pullRequest.test(url) && !PAGE_KINDS.issue.test(url)) return [];
  const [, owner, repo, , number] = url.pathname.split('/');
  const title = titleIn(root);
  if (!title || !owner || !repo || !number) return [];
  const ref: GithubRef = { source: 'github', host: url.host, owner, repo, number: Number(number) };
  return [{ ref, key: formatKey(ref), anchor: title, placement: 'inside' }];
}

/** The page's title: the first selector of ITEM_PAGE_TITLES that matches outside a sticky twin. */
function titleIn(root: Element | Document): Element | undefined {
  for (const selector of ITEM_PAGE_TITLES) {
    const title = within(root, selector).find((element) => !element.closest(STICKY_TWINS));
    if (title) return title;
  }
  return undefined;
}
