import { beforeEach, describe, expect, it } from 'vitest';
import type { Fetch } from '../http';
import { forgetSiteMeta, siteMeta, SITE_FACTS_TTL, type SiteFactsStore, type StoredSiteFacts } from './site-meta';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const HOST = 'acme.atlassian.net';

function site() {
  const asked: string[] = [];
  const fetch: Fetch = async (url) => {
    asked.push(new URL(url).pathname);
    const body = url.endsWith('/field')
      ? [{ id: 'customfield_10021', name: 'Flagged' }, { id: 'customfield_10020', name: 'Sprint', schema: { custom: 'com.pyxis.greenhopper.jira:gh-sprint' } }]
      : url.endsWith('/status')
        ? [{ name: 'Done', statusCategory: { key: 'done' } }, { name: 'In Progress', statusCategory: { key: 'indeterminate' } }]
        : { issueLinkTypes: [{ name: 'Blocks', inward: 'is blocked by', outward: 'blocks' }, { name: 'Cloners', inward: 'is cloned by', outward: 'clones' }] };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, asked };
}

function memoryStore(initial: Record<string, StoredSiteFacts> = {}): SiteFactsStore & { data: Record<string, StoredSiteFacts> } {
  const data = { ...initial };
  return { data, get: async (host) => data[host], set: async (host, facts) => void (data[host] = facts) };
}

beforeEach(() => forgetSiteMeta());

describe('siteMeta', () => {
  it('asks the site three questions once, and keeps the answers where they outlive the worker', async () => {
    const { fetch, asked } = site();
    const store = memoryStore();
    const meta = await siteMeta(fetch, HOST, {}, 'include', NOW, '3', store);
    expect(meta).toEqual({ flaggedFieldId: 'customfield_10021', sprintFieldId: 'customfield_10020', doneStatuses: new Set(['done']), blockingInwards: new Set(['is blocked by']) });
    expect(asked.sort()).toEqual(['/rest/api/3/field', '/rest/api/3/issueLinkType', '/rest/api/3/status']);
    expect(store.data[HOST]).toEqual({ at: NOW, flaggedFieldId: 'customfield_10021', sprintFieldId: 'customfield_10020', doneStatuses: ['done'], blockingInwards: ['is blocked by'] });

    // A new service worker: memory is empty, the store answers, the site is not asked.
    forgetSiteMeta();
    expect(await siteMeta(fetch, HOST, {}, 'include', NOW + 60 * 60_000, '3', store)).toEqual(meta);
    expect(asked).toHaveLength(3);
  });

  it('asks again once the kept facts are a day old, or when the store cannot be read', async () => {
    const { fetch, asked } = site();
    const old = memoryStore({ [HOST]: { at: NOW - SITE_FACTS_TTL, doneStatuses: [], blockingInwards: [] } });
    await siteMeta(fetch, HOST, {}, 'include', NOW, '3', old);
    expect(asked).toHaveLength(3);
    expect(old.data[HOST]?.at).toBe(NOW);
    forgetSiteMeta();
    const broken: SiteFactsStore = { get: () => Promise.reject(new Error('storage gone')), set: () => Promise.reject(new Error('storage gone')) };
    expect((await siteMeta(fetch, HOST, {}, 'include', NOW, '3', broken)).flaggedFieldId).toBe('customfield_10021');
    expect(asked).toHaveLength(6);
  });
});
