/**
 * Which Jira page this is, from the URL alone (pure, tested against the example URLs beside
 * each detector: every detector accepts its own examples and rejects all the others').
 *
 * Jira Cloud lives on `*.atlassian.net`, its Confluence under `/wiki` on the same host; any other
 * host is Jira Data Center or Server, which may run under a context path
 * (`https://jira.corp.example/jira/browse/OPS-1`), so its paths are matched at their end. An issue
 * open over a page (`?selectedIssue=KEY`, the side panel) makes the page an issue view: the issue
 * is what it shows first, and the cards around it are found as on any page.
 */
import { isJiraKey, jiraKeySource } from '../../item-key';
import { ANY_BUSINESS_BOARD_CARD } from './selectors';

/** A page detector and the URLs it must recognise. */
interface Detector {
  test: (url: URL) => boolean;
  examples: string[];
}

/** Jira Cloud (and its Confluence): a site on atlassian.net. */
const isCloud = (url: URL): boolean => url.hostname.endsWith('.atlassian.net');

/** A Cloud project route, company-managed (`/c/`) or team-managed, of Jira Software or Jira Work Management. */
const PROJECT = String.raw`^/jira/(?:software|core)(?:/c)?/projects/[^/]+`;
/** A Cloud board of a project. */
const BOARD = String.raw`${PROJECT}/boards/\d+`;

/** A whole path, `pattern` and an optional trailing slash, compiled once: detectors run on every scan. */
const path = (pattern: string): RegExp => new RegExp(`${pattern}/?$`);
const BOARD_PATH = path(BOARD);
const BACKLOG_PATH = path(String.raw`${BOARD}/backlog`);
const LIST_PATH = path(String.raw`${PROJECT}/list`);
const NAVIGATOR_PATH = path(String.raw`(?:^/issues|${PROJECT}/issues)`);
const TIMELINE_PATH = path(String.raw`(?:${BOARD}/(?:timeline|roadmap)|^/jira/plans/\d+/scenarios/\d+/timeline)`);
const BUSINESS_BOARD_PATH = path('^/jira/core/projects/[^/]+/board');

/** A Cloud page whose path is `page`, with no issue open over it. */
const cloudPage = (url: URL, page: RegExp): boolean => isCloud(url) && page.test(url.pathname) && !openIssue(url);

/** A Data Center classic board, `…/secure/RapidBoard.jspa?rapidView=N`, and whether it shows its backlog (`view=planning`). */
function rapidBoard(url: URL): 'board' | 'backlog' | undefined {
  if (isCloud(url) || !/\/secure\/RapidBoard\.jspa$/.test(url.pathname) || !url.searchParams.get('rapidView')) return undefined;
  return /^planning(\.nodetail)?$/.test(url.searchParams.get('view') ?? '') ? 'backlog' : 'board';
}

