import { describe, expect, it } from 'vitest';
import { errorView } from '../../flow-view';
import type { GithubRef } from '../../item-key';
import type { Fetch } from '../http';
import { createGraphDependencySupport } from './dependencies';
import { fetchGithubItems, githubApi } from './fetch-items';
import { blockerNode, dependencyEvent, issueNode, pullNode } from './testing/nodes';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const ref = (number: number): GithubRef => ({ source: 'github', host: 'github.com', owner: 'octo-org', repo: 'api', number });

/** A fetch that answers GraphQL from a function and records every call. */
function graphFetch(answer: (variables: Record<string, unknown>) => unknown, init: ResponseInit = {}) {
  const calls: { url: string; body: { query: string; variables: Record<string, unknown> }; headers: Record<string, string> }[] = [];
  const fetch: Fetch = async (url, request) => {
    const body = JSON.parse(String(request?.body));
    calls.push({ url, body, headers: request?.headers as Record<string, string> });
    return new Response(JSON.stringify(answer(body.variables)), { status: 200, ...init });
  };
  return { fetch, calls };
}

function dataFor(variables: Record<string, unknown>) {
  const data: Record<string, unknown> = { rateLimit: { cost: 1, remaining: 4999, resetAt: '2026-11-20T13:00:00Z' } };
  for (const [name, value] of Object.entries(variables)) {
    if (name.startsWith('n')) data[`i${name.slice(1)}`] = { issueOrPullRequest: pullNode(Number(value)) };
  }
  return { data };
}

