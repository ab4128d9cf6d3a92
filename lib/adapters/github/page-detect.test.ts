import { describe, expect, it } from 'vitest';
import { detectPage, PAGE_KINDS, type PageKind } from './page-detect';

const kinds = Object.keys(PAGE_KINDS) as PageKind[];
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
  for (const kind of kinds) {
    it(`${kind} accepts its own examples and no other kind's`, () => {
      for (const example of PAGE_KINDS[kind].examples) {
        expect(detectPage(example), example).toBe(kind);
        for (const other of kinds.filter((k) => k !== kind)) {
          expect(PAGE_KINDS[other].test(new URL(example)), `${other} on ${example}`).toBe(false);
        }
      }
    });
  }

  it.each(OTHER_URLS)('leaves %s alone', (url) => {
    expect(detectPage(url)).toBeUndefined();
  });
});
