/**
 * Canonical item keys, the identity every layer agrees on (docs/ARCHITECTURE.md, "Domain words"):
 * `github:owner/repo#123` on github.com, `github:HOST/owner/repo#123` on GitHub Enterprise Server,
 * `jira:acme.atlassian.net/PAY-42` on Jira. Owner and repository are lower-cased because GitHub
 * treats them case-insensitively; Jira keys are upper-cased for the same reason.
 */

/** A GitHub item reference as parsed from a key or a URL. */
export interface GithubRef {
  source: 'github';
  /** `github.com` or an Enterprise Server host. */
  host: string;
  owner: string;
  repo: string;
  number: number;
}

/** A Jira issue reference. */
export interface JiraRef {
  source: 'jira';
  host: string;
  issueKey: string;
}

/** Either kind of reference. */
export type ItemRef = GithubRef | JiraRef;

const GITHUB_COM = 'github.com';
const NAME = /^[a-z0-9_.-]+$/i;
/** A host as keys hold it: a name, and the port an Enterprise Server may be served on. */
const HOST = /^[a-z0-9_.-]+(?::\d{1,5})?$/i;

/** How many characters a key's project part, or its number, may have: at least `min`, at most `max`. */
export interface Span {
  min: number;
  max: number;
}

/**
 * A Jira project key as pattern source: a capital letter, then capitals, digits or `_`
 * ("PAY", "P2P", "MY_PROJ"). Those are the only characters Jira allows in one; a Data Center
 * admin may narrow the site's pattern further, never past them.
 * https://confluence.atlassian.com/jira064/changing-the-project-key-format-720412436.html
 * `chars` bounds its length (any length from 1 when absent).
 */
export function jiraProjectSource(chars?: Span): string {
  return `[A-Z][A-Z0-9_]${chars ? `{${chars.min - 1},${chars.max - 1}}` : '*'}`;
}

/**
 * A Jira issue key as pattern source, for patterns that hold one (`/browse/KEY`, a changelog's
 * sentence): the project key, `-`, and the issue's number, counted from 1 and written without a
 * leading zero. `bounds` limits the project's length and the number's digits.
 */
export function jiraKeySource(bounds: { projectChars?: Span; maxDigits?: number } = {}): string {
  const digits = bounds.maxDigits ? `{0,${bounds.maxDigits - 1}}` : '*';
  return `${jiraProjectSource(bounds.projectChars)}-[1-9][0-9]${digits}`;
}

/** A whole Jira issue key, `PAY-42`, upper case as Jira writes keys: the one test of a key, everywhere. */
export const JIRA_KEY = new RegExp(`^${jiraKeySource()}$`);

/** Whether `text` is a Jira issue key (JIRA_KEY). */
export function isJiraKey(text: string): boolean {
  return JIRA_KEY.test(text);
}

/** The canonical key of a reference. */
export function formatKey(ref: ItemRef): string {
  if (ref.source === 'jira') return `jira:${ref.host.toLowerCase()}/${ref.issueKey.toUpperCase()}`;
  const prefix = ref.host === GITHUB_COM ? '' : `${ref.host.toLowerCase()}/`;
  return `github:${prefix}${ref.owner.toLowerCase()}/${ref.repo.toLowerCase()}#${ref.number}`;
}

/** Parses a canonical key back into a reference; `undefined` for anything malformed. */
export function parseKey(key: string): ItemRef | undefined {
  if (key.startsWith('github:')) return parseGithubKey(key.slice('github:'.length));
  if (key.startsWith('jira:')) return parseJiraKey(key.slice('jira:'.length));
  return undefined;
}

function parseGithubKey(rest: string): GithubRef | undefined {
  const hash = rest.lastIndexOf('#');
  if (hash < 0) return undefined;
  const number = Number(rest.slice(hash + 1));
  const parts = rest.slice(0, hash).split('/');
  if (!Number.isSafeInteger(number) || number < 1) return undefined;
  const [host, owner, repo] = parts.length === 2 ? [GITHUB_COM, ...parts] : parts;
  if (parts.length > 3 || !host || !owner || !repo) return undefined;
  if (!HOST.test(host) || !NAME.test(owner) || !NAME.test(repo)) return undefined;
  return { source: 'github', host, owner, repo, number };
}

function parseJiraKey(rest: string): JiraRef | undefined {
  const slash = rest.lastIndexOf('/');
  const host = rest.slice(0, slash);
  const issueKey = rest.slice(slash + 1);
  if (slash < 1 || !isJiraKey(issueKey)) return undefined;
  return { source: 'jira', host, issueKey };
}

const GITHUB_ITEM_PATH = /^\/([a-z0-9_.-]+)\/([a-z0-9_.-]+)\/(?:pull|issues)\/(\d+)\/?$/i;

/** The PR or issue a GitHub web URL shows (`https://HOST/owner/repo/pull/7`), on any host. */
export function githubRefOfUrl(url: URL): GithubRef | undefined {
  const match = GITHUB_ITEM_PATH.exec(url.pathname);
  if (!match || url.protocol !== 'https:') return undefined;
  return { source: 'github', host: url.host, owner: match[1]!, repo: match[2]!, number: Number(match[3]) };
}

/** Whether `pathname` is a GitHub Projects page of an organisation or a user, any view (`/orgs/ORG/projects/7/views/2`). */
export function isGithubProjectPath(pathname: string): boolean {
  return /^\/(orgs|users)\/[^/]+\/projects\/\d+(\/views\/\d+)?\/?$/.test(pathname);
}
