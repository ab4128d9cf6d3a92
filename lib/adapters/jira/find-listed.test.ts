import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findListedIssues } from './find-listed';

const load = (name: string) => new DOMParser().parseFromString(readFileSync(resolve('tests/fixtures/jira/pages', name), 'utf8'), 'text/html');

describe('findListedIssues', () => {
  it('finds exactly the 4 cards of a Jira Cloud board, once each despite screen-reader twins', () => {
    const found = findListedIssues(load('board-cloud.html'), 'https://acme.atlassian.net/jira/software/projects/PAY/boards/3');
    expect(found.map((f) => f.key)).toEqual(['PAY-40', 'PAY-43', 'PAY-42', 'PAY-44'].map((k) => `jira:acme.atlassian.net/${k}`));
    expect(found.every((f) => f.anchor.getAttribute('data-testid') === 'platform-card.common.ui.key.key')).toBe(true);
  });

  it('finds exactly the 3 issues of a Data Center board under a context path', () => {
    const found = findListedIssues(load('board-dc.html'), 'https://jira.corp.example/jira/secure/RapidBoard.jspa?rapidView=7');
    // The board's URL gives the context path /jira: it is part of the site, and of the key.
    expect(found.map((f) => f.key)).toEqual(['OPS-1', 'OPS-2', 'OPS-3'].map((k) => `jira:jira.corp.example/jira/${k}`));
    expect(found[0]!.anchor.classList.contains('ghx-key')).toBe(true);
  });

  it('brings a card back when only its key was re-rendered', () => {
    const doc = load('board-cloud.html');
    const key = doc.querySelectorAll('[data-testid="platform-card.common.ui.key.key"]')[2]!;
    expect(findListedIssues(key, 'https://acme.atlassian.net/jira/software/projects/PAY/boards/3').map((f) => f.key)).toEqual(['jira:acme.atlassian.net/PAY-42']);
  });

  it('ignores /browse/ links outside listed issues', () => {
    const doc = new DOMParser().parseFromString('<a href="/browse/PAY-1">Epic</a>', 'text/html');
    expect(findListedIssues(doc, 'https://acme.atlassian.net/jira/your-work')).toEqual([]);
  });

  it('reads the key from absolute, relative and context-path links, with queries and fragments, and nothing else', () => {
    const row = (href: string) => `<div data-testid="native-issue-table.ui.issue-row"><a href="${href}">x</a></div>`;
    const hrefs = [
      'https://jira.corp.example/jira/browse/OPS-7?filter=1',
      '/jira/browse/OPS-8#comment-3',
      ' /jira/browse/OPS-9/ ',
      '/jira/browse/ops-10',
      '/jira/browse/OPS-11/comments',
      '/jira/browse/OPS-012',
    ];
    const doc = new DOMParser().parseFromString(hrefs.map(row).join(''), 'text/html');
    const found = findListedIssues(doc, 'https://jira.corp.example/jira/issues/?jql=project%3DOPS');
    expect(found.map((f) => f.key)).toEqual(['OPS-7', 'OPS-8', 'OPS-9'].map((k) => `jira:jira.corp.example/jira/${k}`));
  });

  it('finds the cards of the issue navigator detail view, the badge after each card link, not inside it', () => {
    const card = (key: string, summary: string) =>
      `<li data-testid="issue-navigator.ui.issue-results.detail-view.card-list.card.list-item">
        <a data-testid="issue-navigator.ui.issue-results.detail-view.card-list.card" href="/browse/${key}?jql=project%20%3D%20PAY">
          <div data-testid="issue-navigator.ui.issue-results.detail-view.card-list.card.summary">${summary}</div>
          <div><div>${key}</div></div>
        </a>
      </li>`;
    const doc = new DOMParser().parseFromString(`<ul aria-label="Issues">${card('PAY-7', 'Refunds')}${card('PAY-8', 'Ledger')}</ul>`, 'text/html');
    const found = findListedIssues(doc, 'https://acme.atlassian.net/issues/?jql=project%20%3D%20PAY&selectedIssue=PAY-7');
    expect(found.map((f) => f.key)).toEqual(['jira:acme.atlassian.net/PAY-7', 'jira:acme.atlassian.net/PAY-8']);
    // Listed issues are badged after their anchor (the layer's default), so after the card link.
    expect(found.every((f) => f.anchor.getAttribute('data-testid') === 'issue-navigator.ui.issue-results.detail-view.card-list.card')).toBe(true);
  });
});
