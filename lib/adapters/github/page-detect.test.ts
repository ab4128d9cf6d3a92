import { describe, expect, it } from 'vitest';
import { checkDetectors } from '../testing/page-detectors';
import { detectPage, expectedItems, PAGE_KINDS } from './page-detect';

const OTHER_URLS = [
  'https://github.com/',
  'https://github.com/octo-org',
  'https://github.com/octo-org/api',
  'https://github.com/octo-org/api/pulls/extra/path',
  'https://github.com/octo-org/api/issues/new',
  'https://github.com/settings/tokens',
  'https://github.com/search?q=flowlens&type=repositories',
  'https://github.com/notifications',
];

describe('GitHub page detection', () => {
  checkDetectors(PAGE_KINDS, detectPage, OTHER_URLS);
});

describe('expectedItems', () => {
  const doc = (body: string) => new DOMParser().parseFromString(`<main>${body}</main>`, 'text/html');

  it('always expects the item on a pull request or issue page', () => {
    expect(expectedItems(doc(''), 'https://github.com/octo-org/api/pull/42')).toBe('pullRequest');
    expect(expectedItems(doc(''), 'https://github.com/octo-org/api/issues/7')).toBe('issue');
  });

  it('expects items on a list only when it links to some', () => {
    const url = 'https://github.com/octo-org/api/pulls';
    expect(expectedItems(doc('<p>No results.</p><a href="/octo-org/api/issues/new">New issue</a>'), url)).toBeUndefined();
    expect(expectedItems(doc('<div><a href="/octo-org/api/pull/12">Fix it</a></div>'), url)).toBe('repoPullList');
    expect(expectedItems(doc('<a href="https://github.com/octo-org/web/issues/3#issuecomment-1">x</a>'), 'https://github.com/search?q=x&type=issues')).toBe('search');
  });

  it('expects nothing where FlowLens has nothing to do', () => {
    expect(expectedItems(doc('<a href="/octo-org/api/pull/12">Fix it</a>'), 'https://github.com/octo-org/api')).toBeUndefined();
  });
});