describe('fetchGithubItems with a token (GraphQL)', () => {
  it('asks for 120 items in ceil(120 / 50) = 3 requests, with the token only in the header', async () => {
    const { fetch, calls } = graphFetch(dataFor);
    const refs = Array.from({ length: 120 }, (_, i) => ref(i + 1));
    const outcome = await fetchGithubItems(refs, { fetch, host: 'github.com', token: 'ghp_t', now: NOW });
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.url === 'https://api.github.com/graphql')).toBe(true);
    expect(calls[0]!.headers.Authorization).toBe('Bearer ghp_t');
    expect(outcome.items.size).toBe(120);
    expect(outcome.errors.size).toBe(0);
    expect(outcome.rate.remaining).toBe(4999);
  });

  it('maps what says why a PR is stuck', async () => {
    const { fetch } = graphFetch(dataFor);
    const { items } = await fetchGithubItems([ref(5)], { fetch, host: 'github.com', token: 't', now: NOW });
    const item = items.get('github:octo-org/api#5')!.item;
    expect(item).toMatchObject({ kind: 'pull', state: 'open', container: 'octo-org/api', author: { id: 'alice' } });
    expect(item.signals).toMatchObject({
      reviewDecision: 'review-required',
      checks: 'failure',
      mergeable: 'mergeable',
      labels: ['blocked'],
      pendingReviewers: [{ id: 'bob', name: 'bob', url: 'https://github.com/bob' }],
    });
  });

  it('keeps one missing or malformed item from spoiling the others', async () => {
    const { fetch } = graphFetch(() => ({
      data: { i0: null, i1: { issueOrPullRequest: { __typename: 'PullRequest', number: 'x' } }, i2: { issueOrPullRequest: pullNode(3) } },
      errors: [{ type: 'NOT_FOUND', path: ['i0'], message: "Could not resolve to a Repository with the name 'octo-org/api'." }],
    }));
    const outcome = await fetchGithubItems([ref(1), ref(2), ref(3)], { fetch, host: 'github.com', token: 't', now: NOW });
    expect(outcome.errors.get('github:octo-org/api#1')?.code).toBe('not-found');
    expect(outcome.errors.get('github:octo-org/api#2')?.code).toBe('bad-response');
    expect([...outcome.items.keys()]).toEqual(['github:octo-org/api#3']);
  });

  it('names SAML single sign-on refusals', async () => {
    const { fetch } = graphFetch(() => ({
      data: { i0: null },
      errors: [{ type: 'FORBIDDEN', path: ['i0'], message: 'Resource protected by organization SAML enforcement.' }],
    }));
    const outcome = await fetchGithubItems([ref(1)], { fetch, host: 'github.com', token: 't', now: NOW });
    expect(outcome.errors.get('github:octo-org/api#1')).toEqual({
      code: 'sso-required',
      message: 'The octo-org organisation requires SAML single sign-on: authorise your token for octo-org.',
      helpUrl: 'https://github.com/settings/tokens',
    });
  });

  it('says a 403 to its token is the set-up’s, however GitHub words it, and an IP allow list’s is not (review leftover 1)', async () => {
    // A GitHub App's token, a fine-grained one without the permission: words without "token" in them.
    const { fetch } = graphFetch(() => ({ data: { i0: null }, errors: [{ type: 'FORBIDDEN', path: ['i0'], message: 'Resource not accessible by integration' }] }));
    const refused = (await fetchGithubItems([ref(1)], { fetch, host: 'github.com', token: 't', now: NOW })).errors.get('github:octo-org/api#1')!;
    expect(refused).toEqual({ code: 'forbidden', message: 'Resource not accessible by integration', setup: true });
    expect(errorView('github:octo-org/api#1', '', refused)).toMatchObject({ setup: true, text: 'set up' });
    // The whole query refused, with no words at all.
    const bare: Fetch = async () => new Response('', { status: 403 });
    expect((await fetchGithubItems([ref(1)], { fetch: bare, host: 'github.com', token: 't', now: NOW })).errors.get('github:octo-org/api#1')).toEqual({ code: 'forbidden', message: 'GitHub denied access (403).', setup: true });
    // The organisation refuses this network, whatever the token: not fixed in FlowLens's settings.
    const ip = 'Although you appear to have the correct authorization credentials, the `octo-org` organization has an IP allow list enabled, and your IP address is not permitted to access this resource.';
    const { fetch: allowList } = graphFetch(() => ({ data: { i0: null }, errors: [{ type: 'FORBIDDEN', path: ['i0'], message: ip }] }));
    const network = (await fetchGithubItems([ref(1)], { fetch: allowList, host: 'github.com', token: 't', now: NOW })).errors.get('github:octo-org/api#1')!;
    expect(network).toEqual({ code: 'forbidden', message: ip });
    expect(errorView('github:octo-org/api#1', '', network).setup).toBeUndefined();
  });

  it('stops after a rate limit instead of asking again', async () => {
    let calls = 0;
    const fetch: Fetch = async () => {
      calls += 1;
      return new Response('{"message":"API rate limit exceeded"}', {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 600) },
      });
    };
    const refs = Array.from({ length: 60 }, (_, i) => ref(i + 1));
    const outcome = await fetchGithubItems(refs, { fetch, host: 'github.com', token: 't', now: NOW });
    expect(calls).toBe(1);
    expect(outcome.errors.size).toBe(60);
    expect(outcome.errors.get('github:octo-org/api#60')).toMatchObject({ code: 'rate-limited', retryAt: NOW + 600_000 });
  });

  it('reports a body that is not GraphQL as a bad response for every item', async () => {
    const { fetch } = graphFetch(() => ['not', 'an', 'envelope']);
    const outcome = await fetchGithubItems([ref(1)], { fetch, host: 'github.com', token: 't', now: NOW });
    expect(outcome.errors.get('github:octo-org/api#1')?.code).toBe('bad-response');
  });
});

