/**
 * Redirects, against a fetch that meets them as the Fetch standard has a browser meet them
 * (https://fetch.spec.whatwg.org/#http-redirect-fetch): what reaches which host, with which
 * credentials, and what FlowLens makes of the answer.
 */
import { describe, expect, it } from 'vitest';
import { createHostLimiter } from './host-limiter';
import { requestJson, type Fetch, type HttpPacing } from './http';

const NOW = Date.parse('2026-11-20T10:00:00Z');
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** One request that reached a server: where, how, and with which of the user's credentials. */
interface Hop {
  url: string;
  method: string;
  /** The browser sent the cookies it holds for this hop's site (`credentials: 'include'`). */
  cookies: boolean;
  authorization?: string;
}

/** `response` as the browser hands it over: its final URL, and whether it was redirected. */
function arrived(response: Response, url: string, redirected: boolean): Response {
  return Object.defineProperties(response, { url: { value: url }, redirected: { value: redirected } });
}

/** An opaque-redirect filtered response: type `opaqueredirect`, status 0, no headers, no body; its URL is the one asked. */
function opaqueRedirect(url: string): Response {
  const response = new Response(null, { status: 200 });
  return Object.defineProperties(response, { type: { value: 'opaqueredirect' }, status: { value: 0 }, ok: { value: false }, url: { value: url } });
}

/**
 * A fetch over `sites` (answers by URL; anything else is a 404) that handles redirects as a
 * browser does: `follow` sends the next hop itself, with the cookies of the next hop's site
 * when credentials are `include`, and without `Authorization` once the origin changed (the
 * standard's step for CORS non-wildcard request-header names); 301/302 turn a POST into a GET
 * and 303 anything into a GET. `manual` hands back an opaque-redirect response, in which
 * where the redirect leads is not visible; `error` rejects like a network failure. Every
 * request that reached a server is in `hops`.
 */
function browserFetch(sites: Record<string, () => Response>): { fetch: Fetch; hops: Hop[] } {
  const hops: Hop[] = [];
  const fetch: Fetch = async (input, init = {}) => {
    let url = input;
    let method = init.method ?? 'GET';
    let authorization = new Headers(init.headers).get('authorization') ?? undefined;
    for (let count = 0; count <= 20; count++) {
      hops.push({ url, method, cookies: init.credentials === 'include', ...(authorization ? { authorization } : {}) });
      const answer = (sites[url] ?? (() => new Response('{"message":"Not Found"}', { status: 404 })))();
      const location = answer.headers.get('location');
      if (!REDIRECTS.has(answer.status) || location === null) return arrived(answer, url, count > 0);
      if (init.redirect === 'error') throw new TypeError('Failed to fetch');
      if (init.redirect === 'manual') return opaqueRedirect(url);
      const next = new URL(location, url).href;
      if (new URL(next).origin !== new URL(url).origin) authorization = undefined;
      if (answer.status === 303 || (answer.status !== 307 && answer.status !== 308 && method === 'POST')) method = 'GET';
      url = next;
    }
    throw new TypeError('Failed to fetch');
  };
  return { fetch, hops };
}

const json = (value: unknown, status = 200) => () => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
const redirect = (status: number, location: string) => () => new Response(null, { status, headers: { location } });
const pacing = (): HttpPacing => ({ random: () => 0, sleep: async () => undefined, limiter: createHostLimiter(4) });

const EVIL_BULK = 'https://evil.atlassian.net/rest/api/3/issue/bulkfetch';
const ACME_BULK = 'https://acme.atlassian.net/rest/api/3/issue/bulkfetch';
const ACME_ISSUES = { issues: [{ key: 'PAY-42', fields: { summary: 'Card payments (private)' } }], issueErrors: [] };
const GRAPHQL = 'https://api.github.com/graphql';
const TOKEN = 'Bearer ghp_redirectdrill0000000000000000000000';

