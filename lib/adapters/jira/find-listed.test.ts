import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FoundItem } from '../found-item';
import { findIssueView } from './find-items';
import fc from 'fast-check';
import { isJiraKey } from '../../item-key';
import { eachListedIssue, findListedIssues, keyOfHref } from './find-listed';

const load = (name: string) => new DOMParser().parseFromString(readFileSync(resolve('tests/fixtures/jira/pages', name), 'utf8'), 'text/html');
const keys = (found: FoundItem[]) => found.map((f) => f.key.replace(/^jira:[^/]+(\/jira)?\//, ''));
const ownText = (element: Element) => [...element.childNodes].filter((node) => node.nodeType === 3).map((node) => node.textContent).join('').trim();

/**
 * Puts a <flowlens-badge> where the Jira content script puts it: at the end of the issue view's
 * heading, after each listed issue's anchor. Returns the badges.
 */
function placeBadges(doc: Document, pageUrl: string): Element[] {
  const inside = findIssueView(doc, pageUrl).map(({ anchor }) => anchor.appendChild(doc.createElement('flowlens-badge')));
  const after = findListedIssues(doc, pageUrl).map(({ anchor }) => {
    const badge = doc.createElement('flowlens-badge');
    anchor.after(badge);
    return badge;
  });
  return [...inside, ...after];
}

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

  it('badges a backlog row by its visible key, not the screen-reader twin before it, and a navigator row by its key cell', () => {
    const doc = new DOMParser().parseFromString(
      `<div data-testid="software-backlog.card-list.card.card-contents.card-container">
         <a data-testid="software-backlog.card-list.card.card-contents.screen-reader-key" href="/browse/PAY-3">PAY-3 Refund flow</a>
         <a data-testid="software-backlog.card-list.card.card-contents.key" aria-hidden="true" tabindex="-1" href="/browse/PAY-3">PAY-3</a>
       </div>
       <table><tr data-testid="native-issue-table.ui.issue-row">
         <td><a data-testid="native-issue-table.common.ui.issue-cells.issue-summary.issue-summary-cell" href="/browse/PAY-4">Ledger</a></td>
         <td><a data-testid="native-issue-table.common.ui.issue-cells.issue-key.issue-key-cell" href="/browse/PAY-4">PAY-4</a></td>
       </tr></table>
       <div data-testid="portfolio-3-portfolio.app-simple-plans.main.tabs.roadmap.scope.issues.issue.row" data-issue="654282">
         <a id="issue-link-654282" href="/browse/PAY-5">PAY-5<span>, (opens new window)</span></a>
       </div>`,
      'text/html',
    );
    const found = findListedIssues(doc, 'https://acme.atlassian.net/jira/software/projects/PAY/boards/3/backlog');
    expect(found.map((f) => [f.key, f.anchor.getAttribute('data-testid') ?? f.anchor.id])).toEqual([
      ['jira:acme.atlassian.net/PAY-3', 'software-backlog.card-list.card.card-contents.key'],
      ['jira:acme.atlassian.net/PAY-4', 'native-issue-table.common.ui.issue-cells.issue-key.issue-key-cell'],
      ['jira:acme.atlassian.net/PAY-5', 'issue-link-654282'],
    ]);
  });
});

