import { describe, expect, it } from 'vitest';
import { NO_SECRETS } from '../storage/settings';
import { createRouter, type RouterDeps } from './router';

const self = { id: 'flowlens', origin: 'chrome-extension://flowlens' };
const optionsPage = { id: 'flowlens', url: 'chrome-extension://flowlens/options.html' };

/** A router whose checks record what reached them; `allowed` are the hosts FlowLens may read. */
function router(allowed: string[]) {
  const reached: string[] = [];
  const deps = {
    self,
    loadSecrets: async () => ({ ...NO_SECRETS, githubTokens: { 'ghe.corp.example': 'ghp_x' } }),
    fetch: async () => new Response(JSON.stringify({ login: 'ana' }), { status: 200, headers: { 'x-oauth-scopes': 'repo' } }),
    now: () => 0,
    hostGranted: async (host: string) => allowed.includes(host),
    checks: {
      githubQuery: async (host: string) => (reached.push(`query ${host}`), { ok: true as const, data: { count: 1 } }),
      jiraAccess: async (host: string) => (reached.push(`access ${host}`), { ok: true as const, data: { displayName: 'Ana', via: 'session' as const, deployment: 'data-center' as const } }),
      jiraJql: async (host: string) => (reached.push(`jql ${host}`), { ok: true as const, data: { errors: [] } }),
    },
  } as unknown as RouterDeps;
  return { route: createRouter(deps), reached };
}

describe('router checks of hosts the user added', () => {
  it.each([
    [{ type: 'jira/check-access', host: 'jira.corp.example' }],
    [{ type: 'jira/check-jql', host: 'jira.corp.example', jql: 'project = PAY' }],
    [{ type: 'github/check-query', host: 'ghe.corp.example', query: 'is:pr is:open' }],
    [{ type: 'github/check-token', host: 'ghe.corp.example' }],
  ])('%o says to allow the host first, and asks nothing of it', async (request) => {
    const { route, reached } = router([]);
    const answer = await route(request, optionsPage);
    expect(answer).toEqual({ ok: false, error: { code: 'forbidden', message: `FlowLens may not read ${request.host} yet. Choose “Allow reading ${request.host}” beside it on this page, then check again.` } });
    expect(reached).toEqual([]);
  });

  it('runs the check once the host is allowed', async () => {
    const { route, reached } = router(['jira.corp.example', 'ghe.corp.example']);
    expect(await route({ type: 'jira/check-access', host: 'jira.corp.example' }, optionsPage)).toMatchObject({ ok: true, data: { displayName: 'Ana' } });
    expect(await route({ type: 'github/check-query', host: 'ghe.corp.example', query: 'is:pr' }, optionsPage)).toEqual({ ok: true, data: { count: 1 } });
    expect(reached).toEqual(['access jira.corp.example', 'query ghe.corp.example']);
  });
});

describe('router lookups by host', () => {
  // `constructor` is a host name as far as its shape goes (an intranet name); every object seems to have it.
  it('finds no GitHub token for the host constructor', async () => {
    const host = 'constructor';
    const { route } = router([host]);
    expect(await route({ type: 'github/check-token', host }, optionsPage)).toEqual({ ok: false, error: { code: 'unauthorized', message: `No GitHub token is saved for ${host}.` } });
  });
});
