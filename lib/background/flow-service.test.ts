import { describe, expect, it } from 'vitest';
import type { GithubRef } from '../item-key';
import type { Fetch } from '../providers/http';
import { FlowCache } from '../storage/cache';
import { memoryRecordStore } from '../storage/record-store';
import { DEFAULT_SETTINGS, NO_SECRETS } from '../storage/settings';
import { createFlowService } from './flow-service';
import { pullNode } from '../providers/github/testing/nodes';
import { pullItem } from '../flow/testing/items';
import type { WorkItem } from '../flow/model';

const ref = (number: number): GithubRef => ({ source: 'github', host: 'github.com', owner: 'octo-org', repo: 'api', number });
const restIssue = (number: number) => ({
  number,
  title: `Item ${number}`,
  html_url: `https://github.com/octo-org/api/issues/${number}`,
  state: 'open',
  created_at: '2026-11-01T00:00:00Z',
  closed_at: null,
});

function setup(fetch: Fetch) {
  let now = Date.parse('2026-11-10T00:00:00Z');
  const cache = new FlowCache(memoryRecordStore());
  const service = createFlowService({
    cache: async () => cache,
    fetch,
    now: () => now,
    loadSettings: async () => DEFAULT_SETTINGS,
    loadSecrets: async () => NO_SECRETS,
  });
  return { service, advance: (ms: number) => (now += ms) };
}

describe('flow service', () => {
  it('answers from the cache first, then refreshes what was stale', async () => {
    let calls = 0;
    const { service, advance } = setup(async (url) => {
      if (url.includes('/dependencies/') || url.includes('/sub_issues')) return new Response('[]', { status: 200 });
      calls += 1;
      return new Response(JSON.stringify(restIssue(Number(url.split('/').pop()))), { status: 200 });
    });
    expect(await service.cached([ref(1)])).toEqual({ views: [], stale: ['github:octo-org/api#1'] });
    const { views } = await service.refresh([ref(1)]);
    expect(views[0]).toMatchObject({ key: 'github:octo-org/api#1', state: 'flowing', since: '2026-11-01T00:00:00.000Z', text: 'flowing 9 d' });
    expect(await service.cached([ref(1)])).toMatchObject({ stale: [] });
    advance(DEFAULT_SETTINGS.cacheTtlMinutes * 60_000);
    const later = await service.cached([ref(1)]);
    expect(later.stale).toEqual(['github:octo-org/api#1']);
    expect(later.views[0]).toMatchObject({ stale: true });
    // The issue and its timeline: a one-item refresh (an item page) reads the REST timeline too.
    expect(calls).toBe(2);
  });

  it('shares one request between tabs asking for the same items at once', async () => {
    let calls = 0;
    const { service } = setup(async (url) => {
      if (url.includes('/dependencies/') || url.includes('/sub_issues')) return new Response('[]', { status: 200 });
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return new Response(JSON.stringify(restIssue(Number(url.split('/').pop()))), { status: 200 });
    });
    const [a, b] = await Promise.all([service.refresh([ref(1), ref(2)]), service.refresh([ref(2), ref(1)])]);
    // Each issue and its timeline (a two-item refresh reads timelines), once: 4, not 8.
    expect(calls).toBe(4);
    expect(a.views.map((v) => v.key).sort()).toEqual(b.views.map((v) => v.key).sort());
  });

  it('without a token, reads an upstream item once for its state: no timeline, no relations of its own', async () => {
    const paths: string[] = [];
    const { service } = setup(async (url) => {
      const path = new URL(url).pathname;
      paths.push(path);
      if (path.endsWith('/timeline')) return new Response('[]', { status: 200 });
      const n = Number(path.split('/').pop());
      return new Response(JSON.stringify({ ...restIssue(n), ...(n === 5 ? { body: 'Depends on #90', pull_request: { merged_at: null } } : {}) }), { status: 200 });
    });
    const { views } = await service.refresh([ref(5)]);
    // #5's page: the pull request and its timeline; then #90 for its state, and nothing of #90's own.
    expect(paths).toEqual(['/repos/octo-org/api/issues/5', '/repos/octo-org/api/issues/5/timeline', '/repos/octo-org/api/issues/90']);
    expect(views[0]).toMatchObject({ state: 'blocked', blockers: 1 });
  });

  it('tells the status what GitHub said the last GraphQL batch cost, and what is left', async () => {
    const now = Date.parse('2026-11-10T00:00:00Z');
    const cache = new FlowCache(memoryRecordStore());
    const service = createFlowService({
      cache: async () => cache,
      fetch: async (_url, init) => {
        const { variables } = JSON.parse(String(init?.body)) as { variables: Record<string, number> };
        const data: Record<string, unknown> = { rateLimit: { cost: 12, remaining: 4988, resetAt: '2026-11-10T01:00:00Z' } };
        for (const [name, value] of Object.entries(variables)) if (name.startsWith('n')) data[`i${name.slice(1)}`] = { issueOrPullRequest: pullNode(Number(value)) };
        return new Response(JSON.stringify({ data }), { status: 200 });
      },
      now: () => now,
      loadSettings: async () => DEFAULT_SETTINGS,
      loadSecrets: async () => ({ ...NO_SECRETS, githubTokens: { 'github.com': 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' } }),
    });
    expect(service.status().githubPoints).toEqual([]);
    await service.refresh([ref(1), ref(2)]);
    expect(service.status().githubPoints).toEqual([{ host: 'github.com', cost: 12, remaining: 4988, resetAt: Date.parse('2026-11-10T01:00:00Z'), at: now }]);
  });

  it('keeps showing saved data, marked stale with the error, when a refresh fails', async () => {
    let online = true;
    const { service, advance } = setup(async () => {
      if (!online) throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify(restIssue(1)), { status: 200 });
    });
    await service.refresh([ref(1)]);
    online = false;
    advance(60 * 60_000);
    const { views } = await service.refresh([ref(1)]);
    expect(views[0]).toMatchObject({ state: 'flowing', title: 'Item 1', stale: true, error: { code: 'offline' } });
    expect(service.status().lastError?.message).toMatch(/Could not reach GitHub/);
  });

  it('stops asking a host until its rate limit resets', async () => {
    let calls = 0;
    const { service, advance } = setup(async () => {
      calls += 1;
      return new Response('{"message":"API rate limit exceeded"}', {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Date.parse('2026-11-10T00:30:00Z') / 1000) },
      });
    });
    expect((await service.refresh([ref(1)])).views[0]).toMatchObject({ state: 'error', error: { code: 'rate-limited' } });
    expect((await service.refresh([ref(2)])).views[0]).toMatchObject({ state: 'error', error: { code: 'rate-limited' } });
    expect(calls).toBe(1);
    expect(service.status().rateLimitedUntil).toBe(Date.parse('2026-11-10T00:30:00Z'));
    advance(31 * 60_000);
    await service.refresh([ref(3)]);
    expect(calls).toBe(2);
  });
});