describe('fetchGithubItems without a token (REST)', () => {
  const restIssue = {
    number: 8,
    title: 'Fix login',
    html_url: 'https://github.com/octo-org/api/pull/8',
    state: 'closed',
    created_at: '2026-11-01T00:00:00Z',
    closed_at: '2026-11-03T00:00:00Z',
    user: { login: 'carol', html_url: 'https://github.com/carol' },
    assignees: [],
    labels: [{ name: 'bug' }],
    pull_request: { merged_at: '2026-11-03T00:00:00Z' },
  };

  it('sends a conditional request and reuses the cached item on 304', async () => {
    const seen: Headers[] = [];
    const fetch: Fetch = async (url, init) => {
      // A one-item refresh also reads the item's timeline (an item page): answered here as an
      // empty history, so `seen` still holds the issue requests alone.
      if (url.includes('/timeline')) return new Response('[]', { status: 200 });
      seen.push(new Headers(init?.headers));
      return seen.length === 1
        ? new Response(JSON.stringify(restIssue), { status: 200, headers: { etag: 'W/"abc"' } })
        : new Response(null, { status: 304 });
    };
    const first = await fetchGithubItems([ref(8)], { fetch, host: 'github.com', now: NOW });
    const cached = first.items.get('github:octo-org/api#8')!;
    expect(cached.item).toMatchObject({ kind: 'pull', state: 'merged', resolvedAt: '2026-11-03T00:00:00Z' });
    expect(cached.etag).toBe('W/"abc"');
    expect(cached.note).toMatch(/^Public data only/);
    const second = await fetchGithubItems([ref(8)], { fetch, host: 'github.com', now: NOW, previous: first.items });
    expect(seen[1]!.get('if-none-match')).toBe('W/"abc"');
    expect(seen[0]!.has('authorization')).toBe(false);
    expect(second.items.get('github:octo-org/api#8')).toEqual(cached);
  });

  it('names the organisation and links its SSO page when REST says x-github-sso', async () => {
    const sso = 'https://github.com/orgs/octo-org/sso?authorization_request=A1B2';
    const fetch: Fetch = async () => new Response('{"message":"Resource protected by organization SAML enforcement."}', { status: 403, headers: { 'x-github-sso': `required; url=${sso}` } });
    const outcome = await fetchGithubItems([ref(8)], { fetch, host: 'github.com', now: NOW });
    expect(outcome.errors.get('github:octo-org/api#8')).toEqual({
      code: 'sso-required',
      message: 'The octo-org organisation requires SAML single sign-on for this token: authorise it.',
      helpUrl: sso,
    });
  });

  it('turns an HTML answer into a clear error', async () => {
    const fetch: Fetch = async () => new Response('<!DOCTYPE html><html>Unicorn!</html>', { status: 200 });
    const outcome = await fetchGithubItems([ref(8)], { fetch, host: 'github.com', now: NOW });
    expect(outcome.errors.get('github:octo-org/api#8')?.message).toMatch(/not JSON \(an HTML page\)/);
  });

  it('says when GitHub cannot be reached', async () => {
    const fetch: Fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const outcome = await fetchGithubItems([ref(8)], { fetch, host: 'github.com', now: NOW });
    expect(outcome.errors.get('github:octo-org/api#8')).toMatchObject({ code: 'offline' });
  });
});

