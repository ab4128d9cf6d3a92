import type { components, paths } from '@octokit/openapi-types';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Fetch } from '../http';
import { fetchRelation } from './dependencies';

// Issue dependencies are newer than the published GraphQL schema FlowLens validates against,
// so the REST call is checked against GitHub's REST description (@octokit/openapi-types) at
// type-check time: the path exists, it answers a list of issues, and the fields read exist.
type BlockedBy = paths['/repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by']['get'];
type Answer = BlockedBy['responses'][200]['content']['application/json'];
type Issue = components['schemas']['issue'];
type Blocking = paths['/repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocking']['get'];
type SubIssues = paths['/repos/{owner}/{repo}/issues/{issue_number}/sub_issues']['get'];

describe('the REST description of blocked_by', () => {
  it('answers a list of issues with the fields FlowLens reads', () => {
    expectTypeOf<Answer>().toEqualTypeOf<Issue[]>();
    expectTypeOf<Issue['number']>().toEqualTypeOf<number>();
    expectTypeOf<Issue['title']>().toEqualTypeOf<string>();
    expectTypeOf<Issue['html_url']>().toEqualTypeOf<string>();
    expectTypeOf<Issue['state']>().toEqualTypeOf<string>();
    expectTypeOf<BlockedBy['parameters']['path']>().toEqualTypeOf<{ owner: string; repo: string; issue_number: number }>();
  });

  it('answers lists of issues for blocking and sub-issues too', () => {
    expectTypeOf<Blocking['responses'][200]['content']['application/json']>().toEqualTypeOf<Issue[]>();
    expectTypeOf<SubIssues['responses'][200]['content']['application/json']>().toEqualTypeOf<Issue[]>();
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
    expect(await fetchRelation(ref, 'dependencies/blocked_by', { ...ctx, fetch })).toEqual({
      etag: '"e1"',
      links: [
        { key: 'github:octo-org/api#3', kind: 'blocked-by', title: 'Schema', url: 'https://github.com/octo-org/api/issues/3', open: true },
        { key: 'github:other/lib#9', kind: 'blocked-by', title: 'Old', url: 'https://github.com/other/lib/issues/9', open: false },
      ],
    });
    expect(urls).toEqual(['https://api.github.com/repos/octo-org/api/issues/7/dependencies/blocked_by?per_page=50']);
  });

  it('reads sub-issues as children', async () => {
    const fetch: Fetch = async () => new Response(JSON.stringify([{ number: 8, title: 'Part', html_url: 'https://github.com/octo-org/api/issues/8', state: 'closed' }]), { status: 200 });
    expect((await fetchRelation(ref, 'sub_issues', { ...ctx, fetch }))?.links).toEqual([
      { key: 'github:octo-org/api#8', kind: 'child-of', title: 'Part', url: 'https://github.com/octo-org/api/issues/8', open: false },
    ]);
  });

  it('reuses the previous answer on 304 and gives up quietly on errors', async () => {
    const previous = { etag: '"e1"', links: [] };
    let sent: Headers | undefined;
    const notModified: Fetch = async (_url, init) => {
      sent = new Headers(init?.headers);
      return new Response(null, { status: 304 });
    };
    expect(await fetchRelation(ref, 'dependencies/blocked_by', { ...ctx, fetch: notModified, previous })).toBe(previous);
    expect(sent?.get('if-none-match')).toBe('"e1"');
    const missing: Fetch = async () => new Response('{"message":"Not Found"}', { status: 404 });
    expect(await fetchRelation(ref, 'dependencies/blocked_by', { ...ctx, fetch: missing })).toBeUndefined();
  });
});
