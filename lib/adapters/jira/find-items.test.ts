import { describe, expect, it } from 'vitest';
import { findIssueView } from './find-items';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  BUSINESS_BOARD_EXAMPLES,
  expectedIssues,
  isBusinessBoard,
  issueKeyOf,
  ISSUE_VIEW_EXAMPLES,
  NOT_BUSINESS_BOARD_EXAMPLES,
  NOT_ISSUE_VIEW_EXAMPLES,
} from './page-detect';

describe('Jira issue view detection', () => {
  it.each(ISSUE_VIEW_EXAMPLES)('reads the key of %s', (url, key) => {
    expect(issueKeyOf(url)).toBe(key);
  });

  it.each([...NOT_ISSUE_VIEW_EXAMPLES, ...BUSINESS_BOARD_EXAMPLES])('finds no issue on %s', (url) => {
    expect(issueKeyOf(url)).toBeUndefined();
  });
});

describe('Jira business board detection', () => {
  it.each(BUSINESS_BOARD_EXAMPLES)('knows %s for a business board', (url) => {
    expect(isBusinessBoard(url)).toBe(true);
  });

  it.each([...NOT_BUSINESS_BOARD_EXAMPLES, ...NOT_ISSUE_VIEW_EXAMPLES, ...ISSUE_VIEW_EXAMPLES.map(([url]) => url)])('knows %s for something else', (url) => {
    expect(isBusinessBoard(url)).toBe(false);
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

  it('expects issues on a business board that shows cards, even when their links no longer name the issue', () => {
    const board = 'https://acme.atlassian.net/jira/core/projects/MKT/board';
    const page = readFileSync(resolve('tests/fixtures/jira/pages/board-business.html'), 'utf8');
    expect(expectedIssues(doc(page), board)).toBe('issue list');
    const unlinked = page.replaceAll(/href="\/browse\/[^"]*"/g, 'href="#"');
    expect(expectedIssues(doc(unlinked), board)).toBe('issue list');
    // Either marker of a card is enough, so one renamed still counts.
    expect(expectedIssues(doc(unlinked.replaceAll('board.content.cell.card', 'board.content.cell.tile')), board)).toBe('issue list');
    expect(expectedIssues(doc(unlinked.replaceAll('business-board-card', 'business-board-tile')), board)).toBe('issue list');
    // Elsewhere the same unlinked cards are not taken for issues.
    expect(expectedIssues(doc(unlinked), 'https://acme.atlassian.net/jira/your-work')).toBeUndefined();
  });

  it('expects nothing on an empty business board', () => {
    const empty = '<div data-testid="board.content.cell"><div role="heading" aria-level="3">To Do</div><div role="list"></div></div>';
    expect(expectedIssues(doc(empty), 'https://acme.atlassian.net/jira/core/projects/MKT/board')).toBeUndefined();
  });
});

