import { validate } from '@octokit/graphql-schema';
import { describe, expect, it } from 'vitest';
import type { Fetch } from '../http';
import { createGraphDependencySupport } from './dependencies';
import { countGithubSearch, SEARCH_PAGE_SIZE, SEARCH_QUERY, searchGithubPage, searchQuery } from './search-items';
import { validationErrors, withDependencies } from './testing/graphql-schema';
import { blockerNode, dependencyEvent, issueNode, pullNode as openPull } from './testing/nodes';

const NOW = Date.parse('2026-11-20T12:00:00Z');

/** A found pull request with no review requested. */
const pullNode = (number: number, extra: Record<string, unknown> = {}) => openPull(number, { reviewRequests: { nodes: [] }, ...extra });

type Call = { url: string; body: { query: string; variables: Record<string, unknown> }; headers: Record<string, string> };

/** A fetch answering every GraphQL POST with `answer` (status 200 unless told); REST calls get 404. */
function fakeFetch(answer: (variables: Record<string, unknown>) => unknown, init: ResponseInit = {}) {
  const calls: Call[] = [];
  const fetch: Fetch = async (url, request) => {
    if (!url.endsWith('/graphql')) return new Response('{"message":"Not Found"}', { status: 404 });
    const body = JSON.parse(String(request?.body));
    calls.push({ url, body, headers: request?.headers as Record<string, string> });
    return new Response(JSON.stringify(answer(body.variables)), { status: 200, ...init });
  };
  return { fetch, calls };
}

const page = (nodes: unknown[], next?: string) => ({
  data: {
    rateLimit: { cost: 1, remaining: 4990, resetAt: '2026-11-20T13:00:00Z' },
    search: { issueCount: 120, pageInfo: { endCursor: next ?? 'last', hasNextPage: next !== undefined }, nodes },
  },
});

describe('GitHub search query', () => {
  it('is valid against GitHub’s published GraphQL schema with the documented dependency additions', () => {
    expect(validationErrors(withDependencies, SEARCH_QUERY)).toEqual([]);
  });

  it('without the dependency fields (for a host that lacks them) is valid against the published schema', () => {
    expect(validate(searchQuery(false)).map((e) => e.message)).toEqual([]);
    expect(searchQuery(false)).not.toMatch(/blockedBy|BLOCKED_BY/);
    expect(SEARCH_QUERY).toContain('blockedBy(first: 50)');
  });

  it('reads the same item fields as the batched query, without per-number isRequired', () => {
    expect(SEARCH_QUERY).toContain('...FlowLensItem');
    expect(SEARCH_QUERY).toContain('fragment FlowLensItem on IssueOrPullRequest');
    expect(SEARCH_QUERY).toContain('statusCheckRollup');
    expect(SEARCH_QUERY).not.toContain('isRequired');
  });
});