describe('reading a page fast, the same answers', () => {
  const PAGE = 'https://acme.atlassian.net/jira/software/projects/PAY/boards/3';
  const CARD = (key: string, inner = '') =>
    `<div data-testid="platform-board-kit.ui.card.card"><a href="/browse/${key}" data-testid="platform-card.common.ui.key.key">${key}</a>${inner}</div>`;
  const LINE = (key: string) => `<div data-testid="issue-line-card.card-container"><a href="/browse/${key}">${key}</a></div>`;

  it('reads a key from an href as taking the path before any query or fragment, then its last /browse/ segment, does', () => {
    // The reading before it was one match: the path split off, then `/browse/KEY` at its end.
    const byPath = (href: string) => {
      const key = /\/browse\/([^/]+)\/?$/.exec(href.trim().split(/[?#]/, 1)[0]!)?.[1];
      return key && isJiraKey(key) ? key : undefined;
    };
    const part = fc.constantFrom('/browse/', 'browse', '/', '?', '#', 'PAY-7', 'pay-7', 'OPS-012', 'A1_B-22', ' ', 'x', 'https://jira.example', '/jira');
    fc.assert(fc.property(fc.array(part, { maxLength: 8 }).map((parts) => parts.join('')), (href) => keyOfHref(href) === byPath(href)), { numRuns: 2000 });
  });

  it('badges only the outer of nested containers, whether the whole page, a part around them or the outer card is read', () => {
    const doc = new DOMParser().parseFromString(`<main><section>${CARD('PAY-1', LINE('PAY-2'))}</section>${LINE('PAY-3')}</main>`, 'text/html');
    expect(findListedIssues(doc, PAGE).map((f) => f.ref.issueKey)).toEqual(['PAY-1', 'PAY-3']);
    expect(findListedIssues(doc.querySelector('section')!, PAGE).map((f) => f.ref.issueKey)).toEqual(['PAY-1']);
    expect(findListedIssues(doc.querySelector('[data-testid="platform-board-kit.ui.card.card"]')!, PAGE).map((f) => f.ref.issueKey)).toEqual(['PAY-1']);
    // A line card re-rendered inside the outer card is no issue of its own to badge.
    expect(findListedIssues(doc.querySelector('[data-testid="issue-line-card.card-container"]')!, PAGE)).toEqual([]);
  });

  it('reads on past a first link that names no key', () => {
    const doc = new DOMParser().parseFromString(
      `<div data-testid="native-issue-table.ui.issue-row"><a href="/browse/">all</a><a href="/browse/PAY-9/x">x</a><a href="/browse/PAY-4">PAY-4</a></div>`,
      'text/html',
    );
    expect(findListedIssues(doc, PAGE).map((f) => f.ref.issueKey)).toEqual(['PAY-4']);
  });

  it('gives the issues one at a time, in the order of the whole list', () => {
    const doc = new DOMParser().parseFromString(['PAY-1', 'PAY-2', 'PAY-3'].map((key) => CARD(key)).join(''), 'text/html');
    const each = eachListedIssue(doc, PAGE);
    expect(each.next().value?.ref.issueKey).toBe('PAY-1');
    expect([...each].map((f) => f.ref.issueKey)).toEqual(['PAY-2', 'PAY-3']);
  });
});

const LINE_CARD = '[data-testid="issue-line-card.card-container"]';
const LINE_CARD_KEY = '[data-testid="issue.issue-view.views.common.issue-line-card.issue-line-card-view.key"]';
const ISSUE_PAGE = 'https://acme.atlassian.net/browse/PAY-50';

describe('Jira Cloud linked and child issues (line cards, 2026)', () => {
  it('finds each of the 5 line cards once, anchored on its key link', () => {
    const doc = load('issue-view-links.html');
    const found = findListedIssues(doc, ISSUE_PAGE);
    // Three linked ("is blocked by" PAY-42 and PAY-40, "blocks" PAY-51) and two children.
    expect(keys(found)).toEqual(['PAY-42', 'PAY-40', 'PAY-51', 'PAY-52', 'PAY-53']);
    expect(found.map((f) => [f.anchor.getAttribute('data-testid'), f.anchor.localName, f.anchor.textContent])).toEqual(
      keys(found).map((key) => ['issue.issue-view.views.common.issue-line-card.issue-line-card-view.key', 'a', key]),
    );
    expect(new Set(found.map((f) => f.anchor.closest(LINE_CARD))).size).toBe(doc.querySelectorAll(LINE_CARD).length);
    // No link lies over a line card: its badge stays as it is.
    expect(found.map((f) => f.overlaid)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('puts one badge in each line card, right after its key, none inside a link, none by the headings or summaries', () => {
    const doc = load('issue-view-links.html');
    const badges = placeBadges(doc, ISSUE_PAGE);
    // The issue's own heading and its 5 line cards.
    expect(badges).toHaveLength(6);
    expect(badges.filter((badge) => badge.closest('a'))).toEqual([]);
    expect([...doc.querySelectorAll(LINE_CARD)].map((card) => card.querySelectorAll('flowlens-badge').length)).toEqual([1, 1, 1, 1, 1]);
    expect([...doc.querySelectorAll(`${LINE_CARD} flowlens-badge`)].map((badge) => badge.previousElementSibling?.matches(LINE_CARD_KEY))).toEqual([true, true, true, true, true]);
    const heading = '[data-testid="issue.issue-view.views.issue-base.content.issue-links.issue-links-view.relationship-heading"]';
    expect([...doc.querySelectorAll(heading)].map((span) => span.textContent)).toEqual(['is blocked by', 'blocks']);
    expect(doc.querySelectorAll(`${heading} flowlens-badge, ${heading} + flowlens-badge`)).toHaveLength(0);
    expect(doc.querySelectorAll('[data-testid$="issue-line-card-view.summary"] flowlens-badge')).toHaveLength(0);
    expect(doc.querySelectorAll('h1 flowlens-badge')).toHaveLength(1);
  });

  it('keeps one badge per line card when its summary is a link to the issue too', () => {
    const doc = load('issue-view-links.html');
    for (const summary of doc.querySelectorAll('[data-testid$="issue-line-card-view.summary"]')) {
      const key = summary.closest(LINE_CARD)!.querySelector(LINE_CARD_KEY)!.textContent!;
      const link = doc.createElement('a');
      link.href = `/browse/${key}`;
      link.append(...summary.childNodes);
      summary.append(link);
    }
    const found = findListedIssues(doc, ISSUE_PAGE);
    expect(keys(found)).toEqual(['PAY-42', 'PAY-40', 'PAY-51', 'PAY-52', 'PAY-53']);
    expect(found.every((f) => f.anchor.matches(LINE_CARD_KEY))).toBe(true);
  });

  it('follows the markup Jira serves: no "issue-line-card-view.container" test id, each card a list item\'s child', () => {
    // FlowLens used to look for that test id; Jira has none, so no real line card got a badge.
    const doc = load('issue-view-links.html');
    expect(doc.querySelectorAll('[data-testid$="issue-line-card-view.container"]')).toHaveLength(0);
    expect([...doc.querySelectorAll(LINE_CARD)].every((card) => card.parentElement?.matches('div[role="listitem"]'))).toBe(true);
  });

  it('brings a line card back when only its key link was re-rendered', () => {
    const doc = load('issue-view-links.html');
    const key = doc.querySelectorAll(LINE_CARD_KEY)[2]!;
    expect(keys(findListedIssues(key, ISSUE_PAGE))).toEqual(['PAY-51']);
  });
});

const BUSINESS_CARD = '[data-testid="board.content.cell.card"]';
const BUSINESS_BOARD = 'https://acme.atlassian.net/jira/core/projects/MKT/board';

describe('Jira Cloud business boards (2026)', () => {
  it('finds each of the 6 cards of 3 columns once, anchored on the key div of its footer', () => {
    const doc = load('board-business.html');
    expect(doc.querySelectorAll('[data-testid="board.content.cell"]')).toHaveLength(3);
    const found = findListedIssues(doc, BUSINESS_BOARD);
    expect(keys(found)).toEqual(['MKT-1', 'MKT-2', 'MKT-5', 'MKT-3', 'MKT-6', 'MKT-4']);
    // The key div: a plain div whose own text is the key, beside the issue-type image.
    expect(found.map((f) => [f.anchor.localName, ownText(f.anchor), f.anchor.previousElementSibling?.localName])).toEqual(keys(found).map((key) => ['div', key, 'img']));
    expect(found.map((f) => f.anchor.closest('a'))).toEqual([null, null, null, null, null, null]);
    expect(new Set(found.map((f) => f.anchor.closest(BUSINESS_CARD))).size).toBe(6);
    // Each card is covered by its overlay link, so each badge is to be raised above it.
    expect(found.map((f) => f.overlaid)).toEqual([true, true, true, true, true, true]);
  });

  it('tells the key from a summary that names other keys or is one', () => {
    const doc = load('board-business.html');
    const found = Object.fromEntries(findListedIssues(doc, BUSINESS_BOARD).map((f) => [keys([f])[0], f.anchor]));
    const summary = (key: string) => doc.querySelector(`a[href="/browse/${key}"]`)!.nextElementSibling!.textContent;
    expect(summary('MKT-5')).toBe('Reuse the MKT-2 banner on the PAY-42 checkout page');
    expect(summary('MKT-6')).toBe('MKT-1');
    expect(ownText(found['MKT-5']!)).toBe('MKT-5');
    expect(ownText(found['MKT-6']!)).toBe('MKT-6');
    expect(found['MKT-6']!.closest(BUSINESS_CARD)!.querySelector('a')!.getAttribute('href')).toBe('/browse/MKT-6');
  });

  it('puts one badge in each card, in its footer, never inside the overlay link', () => {
    const doc = load('board-business.html');
    const badges = placeBadges(doc, BUSINESS_BOARD);
    expect(badges).toHaveLength(6);
    expect(badges.filter((badge) => badge.closest('a'))).toEqual([]);
    const cards = [...doc.querySelectorAll(BUSINESS_CARD)];
    expect(cards.map((card) => card.querySelectorAll('flowlens-badge').length)).toEqual([1, 1, 1, 1, 1, 1]);
    // The overlay link is still the card's first child, and still empty.
    expect(cards.map((card) => [card.firstElementChild?.localName, card.firstElementChild?.childNodes.length])).toEqual(cards.map(() => ['a', 0]));
    expect(badges.map((badge) => badge.previousElementSibling && ownText(badge.previousElementSibling))).toEqual(['MKT-1', 'MKT-2', 'MKT-5', 'MKT-3', 'MKT-6', 'MKT-4']);
  });

  it('brings a card back when only its footer was re-rendered', () => {
    const doc = load('board-business.html');
    const footer = doc.querySelectorAll(`${BUSINESS_CARD} .footer`)[3]!;
    const found = findListedIssues(footer, BUSINESS_BOARD);
    expect(keys(found)).toEqual(['MKT-3']);
    expect(found[0]!.anchor.parentElement).toBe(footer);
  });

  it('puts the badge after the overlay link, not inside it, when a card shows no key div', () => {
    const doc = new DOMParser().parseFromString(
      `<div data-testid="board.content.cell.card" data-vc="business-board-card">
         <a href="/browse/MKT-9" aria-label="MKT-9 Posters. Use the enter key to open the work item."></a>
         <div><span>Posters</span></div>
         <div><img alt="Task"><span>MKT-9</span></div>
       </div>`,
      'text/html',
    );
    const [found, ...rest] = findListedIssues(doc, BUSINESS_BOARD);
    expect(rest).toEqual([]);
    expect(found!.anchor.localName).toBe('a');
    expect(found!.anchor.getAttribute('href')).toBe('/browse/MKT-9');
  });
});

describe('Jira Cloud list view and navigator rows (2026)', () => {
  it.each([
    ['list view', 'https://acme.atlassian.net/jira/software/projects/PAY/list'],
    ['issue navigator', 'https://acme.atlassian.net/issues/?jql=project%20%3D%20PAY'],
  ])('finds the 4 rows of the %s once each, anchored on the key cell, even after the summary link', (_, url) => {
    const found = findListedIssues(load('list-cloud.html'), url);
    expect(keys(found)).toEqual(['PAY-40', 'PAY-42', 'PAY-43', 'PAY-44']);
    expect(found.map((f) => [f.anchor.getAttribute('data-testid'), f.anchor.textContent])).toEqual(
      keys(found).map((key) => ['native-issue-table.common.ui.issue-cells.issue-key.issue-key-cell', key]),
    );
  });
});

describe('Jira Data Center 8.x backlogs and Server 7.x boards', () => {
  it('finds the 4 rows of a Data Center backlog, under the context path its meta tag states', () => {
    const found = findListedIssues(load('backlog-dc.html'), 'https://jira.corp.example/jira/secure/RapidBoard.jspa?rapidView=7&view=planning');
    expect(found.map((f) => f.key)).toEqual(['OPS-4', 'OPS-5', 'OPS-6', 'OPS-7'].map((k) => `jira:jira.corp.example/jira/${k}`));
    expect(found.map((f) => [f.anchor.className, f.anchor.querySelector('a.js-key-link')?.textContent])).toEqual(['OPS-4', 'OPS-5', 'OPS-6', 'OPS-7'].map((k) => ['ghx-key', k]));
  });

  it('finds the 3 cards of a Server 7.x board at the root of its host', () => {
    const found = findListedIssues(load('board-server7.html'), 'https://jira.corp.example/secure/RapidBoard.jspa?rapidView=3');
    expect(found.map((f) => f.key)).toEqual(['WEB-11', 'WEB-12', 'WEB-13'].map((k) => `jira:jira.corp.example/${k}`));
    expect(found.every((f) => f.anchor.classList.contains('ghx-key'))).toBe(true);
  });
});

describe('every Jira page fixture', () => {
  it.each([
    ['issue-view.html', 'https://acme.atlassian.net/browse/PAY-42', 1],
    ['issue-view-links.html', ISSUE_PAGE, 6],
    ['board-cloud.html', 'https://acme.atlassian.net/jira/software/projects/PAY/boards/3', 4],
    ['board-business.html', BUSINESS_BOARD, 6],
    ['list-cloud.html', 'https://acme.atlassian.net/jira/software/projects/PAY/list', 4],
    ['board-dc.html', 'https://jira.corp.example/jira/secure/RapidBoard.jspa?rapidView=7', 3],
    ['backlog-dc.html', 'https://jira.corp.example/jira/secure/RapidBoard.jspa?rapidView=7&view=planning', 4],
    ['board-server7.html', 'https://jira.corp.example/secure/RapidBoard.jspa?rapidView=3', 3],
  ])('%s gets exactly its badges, none inside a link', (name, url, count) => {
    const badges = placeBadges(load(name), url);
    expect(badges).toHaveLength(count);
    expect(badges.filter((badge) => badge.closest('a'))).toEqual([]);
  });
});

