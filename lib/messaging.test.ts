import { describe, expect, it } from 'vitest';
import { acceptRequest, isSiteOf, MAX_REFS_PER_REQUEST } from './messaging';

const self = { id: 'flowlens-id', origin: 'chrome-extension://flowlens-id' };
const contentScript = { id: 'flowlens-id', url: 'https://github.com/octo-org/api/pulls', tab: { id: 3 } };
const optionsTab = { id: 'flowlens-id', url: 'chrome-extension://flowlens-id/options.html', tab: { id: 4 } };
const ref = { source: 'github', host: 'github.com', owner: 'octo-org', repo: 'api', number: 1 } as const;

describe('acceptRequest', () => {
  it('accepts a valid request from a content script', () => {
    expect(acceptRequest({ type: 'flow/cached', refs: [ref] }, contentScript, self)).toEqual({
      ok: true,
      data: { type: 'flow/cached', refs: [ref] },
    });
  });

  it('drops messages from other extensions and web pages without answering', () => {
    expect(acceptRequest({ type: 'flow/cached', refs: [] }, { id: 'someone-else' }, self)).toBeNull();
    expect(acceptRequest({ type: 'flow/cached', refs: [] }, {}, self)).toBeNull();
  });

  it.each([
    [{ type: 'flow/cached' }],
    [{ type: 'flow/cached', refs: [{ ...ref, number: -1 }] }],
    [{ type: 'flow/cached', refs: [{ ...ref, owner: '../etc' }] }],
    [{ type: 'flow/cached', refs: Array.from({ length: MAX_REFS_PER_REQUEST + 1 }, () => ref) }],
    [{ type: 'tokens/get' }],
    ['flow/cached'],
    [null],
  ])('answers a malformed request %j with an error value', (message) => {
    const result = acceptRequest(message, contentScript, self);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('keeps page-only requests away from content scripts', () => {
    expect(acceptRequest({ type: 'cache/clear' }, contentScript, self)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(acceptRequest({ type: 'cache/clear' }, optionsTab, self)).toMatchObject({ ok: true });
    const lookalike = { ...contentScript, url: 'chrome-extension://flowlens-id.evil.example/x' };
    expect(acceptRequest({ type: 'status/get' }, lookalike, self)).toMatchObject({ ok: false });
  });
});

describe('acceptRequest: a content script asks about its own site only', () => {
  const on = (url: string) => ({ id: 'flowlens-id', url, tab: { id: 3 } });
  const jira = (host: string) => ({ source: 'jira', host, issueKey: 'PAY-1' }) as const;
  const github = (host: string) => ({ ...ref, host });

  it.each([
    ['a Jira item', jira('acme.atlassian.net')],
    ['an Enterprise Server item', github('ghe.corp.example')],
    ['an item of a look-alike host', github('github.com.evil.example')],
  ])('refuses github.com asking about %s', (_, asked) => {
    expect(acceptRequest({ type: 'flow/refresh', refs: [ref, asked] }, contentScript, self)).toEqual({ ok: false, error: { code: 'forbidden', message: 'A page may ask FlowLens only about items of its own site.' } });
  });

  it('accepts a Jira site by its host, with the context path Data Center runs under', () => {
    expect(acceptRequest({ type: 'flow/cached', refs: [jira('jira.corp.example/jira')] }, on('https://jira.corp.example/jira/browse/PAY-1'), self)).toMatchObject({ ok: true });
    expect(acceptRequest({ type: 'flow/cached', refs: [jira('acme.atlassian.net')] }, on('https://evil.atlassian.net/browse/PAY-1'), self)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(acceptRequest({ type: 'flow/cached', refs: [github('ghe.corp.example:8443')] }, on('https://ghe.corp.example:8443/team/svc/pulls'), self)).toMatchObject({ ok: true });
    expect(acceptRequest({ type: 'flow/cached', refs: [github('ghe.corp.example')] }, on('https://ghe.corp.example:8443/team/svc/pulls'), self)).toMatchObject({ ok: false });
  });

  it.each([undefined, 'http://github.com/octo-org/api/pulls', 'about:blank', 'not a url'])('refuses a content script whose page is %s', (url) => {
    expect(acceptRequest({ type: 'flow/cached', refs: [ref] }, { id: 'flowlens-id', ...(url ? { url } : {}) }, self)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  // Of its own host, but of the other source: refused by the router, which knows the user's sites (isSiteOf).
  it('says whether a host is a site of a source', () => {
    const sites = { githubHosts: ['ghe.corp.example'], jiraSites: ['jira.corp.example'] };
    expect(['github.com', 'ghe.corp.example', 'jira.corp.example', 'acme.atlassian.net'].map((host) => isSiteOf('github', host, sites))).toEqual([true, true, false, false]);
    expect(['github.com', 'ghe.corp.example', 'jira.corp.example', 'acme.atlassian.net'].map((host) => isSiteOf('jira', host, sites))).toEqual([false, false, true, true]);
    expect(isSiteOf('jira', 'atlassian.net.evil.example', sites)).toBe(false);
  });

  it('lets FlowLens’s own pages ask about any site', () => {
    expect(acceptRequest({ type: 'flow/cached', refs: [ref, jira('acme.atlassian.net'), github('ghe.corp.example')] }, optionsTab, self)).toMatchObject({ ok: true });
  });
});

describe('acceptRequest: host shapes', () => {
  it.each(['__proto__', 'hasOwnProperty', 'GitHub.com', 'a..b', '.github.com', '-a.example', 'a-.example', 'a.example:99999x', 'a.example:1:2', 'evil.example@github.com', 'a b', 'ghe.corp.example/path', ''])('refuses the GitHub host %j', (host) => {
    expect(acceptRequest({ type: 'flow/cached', refs: [{ ...ref, host }] }, optionsTab, self)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(acceptRequest({ type: 'github/check-token', host }, optionsTab, self)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it.each(['__proto__', 'jira.corp.example/../x', 'jira.corp.example/./x', 'jira.corp.example//x', 'jira.corp.example/a b', 'Jira.corp.example', 'jira.corp.example?x'])('refuses the Jira site %j', (host) => {
    expect(acceptRequest({ type: 'flow/cached', refs: [{ source: 'jira', host, issueKey: 'PAY-1' }] }, optionsTab, self)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(acceptRequest({ type: 'jira/check-access', host }, optionsTab, self)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it.each(['github.com', 'ghe', 'ghe.corp.example:8443', 'xn--bcher-kva.example'])('accepts the host %s', (host) => {
    expect(acceptRequest({ type: 'github/check-token', host }, optionsTab, self)).toMatchObject({ ok: true });
  });
});

describe('acceptRequest: github/check-repo', () => {
  it('takes a repository from FlowLens pages only, and only of a well-formed owner and name', () => {
    const request = { type: 'github/check-repo', host: 'github.com', owner: 'octo-org', repo: 'api' };
    expect(acceptRequest(request, optionsTab, self)).toEqual({ ok: true, data: request });
    expect(acceptRequest(request, { id: 'flowlens-id', url: 'https://github.com/octo-org/api/pulls' }, self)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const bad of [{ owner: '../x' }, { repo: 'a/b' }, { owner: '' }, { repo: 'x'.repeat(101) }]) {
      expect(acceptRequest({ ...request, ...bad }, optionsTab, self)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
  });
});
