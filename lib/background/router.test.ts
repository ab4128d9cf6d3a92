import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, NO_SECRETS } from '../storage/settings';
import { createRouter, type RouterDeps } from './router';

const self = { id: 'flowlens', origin: 'chrome-extension://flowlens' };
const optionsPage = { id: 'flowlens', url: 'chrome-extension://flowlens/options.html' };

/** A router whose probes record what reached them; `allowed` are the hosts FlowLens may read. */
function router(allowed: string[]) {
  const reached: string[] = [];
  const deps = {
    self,
    loadSecrets: async () => ({ ...NO_SECRETS, githubTokens: { 'ghe.corp.example': 'ghp_x' } }),
    fetch: async () => new Response(JSON.stringify({ login: 'ana' }), { status: 200, headers: { 'x-oauth-scopes': 'repo' } }),
    now: () => 0,
    hostGranted: async (host: string) => allowed.includes(host),
    probes: {
      githubQuery: async (host: string) => (reached.push(`query ${host}`), { ok: true as const, data: { count: 1 } }),
      jiraAccess: async (host: string) => (reached.push(`access ${host}`), { ok: true as const, data: { displayName: 'Ana', via: 'session' as const, deployment: 'data-center' as const } }),
      jiraJql: async (host: string) => (reached.push(`jql ${host}`), { ok: true as const, data: { errors: [] } }),
    },
  } as unknown as RouterDeps;
  return { route: createRouter(deps), reached };
}

