/**
 * Which Jira page this is, from the URL alone. Jira Data Center may live under a context path
 * (`https://jira.corp/jira/browse/OPS-1`), so paths are matched at their end.
 */

const KEY = /^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/;

/** The issue a Jira URL shows: `/browse/KEY`, or a board or list with `?selectedIssue=KEY`. */
export function issueKeyOf(href: string): string | undefined {
  const url = new URL(href);
  const browse = /\/browse\/([^/?#]+)\/?$/.exec(url.pathname)?.[1];
  const candidate = browse ?? url.searchParams.get('selectedIssue') ?? undefined;
  const key = candidate ? decodeURIComponent(candidate).toUpperCase() : undefined;
  return key && KEY.test(key) ? key : undefined;
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
