import { describe, expect, it } from 'vitest';
import type { GithubRef } from '../../item-key';
import type { Fetch } from '../http';
import { fetchGithubItems, githubApi } from './fetch-items';
import { pullNode } from './testing/nodes';

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
    const fetch: Fetch = async (_url, init) => {
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

describe('githubApi', () => {
  it('uses /api/v3 and /api/graphql on Enterprise Server', () => {
    expect(githubApi('git.corp.example')).toEqual({
      rest: 'https://git.corp.example/api/v3',
      graphql: 'https://git.corp.example/api/graphql',
    });
  });
});
