import { describe, expect, it } from 'vitest';
import type { GithubRef } from '../item-key';
import type { Fetch } from '../providers/http';
import { FlowCache } from '../storage/cache';
import { memoryRecordStore } from '../storage/record-store';
import { DEFAULT_SETTINGS, NO_SECRETS } from '../storage/settings';
import { createFlowService } from './flow-service';

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
    expect(views[0]).toMatchObject({ key: 'github:octo-org/api#1', state: 'flowing', since: '2026-11-01T00:00:00.000Z', text: 'flowing 9d' });
    expect(await service.cached([ref(1)])).toMatchObject({ stale: [] });
    advance(DEFAULT_SETTINGS.cacheTtlMinutes * 60_000);
    const later = await service.cached([ref(1)]);
    expect(later.stale).toEqual(['github:octo-org/api#1']);
    expect(later.views[0]).toMatchObject({ stale: true });
    expect(calls).toBe(1);
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
    expect(calls).toBe(2);
    expect(a.views.map((v) => v.key).sort()).toEqual(b.views.map((v) => v.key).sort());
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
    const fetch: Fetch = async (url, init) => {
      if (url.endsWith('/issue/bulkfetch')) {
        const keys = JSON.parse(String(init?.body)).issueIdsOrKeys as string[];
        asked.push(keys);
        const issues = keys.filter((k) => k === 'PAY-42').map((key) => ({ id: '1', key, fields: { summary: 'Card payments', status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } }, created: '2026-11-01T00:00:00.000+0000' } }));
        return new Response(JSON.stringify({ issues }), { status: 200 });
      }
      return new Response(url.endsWith('/changelog/bulkfetch') ? '{"issueChangeLogs":[]}' : '[]', { status: 200 });
    };
    const settings = { ...DEFAULT_SETTINGS, jiraSites: ['acme.atlassian.net'], crossSource: true };
    const service = createFlowService({ cache: async () => cache, fetch, now: () => now, loadSettings: async () => settings, loadSecrets: async () => NO_SECRETS });
    const ref = { source: 'github' as const, host: 'github.com', owner: 'octo-org', repo: 'api', number: 5 };

    const first = await service.cached([ref]);
    expect(asked).toEqual([]); // the cached paint never waits on the network
    expect(first.stale).toEqual([pull.key]); // …but asks for a refresh to fill the gap
    const refreshed = await service.refresh([ref]);
    expect(asked).toEqual([['PAY-42', 'UTF-8']]);
    expect(refreshed.views[0]!.related).toEqual([{ key: 'jira:acme.atlassian.net/PAY-42', title: 'Card payments', url: 'https://acme.atlassian.net/browse/PAY-42', state: 'flowing' }]);
    expect((await service.cached([ref])).stale).toEqual([]); // UTF-8 was unknown to Jira: not asked again
    await service.refresh([ref]);
    expect(asked).toHaveLength(1);
  });
});