describe('Jira tickets named by pull requests', () => {
  const pull = {
    key: 'github:octo-org/api#5', source: 'github' as const, kind: 'pull' as const, title: 'PAY-42: retry', url: 'https://github.com/octo-org/api/pull/5',
    state: 'open' as const, assignees: [], requestedReviewers: [], createdAt: '2026-11-01T00:00:00Z', container: 'octo-org/api',
    signals: { reviewDecision: 'review-required' as const, checks: 'success' as const }, timeline: [], upstream: [], downstream: [], mentions: ['PAY-42', 'UTF-8'],
  };

  it('are looked up once, after the cached paint, only when the user allows it', async () => {
    const now = Date.parse('2026-11-10T00:00:00Z');
    const cache = new FlowCache(memoryRecordStore());
    await cache.write('item', [{ key: pull.key, value: { item: pull } }], now);
    const asked: string[][] = [];
    const listed: string[] = [];
    const fetch: Fetch = async (url, init) => {
      // The site's projects say which site PAY-42 belongs to; UTF is not one of them.
      if (url.includes('/rest/api/3/project/search')) {
        listed.push(url);
        return new Response(JSON.stringify({ isLast: true, values: [{ key: 'PAY' }, { key: 'OPS' }] }), { status: 200 });
      }
      if (url.endsWith('/issue/bulkfetch')) {
        const keys = JSON.parse(String(init?.body)).issueIdsOrKeys as string[];
        asked.push(keys);
        const issues = keys.filter((k) => k === 'PAY-42').map((key) => ({ id: '1', key, fields: { summary: 'Card payments', status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } }, created: '2026-11-01T00:00:00.000+0000' } }));
        return new Response(JSON.stringify({ issues }), { status: 200 });
      }
      return new Response(url.endsWith('/changelog/bulkfetch') ? '{"issueChangeLogs":[]}' : '[]', { status: 200 });
    };
    const settings = { ...DEFAULT_SETTINGS, jiraSites: ['acme.atlassian.net'], jiraOnGithub: true };
    // The pull request's mentions came from GraphQL, which needs a token: github.com has one.
    const secrets = { ...NO_SECRETS, githubTokens: { 'github.com': 't0ken' } };
    const service = createFlowService({ cache: async () => cache, fetch, now: () => now, loadSettings: async () => settings, loadSecrets: async () => secrets });
    const ref = { source: 'github' as const, host: 'github.com', owner: 'octo-org', repo: 'api', number: 5 };

    const first = await service.cached([ref]);
    expect(asked).toEqual([]); // the cached paint never waits on the network
    expect(first.stale).toEqual([pull.key]); // …but asks for a refresh to fill the gap
    const refreshed = await service.refresh([ref]);
    expect(asked).toEqual([['PAY-42']]); // UTF-8: no project UTF on the site, so never asked
    expect(refreshed.views[0]!.related).toEqual([{ key: 'jira:acme.atlassian.net/PAY-42', title: 'Card payments', url: 'https://acme.atlassian.net/browse/PAY-42', state: 'flowing' }]);
    expect((await service.cached([ref])).stale).toEqual([]);
    await service.refresh([ref]);
    expect(asked).toHaveLength(1);
    expect(listed).toEqual(['https://acme.atlassian.net/rest/api/3/project/search?startAt=0&maxResults=50']);
  });
});

