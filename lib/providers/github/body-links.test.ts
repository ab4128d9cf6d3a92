import { describe, expect, it } from 'vitest';
import { bodyLinks } from './body-links';

const links = (body: string) => bodyLinks(body, 'github.com', 'octo-org', 'api').map((l) => `${l.kind} ${l.key}`);

describe('bodyLinks', () => {
  it('reads same-repository, cross-repository and URL references after a dependency phrase', () => {
    expect(links('Depends on #12.\nBlocked by octo-org/web#7 and https://github.com/other/lib/pull/3')).toEqual([
      'depends-on github:octo-org/api#12',
      'blocked-by github:octo-org/web#7',
      'blocked-by github:other/lib#3',
    ]);
  });

  it('reads lists after a colon', () => {
    expect(links('Requires: #1, #2 & #3')).toEqual(['depends-on github:octo-org/api#1', 'depends-on github:octo-org/api#2', 'depends-on github:octo-org/api#3']);
  });

  it('ignores closing keywords, passing mentions and other hosts', () => {
    expect(links('Fixes #4. See #5. Depends on https://gitlab.com/a/b/issues/1')).toEqual([]);
  });

  it('lists a key once', () => {
    expect(links('Depends on #9. Also depends on #9.')).toEqual(['depends-on github:octo-org/api#9']);
  });

  it('takes no body as no links', () => {
    expect(bodyLinks(null, 'github.com', 'o', 'r')).toEqual([]);
  });
});