describe('searchGithubPage', () => {
  it('turns one page into items by key, with the next cursor and the total', async () => {
    const issue = { __typename: 'Issue', number: 7, title: 'Bug', url: 'https://github.com/octo-org/web/issues/7', issueState: 'OPEN', createdAt: '2026-11-01T00:00:00Z' };
    const { fetch, calls } = fakeFetch(() => page([pullNode(1), issue, { __typename: 'Discussion' }, null], 'c2'));
    const result = await searchGithubPage('repo:octo-org/api is:open', { fetch, host: 'github.com', token: 'ghp_t', now: NOW });
    expect(result.error).toBeUndefined();
    expect([...result.outcome.items.keys()]).toEqual(['github:octo-org/api#1', 'github:octo-org/web#7']);
    expect(result.outcome.items.get('github:octo-org/api#1')!.item).toMatchObject({ kind: 'pull', state: 'open', signals: { checks: 'failure', labels: ['blocked'] } });
    expect(result).toMatchObject({ next: 'c2', total: 120 });
    expect(result.outcome.rate.remaining).toBe(4990);
    expect(calls[0]!.body.variables).toEqual({ query: 'repo:octo-org/api is:open', first: SEARCH_PAGE_SIZE, after: null });
    expect(calls[0]!.headers.Authorization).toBe('Bearer ghp_t');
  });

  it('passes the cursor, and has no next on the last page', async () => {
    const { fetch, calls } = fakeFetch(() => page([pullNode(2)]));
    const result = await searchGithubPage('is:pr', { fetch, host: 'github.com', token: 'ghp_t', now: NOW }, 'c2');
    expect(calls[0]!.body.variables.after).toBe('c2');
    expect(result.next).toBeUndefined();
  });

  it('keys Enterprise Server results by their host and asks its /api/graphql', async () => {
    const node = pullNode(3, { url: 'https://git.example.com/team/app/pull/3' });
    const { fetch, calls } = fakeFetch(() => page([node]));
    const result = await searchGithubPage('is:pr', { fetch, host: 'git.example.com', token: 't', now: NOW });
    expect(calls[0]!.url).toBe('https://git.example.com/api/graphql');
    expect([...result.outcome.items.keys()]).toEqual(['github:git.example.com/team/app#3']);
  });

  it('skips a result that does not fit the schema and keeps the others', async () => {
    const { fetch } = fakeFetch(() => page([pullNode(4, { pullState: 'WEIRD' }), pullNode(5)]));
    const result = await searchGithubPage('is:pr', { fetch, host: 'github.com', token: 't', now: NOW });
    expect([...result.outcome.items.keys()]).toEqual(['github:octo-org/api#5']);
  });

  it('asks nothing without a token and says how to fix it', async () => {
    const { fetch, calls } = fakeFetch(() => page([]));
    const result = await searchGithubPage('is:pr', { fetch, host: 'github.com', now: NOW });
    expect(calls).toHaveLength(0);
    expect(result.error).toMatchObject({ code: 'unauthorized' });
    expect(result.error!.message).toMatch(/Add a GitHub token for github\.com.*sync the team’s GitHub items/);
  });

  it('reports GitHub’s words for a query it refuses', async () => {
    const { fetch } = fakeFetch(() => ({ data: { search: null }, errors: [{ message: "Invalid search query: unknown qualifier 'foo'", path: ['search'] }] }));
    const result = await searchGithubPage('foo:bar', { fetch, host: 'github.com', token: 't', now: NOW });
    // The team's query, fixed in the settings: the set-up's.
    expect(result.error).toEqual({ code: 'bad-request', message: "GitHub did not accept the search “foo:bar”: Invalid search query: unknown qualifier 'foo'", setup: true });
    expect(result.outcome.items.size).toBe(0);
  });

  it('says a search its token may not make is the set-up’s, and one the network may not is not, whatever the query’s words (review leftover 1)', async () => {
    const classic = '`octo-org` forbids access via a personal access token (classic). Please use a GitHub App, OAuth App, or a personal access token with fine-grained permissions.';
    const { fetch } = fakeFetch(() => ({ data: { search: null }, errors: [{ type: 'FORBIDDEN', message: classic, path: ['search'] }] }));
    expect((await searchGithubPage('org:octo-org is:pr', { fetch, host: 'github.com', token: 't', now: NOW })).error).toEqual({ code: 'forbidden', message: `GitHub refused the search “org:octo-org is:pr”: ${classic}`, setup: true });
    // A query about tokens, refused by the organisation's IP allow list: "token" in the message, not a token problem.
    const ip = 'Although you appear to have the correct authorization credentials, the `octo-org` organization has an IP allow list enabled, and your IP address is not permitted to access this resource.';
    const { fetch: allowList } = fakeFetch(() => ({ data: { search: null }, errors: [{ type: 'FORBIDDEN', message: ip, path: ['search'] }] }));
    const refused = (await searchGithubPage('label:token-rotation', { fetch: allowList, host: 'github.com', token: 't', now: NOW })).error!;
    expect(refused).toEqual({ code: 'forbidden', message: `GitHub refused the search “label:token-rotation”: ${ip}` });
  });

  it('says a malformed answer is not understood', async () => {
    const { fetch } = fakeFetch(() => ({ data: { search: { nodes: 'nope' } } }));
    const result = await searchGithubPage('is:pr', { fetch, host: 'github.com', token: 't', now: NOW });
    expect(result.error).toMatchObject({ code: 'bad-response' });
  });
});