describe('pull requests naming a Jira ticket', () => {
  const ticket: WorkItem = {
    key: 'jira:acme.atlassian.net/PAY-42', source: 'jira', kind: 'jira-issue', title: 'Card payments', url: 'https://acme.atlassian.net/browse/PAY-42', state: 'open',
    assignees: [], requestedReviewers: [], createdAt: '2026-11-01T00:00:00Z', container: 'PAY', signals: {}, timeline: [], upstream: [], downstream: [],
  };

  it('are searched on github.com and the added Enterprise hosts that have a token, never on a host with a token left behind', async () => {
    const now = Date.parse('2026-11-10T00:00:00Z');
    const cache = new FlowCache(memoryRecordStore());
    await cache.write('item', [{ key: ticket.key, value: { item: ticket } }], now);
    const searched: string[] = [];
    const fetch: Fetch = async (url, init) => {
      const body = String(init?.body ?? '');
      if (body.includes('FlowLensMentions')) searched.push(`${url} ${new Headers(init?.headers).get('authorization')}`);
      return new Response(JSON.stringify({ data: { k0: { nodes: [] } } }), { status: 200 });
    };
    const settings = { ...DEFAULT_SETTINGS, jiraSites: ['acme.atlassian.net'], githubHosts: ['ghe.corp', 'ghe.notoken'], pullsOnJira: true };
    const secrets = { ...NO_SECRETS, githubTokens: { 'github.com': 'tok-com', 'ghe.corp': 'tok-corp', 'ghe.removed': 'tok-removed' } };
    const service = createFlowService({ cache: async () => cache, fetch, now: () => now, loadSettings: async () => settings, loadSecrets: async () => secrets });
    await service.refresh([{ source: 'jira', host: 'acme.atlassian.net', issueKey: 'PAY-42' }]);
    expect(searched.sort()).toEqual(['https://api.github.com/graphql Bearer tok-com', 'https://ghe.corp/api/graphql Bearer tok-corp']);
  });
});

