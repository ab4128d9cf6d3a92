import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CONFLUENCE_LINKS } from './find-confluence';
import { findIssues } from './find-items';
import { PAGE_KINDS } from './page-detect';

const load = (name: string) => new DOMParser().parseFromString(readFileSync(resolve('tests/fixtures/jira/pages', name), 'utf8'), 'text/html');
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const PAGE = 'https://acme.atlassian.net/wiki/spaces/PAY/pages/510460716/Release+plan';

describe('Jira issues on a Confluence page of the same site', () => {
  it('badges each key link to this site’s issues: the issue macro in both markups, the table’s key column, a key linked by hand', () => {
    const found = findIssues(load('confluence-page.html'), PAGE);
    expect(found.map((f) => f.key)).toEqual(['PAY-42', 'PAY-42', 'PAY-40', 'PAY-43', 'PAY-44'].map((k) => `jira:acme.atlassian.net/${k}`));
    // Each anchor is the link whose text is the key: never a summary or an icon linking the same issue.
    expect(found.map((f) => [f.anchor.localName, f.anchor.textContent?.trim()])).toEqual(found.map((f) => ['a', f.ref.issueKey]));
    expect(found.map((f) => f.anchor.className)).toEqual(['jira-issue-key', 'jira-issue-macro-key issue-link', '', '', '']);
    // After the link, as any listed item: never inside it.
    expect(found.map((f) => f.placement)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('leaves alone another site’s issues, a project link, an issue linked by its summary, and Confluence’s own links', () => {
    const doc = load('confluence-page.html');
    const anchors = new Set(findIssues(doc, PAGE).map((f) => f.anchor));
    const hrefs = [...doc.querySelectorAll('a')].filter((a) => !anchors.has(a)).map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([
      '/wiki/spaces/PAY/overview',
      '/wiki/spaces/PAY/pages/100/Releases',
      'https://acme.atlassian.net/browse/PAY-40?src=confmacro',
      'https://acme.atlassian.net/browse/PAY-40?src=confmacro',
      'https://acme.atlassian.net/browse/PAY-43?src=confmacro',
      'https://acme.atlassian.net/browse/PAY-43?src=confmacro',
      'https://acme.atlassian.net/browse/PAY-45',
      'https://other.atlassian.net/browse/OPS-1',
      'https://acme.atlassian.net/browse/PAY',
      '/wiki/spaces/PAY/pages/101/Rollout',
    ]);
  });

  it('on another site’s Confluence, badges that site’s issues only', () => {
    const found = findIssues(load('confluence-page.html'), 'https://other.atlassian.net/wiki/spaces/OPS/pages/1/Plan');
    // Only OPS-1 leads to other.atlassian.net; the relative /browse/PAY-44 now means other.atlassian.net too.
    expect(found.map((f) => f.key)).toEqual(['jira:other.atlassian.net/PAY-44', 'jira:other.atlassian.net/OPS-1']);
  });

  const keyLinks = (from: number, count: number) => Array.from({ length: count }, (_, i) => `<p><a href="/browse/PAY-${from + i}">PAY-${from + i}</a></p>`).join('');

  it(`badges the first ${MAX_CONFLUENCE_LINKS} key links of a page and no more, however the page adds them`, () => {
    const doc = parse(`<main>${keyLinks(1, 80)}</main>`);
    const found = findIssues(doc, PAGE);
    expect(found).toHaveLength(MAX_CONFLUENCE_LINKS);
    expect(found.map((f) => f.ref.issueKey)).toEqual(Array.from({ length: MAX_CONFLUENCE_LINKS }, (_, i) => `PAY-${i + 1}`));
    // Scanned again part by part, as the page's additions are: the same 50, and none past them.
    const parts = [...doc.querySelectorAll('p')].flatMap((p) => findIssues(p, PAGE));
    expect(parts.map((f) => f.anchor)).toEqual(found.map((f) => f.anchor));
  });

  it('counts the page’s links in its order, so a link added before the others takes a place of theirs', () => {
    const doc = parse(`<main>${keyLinks(1, MAX_CONFLUENCE_LINKS)}</main>`);
    const added = parse(keyLinks(900, 1)).querySelector('p')!;
    doc.querySelector('main')!.prepend(added);
    expect(findIssues(added, PAGE).map((f) => f.ref.issueKey)).toEqual(['PAY-900']);
    expect(findIssues(doc, PAGE).map((f) => f.ref.issueKey).slice(-1)).toEqual([`PAY-${MAX_CONFLUENCE_LINKS - 1}`]);
  });

  it('finds nothing in an added part without issue links', () => {
    const doc = load('confluence-page.html');
    expect(findIssues(doc.querySelector('nav')!, PAGE)).toEqual([]);
    expect(findIssues(doc.querySelector('h1')!, PAGE)).toEqual([]);
  });
});

describe('admin and settings pages', () => {
  it('get nothing, even where issue markup is on them', () => {
    const pages = ['board-cloud.html', 'issue-view.html', 'confluence-page.html'].map(load);
    for (const url of PAGE_KINDS.admin.examples) {
      for (const doc of pages) expect(findIssues(doc, url), url).toEqual([]);
    }
  });

  it('while the same markup on a Jira page is read', () => {
    expect(findIssues(load('board-cloud.html'), 'https://acme.atlassian.net/jira/software/projects/PAY/boards/3')).toHaveLength(4);
    expect(findIssues(load('issue-view.html'), 'https://acme.atlassian.net/browse/PAY-42').map((f) => f.placement)).toContain('inside');
  });
});