describe('searchGithubPage and GitHub’s native dependencies', () => {
  /** A GitHub answering the search from `answer` (given the query text) and REST dependency lists with `[]`. */
  function github(answer: (query: string) => unknown) {
    const requests: { url: string; query?: string }[] = [];
    const fetch: Fetch = async (url, init) => {
      if (!url.endsWith('/graphql')) {
        requests.push({ url });
        return new Response('[]', { status: 200 });
      }
      const body = JSON.parse(String(init?.body));
      requests.push({ url, query: body.query });
      return new Response(JSON.stringify(answer(body.query)), { status: 200 });
    };
    return { fetch, graph: () => requests.filter((r) => r.query), rest: () => requests.filter((r) => !r.query) };
  }

  const found = (query: string, host = 'github.com') => {
    const deps = query.includes('blockedBy(') ? { blockedBy: { nodes: [blockerNode(3)] }, dependencyEvents: { nodes: [dependencyEvent('added', '2026-11-09T15:30:00Z', 3)] } } : {};
    return page([1, 2, 3, 4].map((n) => issueNode(n, { url: `https://${host}/octo-org/web/issues/${n}`, ...deps })));
  };

  it('takes the blockers and their times from the search answer, with no REST request for them', async () => {
    const { fetch, rest } = github((query) => found(query));
    const result = await searchGithubPage('repo:octo-org/web is:open', { fetch, host: 'github.com', token: 't', now: NOW });
    expect(rest()).toEqual([]);
    expect(result.outcome.items.get('github:octo-org/web#4')!.item.upstream.map((l) => [l.key, l.at])).toEqual([['github:octo-org/api#3', '2026-11-09T15:30:00Z']]);
  });

  it('asks a server without the dependency fields again without them, remembers it, and reads blockers over REST', async () => {
    const host = 'git.corp.example';
    // Hand-written after GitHub's documented error shape: errors and no data for a query that does not validate.
    const refusal = { errors: [{ path: ['fragment FlowLensItem', '... on Issue', 'blockedBy'], extensions: { code: 'undefinedField', typeName: 'Issue', fieldName: 'blockedBy' }, locations: [{ line: 40, column: 5 }], message: "Field 'blockedBy' doesn't exist on type 'Issue'" }] };
    const { fetch, graph, rest } = github((query) => (query.includes('blockedBy(') ? refusal : found(query, host)));
    // What the background keeps for the service worker's life, passed to every read.
    const graphDependencies = createGraphDependencySupport();
    const result = await searchGithubPage('is:issue', { fetch, host, token: 't', now: NOW, graphDependencies });
    expect(result.error).toBeUndefined();
    expect(result.outcome.items.size).toBe(4);
    expect(graph().map((r) => r.query!.includes('blockedBy('))).toEqual([true, false]);
    expect(rest().map((r) => r.url)).toEqual([1, 2, 3, 4].map((n) => `https://${host}/api/v3/repos/octo-org/web/issues/${n}/dependencies/blocked_by?per_page=50`));
    expect(await countGithubSearch('is:issue', { fetch, host, token: 't', now: NOW, graphDependencies })).toEqual({ ok: true, data: { count: 120 } });
    expect(graph().map((r) => r.query!.includes('blockedBy('))).toEqual([true, false, false]);
  });
});

describe('countGithubSearch', () => {
  it('asks for one result and answers the count', async () => {
    const { fetch, calls } = fakeFetch(() => page([pullNode(1)], 'x'));
    expect(await countGithubSearch('is:pr', { fetch, host: 'github.com', token: 't', now: NOW })).toEqual({ ok: true, data: { count: 120 } });
    expect(calls[0]!.body.variables.first).toBe(1);
  });

  it('passes on a refused token (401) and SAML single sign-on', async () => {
    const refused = fakeFetch(() => ({ message: 'Bad credentials' }), { status: 401 });
    expect(await countGithubSearch('is:pr', { fetch: refused.fetch, host: 'github.com', token: 't', now: NOW })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const sso = fakeFetch(() => ({ data: { search: null }, errors: [{ type: 'FORBIDDEN', message: 'Resource protected by organization SAML enforcement.' }] }));
    const answer = await countGithubSearch('org:acme', { fetch: sso.fetch, host: 'github.com', token: 't', now: NOW });
    expect(answer).toMatchObject({ ok: false, error: { code: 'sso-required' } });
  });

  it('needs a token', async () => {
    const { fetch } = fakeFetch(() => page([]));
    expect(await countGithubSearch('is:pr', { fetch, host: 'github.com', now: NOW })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});
