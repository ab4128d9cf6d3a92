import { describe, expect, it } from 'vitest';
import type { GithubRef } from '../item-key';
import { fetchGithubItems } from './github/fetch-items';
import type { Fetch } from './http';
import { MAX_PER_HOST } from './host-limiter';
import { fetchJiraIssues } from './jira/fetch-issues';
import { createProviderState } from './provider-state';

const NOW = Date.parse('2026-11-20T12:00:00Z');

/** A host that answers after a moment and notes how many requests were in flight at most. */
function slowHost() {
  const seen = { inFlight: 0, most: 0, asked: [] as string[] };
  const fetch: Fetch = async (url) => {
    seen.asked.push(new URL(url).pathname);
    seen.most = Math.max(seen.most, ++seen.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    seen.inFlight--;
    return new Response('[]', { status: 200 });
  };
  return { fetch, seen };
}

const refs = (repo: string): GithubRef[] => Array.from({ length: 8 }, (_, i) => ({ source: 'github', host: 'github.com', owner: 'octo-org', repo, number: i + 1 }));

describe('the providers’ state, passed in by their caller', () => {
  it('caps the requests of every call given it at four per host, all together', async () => {
    const { fetch, seen } = slowHost();
    const { pacing } = createProviderState();
    // Two reads at once, as a badge refresh and the team sync may be: each has four REST workers.
    await Promise.all(['api', 'web'].map((repo) => fetchGithubItems(refs(repo), { fetch, host: 'github.com', now: NOW, relations: false, pacing })));
    expect(seen.asked).toHaveLength(16);
    expect(seen.most).toBe(MAX_PER_HOST);
  });

  it('caps only each call’s own requests when the calls are given none', async () => {
    const { fetch, seen } = slowHost();
    await Promise.all(['api', 'web'].map((repo) => fetchGithubItems(refs(repo), { fetch, host: 'github.com', now: NOW, relations: false })));
    expect(seen.most).toBe(2 * MAX_PER_HOST);
  });

  it('keeps a Jira site’s fields for the next read given the same state, and only for it', async () => {
    const { fetch, seen } = slowHost();
    const { siteFacts } = createProviderState();
    const read = (facts?: typeof siteFacts) => fetchJiraIssues([{ source: 'jira', host: 'acme.atlassian.net', issueKey: 'PAY-1' }], { fetch, host: 'acme.atlassian.net', now: NOW, blockedByLinks: [], ...(facts ? { siteFacts: facts } : {}) });
    await read(siteFacts);
    await read(siteFacts);
    await read();
    expect(seen.asked.filter((path) => path === '/rest/api/3/field')).toHaveLength(2);
  });
});