describe('fetchGithubItems and GitHub’s native dependencies', () => {
  const issueRef = (number: number, host = 'github.com'): GithubRef => ({ source: 'github', host, owner: 'octo-org', repo: 'web', number });

  /**
   * A GitHub that answers GraphQL from `answer` (given the query and its variables) and every
   * REST dependency list with one blocker; every request is recorded.
   */
  function github(answer: (query: string, variables: Record<string, unknown>) => unknown) {
    const requests: { url: string; query?: string }[] = [];
    const fetch: Fetch = async (url, init) => {
      if (url.endsWith('/graphql')) {
        const body = JSON.parse(String(init?.body));
        requests.push({ url, query: body.query });
        return new Response(JSON.stringify(answer(body.query, body.variables)), { status: 200 });
      }
      requests.push({ url });
      const host = new URL(url).host === 'api.github.com' ? 'github.com' : new URL(url).host;
      return new Response(JSON.stringify([{ number: 77, title: 'REST blocker', html_url: `https://${host}/octo-org/api/issues/77`, state: 'open' }]), { status: 200 });
    };
    return { fetch, requests, graph: () => requests.filter((r) => r.query), rest: () => requests.filter((r) => !r.query) };
  }

  /** Issue nodes for the asked numbers, with a blocker added on 9 Nov when the query asks for dependencies. */
  const issues = (query: string, variables: Record<string, unknown>) => {
    const data: Record<string, unknown> = { rateLimit: { cost: 1, remaining: 4999, resetAt: '2026-11-20T13:00:00Z' } };
    const dependencies = query.includes('blockedBy(');
    for (const [name, value] of Object.entries(variables)) {
      if (!name.startsWith('n')) continue;
      const extra = dependencies ? { blockedBy: { nodes: [blockerNode(3)] }, dependencyEvents: { nodes: [dependencyEvent('added', '2026-11-09T15:30:00Z', 3)] } } : {};
      data[`i${name.slice(1)}`] = { issueOrPullRequest: issueNode(Number(value), extra) };
    }
    return { data };
  };

  // Hand-written after GitHub's documented error shape: a query that does not validate is not
  // run, so the answer has `errors` and no `data`; GitHub names the field and the code
  // (`undefinedField`, `undefinedType`, `argumentLiteralsIncompatible`) in `extensions`.
  const refusal = {
    errors: [
      {
        path: ['fragment FlowLensItem', '... on Issue', 'blockedBy'],
        extensions: { code: 'undefinedField', typeName: 'Issue', fieldName: 'blockedBy' },
        locations: [{ line: 30, column: 5 }],
        message: "Field 'blockedBy' doesn't exist on type 'Issue'",
      },
      {
        path: ['fragment FlowLensItem', '... on Issue', 'dependencyEvents', 'itemTypes'],
        extensions: { code: 'argumentLiteralsIncompatible', typeName: 'Field', argumentName: 'itemTypes' },
        locations: [{ line: 31, column: 5 }],
        message: "Argument 'itemTypes' on Field 'dependencyEvents' has an invalid value ([BLOCKED_BY_ADDED_EVENT, BLOCKED_BY_REMOVED_EVENT]). Expected type '[IssueTimelineItemsItemType!]'.",
      },
      {
        path: ['fragment FlowLensItem', '... on Issue', 'dependencyEvents', 'nodes', '... on BlockedByAddedEvent'],
        extensions: { code: 'undefinedType', typeName: 'BlockedByAddedEvent' },
        locations: [{ line: 32, column: 7 }],
        message: "No such type BlockedByAddedEvent, so it can't be a fragment condition",
      },
    ],
  };

  /** A GitHub Enterprise Server without the dependency fields: it refuses any query asking for them. */
  const serverWithout = (query: string, variables: Record<string, unknown>) => (query.includes('blockedBy(') ? refusal : issues(query, variables));

  it('reads a 25-issue list in one GraphQL request: the blockers and their times come with the issues', async () => {
    const { fetch, requests } = github(issues);
    const refs = Array.from({ length: 25 }, (_, i) => issueRef(i + 1));
    const outcome = await fetchGithubItems(refs, { fetch, host: 'github.com', token: 't', now: NOW });
    // Before, the same list took 1 GraphQL request and 25 REST `dependencies/blocked_by` requests.
    expect(requests.map((r) => r.url)).toEqual(['https://api.github.com/graphql']);
    expect(outcome.items.size).toBe(25);
    expect(outcome.items.get('github:octo-org/web#25')!.item.upstream).toEqual([
      { key: 'github:octo-org/api#3', kind: 'blocked-by', title: 'Blocker 3', url: 'https://github.com/octo-org/api/issues/3', open: true, at: '2026-11-09T15:30:00Z' },
    ]);
  });

  it('still asks REST on an issue page for what the issue blocks and its sub-issues, not for its blockers', async () => {
    const { fetch, rest } = github(issues);
    const outcome = await fetchGithubItems([issueRef(13)], { fetch, host: 'github.com', token: 't', now: NOW });
    expect(rest().map((r) => r.url).sort()).toEqual([
      'https://api.github.com/repos/octo-org/web/issues/13/dependencies/blocking?per_page=50',
      'https://api.github.com/repos/octo-org/web/issues/13/sub_issues?per_page=50',
    ]);
    expect(outcome.items.get('github:octo-org/web#13')!.item.upstream.map((l) => [l.key, l.at])).toEqual([['github:octo-org/api#3', '2026-11-09T15:30:00Z']]);
  });

  it('reads over REST the blockers of an issue whose answer left them out', async () => {
    const { fetch, rest } = github((query, variables) => {
      const answer = issues(query, variables);
      (answer.data.i1 as { issueOrPullRequest: Record<string, unknown> }).issueOrPullRequest.blockedBy = null;
      return answer;
    });
    const outcome = await fetchGithubItems([issueRef(1), issueRef(2), issueRef(3), issueRef(4)], { fetch, host: 'github.com', token: 't', now: NOW });
    expect(rest().map((r) => r.url)).toEqual(['https://api.github.com/repos/octo-org/web/issues/2/dependencies/blocked_by?per_page=50']);
    expect(outcome.items.get('github:octo-org/web#2')!.item.upstream.map((l) => [l.key, l.at])).toEqual([['github:octo-org/api#77', undefined]]);
  });

  it('asks a server without the dependency fields again without them, remembers it, and reads blockers over REST', async () => {
    const host = 'git.corp.example';
    const { fetch, graph, rest } = github(serverWithout);
    const refs = Array.from({ length: 25 }, (_, i) => issueRef(i + 1, host));
    // What the background keeps for the service worker's life, passed to every read.
    const graphDependencies = createGraphDependencySupport();
    const first = await fetchGithubItems(refs, { fetch, host, token: 't', now: NOW, graphDependencies });
    expect(graph().map((r) => r.query!.includes('blockedBy('))).toEqual([true, false]);
    expect(rest()).toHaveLength(25);
    expect(rest().every((r) => r.url.startsWith(`https://${host}/api/v3/repos/octo-org/web/issues/`) && r.url.includes('/dependencies/blocked_by'))).toBe(true);
    expect(first.errors.size).toBe(0);
    expect(first.items.get(`github:${host}/octo-org/web#1`)!.item.upstream).toEqual([
      { key: `github:${host}/octo-org/api#77`, kind: 'blocked-by', title: 'REST blocker', url: `https://${host}/octo-org/api/issues/77`, open: true },
    ]);

    // The next refresh asks that host without the fields at once; github.com is still asked with them.
    await fetchGithubItems(refs.slice(0, 1), { fetch, host, token: 't', now: NOW, graphDependencies });
    expect(graph().map((r) => r.query!.includes('blockedBy('))).toEqual([true, false, false]);
    const dotcom = github(issues);
    await fetchGithubItems([issueRef(1)], { fetch: dotcom.fetch, host: 'github.com', token: 't', now: NOW, graphDependencies });
    expect(dotcom.graph().map((r) => r.query!.includes('blockedBy('))).toEqual([true]);
  });

  it('does not retry an answer without data that names no dependency field, and remembers nothing', async () => {
    const { fetch, graph } = github(() => ({ errors: [{ message: 'Something went wrong while executing your query.' }] }));
    const ref = issueRef(1, 'git.corp.example');
    const graphDependencies = createGraphDependencySupport();
    const outcome = await fetchGithubItems([ref], { fetch, host: 'git.corp.example', token: 't', now: NOW, graphDependencies });
    expect(graph()).toHaveLength(1);
    expect(outcome.errors.has('github:git.corp.example/octo-org/web#1')).toBe(true);
    await fetchGithubItems([ref], { fetch, host: 'git.corp.example', token: 't', now: NOW, graphDependencies });
    expect(graph().map((r) => r.query!.includes('blockedBy('))).toEqual([true, true]);
  });

  it('reads over REST the blockers of an issue whose answer has an error about them, without taking it for a server that lacks them', async () => {
    const { fetch, graph, rest } = github((query, variables) => {
      const answer = issues(query, variables) as { data: Record<string, { issueOrPullRequest: Record<string, unknown> }>; errors?: unknown[] };
      answer.data.i0!.issueOrPullRequest.blockedBy = null;
      answer.errors = [{ type: 'FORBIDDEN', path: ['i0', 'issueOrPullRequest', 'blockedBy'], message: 'Resource not accessible by integration (blockedBy)' }];
      return answer;
    });
    const outcome = await fetchGithubItems([issueRef(1), issueRef(2), issueRef(3), issueRef(4)], { fetch, host: 'github.com', token: 't', now: NOW });
    expect(graph()).toHaveLength(1);
    expect(outcome.items.size).toBe(4);
    expect(rest().map((r) => r.url)).toEqual(['https://api.github.com/repos/octo-org/web/issues/1/dependencies/blocked_by?per_page=50']);
  });
});

describe('githubApi', () => {
  it('uses /api/v3 and /api/graphql on Enterprise Server', () => {
    expect(githubApi('git.corp.example')).toEqual({
      rest: 'https://git.corp.example/api/v3',
      graphql: 'https://git.corp.example/api/graphql',
    });
  });
});
