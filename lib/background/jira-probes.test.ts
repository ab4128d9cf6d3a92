import { describe, expect, it } from 'vitest';
import type { Fetch } from '../providers/http';
import { NO_SECRETS } from '../storage/settings';
import { createJiraProbes } from './jira-probes';

const NOW = Date.parse('2026-11-20T00:00:00Z');
const DC = 'jira.corp.example/jira';
const pat = { kind: 'pat' as const, token: 'dc-pat' };

function answering(body: unknown) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetch: Fetch = async (url, init) => {
    calls.push({ url, ...(init ? { init } : {}) });
    return new Response(JSON.stringify(body), { status: 200 });
  };
  return { fetch, calls };
}

describe('createJiraProbes', () => {
  it('reads the site’s saved credential by host name, context path aside', async () => {
    const { fetch, calls } = answering({ displayName: 'Priya' });
    const probes = createJiraProbes({ fetch, now: () => NOW, loadSecrets: async () => ({ ...NO_SECRETS, jiraCredentials: { 'jira.corp.example': pat } }) });
    expect(await probes.access(DC)).toEqual({ ok: true, data: { displayName: 'Priya', via: 'token', deployment: 'data-center' } });
    expect((calls[0]!.init?.headers as Record<string, string>).Authorization).toBe('Bearer dc-pat');
    expect(await probes.access('other.example')).toMatchObject({ ok: true, data: { via: 'session' } });
  });
});
