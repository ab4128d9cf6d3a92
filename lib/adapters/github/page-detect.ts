/**
 * Which GitHub page this is, from the URL alone (pure, tested against the example URLs beside
 * each detector: every detector must accept its own examples and reject all the others').
 */

import { isGithubProjectPath } from '../../item-key';

/** A page detector and the URLs it must recognise. */
interface Detector {
  test: (url: URL) => boolean;
  examples: string[];
}

const RESERVED = new Set(['orgs', 'settings', 'notifications', 'search', 'pulls', 'issues', 'marketplace', 'explore', 'topics', 'sponsors', 'login', 'new', 'organizations', 'features']);

/** `[owner, repo, ...rest]` when the path is inside a repository. */
function repoPath(url: URL): string[] | undefined {
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts.length < 2 || RESERVED.has(parts[0]!)) return undefined;
  return parts;
}

/** Every page kind FlowLens knows, each with its example URLs. */
export const PAGE_KINDS = {
  repoPullList: {
    test: (url) => repoPath(url)?.slice(2).join('/') === 'pulls',
    examples: ['https://github.com/octo-org/api/pulls', 'https://github.com/octo-org/api/pulls?q=is%3Apr+is%3Aopen+label%3Ablocked'],
  },
  repoIssueList: {
    test: (url) => repoPath(url)?.slice(2).join('/') === 'issues',
    examples: ['https://github.com/octo-org/api/issues', 'https://github.com/octo-org/api/issues?q=is%3Aissue%20state%3Aopen'],
  },
  globalPullList: {
    test: (url) => /^\/pulls(\/(assigned|mentioned|review-requested))?\/?$/.test(url.pathname),
    examples: ['https://github.com/pulls', 'https://github.com/pulls/review-requested'],
  },
  globalIssueList: {
    test: (url) => /^\/issues(\/(assigned|mentioned|created))?\/?$/.test(url.pathname),
    examples: ['https://github.com/issues', 'https://github.com/issues/assigned'],
  },
  pullRequest: {
    test: (url) => /^pull\/\d+(\/(files|commits|checks))?$/.test(repoPath(url)?.slice(2).join('/') ?? ''),
    examples: ['https://github.com/octo-org/api/pull/42', 'https://github.com/octo-org/api/pull/42/files'],
  },
  issue: {
    test: (url) => /^issues\/\d+$/.test(repoPath(url)?.slice(2).join('/') ?? ''),
    examples: ['https://github.com/octo-org/api/issues/7'],
  },
  project: {
    // GitHub Projects of an organisation or a user, any view (board, table, roadmap).
    test: (url) => isGithubProjectPath(url.pathname),
    examples: ['https://github.com/orgs/octo-org/projects/7', 'https://github.com/orgs/octo-org/projects/7/views/2?layout=table', 'https://github.com/users/alice/projects/3/views/1'],
  },
  search: {
    test: (url) => url.pathname === '/search' && /^(pullrequests|issues)$/i.test(url.searchParams.get('type') ?? ''),
    examples: ['https://github.com/search?q=is%3Apr+author%3Aalice&type=pullrequests', 'https://github.com/search?q=bug&type=issues'],
  },
} satisfies Record<string, Detector>;

/** The name of a page kind. */
export type PageKind = keyof typeof PAGE_KINDS;

/** The kind of the page at `href`, or `undefined` where FlowLens has nothing to do. */
export function detectPage(href: string): PageKind | undefined {
  const url = new URL(href);
  return (Object.keys(PAGE_KINDS) as PageKind[]).find((kind) => PAGE_KINDS[kind].test(url));
}

/** Any link to a pull request or an issue, whatever markup surrounds it. */
const ITEM_HREF = /\/[^/]+\/[^/]+\/(pull|issues)\/\d+(?:[/?#]|$)/;

/**
 * The page kind when this page must hold items FlowLens can badge: a pull request or issue page
 * always, a list or search page when it links to any. Used to notice markup FlowLens no longer
 * reads (items expected, none found), never to find items.
 */
export function expectedItems(doc: Document, href: string): PageKind | undefined {
  const kind = detectPage(href);
  if (kind === 'pullRequest' || kind === 'issue') return kind;
  if (!kind) return undefined;
  const main = doc.querySelector('main, [role="main"]') ?? doc.body;
  if (!main) return undefined;
  for (const link of main.querySelectorAll<HTMLAnchorElement>('a[href*="/pull/"], a[href*="/issues/"]')) {
    if (ITEM_HREF.test(link.getAttribute('href') ?? '')) return kind;
  }
  return undefined;
}
