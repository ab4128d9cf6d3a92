import { describe, expect, it } from 'vitest';
import type { Fetch } from '../providers/http';
import { NO_SECRETS } from '../storage/settings';
import { createGithubQueryProbe } from './github-probes';

const answer = { data: { search: { issueCount: 7, pageInfo: { endCursor: null, hasNextPage: false }, nodes: [] } } };

describe('github/check-query', () => {
  it('runs the query with the host’s own token and answers the count', async () => {
    const seen: { url: string; auth: string | undefined }[] = [];
    const fetch: Fetch = async (url, init) => {
      seen.push({ url, auth: (init?.headers as Record<string, string>).Authorization });
      return new Response(JSON.stringify(answer));
    };
    const probe = createGithubQueryProbe({ fetch, now: () => 0, loadSecrets: async () => ({ ...NO_SECRETS, githubTokens: { 'git.example.com': 'ghe' } }) });
    expect(await probe('git.example.com', 'is:pr')).toEqual({ ok: true, data: { count: 7 } });
    expect(seen).toEqual([{ url: 'https://git.example.com/api/graphql', auth: 'Bearer ghe' }]);
  });

  it('says a token is needed when the host has none', async () => {
    const probe = createGithubQueryProbe({ fetch: async () => new Response(JSON.stringify(answer)), now: () => 0, loadSecrets: async () => NO_SECRETS });
    expect(await probe('github.com', 'is:pr')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});
