import { describe, expect, it } from 'vitest';
import { checkDetectors } from '../testing/page-detectors';
import { fastestMs } from '../../../tests/support/timing';
import { detectPage, expectedIssues, isReadPage, issueKeyOf, PAGE_KINDS, siteOf, type PageKind } from './page-detect';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const withMeta = (content: string) => {
  const doc = parse('<head></head>');
  const meta = doc.createElement('meta');
  meta.name = 'ajs-context-path';
  meta.content = content;
  doc.head.append(meta);
  return doc;
};

const kinds = Object.keys(PAGE_KINDS) as PageKind[];
/** Jira pages of no kind listed: FlowLens still reads them (their issue containers, wherever they are). */
const OTHER_URLS = [
  'https://acme.atlassian.net/jira/your-work',
  'https://acme.atlassian.net/jira/dashboards/10000',
  'https://acme.atlassian.net/jira/software/c/projects/K12',
  'https://acme.atlassian.net/jira/software/projects/PAY/boards/3/reports/burndown',
  'https://acme.atlassian.net/browse/',
  'https://acme.atlassian.net/browse/not-a-key',
  'https://acme.atlassian.net/browse/PAY-0',
  'https://jira.corp.example/jira/secure/Dashboard.jspa',
  'https://jira.corp.example/secure/RapidBoard.jspa',
];

describe('Jira page detection', () => {
  checkDetectors(PAGE_KINDS, detectPage, OTHER_URLS);
});

describe('Jira page detection, asked again and again', () => {
  it('answers for each address as for the first time, however they alternate (it keeps its last answer)', () => {
    const board = 'https://acme.atlassian.net/jira/software/projects/PAY/boards/3';
    const opened = `${board}?selectedIssue=PAY-7`;
    const admin = PAGE_KINDS.admin.examples[0]!;
    const first = [board, opened, admin].map((href) => [detectPage(href), issueKeyOf(href)]);
    for (const href of [board, board, opened, opened, admin, board, admin, opened]) {
      expect([detectPage(href), issueKeyOf(href)]).toEqual(first[[board, opened, admin].indexOf(href)]);
    }
    expect(issueKeyOf(opened)).toBe('PAY-7');
    expect(issueKeyOf(board)).toBeUndefined();
    expect(detectPage(admin)).toBe('admin');
    expect(() => detectPage('not a url')).toThrow();
    expect(detectPage(board)).not.toBe('admin');
  });
});

describe('which Atlassian pages FlowLens reads', () => {
  it('reads every Jira page, of a known kind or not, and Confluence pages', () => {
    const read = kinds.filter((kind) => kind !== 'admin').flatMap((kind) => PAGE_KINDS[kind].examples);
    for (const url of [...read, ...OTHER_URLS]) expect(isReadPage(url), url).toBe(true);
  });

  it('reads no admin or settings page, of Jira, Confluence or Data Center', () => {
    for (const url of PAGE_KINDS.admin.examples) expect(isReadPage(url), url).toBe(false);
  });

  it('expects no issue on admin and Confluence pages, whatever they link to', () => {
    const doc = parse('<a href="/browse/PAY-7">PAY-7</a>');
    for (const url of [...PAGE_KINDS.admin.examples, ...PAGE_KINDS.confluence.examples]) expect(expectedIssues(doc, url), url).toBeUndefined();
    expect(expectedIssues(doc, 'https://acme.atlassian.net/jira/your-work')).toBe('issue list');
  });
});

describe('siteOf', () => {
  it.each([
    ['https://jira.corp.example/jira/browse/OPS-1', '', 'jira.corp.example/jira'],
    ['https://jira.corp.example/browse/OPS-1', '', 'jira.corp.example'],
    ['https://jira.corp.example/a/b/secure/RapidBoard.jspa', '', 'jira.corp.example/a/b'],
    ['https://jira.corp.example/jira/browse/OPS-1', '/tracker/', 'jira.corp.example/tracker'],
    ['https://jira.corp.example/jira/browse/OPS-1', '///', 'jira.corp.example'],
    ['https://jira.corp.example/jira/browse/OPS-1', '/a b', 'jira.corp.example'],
    ['https://jira.corp.example//jira//browse/OPS-1', '', 'jira.corp.example'],
    ['https://acme.atlassian.net/jira/browse/PAY-1', '/jira', 'acme.atlassian.net'],
  ])('reads %s with the meta tag %j as %s', (href, meta, site) => {
    expect(siteOf(meta ? withMeta(meta) : parse(''), href)).toBe(site);
  });

  // Timed like the sprint strings (sprints.test.ts): 20,000 characters in under 10 ms, the fastest
  // of five runs. Trimming the trailing slashes with `/\/+$/` tried every slash as a start and ran
  // to the end of the run from each: 140-230 ms for 20,000 slashes and a letter, 700-890 ms for 40,000.
  it('reads a meta tag of 20,000 slashes and a letter in under 10 ms, and takes no context path from it', () => {
    const doc = withMeta(`${'/'.repeat(20_000)}x`);
    expect(fastestMs(() => siteOf(doc, 'https://jira.corp.example/browse/OPS-1'))).toBeLessThan(10);
    expect(siteOf(doc, 'https://jira.corp.example/browse/OPS-1')).toBe('jira.corp.example');
  });

  it('reads a path of 20,000 slashes before /browse/ in under 10 ms', () => {
    const href = `https://jira.corp.example/${'/'.repeat(20_000)}x/browse/OPS-1`;
    expect(fastestMs(() => siteOf(parse(''), href))).toBeLessThan(10);
    expect(siteOf(parse(''), href)).toBe('jira.corp.example');
  });
});
