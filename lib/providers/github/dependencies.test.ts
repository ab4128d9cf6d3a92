import type { components, paths } from '@octokit/openapi-types';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Fetch } from '../http';
import { fetchBlockedBy } from './dependencies';

// Issue dependencies are newer than the published GraphQL schema FlowLens validates against,
// so the REST call is checked against GitHub's REST description (@octokit/openapi-types) at
// type-check time: the path exists, it answers a list of issues, and the fields read exist.
type BlockedBy = paths['/repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by']['get'];
type Answer = BlockedBy['responses'][200]['content']['application/json'];
type Issue = components['schemas']['issue'];

describe('the REST description of blocked_by', () => {
  it('answers a list of issues with the fields FlowLens reads', () => {
    expectTypeOf<Answer>().toEqualTypeOf<Issue[]>();
    expectTypeOf<Issue['number']>().toEqualTypeOf<number>();
    expectTypeOf<Issue['title']>().toEqualTypeOf<string>();
    expectTypeOf<Issue['html_url']>().toEqualTypeOf<string>();
    expectTypeOf<Issue['state']>().toEqualTypeOf<string>();
    expectTypeOf<BlockedBy['parameters']['path']>().toEqualTypeOf<{ owner: string; repo: string; issue_number: number }>();
  });
});

const ref = { source: 'github', host: 'github.com', owner: 'octo-org', repo: 'api', number: 7 } as const;
const ctx = { rest: 'https://api.github.com', headers: {}, now: 0 };

describe('fetchBlockedBy', () => {
  it('turns the blocking issues into blocked-by links with their state', async () => {
    const urls: string[] = [];
    const fetch: Fetch = async (url) => {
      urls.push(url);
      const body = [
        { number: 3, title: 'Schema', html_url: 'https://github.com/octo-org/api/issues/3', state: 'open' },
        { number: 9, title: 'Old', html_url: 'https://github.com/other/lib/issues/9', state: 'closed' },
      ];
      return new Response(JSON.stringify(body), { status: 200, headers: { etag: '"e1"' } });
    };
    expect(await fetchBlockedBy(ref, { ...ctx, fetch })).toEqual({
      etag: '"e1"',
      links: [
        { key: 'github:octo-org/api#3', kind: 'blocked-by', title: 'Schema', url: 'https://github.com/octo-org/api/issues/3', open: true },
        { key: 'github:other/lib#9', kind: 'blocked-by', title: 'Old', url: 'https://github.com/other/lib/issues/9', open: false },
      ],
    });
    expect(urls).toEqual(['https://api.github.com/repos/octo-org/api/issues/7/dependencies/blocked_by?per_page=50']);
  });

  it('reuses the previous answer on 304 and gives up quietly on errors', async () => {
    const previous = { etag: '"e1"', links: [] };
    let sent: Headers | undefined;
    const notModified: Fetch = async (_url, init) => {
      sent = new Headers(init?.headers);
      return new Response(null, { status: 304 });
    };
    expect(await fetchBlockedBy(ref, { ...ctx, fetch: notModified, previous })).toBe(previous);
    expect(sent?.get('if-none-match')).toBe('"e1"');
    const missing: Fetch = async () => new Response('{"message":"Not Found"}', { status: 404 });
    expect(await fetchBlockedBy(ref, { ...ctx, fetch: missing })).toBeUndefined();
  });
});
