import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findItemPage, findItems, parseItemLink } from './find-items';

function load(name: string): Document {
  const html = readFileSync(resolve('tests/fixtures/github/pages', name), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('findItems on the hand-written GitHub page fixtures', () => {
  it('finds exactly the 5 row titles of the legacy repository PR list', () => {
    const found = findItems(load('pulls-legacy.html'), 'https://github.com/octo-org/api/pulls');
    expect(found.map((f) => f.key)).toEqual([101, 102, 103, 104, 105].map((n) => `github:octo-org/api#${n}`));
    expect(found.every((f) => f.anchor.id === `issue_${f.ref.number}_link`)).toBe(true);
  });

  it('finds exactly the 4 row titles of the React global PR list', () => {
    const found = findItems(load('pulls-react.html'), 'https://github.com/pulls');
    expect(found.map((f) => f.key)).toEqual([
      'github:octo-org/api#101',
      'github:octo-org/api#102',
      'github:octo-org/web#12',
      'github:other-org/lib#7',
    ]);
  });

  it('finds exactly the 1 issue of the React issue list', () => {
    expect(findItems(load('issues-react.html'), 'https://github.com/octo-org/web/issues').map((f) => f.key)).toEqual([
      'github:octo-org/web#13',
    ]);
  });

  it('reads list-view rows by their href, with or without a hovercard type, and skips rows that are not PRs or issues', () => {
    const doc = new DOMParser().parseFromString(
      `<ul>
        <li><a data-testid="listitem-title-link" href="/octo-org/api/pull/7">Fix</a></li>
        <li><a data-testid="listitem-title-link" data-hovercard-type="issue" href="/octo-org/api/issues/8">Bug</a></li>
        <li><a data-testid="listitem-title-link" href="/octo-org/api/discussions/9">Idea</a></li>
        <li><a data-testid="listitem-title-link" href="https://example.com/octo-org/api/pull/10">Elsewhere</a></li>
      </ul>`,
      'text/html',
    );
    expect(findItems(doc, 'https://github.com/octo-org/api/issues').map((f) => f.key)).toEqual(['github:octo-org/api#7', 'github:octo-org/api#8']);
  });

  it('finds exactly the 3 issue and pull request rows of a Projects table, none for the draft, each at its title link', () => {
    const doc = load('project-table.html');
    const found = findItems(doc, 'https://github.com/orgs/octo-org/projects/7/views/2');
    expect(found.map((f) => f.key)).toEqual(['github:octo-org/api#101', 'github:octo-org/api#102', 'github:octo-org/web#12']);
    for (const f of found) {
      expect(f.anchor.parentElement!.getAttribute('role')).toBe('rowheader');
      expect(f.anchor.nextElementSibling!.textContent).toBe(` #${f.ref.number}`);
    }
    // The draft row holds no link; the page's items JSON says it is a DraftIssue.
    const draft = doc.querySelector('[aria-rowindex="5"]')!;
    expect(findItems(draft, 'https://github.com/orgs/octo-org/projects/7')).toEqual([]);
    // A row rendered again (virtualised: scrolled out and back) is found again on its own.
    const again = doc.querySelector('[aria-rowindex="4"]')!.cloneNode(true) as Element;
    expect(findItems(again, 'https://github.com/orgs/octo-org/projects/7').map((f) => f.key)).toEqual(['github:octo-org/web#12']);
  });

  it('finds exactly the 3 issue and pull request cards of a Projects board, one per card, none for the draft or a card not rendered yet', () => {
    const doc = load('project-board.html');
    const page = 'https://github.com/users/alice/projects/3/views/1?layout=board';
    const found = findItems(doc, page);
    expect(found.map((f) => f.key)).toEqual(['github:octo-org/web#12', 'github:octo-org/api#101', 'github:octo-org/api#90']);
    // Each at its title link in the card's h3; #90's linked pull request (a field) is not its card.
    for (const f of found) expect(f.anchor.closest('h3')).not.toBeNull();
    // The card out of view renders its content when it scrolls in: found then, from that content alone.
    const card = doc.querySelector('[data-board-card-id="35"]')!;
    card.append(doc.createRange().createContextualFragment('<div><div data-testid="board-card-header">api #102</div><h3><a href="https://github.com/octo-org/api/pull/102"><span>Bump idb</span></a></h3></div>'));
    expect(findItems(card.firstElementChild!, page).map((f) => f.key)).toEqual(['github:octo-org/api#102']);
    expect(findItems(doc, page)).toHaveLength(4);
    // A card with no h3 link gives its first item link outside its fields; a draft gives none.
    const bare = new DOMParser().parseFromString('<div data-board-card-id="1" data-hovercard-subject-tag="issue:9"><ul data-testid="card-labels"><li><a href="/octo-org/api/pull/3">#3</a></li></ul><a href="/octo-org/api/issues/9">Nine</a></div><div data-board-card-id="2"><a href="/octo-org/api/issues/8">draft?</a></div>', 'text/html');
    expect(findItems(bare, page).map((f) => f.key)).toEqual(['github:octo-org/api#9']);
  });

  it('takes no link of a Projects page outside an item row (the project’s own links, a column header)', () => {
    const doc = new DOMParser().parseFromString('<main><a href="https://github.com/octo-org/api/issues/9">in a side panel</a><div role="row"><div role="rowheader"><a href="https://github.com/octo-org/api/issues/8">no subject</a></div></div></main>', 'text/html');
    expect(findItems(doc, 'https://github.com/orgs/octo-org/projects/7')).toEqual([]);
  });

  it('scans only the subtree it is given, including the root itself', () => {
    const doc = load('pulls-legacy.html');
    expect(findItems(doc.getElementById('issue_103')!, 'https://github.com/octo-org/api/pulls')).toHaveLength(1);
    expect(findItems(doc.getElementById('issue_103_link')!, 'https://github.com/octo-org/api/pulls')).toHaveLength(1);
  });

  it('finds nothing on markup it does not know', () => {
    const doc = new DOMParser().parseFromString('<a href="/octo-org/api/pull/1">x</a>', 'text/html');
    expect(findItems(doc, 'https://github.com/octo-org/api/pulls')).toEqual([]);
  });
});

describe('parseItemLink', () => {
  const page = 'https://github.com/octo-org/api/pulls';
  it.each([
    ['/octo-org/api/pull/42', 'github:octo-org/api#42'],
    ['https://github.com/Octo-Org/API/issues/7', 'github:octo-org/api#7'],
    ['/octo-org/api/pull/42/', 'github:octo-org/api#42'],
  ])('reads %s', (href, key) => {
    const ref = parseItemLink(href, page);
    expect(ref && `github:${ref.owner.toLowerCase()}/${ref.repo.toLowerCase()}#${ref.number}`).toBe(key);
  });

  it.each(['/octo-org/api/pull/42/files', '/octo-org/api/pulls', 'https://evil.example/octo-org/api/pull/1', 'http://[bad', '/o/r/issues/x'])(
    'ignores %s',
    (href) => {
      expect(parseItemLink(href, page)).toBeUndefined();
    },
  );
});

describe('findItems on item pages and search', () => {
  it('finds the legacy PR page title once (not its sticky twin) and its body and timeline references', () => {
    const found = findItems(load('pull-legacy.html'), 'https://github.com/octo-org/api/pull/101');
    expect(found.map((f) => [f.key, f.placement ?? 'after'])).toEqual([
      ['github:octo-org/api#101', 'inside'],
      ['github:octo-org/web#13', 'after'],
      ['github:octo-org/api#102', 'after'],
    ]);
    expect(found[0]!.anchor.closest('h1.gh-header-title')).not.toBeNull();
  });

  it('finds the React issue page title and the PR its body references', () => {
    const found = findItems(load('issue-react.html'), 'https://github.com/octo-org/web/issues/13');
    expect(found.map((f) => f.key)).toEqual(['github:octo-org/web#13', 'github:octo-org/api#101']);
  });

  it.each([
    ['Primer page header', '<h1 class="prc-PageHeader-Title-abc12"><bdi class="markdown-title">Add retry</bdi> <span>#101</span></h1>'],
    ['Primer title area', '<div data-component="TitleArea"><h1><bdi class="markdown-title">Add retry</bdi></h1></div>'],
    ['issue title test id without its header', '<h1><bdi data-testid="issue-title" class="markdown-title">Add retry</bdi></h1>'],
  ])('finds a React item page title in its %s, not in the sticky header before it', (_, title) => {
    const doc = new DOMParser().parseFromString(
      `<div class="PullRequestHeader-module__stickyHeader__x1"><h2><bdi class="markdown-title" data-testid="issue-title">Add retry</bdi></h2><div data-component="TitleArea"><bdi class="markdown-title">Add retry</bdi></div></div>
       <div class="pr-sticky-title-wrapper"><bdi class="markdown-title pr-sticky-title">Add retry</bdi></div>
       <main>${title}</main>`,
      'text/html',
    );
    const found = findItemPage(doc, 'https://github.com/octo-org/api/pull/101');
    expect(found.map((f) => [f.key, f.placement])).toEqual([['github:octo-org/api#101', 'inside']]);
    expect(found[0]!.anchor.closest('main')).not.toBeNull();
  });

  it('finds exactly the 3 results of a PR search', () => {
    const found = findItems(load('search-react.html'), 'https://github.com/search?q=is%3Apr&type=pullrequests');
    expect(found.map((f) => f.key)).toEqual(['github:octo-org/api#101', 'github:octo-org/web#12', 'github:other-org/lib#7']);
  });

  it('does not take a list page for an item page', () => {
    expect(findItemPage(load('pull-legacy.html'), 'https://github.com/octo-org/api/pulls')).toEqual([]);
  });
});
