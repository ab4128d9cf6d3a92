import { describe, expect, it } from 'vitest';
import type { Fetch } from '../http';
import { checkJiraAccess, checkJiraJql } from './check';

const NOW = Date.parse('2026-11-20T00:00:00Z');
const CLOUD = 'acme.atlassian.net';
const DC = 'jira.corp.example/jira';
const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status });
const LOGIN_PAGE = '<!DOCTYPE html><html><title>Log in - Jira</title></html>';

function answering(answer: (url: string, init?: RequestInit) => Response) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetch: Fetch = async (url, init) => {
    calls.push({ url, ...(init ? { init } : {}) });
    return answer(url, init);
  };
  return { fetch, calls };
}

const cloudToken = { kind: 'cloud-token' as const, email: 'priya@acme.example', token: 'atl-token' };
const pat = { kind: 'pat' as const, token: 'dc-pat' };

describe('checkJiraAccess', () => {
  it('says who the saved Cloud token belongs to, through /rest/api/3/myself', async () => {
    const { fetch, calls } = answering(() => json({ accountId: '5b10a', displayName: 'Priya Natarajan', emailAddress: 'priya@acme.example' }));
    const result = await checkJiraAccess({ fetch, host: CLOUD, now: NOW, credential: cloudToken });
    expect(result).toEqual({ ok: true, data: { displayName: 'Priya Natarajan', via: 'token', deployment: 'cloud' } });
    expect(calls[0]!.url).toBe(`https://${CLOUD}/rest/api/3/myself`);
    const headers = calls[0]!.init?.headers as Record<string, string>;
    expect(headers.Authorization).toBe(`Basic ${btoa('priya@acme.example:atl-token')}`);
    expect(calls[0]!.init?.credentials).toBe('omit');
  });

  it('uses the browser session on Data Center without a credential, through /rest/api/2/myself', async () => {
    const { fetch, calls } = answering(() => json({ name: 'pnatarajan', key: 'JIRAUSER10100', displayName: 'Priya N.' }));
    const result = await checkJiraAccess({ fetch, host: DC, now: NOW });
    expect(result).toEqual({ ok: true, data: { displayName: 'Priya N.', via: 'session', deployment: 'data-center' } });
    expect(calls[0]!.url).toBe(`https://${DC}/rest/api/2/myself`);
    expect(calls[0]!.init?.credentials).toBe('include');
  });

  it('says the session is logged out on a 401 or on the login page served with 200', async () => {
    for (const response of [() => json({ errorMessages: ['You are not authenticated.'] }, 401), () => new Response(LOGIN_PAGE, { status: 200 })]) {
      const { fetch } = answering(response);
      const result = await checkJiraAccess({ fetch, host: CLOUD, now: NOW });
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'unauthorized', message: `You are not logged in to Jira at ${CLOUD} in this browser. Log in there, or save an API token for it.` }) });
    }
  });

  it('names the expired token or the wrong email when Jira refuses a Cloud token', async () => {
    const { fetch } = answering(() => json({ errorMessages: ['Client must be authenticated to access this resource.'] }, 401));
    const result = await checkJiraAccess({ fetch, host: CLOUD, now: NOW, credential: cloudToken });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('unauthorized');
    expect(result.error.message).toMatch(/expired or been revoked, or priya@acme\.example is not the account that created it/);
  });

  it('tells a refused PAT and a 403 apart', async () => {
    const refused = await checkJiraAccess({ fetch: answering(() => json({}, 401)).fetch, host: DC, now: NOW, credential: pat });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/personal access token/) } });
    const denied = await checkJiraAccess({ fetch: answering(() => new Response('', { status: 403 })).fetch, host: DC, now: NOW, credential: pat });
    expect(denied).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/denied access with the saved credentials \(403\).*CAPTCHA/) } });
  });

  it('refuses an answer that names nobody', async () => {
    const result = await checkJiraAccess({ fetch: answering(() => json({ self: 'x' })).fetch, host: CLOUD, now: NOW });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-response' } });
  });
});

describe('checkJiraJql', () => {
  it('parses on Cloud with validation=strict and returns the query’s errors', async () => {
    const { fetch, calls } = answering(() => json({ queries: [{ query: 'project = NOPE', errors: ["The value 'NOPE' does not exist for the field 'project'."] }] }));
    const result = await checkJiraJql({ fetch, host: CLOUD, now: NOW, credential: cloudToken }, 'project = NOPE');
    expect(result).toEqual({ ok: true, data: { errors: ["The value 'NOPE' does not exist for the field 'project'."] } });
    expect(calls[0]!.url).toBe(`https://${CLOUD}/rest/api/3/jql/parse?validation=strict`);
    expect(calls[0]!.init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0]!.init?.body))).toEqual({ queries: ['project = NOPE'] });
  });

  it('finds no errors in a valid Cloud query', async () => {
    const { fetch } = answering(() => json({ queries: [{ query: 'project = PAY', structure: { where: {} } }] }));
    expect(await checkJiraJql({ fetch, host: CLOUD, now: NOW }, 'project = PAY')).toEqual({ ok: true, data: { errors: [] } });
  });

  it('validates on Data Center with a search for no issues: 200 is valid, 400 lists errorMessages', async () => {
    const valid = answering(() => json({ startAt: 0, maxResults: 0, total: 12, issues: [] }));
    expect(await checkJiraJql({ fetch: valid.fetch, host: DC, now: NOW, credential: pat }, 'project = OPS')).toEqual({ ok: true, data: { errors: [] } });
    const url = new URL(valid.calls[0]!.url);
    expect(`${url.host}${url.pathname}`).toBe('jira.corp.example/jira/rest/api/2/search');
    expect(url.searchParams.get('jql')).toBe('project = OPS');
    expect(url.searchParams.get('maxResults')).toBe('0');
    const invalid = answering(() => json({ errorMessages: ["Error in the JQL Query: Expecting operator but got 'OPS'."], errors: {} }, 400));
    expect(await checkJiraJql({ fetch: invalid.fetch, host: DC, now: NOW }, 'project OPS')).toEqual({ ok: true, data: { errors: ["Error in the JQL Query: Expecting operator but got 'OPS'."] } });
  });

  it('reports the access problem, not a JQL error, when the session is logged out', async () => {
    const { fetch } = answering(() => new Response(LOGIN_PAGE, { status: 200 }));
    expect(await checkJiraJql({ fetch, host: DC, now: NOW }, 'project = OPS')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});
