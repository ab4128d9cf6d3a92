/**
 * Does a repository exist, and may FlowLens read it? `GET /repos/OWNER/REPO` with the host's
 * token if one is saved (public repositories answer without). A refusal says what GitHub said.
 * https://docs.github.com/en/rest/repos/repos#get-a-repository
 */
import * as v from 'valibot';
import type { FlowError } from '../../flow-error';
import { requestJson, type Fetch, type HttpPacing } from '../http';
import { githubApi } from './fetch-items';

/** What a repository check needs. */
export interface RepoCheckContext {
  fetch: Fetch;
  host: string;
  token?: string;
  now: number;
  pacing?: HttpPacing;
}

/** The repository as GitHub names it. */
export interface RepoCheck {
  fullName: string;
  private: boolean;
}

const repository = v.object({ full_name: v.string(), private: v.boolean() });

/** GitHub's own words from an error body, when it sent any. */
function githubWords(body: unknown): string {
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message.slice(0, 200) : '';
}

/** The refusal of a repository GitHub does not show (404) or will not show (403), in GitHub's words. */
function refusal(status: number | undefined, body: unknown, name: string, error: FlowError): FlowError {
  const said = githubWords(body);
  if (status === 404) return { code: 'not-found', message: `GitHub says “${said || 'Not Found'}” (404): there is no repository ${name}, or it is private and the token cannot see it.` };
  if (status === 403 && error.code !== 'rate-limited') return { code: 'forbidden', message: `GitHub says “${said || 'Forbidden'}” (403) for ${name}.` };
  return error;
}

/** Checks that `owner/repo` exists on `host`; never throws. */
export async function checkGithubRepo(ctx: RepoCheckContext, owner: string, repo: string): Promise<{ ok: true; data: RepoCheck } | { ok: false; error: FlowError }> {
  const name = `${owner}/${repo}`;
  const answer = await requestJson(ctx.fetch, {
    url: `${githubApi(ctx.host).rest}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`,
    headers: { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28', ...(ctx.token ? { Authorization: `Bearer ${ctx.token}` } : {}) },
    service: 'GitHub',
    now: ctx.now,
  }, ctx.pacing);
  if (!answer.ok) return { ok: false, error: refusal(answer.status, 'body' in answer ? answer.body : undefined, name, answer.error) };
  const parsed = v.safeParse(repository, answer.body);
  if (!parsed.success) return { ok: false, error: { code: 'bad-response', message: `GitHub answered /repos/${name} without the repository.` } };
  return { ok: true, data: { fullName: parsed.output.full_name, private: parsed.output.private } };
}
