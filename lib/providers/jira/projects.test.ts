import { describe, expect, it } from 'vitest';
import type { Fetch } from '../http';
import { fetchJiraProjects, PROJECT_PAGES } from './projects';

const NOW = Date.parse('2026-11-20T00:00:00Z');
const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status });

function answering(answer: (url: URL) => Response) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetch: Fetch = async (url, init) => {
    calls.push({ url, ...(init ? { init } : {}) });
    return answer(new URL(url));
  };
  return { fetch, calls };
}

describe('fetchJiraProjects', () => {
  it('reads a Cloud site’s projects page by page until Jira says it was the last, skipping odd entries', async () => {
    const { fetch, calls } = answering((url) =>
      url.searchParams.get('startAt') === '0'
        ? json({ startAt: 0, maxResults: 50, total: 3, isLast: false, values: [{ id: '1', key: 'PAY', name: 'Payments' }, { id: '2', name: 'no key' }, { key: 'not a key' }] })
        : json({ startAt: 50, maxResults: 50, total: 3, isLast: true, values: [{ id: '3', key: 'OPS', name: 'Operations' }] }),
    );
    expect(await fetchJiraProjects({ fetch, host: 'acme.atlassian.net', now: NOW, authorization: 'Basic abc' })).toEqual({ keys: ['PAY', 'OPS'], complete: true });
    expect(calls.map((c) => c.url)).toEqual([
      'https://acme.atlassian.net/rest/api/3/project/search?startAt=0&maxResults=50',
      'https://acme.atlassian.net/rest/api/3/project/search?startAt=50&maxResults=50',
    ]);
    expect((calls[0]!.init?.headers as Record<string, string>).Authorization).toBe('Basic abc');
    expect(calls[0]!.init?.credentials).toBe('omit');
  });

  it('stops after its page limit and says the list is not complete', async () => {
    let n = 0;
    const { fetch, calls } = answering(() => json({ isLast: false, values: [{ key: `P${n++}` }] }));
    const list = await fetchJiraProjects({ fetch, host: 'big.atlassian.net', now: NOW });
    expect(calls).toHaveLength(PROJECT_PAGES);
    expect(list).toMatchObject({ complete: false });
    expect(calls[0]!.init?.credentials).toBe('include');
  });

  it('reads a Data Center site’s projects in one answer', async () => {
    const { fetch, calls } = answering(() => json([{ key: 'CORE', name: 'Core' }, { key: 'WEB' }, 'odd']));
    expect(await fetchJiraProjects({ fetch, host: 'jira.corp.example', now: NOW, authorization: 'Bearer pat' })).toEqual({ keys: ['CORE', 'WEB'], complete: true });
    expect(calls.map((c) => c.url)).toEqual(['https://jira.corp.example/rest/api/2/project']);
  });

  it('says the session has expired when Jira answers with its login page, and names an answer it cannot read', async () => {
    const login = answering(() => new Response('<!DOCTYPE html><html><title>Log in</title></html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    expect(await fetchJiraProjects({ fetch: login.fetch, host: 'acme.atlassian.net', now: NOW })).toMatchObject({ code: 'unauthorized' });
    const odd = answering(() => json({ projects: [] }));
    expect(await fetchJiraProjects({ fetch: odd.fetch, host: 'acme.atlassian.net', now: NOW })).toMatchObject({ code: 'bad-response' });
  });
});