describe('upstream items that are not on the page', () => {
  // octo-org/api#5 is on the list and says "Depends on #90"; #90 is not on the list. Answers are
  // hand-written in the shape of FlowLens's own GraphQL batch (pullNode) and GitHub's REST issue.
  const token = { ...NO_SECRETS, githubTokens: { 'github.com': 't0ken' } };
  const ready = { labels: { nodes: [] }, reviewDecision: 'APPROVED', reviewRequests: { nodes: [] }, commits: { nodes: [{ commit: { statusCheckRollup: { state: 'SUCCESS' } } }] } };
  const issueNode = (number: number, state: 'OPEN' | 'CLOSED', closedAt: string | null = null) => ({
    __typename: 'Issue', number, title: `Issue ${number}`, url: `https://github.com/octo-org/api/issues/${number}`, issueState: state,
    createdAt: '2026-11-01T00:00:00Z', closedAt, author: null, labels: { nodes: [] },
  });

  /** A fake GraphQL API: `known` answers by number, anything else is GitHub's NOT_FOUND. */
  function graphql(known: Record<number, object>) {
    const batches: number[][] = [];
    const fetch: Fetch = async (url, init) => {
      // Native dependencies of open issues come from REST: none here.
      if (!url.endsWith('/graphql')) return new Response('[]', { status: 200 });
      const { variables } = JSON.parse(String(init?.body)) as { variables: Record<string, string | number> };
      const numbers = Object.entries(variables).filter(([name]) => name.startsWith('n')).map(([name, n]) => [name.slice(1), Number(n)] as const);
      batches.push(numbers.map(([, n]) => n));
      const data = Object.fromEntries(numbers.map(([i, n]) => [`i${i}`, known[n] ? { issueOrPullRequest: known[n] } : null]));
      const errors = numbers.filter(([, n]) => !known[n]).map(([i]) => ({ type: 'NOT_FOUND', path: [`i${i}`], message: 'Could not resolve to an issue or pull request.' }));
      return new Response(JSON.stringify({ data, ...(errors.length > 0 ? { errors } : {}) }), { status: 200 });
    };
    return { fetch, batches };
  }

  function serviceWith(fetch: Fetch) {
    let now = Date.parse('2026-11-20T12:00:00Z');
    const cache = new FlowCache(memoryRecordStore());
    const service = createFlowService({ cache: async () => cache, fetch, now: () => now, loadSettings: async () => DEFAULT_SETTINGS, loadSecrets: async () => token });
    return { service, cache, advance: (ms: number) => (now += ms) };
  }

  const list = [ref(5), ref(6)];
  const pull = (number: number, body: string) => pullNode(number, { ...ready, body });

  it('reads the upstream item in the same refresh, one request more, and the badge says blocked', async () => {
    const api = graphql({ 5: pull(5, 'Depends on #90'), 6: pull(6, 'No dependency'), 90: issueNode(90, 'OPEN') });
    const { service } = serviceWith(api.fetch);
    // Before any answer: nothing cached, both stale.
    expect((await service.cached(list)).stale).toEqual(['github:octo-org/api#5', 'github:octo-org/api#6']);
    const { views } = await service.refresh(list);
    // One batch for the page, one for what it waits on.
    expect(api.batches).toEqual([[5, 6], [90]]);
    const five = views.find((view) => view.key === 'github:octo-org/api#5')!;
    expect(five).toMatchObject({ state: 'blocked', blockers: 1, cause: 'Blocked: blocked by octo-org/api#90 (Issue 90).' });
    expect(five.unverified).toBeUndefined();
    expect(five.upstream).toEqual([{ key: 'github:octo-org/api#90', title: 'Issue 90', state: 'flowing', open: true }]);
    expect(views.find((view) => view.key === 'github:octo-org/api#6')).toMatchObject({ state: 'flowing', blockers: 0 });
    // Warm: the cache answers everything, nothing is stale, nothing is asked.
    expect((await service.cached(list)).stale).toEqual([]);
    await service.refresh(list);
    expect(api.batches).toHaveLength(2);
  });

  it('reads an upstream item for its state only: on its own page it is read whole', async () => {
    const api = graphql({ 5: pull(5, 'Depends on #90'), 90: issueNode(90, 'OPEN') });
    const { service } = serviceWith(api.fetch);
    await service.refresh([ref(5)]);
    const ninety = { ...ref(90) };
    // Known (it resolves #5's link), but not fresh enough for its own badge.
    const own = await service.cached([ninety]);
    expect(own.views[0]).toMatchObject({ key: 'github:octo-org/api#90', state: 'flowing' });
    expect(own.stale).toEqual(['github:octo-org/api#90']);
    await service.refresh([ninety]);
    expect(api.batches).toEqual([[5], [90], [90]]);
    expect((await service.cached([ninety])).stale).toEqual([]);
  });

  it('never asks twice for an upstream item another refresh is reading, even when two items wait on each other', async () => {
    const api = graphql({ 5: pull(5, 'Depends on #6'), 6: pull(6, 'Depends on #5'), 7: pull(7, 'Depends on #6') });
    const { service } = serviceWith(api.fetch);
    const [a, b, c] = await Promise.all([service.refresh([ref(5)]), service.refresh([ref(6)]), service.refresh([ref(7)])]);
    expect(api.batches.flat().sort((x, y) => x - y)).toEqual([5, 6, 7]);
    expect([a, b, c].map(({ views }) => [views[0]!.state, views[0]!.blockers])).toEqual([['blocked', 1], ['blocked', 1], ['blocked', 1]]);
  });

  it('says flowing once the upstream item is read and found closed', async () => {
    const api = graphql({ 5: pull(5, 'Depends on #90'), 90: issueNode(90, 'CLOSED', '2026-11-19T00:00:00Z') });
    const { service } = serviceWith(api.fetch);
    const { views } = await service.refresh([ref(5)]);
    expect(views[0]).toMatchObject({ state: 'flowing', blockers: 0, upstream: [{ key: 'github:octo-org/api#90', title: 'Issue 90', state: 'done', open: false }] });
  });

  it('names an upstream item it cannot read, counts it as blocking, unverified, and does not ask again within the time-to-live', async () => {
    const api = graphql({ 5: pull(5, 'Blocked by octo-org/secret#7') });
    const { service, advance } = serviceWith(api.fetch);
    const { views } = await service.refresh([ref(5)]);
    expect(api.batches).toEqual([[5], [7]]);
    expect(views[0]).toMatchObject({ state: 'blocked', blockers: 1, unverified: 1, cause: 'Blocked: blocked by octo-org/secret#7 (unverified).' });
    expect(views[0]!.upstream).toEqual([{ key: 'github:octo-org/secret#7', unreadable: 'octo-org/secret#7 was not found, or your token cannot read it.' }]);
    // The cached paint knows it is unreadable: nothing to refresh, nothing asked.
    expect((await service.cached([ref(5)])).stale).toEqual([]);
    expect((await service.cached([ref(5)])).views[0]).toMatchObject({ state: 'blocked', unverified: 1 });
    advance(DEFAULT_SETTINGS.cacheTtlMinutes * 60_000);
    await service.refresh([ref(5)]);
    expect(api.batches).toEqual([[5], [7], [5], [7]]);
  });

  it('fills in a fresh cached item whose upstream was never read, when the page asks again', async () => {
    const api = graphql({ 90: issueNode(90, 'OPEN') });
    const { service, cache } = serviceWith(api.fetch);
    const now = Date.parse('2026-11-20T12:00:00Z');
    // #5 came from a team sync (fresh in the cache), with its "depends on #90" never resolved.
    const item = { ...pullItem(5), upstream: [{ key: 'github:octo-org/api#90', kind: 'depends-on' as const }] };
    await cache.write('item', [{ key: item.key, value: { item } }], now);
    const first = await service.cached([ref(5)]);
    expect(first.views[0]).toMatchObject({ state: 'blocked', unverified: 1 });
    expect(first.stale).toEqual(['github:octo-org/api#5']);
    const { views } = await service.refresh([ref(5)]);
    // #5 itself was fresh: only #90 is asked.
    expect(api.batches).toEqual([[90]]);
    expect(views[0]).toMatchObject({ state: 'blocked', blockers: 1 });
    expect(views[0]!.unverified).toBeUndefined();
  });

  it('keeps when it first saw an undated link, and names it as the latest the block can have begun', async () => {
    const api = graphql({ 5: pull(5, 'Depends on #90'), 90: issueNode(90, 'OPEN') });
    const { service, cache, advance } = serviceWith(api.fetch);
    await service.refresh([ref(5)]);
    advance(DEFAULT_SETTINGS.cacheTtlMinutes * 60_000 + 1);
    const { views } = await service.refresh([ref(5)]);
    const cached = (await cache.read<{ item: WorkItem }>('item', ['github:octo-org/api#5'], Date.parse('2026-11-21T00:00:00Z'), Infinity)).get('github:octo-org/api#5');
    // Seen first at the first refresh (20 Nov 12:00), not at the second.
    expect(cached?.value.item.upstream).toEqual([{ key: 'github:octo-org/api#90', kind: 'depends-on', seenAt: '2026-11-20T12:00:00.000Z' }]);
    // The body never says when it was written: no since, and the bounds are the PR's opening and that sighting.
    expect(views[0]!.since).toBeUndefined();
    expect(views[0]!.sinceUnknown).toEqual({ links: ['github:octo-org/api#90'], notBefore: '2026-11-15T12:00:00.000Z', notAfter: '2026-11-20T12:00:00.000Z' });
  });

  it('keeps when it first saw a wait no event dates, and shows the time since as a bound', async () => {
    // #7 needs an approving review and nobody is asked; its timeline dates nothing of that.
    const api = graphql({ 7: pullNode(7, { ...ready, reviewDecision: 'REVIEW_REQUIRED' }) });
    const { service, cache, advance } = serviceWith(api.fetch);
    const first = (await service.refresh([ref(7)])).views[0]!;
    expect(first).toMatchObject({ state: 'waiting', text: 'waiting ≥ 0 m', sinceUnknown: { links: [], notBefore: '2026-11-15T12:00:00.000Z', notAfter: '2026-11-20T12:00:00.000Z' } });
    expect(first.since).toBeUndefined();
    // Two days later, still waiting: the first sighting stands, and the badge says at least 2 d.
    advance(2 * 86_400_000);
    const later = (await service.refresh([ref(7)])).views[0]!;
    expect(later).toMatchObject({ state: 'waiting', text: 'waiting ≥ 2 d', bound: { notAfter: '2026-11-20T12:00:00.000Z', why: 'start not recorded; waiting at least since it was first seen, Fri 20 Nov' } });
    const cached = (await cache.read<{ item: WorkItem }>('item', ['github:octo-org/api#7'], Date.parse('2026-11-23T00:00:00Z'), Infinity)).get('github:octo-org/api#7');
    expect(cached?.value.item.stateSeen).toEqual({ state: 'waiting', at: '2026-11-20T12:00:00.000Z' });
  });

  it('forgets the sighting once the item is no longer stuck, and starts again if it is again', async () => {
    let node: object = pullNode(7, { ...ready, reviewDecision: 'REVIEW_REQUIRED' });
    const { service, cache, advance } = serviceWith(async (url, init) => graphql({ 7: node }).fetch(url, init));
    await service.refresh([ref(7)]);
    advance(86_400_000);
    node = pullNode(7, ready);
    expect((await service.refresh([ref(7)])).views[0]).toMatchObject({ state: 'flowing' });
    const read = async () => (await cache.read<{ item: WorkItem }>('item', ['github:octo-org/api#7'], Date.parse('2026-11-23T00:00:00Z'), Infinity)).get('github:octo-org/api#7')?.value.item.stateSeen;
    expect(await read()).toBeUndefined();
    advance(86_400_000);
    node = pullNode(7, { ...ready, reviewDecision: 'REVIEW_REQUIRED' });
    await service.refresh([ref(7)]);
    expect(await read()).toEqual({ state: 'waiting', at: '2026-11-22T12:00:00.000Z' });
  });

  it('reads a Jira link target whose status the answer left out in one bulk fetch, without its history', async () => {
    // Hand-written Jira Cloud answers: PAY-1 "is blocked by" OPS-9, and the answer gives OPS-9's
    // key alone; OPS-9, asked for, is in progress.
    const requests: { path: string; keys?: string[] }[] = [];
    const issue = (key: string, status: string, category: string, issuelinks: unknown[] = []) => ({ id: key, key, fields: { summary: key, status: { name: status, statusCategory: { key: category } }, created: '2026-11-01T09:00:00.000+0000', issuelinks } });
    const fetch: Fetch = async (url, init) => {
      const path = new URL(url).pathname;
      const keys = init?.body ? (JSON.parse(String(init.body)).issueIdsOrKeys as string[]) : undefined;
      requests.push({ path, ...(keys ? { keys } : {}) });
      if (path.endsWith('/field')) return new Response('[]', { status: 200 });
      if (path.endsWith('/changelog/bulkfetch')) return new Response('{"issueChangeLogs":[]}', { status: 200 });
      const issues = (keys ?? []).map((key) => (key === 'PAY-1' ? issue('PAY-1', 'In Progress', 'indeterminate', [{ type: { name: 'Blocks', inward: 'is blocked by', outward: 'blocks' }, inwardIssue: { key: 'OPS-9' } }]) : issue(key, 'In Progress', 'indeterminate')));
      return new Response(JSON.stringify({ issues, issueErrors: [] }), { status: 200 });
    };
    const { service } = serviceWith(fetch);
    const { views } = await service.refresh([{ source: 'jira', host: 'acme.atlassian.net', issueKey: 'PAY-1' }]);
    expect(requests.map((r) => [r.path, r.keys])).toEqual([
      ['/rest/api/3/field', undefined],
      ['/rest/api/3/issue/bulkfetch', ['PAY-1']],
      ['/rest/api/3/changelog/bulkfetch', ['PAY-1']],
      // The filtered history does not date PAY-1's link: on an issue view it is asked unfiltered.
      ['/rest/api/3/changelog/bulkfetch', ['PAY-1']],
      // OPS-9 for its state only: no changelog request for it.
      ['/rest/api/3/issue/bulkfetch', ['OPS-9']],
    ]);
    expect(views[0]).toMatchObject({ state: 'blocked', blockers: 1, upstream: [{ key: 'jira:acme.atlassian.net/OPS-9', state: 'flowing', open: true }] });
    expect(views[0]!.unverified).toBeUndefined();
  });

  it('reads at most one batch of upstream items per host in a refresh', async () => {
    const body = `Depends on ${Array.from({ length: 60 }, (_, i) => `#${100 + i}`).join(', ')}`;
    const api = graphql({ 5: pull(5, body) });
    const { service } = serviceWith(api.fetch);
    await service.refresh([ref(5)]);
    expect(api.batches.map((batch) => batch.length)).toEqual([1, 50]);
  });
});