describe('router probes of hosts the user added', () => {
  it.each([
    [{ type: 'jira/check-access', host: 'jira.corp.example' }],
    [{ type: 'jira/check-jql', host: 'jira.corp.example', jql: 'project = PAY' }],
    [{ type: 'github/check-query', host: 'ghe.corp.example', query: 'is:pr is:open' }],
    [{ type: 'github/check-token', host: 'ghe.corp.example' }],
    [{ type: 'github/check-repo', host: 'ghe.corp.example', owner: 'platform', repo: 'core' }],
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

describe('router github/check-repo', () => {
  it('asks GitHub for the repository with the host’s token and answers its name, or GitHub’s refusal', async () => {
    const asked: string[] = [];
    const deps = {
      self,
      loadSecrets: async () => ({ ...NO_SECRETS, githubTokens: { 'github.com': 'ghp_x' } }),
      fetch: async (url: string, init?: RequestInit) => {
        asked.push(`${url} ${new Headers(init?.headers).get('authorization')}`);
        return url.endsWith('/api') ? new Response(JSON.stringify({ full_name: 'octo-org/api', private: true }), { status: 200 }) : new Response(JSON.stringify({ message: 'Not Found' }), { status: 404 });
      },
      now: () => 0,
    } as unknown as RouterDeps;
    const route = createRouter(deps);
    expect(await route({ type: 'github/check-repo', host: 'github.com', owner: 'octo-org', repo: 'api' }, optionsPage)).toEqual({ ok: true, data: { fullName: 'octo-org/api', private: true } });
    expect(await route({ type: 'github/check-repo', host: 'github.com', owner: 'octo-org', repo: 'apx' }, optionsPage)).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringMatching(/^GitHub says “Not Found” \(404\)/) } });
    expect(asked).toEqual(['https://api.github.com/repos/octo-org/api Bearer ghp_x', 'https://api.github.com/repos/octo-org/apx Bearer ghp_x']);
  });
});

describe('router cache clear', () => {
  it('clears the cache and forgets what was learnt of Jira sites', async () => {
    const done: string[] = [];
    const deps = {
      self,
      cache: async () => ({ clear: async () => (done.push('cache'), 3) }),
      clearSiteFacts: async () => void done.push('site facts'),
      summaryCopy: { clear: async () => {} },
    } as unknown as RouterDeps;
    expect(await createRouter(deps)({ type: 'cache/clear' }, optionsPage)).toEqual({ ok: true, data: { cleared: 3 } });
    expect(done).toEqual(['cache', 'site facts']);
  });
  it('clears the popup\'s copy of the last summary first: it holds item data too', async () => {
    const done: string[] = [];
    const deps = {
      self,
      cache: async () => ({ clear: async () => (done.push('cache'), 3) }),
      clearSiteFacts: async () => void done.push('site facts'),
      summaryCopy: { clear: async () => void done.push('summary copy') },
    } as unknown as RouterDeps;
    expect(await createRouter(deps)({ type: 'cache/clear' }, optionsPage)).toEqual({ ok: true, data: { cleared: 3 } });
    expect(done).toEqual(['summary copy', 'cache', 'site facts']);
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

describe('router: content scripts ask about items of the sites the user reads', () => {
  /** A router whose flow service records the keys it was asked for; the user added `sites`. */
  function flowRouter(sites: { githubHosts?: string[]; jiraSites?: string[] } = {}) {
    const asked: string[] = [];
    const answer = async (refs: { host: string }[]) => (asked.push(...refs.map((ref) => ref.host)), { views: [], stale: [] });
    const deps = {
      self,
      loadSettings: async () => ({ ...DEFAULT_SETTINGS, githubHosts: sites.githubHosts ?? [], jiraSites: sites.jiraSites ?? [] }),
      flow: { cached: answer, refresh: answer },
    } as unknown as RouterDeps;
    return { route: createRouter(deps), asked };
  }
  const page = (url: string) => ({ id: 'flowlens', url, tab: { id: 1 } });
  const github = (host: string) => ({ source: 'github', host, owner: 'team', repo: 'svc', number: 1 });
  const jira = (host: string) => ({ source: 'jira', host, issueKey: 'PAY-1' });
  const refused = { ok: false, error: { code: 'forbidden', message: 'A page may ask FlowLens only about items of its own site.' } };

  it.each([
    ['github.com asking about Jira items "of github.com"', 'https://github.com/octo-org/api/pulls', jira('github.com'), {}],
    ['github.com asking about another host', 'https://github.com/octo-org/api/pulls', github('ghe.corp.example'), { githubHosts: ['ghe.corp.example'] }],
    ['a Jira Cloud site asking about GitHub items "of" it', 'https://evil.atlassian.net/browse/PAY-1', github('evil.atlassian.net'), {}],
    ['a Data Center site asking about GitHub items "of" it', 'https://jira.corp.example/browse/PAY-1', github('jira.corp.example'), { jiraSites: ['jira.corp.example'] }],
    ['a host the user did not add, as GitHub', 'https://ghe.corp.example/team/svc/pulls', github('ghe.corp.example'), { jiraSites: ['ghe.corp.example'] }],
    ['a host the user did not add, as Jira', 'https://jira.corp.example/browse/PAY-1', jira('jira.corp.example'), { githubHosts: ['jira.corp.example'] }],
  ])('refuses %s, and asks nothing', async (_, url, ref, sites) => {
    const { route, asked } = flowRouter(sites);
    expect(await route({ type: 'flow/refresh', refs: [ref] }, page(url))).toEqual(refused);
    expect(await route({ type: 'flow/cached', refs: [ref] }, page(url))).toEqual(refused);
    expect(asked).toEqual([]);
  });

  it('answers a page about its own site’s items: github.com, an added Enterprise Server, Jira Cloud, an added Data Center site', async () => {
    const { route, asked } = flowRouter({ githubHosts: ['ghe.corp.example:8443'], jiraSites: ['jira.corp.example'] });
    for (const [url, ref] of [
      ['https://github.com/octo-org/api/pulls', github('github.com')],
      ['https://ghe.corp.example:8443/team/svc/pulls', github('ghe.corp.example:8443')],
      ['https://acme.atlassian.net/browse/PAY-1', jira('acme.atlassian.net')],
      ['https://jira.corp.example/jira/browse/PAY-1', jira('jira.corp.example/jira')],
    ] as const) {
      expect(await route({ type: 'flow/cached', refs: [ref] }, page(url))).toEqual({ ok: true, data: { views: [], stale: [] } });
    }
    expect(asked).toEqual(['github.com', 'ghe.corp.example:8443', 'acme.atlassian.net', 'jira.corp.example/jira']);
  });
});

describe('options/open (issue 15)', () => {
  it('opens the options page, for a content script too', async () => {
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    const opened = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    const { route } = router([]);
    const tab = { id: 'flowlens', url: 'https://github.com/octo-org/api/pulls', tab: { id: 3 } };
    expect(await route({ type: 'options/open' }, tab)).toEqual({ ok: true, data: { opened: true } });
    expect(opened).toHaveBeenCalledOnce();
  });
});

describe('router team/looked', () => {
  it('hands the popup\'s look to the team\'s looks, with no keys asked about when it names none', async () => {
    const calls: unknown[] = [];
    const deps = {
      self,
      team: { looked: async (seen: unknown, gone: unknown) => (calls.push([seen, gone]), { ok: true as const, data: { finished: {} } }) },
    } as unknown as RouterDeps;
    const popup = { id: 'flowlens', url: 'chrome-extension://flowlens/popup.html' };
    const seen = { at: 1, items: [{ key: 'github:octo-org/api#1', state: 'blocked', title: 'One', url: 'https://github.com/octo-org/api/pull/1' }] };
    expect(await createRouter(deps)({ type: 'team/looked', seen }, popup)).toEqual({ ok: true, data: { finished: {} } });
    expect(await createRouter(deps)({ type: 'team/looked', seen, gone: ['github:octo-org/api#2'] }, popup)).toEqual({ ok: true, data: { finished: {} } });
    expect(calls).toEqual([[seen, []], [seen, ['github:octo-org/api#2']]]);
  });
});
