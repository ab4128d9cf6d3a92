import { describe, expect, it } from 'vitest';
import type { Fetch } from '../http';
import { checkGithubToken } from './check-token';

const NOW = Date.parse('2026-11-20T00:00:00Z');
const answer = (status: number, body: unknown, headers: Record<string, string> = {}): Fetch => async () =>
  new Response(JSON.stringify(body), { status, headers });

describe('checkGithubToken', () => {
  it('names the login, the expiry and a missing repo scope of a classic token', async () => {
    const fetch = answer(200, { login: 'alice' }, { 'x-oauth-scopes': 'read:org, public_repo', 'github-authentication-token-expiration': '2026-12-31 12:00:00 UTC' });
    const result = await checkGithubToken({ fetch, host: 'github.com', token: 'ghp_abc', now: NOW });
    expect(result).toEqual({
      ok: true,
      data: { login: 'alice', kind: 'classic', expiresAt: '2026-12-31T12:00:00.000Z', scopes: ['read:org', 'public_repo'], warnings: ['Public repositories only: add the repo scope for private ones.'] },
    });
  });

  it('reads an expiry given with an offset, and leaves out one it cannot read instead of failing', async () => {
    const expiring = (header: string) => checkGithubToken({ fetch: answer(200, { login: 'dana' }, { 'github-authentication-token-expiration': header }), host: 'github.com', token: 'github_pat_x', now: NOW });
    expect(await expiring('2027-03-31 00:00:00 +0900')).toEqual({ ok: true, data: { login: 'dana', kind: 'fine-grained', expiresAt: '2027-03-30T15:00:00.000Z', warnings: [] } });
    expect(await expiring('next Tuesday')).toEqual({ ok: true, data: { login: 'dana', kind: 'fine-grained', warnings: [] } });
  });

  it('knows fine-grained tokens have no scopes header', async () => {
    const result = await checkGithubToken({ fetch: answer(200, { login: 'bob' }), host: 'github.com', token: 'github_pat_x', now: NOW });
    expect(result).toEqual({ ok: true, data: { login: 'bob', kind: 'fine-grained', warnings: [] } });
  });

  it('reports a refused token', async () => {
    const result = await checkGithubToken({ fetch: answer(401, { message: 'Bad credentials' }), host: 'github.com', token: 'ghp_bad', now: NOW });
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('asks Enterprise Server at /api/v3/user', async () => {
    const urls: string[] = [];
    const fetch: Fetch = async (url) => {
      urls.push(url);
      return new Response('{"login":"carol"}', { status: 200 });
    };
    await checkGithubToken({ fetch, host: 'git.corp.example', token: 'ghp_x', now: NOW });
    expect(urls).toEqual(['https://git.corp.example/api/v3/user']);
  });
});