describe('one host cannot name another host’s items', () => {
  // The user's private github.com issues, cached from their own pages.
  const secret = (n: number): WorkItem => ({
    ...pullItem(n), key: `github:victim/private#${n}`, kind: 'issue', title: `SECRET merger plan ${n}`, url: `https://github.com/victim/private/issues/${n}`,
    container: 'victim/private', signals: { labels: [] },
  });
  const ghe: GithubRef = { source: 'github', host: 'ghe.corp.example', owner: 'team', repo: 'svc', number: 7 };

  it('shows nothing of cached github.com items a hostile Enterprise Server lists as its issue’s blockers', async () => {
    const asked: string[] = [];
    // Without a GitHub token for it, the host's issue is read over REST, its relations too.
    const guesses = Array.from({ length: 2_000 }, (_, i) => ({ number: i + 1, title: '', html_url: `https://github.com/victim/private/issues/${i + 1}`, state: 'open' }));
    const hostile: Fetch = async (url) => {
      asked.push(url);
      const path = new URL(url).pathname;
      if (path.endsWith('/timeline')) return new Response('[]', { status: 200 });
      if (/\/(dependencies\/blocked_by|dependencies\/blocking|sub_issues)$/.test(path)) return new Response(JSON.stringify(guesses), { status: 200 });
      return new Response(JSON.stringify({ ...restIssue(7), html_url: 'https://ghe.corp.example/team/svc/issues/7' }), { status: 200 });
    };
    let now = Date.parse('2026-11-10T00:00:00Z');
    const cache = new FlowCache(memoryRecordStore());
    await cache.write('item', [1, 2, 3].map((n) => ({ key: secret(n).key, value: { item: secret(n) } })), now);
    const service = createFlowService({
      cache: async () => cache, fetch: hostile, now: () => now, loadSettings: async () => DEFAULT_SETTINGS,
      loadSecrets: async () => ({ ...NO_SECRETS, githubTokens: { 'github.com': 'ghp_user' } }),
    });
    const { views } = await service.refresh([ghe]);
    now += 1_000;
    const painted = await service.cached([ghe]);
    for (const view of [...views, ...painted.views]) {
      expect(view.key).toBe('github:ghe.corp.example/team/svc#7');
      expect(JSON.stringify(view)).not.toMatch(/SECRET|victim/);
      expect(view.upstream).toEqual([]);
      expect(view.label).toBe('Issue flowing for 9 d. FlowLens: Moving since Sun 1 Nov. Show details.');
    }
    // And github.com was never asked about them, with the user's token or without.
    expect(asked.filter((url) => !url.startsWith('https://ghe.corp.example/'))).toEqual([]);
  });
});

describe('tokens by host', () => {
  it('sends no token to a host named like what every object inherits', async () => {
    const authorizations: (string | null)[] = [];
    const { service } = setup(async (url, init) => {
      authorizations.push(new Headers(init?.headers).get('authorization'));
      return new Response(JSON.stringify({ ...restIssue(1), html_url: 'https://constructor/octo-org/api/issues/1' }), { status: 200 });
    });
    await service.refresh([{ ...ref(1), host: 'constructor' }]);
    expect(authorizations.length).toBeGreaterThan(0);
    expect(authorizations).toEqual(authorizations.map(() => null));
  });
});
