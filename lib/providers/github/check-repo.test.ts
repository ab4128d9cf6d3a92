import { describe, expect, it } from 'vitest';
import type { Fetch } from '../http';
import { checkGithubRepo } from './check-repo';

const NOW = Date.parse('2026-11-20T00:00:00Z');
const pacing = { sleep: async () => undefined, random: () => 0 };

/** A fetch answering `status` and `body`, noting each URL and Authorization header. */
function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  const asked: string[] = [];
  const fetch: Fetch = async (url, init) => {
    asked.push(`${url} ${new Headers(init?.headers).get('authorization') ?? 'none'}`);
    return new Response(JSON.stringify(body), { status, headers });
  };
  return { fetch, asked };
}

describe('checkGithubRepo', () => {
  it('names the repository as GitHub does, asking with the token', async () => {
    const { fetch, asked } = answer(200, { full_name: 'octo-org/api', private: false, id: 1 });
    expect(await checkGithubRepo({ fetch, host: 'github.com', token: 'ghp_x', now: NOW, pacing }, 'Octo-Org', 'api')).toEqual({ ok: true, data: { fullName: 'octo-org/api', private: false } });
    expect(asked).toEqual(['https://api.github.com/repos/Octo-Org/api Bearer ghp_x']);
  });

  it('asks without a token when none is saved, and Enterprise Server at /api/v3', async () => {
    const { fetch, asked } = answer(200, { full_name: 'platform/core', private: true });
    await checkGithubRepo({ fetch, host: 'ghe.corp.example', now: NOW, pacing }, 'platform', 'core');
    expect(asked).toEqual(['https://ghe.corp.example/api/v3/repos/platform/core none']);
  });

  it('refuses a repository that does not exist with GitHub’s answer', async () => {
    const { fetch } = answer(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository', status: '404' });
    expect(await checkGithubRepo({ fetch, host: 'github.com', now: NOW, pacing }, 'octo-org', 'nope')).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'GitHub says “Not Found” (404): there is no repository octo-org/nope, or it is private and the token cannot see it.' },
    });
  });

  it('refuses a repository GitHub will not show with its words, and a rate limit stays a rate limit', async () => {
    const sso = answer(403, { message: 'Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.' });
    expect(await checkGithubRepo({ fetch: sso.fetch, host: 'github.com', token: 'ghp_x', now: NOW, pacing }, 'octo-org', 'api')).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'GitHub says “Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.” (403) for octo-org/api.' },
    });
    const limited = answer(403, { message: 'API rate limit exceeded for 203.0.113.9.' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 600) });
    expect(await checkGithubRepo({ fetch: limited.fetch, host: 'github.com', now: NOW, pacing }, 'octo-org', 'api')).toMatchObject({ ok: false, error: { code: 'rate-limited' } });
  });
});
