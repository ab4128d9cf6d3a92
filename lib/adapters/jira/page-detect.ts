/**
 * Which Jira page this is, from the URL alone. Jira Data Center may live under a context path
 * (`https://jira.corp/jira/browse/OPS-1`), so paths are matched at their end.
 */
import { isJiraKey, jiraKeySource } from '../../item-key';
import { ANY_BUSINESS_BOARD_CARD } from './selectors';

/** The issue a Jira URL shows: `/browse/KEY`, or a board or list with `?selectedIssue=KEY`. */
export function issueKeyOf(href: string): string | undefined {
  const url = new URL(href);
  const browse = /\/browse\/([^/?#]+)\/?$/.exec(url.pathname)?.[1];
  const candidate = browse ?? url.searchParams.get('selectedIssue') ?? undefined;
  const key = candidate ? decodeURIComponent(candidate).toUpperCase() : undefined;
  return key && isJiraKey(key) ? key : undefined;
}

/** Example URLs the detector must accept, with the key each shows. */
export const ISSUE_VIEW_EXAMPLES: [string, string][] = [
  ['https://acme.atlassian.net/browse/PAY-42', 'PAY-42'],
  ['https://acme.atlassian.net/jira/software/projects/PAY/boards/3?selectedIssue=PAY-7', 'PAY-7'],
  ['https://jira.corp.example/jira/browse/OPS-1', 'OPS-1'],
];

/** URLs that show no single issue. */
export const NOT_ISSUE_VIEW_EXAMPLES = [
  'https://acme.atlassian.net/jira/software/projects/PAY/boards/3',
  'https://acme.atlassian.net/browse/',
  'https://acme.atlassian.net/browse/not-a-key',
  'https://acme.atlassian.net/jira/your-work',
];

/** A Jira Cloud business (Work Management) board: `/jira/core/projects/KEY/board`. */
export function isBusinessBoard(href: string): boolean {
  return /^\/jira\/core\/projects\/[^/]+\/board\/?$/.test(new URL(href).pathname);
}

/** Example URLs of business boards. */
export const BUSINESS_BOARD_EXAMPLES = [
  'https://acme.atlassian.net/jira/core/projects/MKT/board',
  'https://acme.atlassian.net/jira/core/projects/MKT/board/?groupBy=status',
];

/** URLs that are not business boards. */
export const NOT_BUSINESS_BOARD_EXAMPLES = [
  'https://acme.atlassian.net/jira/core/projects/MKT/list',
  'https://acme.atlassian.net/jira/core/projects/MKT/board/settings',
  'https://acme.atlassian.net/jira/software/projects/PAY/boards/3',
  'https://acme.atlassian.net/browse/MKT-1',
];

/**
 * The Jira site a page belongs to: its host, plus the context path Data Center may run under
 * (`jira.corp.example/jira`). Data Center pages state it in `<meta name="ajs-context-path">`;
 * without that, the path before `/browse/` or `/secure/` is taken.
 */
export function siteOf(doc: Document, href: string): string {
  const url = new URL(href);
  // Jira Cloud has no context path (its /jira/… pages are routes, not a prefix).
  if (url.host.endsWith('.atlassian.net')) return url.host;
  const meta = doc.querySelector('meta[name="ajs-context-path"]')?.getAttribute('content');
  const guessed = /^(.*?)\/(?:browse|secure|issues)\//.exec(url.pathname)?.[1];
  const context = withoutTrailingSlashes(meta ?? guessed ?? '');
  return /^(\/[\w.-]+)*$/.test(context) ? `${url.host}${context}` : url.host;
}

/**
 * `path` without the slashes it ends with. A loop, not `/\/+$/`: that regex tries every slash as
 * a start and runs to the end of the slashes from each, quadratic in a page's crafted meta tag.
 */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

/** A path that ends in `/browse/KEY`. */
const BROWSE_PATH = new RegExp(`/browse/${jiraKeySource()}/?$`);

/**
 * Which kind of Jira page must hold an issue FlowLens can badge: an issue view always, a business
 * board when it shows a card (even one whose overlay link no longer names the issue; an empty
 * board holds none), any other page when it links to an issue. Used to notice markup FlowLens no
 * longer reads.
 */
export function expectedIssues(doc: Document, href: string): 'issue view' | 'issue list' | undefined {
  if (issueKeyOf(href)) return 'issue view';
  if (isBusinessBoard(href) && doc.querySelector(ANY_BUSINESS_BOARD_CARD)) return 'issue list';
  for (const link of doc.querySelectorAll<HTMLAnchorElement>('a[href*="/browse/"]')) {
    if (BROWSE_PATH.test(new URL(link.href, href).pathname)) return 'issue list';
  }
  return undefined;
}
