import { describe, expect, it } from 'vitest';
import { findIssueView } from './find-items';
import { expectedIssues, issueKeyOf, ISSUE_VIEW_EXAMPLES, NOT_ISSUE_VIEW_EXAMPLES } from './page-detect';

describe('Jira issue view detection', () => {
  it.each(ISSUE_VIEW_EXAMPLES)('reads the key of %s', (url, key) => {
    expect(issueKeyOf(url)).toBe(key);
  });

  it.each(NOT_ISSUE_VIEW_EXAMPLES)('finds no issue on %s', (url) => {
    expect(issueKeyOf(url)).toBeUndefined();
  });
});

describe('findIssueView', () => {
  const cloud = '<main><h1 data-testid="issue.views.issue-base.foundation.summary.heading">Card declined</h1></main>';
  const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

  it('places one badge after the Cloud summary heading', () => {
    const [found, ...rest] = findIssueView(parse(cloud), 'https://acme.atlassian.net/browse/PAY-42');
    expect(rest).toEqual([]);
    expect(found?.key).toBe('jira:acme.atlassian.net/PAY-42');
    expect(found?.anchor.textContent).toBe('Card declined');
  });

  it('reads Data Center pages under a context path', () => {
    const found = findIssueView(parse('<h1 id="summary-val">Disk full</h1>'), 'https://jira.corp.example/jira/browse/OPS-1');
    expect(found.map((f) => f.key)).toEqual(['jira:jira.corp.example/jira/OPS-1']);
  });

  it('takes the context path Data Center states in its meta tag', () => {
    const doc = parse('<head><meta name="ajs-context-path" content="/tracker"></head><h1 id="summary-val">x</h1>');
    expect(findIssueView(doc, 'https://jira.corp.example/tracker/browse/OPS-2').map((f) => f.key)).toEqual(['jira:jira.corp.example/tracker/OPS-2']);
  });

  it('finds nothing without a heading or without a key', () => {
    expect(findIssueView(parse('<h1>Other</h1>'), 'https://acme.atlassian.net/browse/PAY-42')).toEqual([]);
    expect(findIssueView(parse(cloud), 'https://acme.atlassian.net/jira/your-work')).toEqual([]);
  });
});

describe('expectedIssues', () => {
  const doc = (body: string) => new DOMParser().parseFromString(body, 'text/html');

  it('expects the issue on an issue view, and issues on pages that link to some', () => {
    expect(expectedIssues(doc(''), 'https://acme.atlassian.net/browse/PAY-42')).toBe('issue view');
    expect(expectedIssues(doc('<a href="/browse/PAY-7">PAY-7</a>'), 'https://acme.atlassian.net/jira/software/projects/PAY/boards/3')).toBe('issue list');
    expect(expectedIssues(doc('<a href="https://jira.corp/jira/browse/OPS-1">OPS-1</a>'), 'https://jira.corp/jira/secure/RapidBoard.jspa')).toBe('issue list');
  });

  it('expects nothing on pages without issue links', () => {
    expect(expectedIssues(doc('<a href="/browse/PAY">Project</a><a href="/jira/your-work">Work</a>'), 'https://acme.atlassian.net/jira/your-work')).toBeUndefined();
  });
});
