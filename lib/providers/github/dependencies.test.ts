import type { components, paths } from '@octokit/openapi-types';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Fetch } from '../http';
import { fetchRelation, MAX_LINKS_PER_RELATION, nativeBlockers } from './dependencies';

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

describe('relations bound to the host that answered', () => {
  const ghe = { source: 'github', host: 'ghe.corp.example', owner: 'team', repo: 'svc', number: 7 } as const;
  const gheCtx = { rest: 'https://ghe.corp.example/api/v3', headers: {}, now: 0 };
  const answering = (body: unknown): Fetch => async () => new Response(JSON.stringify(body), { status: 200 });
  const issue = (url: string, number = 1) => ({ number, title: 'Guess', html_url: url, state: 'open' });

  it('drops the github.com issues an Enterprise Server lists, and keeps its own', async () => {
    // A hostile host guesses private github.com issues: none may become a key FlowLens reads or shows.
    const guesses = Array.from({ length: 2_000 }, (_, i) => issue(`https://github.com/victim/private/issues/${i + 1}`, i + 1));
    const own = issue('https://ghe.corp.example/team/svc/issues/3', 3);
    const found = await fetchRelation(ghe, 'dependencies/blocked_by', { ...gheCtx, fetch: answering([...guesses, own]) });
    expect(found?.links).toEqual([{ key: 'github:ghe.corp.example/team/svc#3', kind: 'blocked-by', title: 'Guess', url: 'https://ghe.corp.example/team/svc/issues/3', open: true }]);
  });

  it.each([
    'http://ghe.corp.example/team/svc/issues/3',
    'javascript:alert(1)//ghe.corp.example/team/svc/issues/3',
    'https://ghe.corp.example.evil.example/team/svc/issues/3',
    'https://ghe.corp.example@evil.example/team/svc/issues/3',
  ])('names nothing by %s', async (url) => {
    expect((await fetchRelation(ghe, 'sub_issues', { ...gheCtx, fetch: answering([issue(url)]) }))?.links).toEqual([]);
  });

  it(`keeps at most ${MAX_LINKS_PER_RELATION} issues of one relation, as GitHub allows`, async () => {
    const many = Array.from({ length: 2_000 }, (_, i) => issue(`https://ghe.corp.example/team/svc/issues/${i + 10}`, i + 10));
    const found = await fetchRelation(ghe, 'dependencies/blocking', { ...gheCtx, fetch: answering(many) });
    expect(MAX_LINKS_PER_RELATION).toBe(50);
    expect(found?.links.map((link) => link.key)).toEqual(many.slice(0, 50).map((_, i) => `github:ghe.corp.example/team/svc#${i + 10}`));
  });

  it('holds a kept answer (304) to the same rules', async () => {
    const previous = { etag: '"e1"', links: [
      { key: 'github:victim/private#1', kind: 'blocked-by' as const, title: 'Guess', url: 'https://github.com/victim/private/issues/1' },
      { key: 'github:ghe.corp.example/team/svc#3', kind: 'blocked-by' as const },
    ] };
    const notModified: Fetch = async () => new Response(null, { status: 304 });
    expect(await fetchRelation(ghe, 'dependencies/blocked_by', { ...gheCtx, fetch: notModified, previous })).toEqual({ etag: '"e1"', links: [previous.links[1]] });
  });
});

describe('nativeBlockers', () => {
  const blocker = (number: number, repo = 'team/svc') => ({ number, title: `B${number}`, url: `https://ghe.corp.example/${repo}/issues/${number}`, state: 'OPEN', repository: { nameWithOwner: repo } });

  it('keys every blocker on the host asked, whatever its URL says', () => {
    const { links } = nativeBlockers('ghe.corp.example', [{ ...blocker(3), url: 'https://github.com/victim/private/issues/3' }], []);
    expect(links.map((link) => link.key)).toEqual(['github:ghe.corp.example/team/svc#3']);
  });

  it(`keeps at most ${MAX_LINKS_PER_RELATION} blockers`, () => {
    const { links } = nativeBlockers('ghe.corp.example', Array.from({ length: 500 }, (_, i) => blocker(i + 1)), []);
    expect(links).toHaveLength(50);
    expect(links.at(-1)?.key).toBe('github:ghe.corp.example/team/svc#50');
  });
});
