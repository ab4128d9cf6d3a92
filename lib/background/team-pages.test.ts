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

function setup(answer: () => Response) {
  const cache = new FlowCache(memoryRecordStore());
  const holds = createRateHolds();
  const asked: string[] = [];
  const fetch: Fetch = async (url) => {
    asked.push(url);
    return answer();
  };
  const read = createPageReader({ cache: async () => cache, fetch, now: () => NOW, loadSettings: async () => DEFAULT_SETTINGS, loadSecrets: async () => ({ ...NO_SECRETS, githubTokens: { 'github.com': 't' } }), holds });
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
