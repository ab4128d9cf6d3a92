/**
 * "Test connection" for a GitHub token: `GET /user` says whose token it is; GitHub also sends
 * the token's expiry (`github-authentication-token-expiration`) and, for classic tokens, its
 * scopes (`x-oauth-scopes`). A classic token without `repo` can read public repositories only.
 * https://docs.github.com/en/rest/users/users#get-the-authenticated-user
 */
import * as v from 'valibot';
import type { FlowError } from '../../flow-error';
import { isoTime } from '../../flow/time';
import type { TokenCheck } from '../../status';
import { requestJson, type Fetch, type HttpPacing } from '../http';
import { githubApi } from './fetch-items';

/** What a token check needs: the host, the token, and how to reach it. */
export interface TokenCheckContext {
  fetch: Fetch;
  host: string;
  token: string;
  now: number;
  pacing?: HttpPacing;
}

const user = v.object({ login: v.string() });

/** Checks `token` against `host`; never throws. */
export async function checkGithubToken(ctx: TokenCheckContext): Promise<{ ok: true; data: TokenCheck } | { ok: false; error: FlowError }> {
  const { fetch, host, token, now, pacing } = ctx;
  const answer = await requestJson(fetch, {
    url: `${githubApi(host).rest}/user`,
    headers: { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28', Authorization: `Bearer ${token}` },
    service: 'GitHub',
    now,
  }, pacing);
  if (!answer.ok) return { ok: false, error: answer.error };
  const parsed = v.safeParse(user, answer.body);
  if (!parsed.success) return { ok: false, error: { code: 'bad-response', message: 'GitHub answered /user without a login.' } };
  return { ok: true, data: describeToken(parsed.output.login, token, answer.headers) };
}

function describeToken(login: string, token: string, headers: Headers): TokenCheck {
  const kind = token.startsWith('github_pat_') ? 'fine-grained' : token.startsWith('ghp_') ? 'classic' : 'other';
  const expiry = headers.get('github-authentication-token-expiration');
  // GitHub writes it as `2026-12-31 12:00:00 UTC`; an offset in place of `UTC` is read too, and
  // anything else leaves the expiry out (it used to throw, failing the whole connection test).
  const expiresAt = expiry ? isoTime(expiry.replace(' UTC', 'Z').replace(' ', 'T').replace(' ', '')) : undefined;
  const scopeHeader = headers.get('x-oauth-scopes');
  const scopes = scopeHeader === null ? undefined : scopeHeader.split(',').map((s) => s.trim()).filter(Boolean);
  const warnings: string[] = [];
  if (scopes && !scopes.includes('repo')) {
    warnings.push(scopes.includes('public_repo') ? 'Public repositories only: add the repo scope for private ones.' : 'No repo scope: FlowLens can read public repositories only.');
  }
  return { login, kind, warnings, ...(expiresAt ? { expiresAt } : {}), ...(scopes ? { scopes } : {}) };
}