describe('requestJson and redirects of requests that carry the user’s credentials', () => {
  it('does not follow a Jira session read redirected to another site: that site never sees it', async () => {
    // A hostile tenant answers the bulk fetch with a 307 to the user's own site, which would
    // get the POST again, body and all, with the user's session cookie for it.
    const { fetch, hops } = browserFetch({ [EVIL_BULK]: redirect(307, ACME_BULK), [ACME_BULK]: json(ACME_ISSUES) });
    const result = await requestJson(fetch, { url: EVIL_BULK, method: 'POST', body: { issueIdsOrKeys: ['PAY-42'] }, credentials: 'include', service: 'Jira', now: NOW }, pacing());
    expect(hops.map((hop) => hop.url)).toEqual([EVIL_BULK]);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'bad-response', message: 'Jira at evil.atlassian.net redirected the request; FlowLens does not follow redirects of requests made with your session or token.' },
    });
    expect(JSON.stringify(result)).not.toContain('Card payments');
  });

  it('does not follow a GitHub token request redirected to another host, nor take that host’s answer', async () => {
    const collect = 'https://evil.atlassian.net/collect';
    const { fetch, hops } = browserFetch({ [GRAPHQL]: redirect(307, collect), [collect]: json({ data: { viewer: { login: 'mallory' } } }) });
    const result = await requestJson(fetch, { url: GRAPHQL, method: 'POST', body: { query: '{ viewer { login } }' }, headers: { Authorization: TOKEN }, service: 'GitHub', now: NOW }, pacing());
    expect(hops).toEqual([{ url: GRAPHQL, method: 'POST', cookies: false, authorization: TOKEN }]);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-response', message: expect.stringMatching(/^GitHub at api\.github\.com redirected the request;/) } });
  });

  it('refuses a credentialed redirect on the same host too: a browser does not show where it leads before following it', async () => {
    // The limit of what an extension can do: a redirect answered to `redirect: 'manual'` is
    // opaque (no Location), and `follow` would send the credentials wherever it leads.
    const old = 'https://github.example.com/api/v3/repos/octo-org/old/issues/5/dependencies/blocked_by';
    const { fetch, hops } = browserFetch({ [old]: redirect(301, 'https://github.example.com/api/v3/repositories/7/issues/5/dependencies/blocked_by') });
    const result = await requestJson(fetch, { url: old, headers: { Authorization: TOKEN }, service: 'GitHub', now: NOW }, pacing());
    expect(hops).toHaveLength(1);
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^GitHub at github\.example\.com redirected the request;/) } });
  });

  it('names where the redirect led when the fetch shows it, and still does not follow it', async () => {
    // Outside a browser (Node's fetch), `manual` hands back the 3xx itself, Location and all.
    let calls = 0;
    const fetch: Fetch = async () => {
      calls += 1;
      return new Response(null, { status: 307, headers: { location: ACME_BULK } });
    };
    const result = await requestJson(fetch, { url: EVIL_BULK, method: 'POST', body: {}, credentials: 'include', service: 'Jira', now: NOW }, pacing());
    expect(calls).toBe(1);
    expect(result).toMatchObject({
      ok: false,
      status: 307,
      error: { code: 'bad-response', message: 'Jira at evil.atlassian.net redirected the request to acme.atlassian.net; FlowLens does not follow redirects of requests made with your session or token.' },
    });
  });

  it('asks the browser not to follow, for cookies and for tokens alike, and lets it follow otherwise', async () => {
    const modes: (RequestRedirect | undefined)[] = [];
    const fetch: Fetch = async (_url, init) => {
      modes.push(init?.redirect);
      return new Response('{}', { status: 200 });
    };
    const url = 'https://acme.atlassian.net/rest/api/3/field';
    await requestJson(fetch, { url, credentials: 'include', service: 'Jira', now: NOW }, pacing());
    await requestJson(fetch, { url, headers: { authorization: 'Basic bWU6dG9rZW4=' }, service: 'Jira', now: NOW }, pacing());
    await requestJson(fetch, { url: 'https://api.github.com/repos/octo-org/api/issues/1', service: 'GitHub', now: NOW }, pacing());
    expect(modes).toEqual(['manual', 'manual', 'follow']);
  });
});

describe('requestJson and redirects of requests without credentials', () => {
  it('follows a redirect on the same host: GitHub’s 301 for a renamed repository', async () => {
    // https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api (301 for a renamed or transferred repository)
    const old = 'https://api.github.com/repos/octo-org/old-name/issues/5';
    const moved = 'https://api.github.com/repositories/1296269/issues/5';
    const { fetch, hops } = browserFetch({ [old]: redirect(301, moved), [moved]: json({ number: 5, title: 'Moved along' }) });
    const result = await requestJson(fetch, { url: old, service: 'GitHub', now: NOW }, pacing());
    expect(hops.map((hop) => hop.url)).toEqual([old, moved]);
    expect(result).toMatchObject({ ok: true, body: { number: 5, title: 'Moved along' } });
  });

  it('refuses the answer of another host it was redirected to, naming both', async () => {
    const asked = 'https://api.github.com/repos/octo-org/api/issues/1';
    const elsewhere = 'https://jira.intranet.example/rest/api/2/issue/OPS-1';
    const { fetch } = browserFetch({ [asked]: redirect(302, elsewhere), [elsewhere]: json({ key: 'OPS-1', fields: { summary: 'Internal only' } }) });
    const result = await requestJson(fetch, { url: asked, service: 'GitHub', now: NOW }, pacing());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'bad-response', message: 'GitHub at api.github.com redirected the request to jira.intranet.example; FlowLens takes an answer only from the host it asked.' },
    });
    expect(JSON.stringify(result)).not.toContain('Internal only');
  });

  it('counts a redirect from https to http as another origin', async () => {
    const asked = 'https://api.github.com/repos/octo-org/api/issues/1';
    const plain = 'http://api.github.com/repos/octo-org/api/issues/1';
    const { fetch } = browserFetch({ [asked]: redirect(301, plain), [plain]: json({ number: 1 }) });
    const result = await requestJson(fetch, { url: asked, service: 'GitHub', now: NOW }, pacing());
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('redirected the request to http://api.github.com;') } });
  });
});
