import { describe, expect, it } from 'vitest';
import type { Fetch } from '../providers/http';
import { FlowCache } from '../storage/cache';
import { memoryRecordStore } from '../storage/record-store';
import { DEFAULT_SETTINGS, NO_SECRETS } from '../storage/settings';
import { createRateHolds } from './rate-holds';
import { createPageReader } from './team-pages';
import { teamSources } from './team-sources';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const node = { __typename: 'PullRequest', number: 4, title: 'Fix', url: 'https://github.com/octo-org/api/pull/4', pullState: 'OPEN', createdAt: '2026-11-20T00:00:00Z' };
const [openSource] = teamSources({ ...DEFAULT_SETTINGS.team, githubRepos: ['octo-org/api'] }, NOW);

function setup(answer: (url: string, body?: Record<string, unknown>) => Response) {
  const cache = new FlowCache(memoryRecordStore());
  const holds = createRateHolds();
  const asked: { url: string; headers: Record<string, string>; body?: Record<string, unknown> }[] = [];
  const fetch: Fetch = async (url, init) => {
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
    asked.push({ url, headers: init?.headers as Record<string, string>, ...(body ? { body } : {}) });
    return answer(url, body);
  };
  const secrets = { githubTokens: { 'github.com': 't' }, jiraCredentials: { 'acme.atlassian.net': { kind: 'cloud-token' as const, email: 'me@acme.test', token: 'jt' } } };
  const read = createPageReader({ cache: async () => cache, fetch, now: () => NOW, loadSettings: async () => DEFAULT_SETTINGS, loadSecrets: async () => ({ ...NO_SECRETS, ...secrets }), holds });
  return { cache, holds, asked, read };
}

describe('team page reader', () => {
  it('writes each page’s items to the cache, as a badge’s fetch does', async () => {
    const page = { data: { search: { issueCount: 1, pageInfo: { endCursor: 'x', hasNextPage: false }, nodes: [node] } } };
    const { cache, read } = setup(() => new Response(JSON.stringify(page)));
    const got = await read(openSource!, undefined, []);
    expect([...got.items.keys()]).toEqual(['github:octo-org/api#4']);
    const hits = await cache.read('item', ['github:octo-org/api#4'], NOW);
    expect(hits.get('github:octo-org/api#4')?.fresh).toBe(true);
  });

  it('holds the host after a rate limit and does not ask it again until then', async () => {
    const reset = Math.floor(NOW / 1000) + 1800;
    const { holds, asked, read } = setup(() => new Response('{"message":"API rate limit exceeded"}', { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) } }));
    expect((await read(openSource!, undefined, [])).error).toMatchObject({ code: 'rate-limited' });
    expect(holds.firstUntil(NOW)).toBe(reset * 1000);
    expect((await read(openSource!, undefined, [])).error).toMatchObject({ code: 'rate-limited' });
    expect(asked).toHaveLength(1);
  });
});

describe('team page reader on Jira', () => {
  const json = (value: unknown) => new Response(JSON.stringify(value));
  const issue = { id: '1001', key: 'PAY-1', fields: { summary: 'Retry payments', status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } }, created: '2026-11-01T09:00:00.000+0000', labels: [], project: { key: 'PAY' }, issuelinks: [] } };
  /** A Cloud site: no custom fields, one page of search results, no histories. */
  function jiraSite(url: string) {
    if (url.endsWith('/field')) return json([]);
    if (url.endsWith('/changelog/bulkfetch')) return json({ issueChangeLogs: [] });
    if (url.endsWith('/rest/api/3/search/jql')) return json({ issues: [issue], nextPageToken: 'tok-2', isLast: false });
    return new Response('{}', { status: 404 });
  }

  it('searches the site with its saved credential and caches what comes', async () => {
    const sources = teamSources({ ...DEFAULT_SETTINGS.team, jiraQueries: [{ site: 'acme.atlassian.net', jql: 'project = PAY AND statusCategory != Done' }] }, NOW);
    const { cache, asked, read } = setup(jiraSite);
    const page = await read(sources[0]!, undefined, []);
    expect([...page.items.keys()]).toEqual(['jira:acme.atlassian.net/PAY-1']);
    expect(page.next).toBe('tok-2');
    const search = asked.find((a) => a.url.endsWith('/search/jql'))!;
    expect(search.body?.jql).toBe('project = PAY AND statusCategory != Done');
    expect(search.headers.Authorization).toBe(`Basic ${btoa('me@acme.test:jt')}`);
    expect((await cache.read('item', ['jira:acme.atlassian.net/PAY-1'], NOW)).size).toBe(1);
    await read(sources[1]!, 'tok-2', []);
    expect(asked.filter((a) => a.url.endsWith('/search/jql')).at(-1)!.body).toMatchObject({ jql: '(project = PAY) AND statusCategory = Done AND resolved >= -90d ORDER BY resolved DESC', nextPageToken: 'tok-2' });
  });
});