/** The issue a URL opens, `/browse/KEY` or `?selectedIssue=KEY`, whatever the page; upper-cased as Jira reads it. */
function openIssue(url: URL): string | undefined {
  const browse = /\/browse\/([^/?#]+)\/?$/.exec(url.pathname)?.[1];
  const candidate = browse ?? url.searchParams.get('selectedIssue') ?? undefined;
  let key: string | undefined;
  try {
    key = candidate ? decodeURIComponent(candidate).toUpperCase() : undefined;
  } catch {
    return undefined;
  }
  return key && isJiraKey(key) ? key : undefined;
}

/** Admin and settings pages: Jira's and Confluence's administration, app servlets, project and board settings. */
function isAdmin(url: URL): boolean {
  const path = url.pathname;
  if (!isCloud(url)) return /\/(?:secure\/admin|plugins\/servlet)(?:\/|$)/.test(path);
  return /^\/(?:wiki\/)?(?:admin|secure\/admin|plugins\/servlet)(?:\/|$)/.test(path) || /^\/jira\/(?:.*\/)?settings(?:\/|$)/.test(path);
}

/** A Jira page other than an admin page: where issues are read from the page's own markup. */
const isJira = (url: URL): boolean => !isAdmin(url) && !(isCloud(url) && /^\/wiki(?:\/|$)/.test(url.pathname));

/** Issue views, each with the key it shows; the Cloud ones are `issueView`'s examples, the others `dataCenterIssueView`'s. */
export const ISSUE_VIEW_EXAMPLES: [string, string][] = [
  ['https://acme.atlassian.net/browse/PAY-42', 'PAY-42'],
  ['https://acme.atlassian.net/jira/software/projects/PAY/boards/3?selectedIssue=PAY-7', 'PAY-7'],
  ['https://acme.atlassian.net/jira/software/c/projects/VFB/boards/1130?selectedIssue=VFB-513', 'VFB-513'],
  ['https://acme.atlassian.net/jira/software/c/projects/IAG/list?selectedIssue=IAG-135', 'IAG-135'],
  ['https://acme.atlassian.net/issues/?jql=project%20%3D%20PAY&selectedIssue=PAY-7', 'PAY-7'],
  ['https://jira.corp.example/jira/browse/OPS-1', 'OPS-1'],
  ['https://jira.corp.example/browse/OPS-2', 'OPS-2'],
  ['https://jira.corp.example/jira/secure/RapidBoard.jspa?rapidView=7&selectedIssue=OPS-3', 'OPS-3'],
];

/** The URLs of issue views in Cloud (`cloud`) or elsewhere. */
const issueViews = (cloud: boolean): string[] => ISSUE_VIEW_EXAMPLES.map(([href]) => href).filter((href) => isCloud(new URL(href)) === cloud);

/** A Jira Cloud business (Work Management) board: `/jira/core/projects/KEY/board`. */
export const BUSINESS_BOARD_EXAMPLES = [
  'https://acme.atlassian.net/jira/core/projects/MKT/board',
  'https://acme.atlassian.net/jira/core/projects/MKT/board/?groupBy=status',
  'https://acme.atlassian.net/jira/core/projects/AUT/board?filter=&groupBy=status',
];

/** Every page kind FlowLens knows, each with its example URLs. */
export const PAGE_KINDS = {
  issueView: {
    test: (url) => isCloud(url) && isJira(url) && openIssue(url) !== undefined,
    examples: issueViews(true),
  },
  dataCenterIssueView: {
    test: (url) => !isCloud(url) && isJira(url) && openIssue(url) !== undefined,
    examples: issueViews(false),
  },
  board: {
    test: (url) => cloudPage(url, BOARD_PATH),
    examples: ['https://acme.atlassian.net/jira/software/projects/PAY/boards/3', 'https://acme.atlassian.net/jira/software/c/projects/J23VS/boards/393'],
  },
  backlog: {
    test: (url) => cloudPage(url, BACKLOG_PATH),
    examples: ['https://acme.atlassian.net/jira/software/projects/UTI/boards/35/backlog', 'https://acme.atlassian.net/jira/software/c/projects/FD/boards/7/backlog?view=detail&selectedIssue='],
  },
  list: {
    test: (url) => cloudPage(url, LIST_PATH),
    examples: ['https://acme.atlassian.net/jira/software/projects/PAY/list', 'https://acme.atlassian.net/jira/core/projects/MKT/list'],
  },
  navigator: {
    test: (url) => cloudPage(url, NAVIGATOR_PATH),
    examples: [
      'https://acme.atlassian.net/issues/?jql=project%20%3D%20PAY',
      'https://acme.atlassian.net/issues/?filter=10001',
      'https://acme.atlassian.net/jira/software/c/projects/EV/issues?jql=project%20%3D%20%22EV%22%20ORDER%20BY%20created%20DESC',
    ],
  },
  timeline: {
    test: (url) => cloudPage(url, TIMELINE_PATH),
    examples: [
      'https://acme.atlassian.net/jira/software/projects/BH95/boards/2/timeline',
      'https://acme.atlassian.net/jira/software/c/projects/XIAN/boards/39/timeline?rangeMode=WEEKS',
      'https://acme.atlassian.net/jira/software/projects/DBLUEB/boards/1/roadmap',
      'https://acme.atlassian.net/jira/plans/6083/scenarios/6099/timeline?vid=8813',
    ],
  },
  businessBoard: {
    test: (url) => cloudPage(url, BUSINESS_BOARD_PATH),
    examples: BUSINESS_BOARD_EXAMPLES,
  },
  dataCenterBoard: {
    test: (url) => rapidBoard(url) === 'board' && !openIssue(url),
    examples: ['https://jira.corp.example/jira/secure/RapidBoard.jspa?rapidView=7', 'https://jira.corp.example/secure/RapidBoard.jspa?rapidView=3&projectKey=WEB'],
  },
  dataCenterBacklog: {
    test: (url) => rapidBoard(url) === 'backlog' && !openIssue(url),
    examples: ['https://jira.corp.example/jira/secure/RapidBoard.jspa?rapidView=7&view=planning', 'https://jira.corp.example/secure/RapidBoard.jspa?rapidView=73&view=planning.nodetail'],
  },
  dataCenterNavigator: {
    test: (url) => !isCloud(url) && /\/issues\/?$/.test(url.pathname) && !openIssue(url),
    examples: ['https://jira.corp.example/jira/issues/?jql=project%3DOPS', 'https://jira.corp.example/issues/?filter=-1'],
  },
  confluence: {
    test: (url) => isCloud(url) && !isAdmin(url) && /^\/wiki(?:\/|$)/.test(url.pathname),
    examples: [
      'https://acme.atlassian.net/wiki/spaces/PAY/pages/510460716/Release+plan',
      'https://acme.atlassian.net/wiki/spaces/PAY/overview',
      'https://acme.atlassian.net/wiki/home',
    ],
  },
  admin: {
    test: isAdmin,
    examples: [
      'https://acme.atlassian.net/jira/settings/projects',
      'https://acme.atlassian.net/jira/settings/apps/manage',
      'https://acme.atlassian.net/jira/core/projects/TEST/settings/automation',
      'https://acme.atlassian.net/jira/software/c/projects/INTLATSETL/boards/60/settings/columns',
      'https://acme.atlassian.net/jira/core/projects/MKT/board/settings',
      'https://acme.atlassian.net/jira/plans/settings/permissions',
      'https://acme.atlassian.net/admin/users',
      'https://acme.atlassian.net/secure/admin/ViewApplicationProperties.jspa',
      'https://acme.atlassian.net/plugins/servlet/ac/com.example.app/main-page',
      'https://acme.atlassian.net/wiki/admin/viewgeneralconfig.action',
      'https://jira.corp.example/jira/secure/admin/ViewIssueTypes.jspa',
      'https://jira.corp.example/plugins/servlet/upm',
    ],
  },
} satisfies Record<string, Detector>;

/** The name of a page kind. */
export type PageKind = keyof typeof PAGE_KINDS;

/** The kind of the page at `href`, or `undefined` for a Jira page of no kind listed here (your work, dashboards, filters…). */
export const detectPage = rememberLast((href: string): PageKind | undefined => {
  const url = new URL(href);
  return (Object.keys(PAGE_KINDS) as PageKind[]).find((kind) => PAGE_KINDS[kind].test(url));
});

/**
 * `read` with its last answer kept: the content script asks about the same address for every
 * part a page adds (a board rendering 5,000 cards 25 at a time asked 5,000 times, and parsing the
 * address was a fifth of its script), and the answer depends on the address alone.
 */
function rememberLast<T>(read: (href: string) => T): (href: string) => T {
  let last: { href: string; value: T } | undefined;
  return (href) => {
    if (last?.href !== href) last = { href, value: read(href) };
    return last.value;
  };
}

/**
 * Whether FlowLens reads the page at `href`: every Jira page but admin and settings pages, which
 * show no work to badge, and Confluence pages for their links to the site's own issues
 * (find-on-page.ts says how many).
 */
export function isReadPage(href: string): boolean {
  return detectPage(href) !== 'admin';
}

/** The issue a Jira page shows: `/browse/KEY`, or a board or list with `?selectedIssue=KEY`; none on admin or Confluence pages. */
export const issueKeyOf = rememberLast((href: string): string | undefined => {
  const url = new URL(href);
  return isJira(url) ? openIssue(url) : undefined;
});

/** URLs that show no single issue. */
export const NOT_ISSUE_VIEW_EXAMPLES = [
  'https://acme.atlassian.net/jira/software/projects/PAY/boards/3',
  'https://acme.atlassian.net/browse/',
  'https://acme.atlassian.net/browse/not-a-key',
  'https://acme.atlassian.net/jira/your-work',
];

/** A Jira Cloud business (Work Management) board: `/jira/core/projects/KEY/board`. */
export function isBusinessBoard(href: string): boolean {
  return PAGE_KINDS.businessBoard.test(new URL(href));
}

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
 * board holds none), any other Jira page when it links to an issue. Used to notice markup
 * FlowLens no longer reads. Never admin pages (nothing is read there), nor Confluence pages,
 * whose links are their authors' words, not Jira's markup.
 */
export function expectedIssues(doc: Document, href: string): 'issue view' | 'issue list' | undefined {
  const kind = detectPage(href);
  if (kind === 'admin' || kind === 'confluence') return undefined;
  if (issueKeyOf(href)) return 'issue view';
  if (kind === 'businessBoard' && doc.querySelector(ANY_BUSINESS_BOARD_CARD)) return 'issue list';
  for (const link of doc.querySelectorAll<HTMLAnchorElement>('a[href*="/browse/"]')) {
    if (BROWSE_PATH.test(new URL(link.href, href).pathname)) return 'issue list';
  }
  return undefined;
}
