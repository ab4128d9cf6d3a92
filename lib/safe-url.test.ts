import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { httpsHref, httpsOn, itemUrl, keyUrl, webHostOf } from './safe-url';

describe('keyUrl', () => {
  it.each([
    ['github:octo-org/api#7', 'https://github.com/octo-org/api/issues/7'],
    ['github:ghe.corp.example/team/svc#3', 'https://ghe.corp.example/team/svc/issues/3'],
    ['github:ghe.corp.example:8443/team/svc#3', 'https://ghe.corp.example:8443/team/svc/issues/3'],
    ['jira:acme.atlassian.net/PAY-42', 'https://acme.atlassian.net/browse/PAY-42'],
    ['jira:jira.corp.example/jira/OPS-1', 'https://jira.corp.example/jira/browse/OPS-1'],
  ])('builds the page of %s from its key', (key, url) => {
    expect(keyUrl(key)).toBe(url);
  });

  it.each(['', 'gitlab:a/b#1', 'jira:evil.example/../x/OPS-1', 'jira:a b/OPS-1', 'jira:javascript:alert(1)/OPS-1'])('builds nothing for %j', (key) => {
    expect(keyUrl(key)).toBeUndefined();
  });
});

describe('itemUrl', () => {
  it('keeps an https URL on the item’s own host', () => {
    expect(itemUrl('github:octo-org/api#7', 'https://github.com/octo-org/api/pull/7')).toBe('https://github.com/octo-org/api/pull/7');
    expect(itemUrl('jira:jira.corp.example/jira/OPS-1', 'https://jira.corp.example/jira/browse/OPS-1')).toBe('https://jira.corp.example/jira/browse/OPS-1');
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.domain)',
    'data:text/html,<script>alert(1)</script>',
    'http://github.com/octo-org/api/pull/7',
    'https://evil.example/octo-org/api/pull/7',
    'https://github.com.evil.example/octo-org/api/pull/7',
    'https://github.com@evil.example/',
    'https://user:pass@github.com/octo-org/api/pull/7',
    '//evil.example/x',
    'not a url',
  ])('replaces %j with the page built from the key', (url) => {
    expect(itemUrl('github:octo-org/api#7', url)).toBe('https://github.com/octo-org/api/issues/7');
  });

  it('gives nothing where there is no URL to replace', () => {
    expect(itemUrl('github:octo-org/api#7', undefined)).toBeUndefined();
    expect(itemUrl('github:octo-org/api#7', '')).toBeUndefined();
  });

  it('never lets an Enterprise Server item link to github.com, nor a github.com item to its Enterprise Server', () => {
    expect(itemUrl('github:ghe.corp.example/team/svc#3', 'https://github.com/victim/private/issues/1')).toBe('https://ghe.corp.example/team/svc/issues/3');
    expect(itemUrl('github:octo-org/api#7', 'https://ghe.corp.example/team/svc/issues/3')).toBe('https://github.com/octo-org/api/issues/7');
  });
});

describe('httpsOn and httpsHref', () => {
  it('accept https URLs only (on the host, for httpsOn)', () => {
    expect(httpsOn('https://github.com/orgs/octo-org/sso?x=1', 'github.com')).toBe('https://github.com/orgs/octo-org/sso?x=1');
    expect(httpsOn('https://evil.example/orgs/octo-org/sso', 'github.com')).toBeUndefined();
    expect(httpsOn('javascript:alert(1)', 'github.com')).toBeUndefined();
    expect(httpsHref('https://github.com/x')).toBe('https://github.com/x');
    for (const url of ['javascript:alert(1)', ' javascript:alert(1)', 'data:text/html,x', 'http://github.com/x', 'vbscript:x', '', undefined]) expect(httpsHref(url)).toBeUndefined();
  });

  it('answers without parsing exactly as parsing would (a URL starting https://HOST/ is on HOST)', () => {
    // What httpsOn answered before it took such URLs unparsed.
    const parsed = (url: string, host: string) => {
      if (!URL.canParse(url)) return undefined;
      const u = new URL(url);
      return u.protocol === 'https:' && u.host === host.toLowerCase() && !u.username && !u.password ? url : undefined;
    };
    const hosts = fc.constantFrom('github.com', 'GitHub.com', 'acme.atlassian.net', 'jira.corp.example:8443', 'jira.corp.example:443');
    const tails = fc.string({ unit: fc.constantFrom('/', '@', ':', '\\', '?', '#', '%', ' ', '\t', '\n', 'a', '.', 'x', 'é', '\u0000') });
    const urls = fc.tuple(fc.constantFrom('https://', 'HTTPS://', 'https:/', 'https:///', ' https://', 'http://', 'https://user:pw@', 'https://evil.example@'), fc.constantFrom('github.com', 'acme.atlassian.net', 'jira.corp.example:8443', 'jira.corp.example:443', 'jira.corp.example'), tails);
    fc.assert(fc.property(urls, hosts, ([scheme, onHost, tail], host) => {
      const url = `${scheme}${onHost}${tail}`;
      expect(httpsOn(url, host)).toBe(parsed(url, host));
    }), { numRuns: 3000 });
    expect(httpsOn('https://github.com/', 'github.com')).toBe('https://github.com/');
    expect(httpsOn('https://github.com@evil.example/', 'github.com')).toBeUndefined();
    expect(httpsOn('https://github.com.evil.example/', 'github.com')).toBeUndefined();
  });

  it('reads the web host of keys', () => {
    expect(webHostOf('jira:jira.corp.example/jira/OPS-1')).toBe('jira.corp.example');
    expect(webHostOf('github:octo-org/api#7')).toBe('github.com');
    expect(webHostOf('nonsense')).toBeUndefined();
  });
});
