import { describe, expect, it } from 'vitest';
import type { Fetch } from '../http';
import { createSiteFacts, rememberSiteFacts, siteMeta, SITE_FACTS_TTL, type SiteFactsStore, type StoredSiteFacts } from './site-meta';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const HOST = 'acme.atlassian.net';

/** A site whose field list answers `status`; every request is noted. */
function site(status = 200) {
  const asked: string[] = [];
  const fetch: Fetch = async (url) => {
    asked.push(new URL(url).pathname);
    const body = [{ id: 'customfield_10021', name: 'Flagged' }, { id: 'customfield_10020', name: 'Sprint', schema: { custom: 'com.pyxis.greenhopper.jira:gh-sprint' } }];
    return new Response(JSON.stringify(status === 200 ? body : { errorMessages: ['Down'] }), { status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, asked };
}

function memoryStore(initial: Record<string, StoredSiteFacts> = {}): SiteFactsStore & { data: Record<string, StoredSiteFacts>; writes: number } {
  const data = { ...initial };
  const store = { data, writes: 0, get: async (host: string) => data[host], set: async (host: string, facts: StoredSiteFacts) => void ((data[host] = facts), store.writes++) };
  return store;
}

const learnt = (done: string[], blocking: string[] = [], open: string[] = []) => ({ doneStatuses: new Set(done), waitLinks: new Set(blocking), openStatuses: new Set(open) });

describe('siteMeta', () => {
  it('asks for a site’s fields once when several batches of that site need them at once', async () => {
    const { fetch, asked } = site();
    const facts = createSiteFacts(memoryStore());
    const read = () => siteMeta({ fetch, host: HOST, headers: {}, credentials: 'include', now: NOW, api: '3', facts });
    const metas = await Promise.all([read(), read(), read()]);
    expect(asked).toEqual(['/rest/api/3/field']);
    expect(metas[1]).toEqual(metas[0]);
    // Another site is its own read; a read after these is served from memory.
    await siteMeta({ fetch, host: 'other.atlassian.net', headers: {}, credentials: 'include', now: NOW, api: '3', facts });
    await read();
    expect(asked).toHaveLength(2);
  });

  it('asks the site for its fields only, once, and keeps the answer where it outlives the worker', async () => {
    const { fetch, asked } = site();
    const store = memoryStore();
    const facts = createSiteFacts(store);
    const meta = await siteMeta({ fetch, host: HOST, headers: {}, credentials: 'include', now: NOW, api: '3', facts });
    expect(meta).toEqual({ flaggedFieldId: 'customfield_10021', sprintFieldId: 'customfield_10020', doneStatuses: new Set(), waitLinks: new Set() });
    expect(asked).toEqual(['/rest/api/3/field']);
    expect(store.data[HOST]).toEqual({ at: NOW, flaggedFieldId: 'customfield_10021', sprintFieldId: 'customfield_10020', doneStatuses: [], waitLinks: [] });

    // A new service worker: memory is empty, the store answers, the site is not asked.
    facts.memory.clear();
    expect(await siteMeta({ fetch, host: HOST, headers: {}, credentials: 'include', now: NOW + 60 * 60_000, api: '3', facts })).toEqual(meta);
    expect(asked).toHaveLength(1);
  });

  it('asks Data Center through API version 2', async () => {
    const { fetch, asked } = site();
    await siteMeta({ fetch, host: 'jira.corp.example/jira', headers: {}, credentials: 'omit', now: NOW, api: '2', facts: createSiteFacts() });
    expect(asked).toEqual(['/jira/rest/api/2/field']);
  });

  it('asks again once the kept facts are a day old, or when the store cannot be read', async () => {
    const { fetch, asked } = site();
    const old = memoryStore({ [HOST]: { at: NOW - SITE_FACTS_TTL, doneStatuses: [], waitLinks: [] } });
    await siteMeta({ fetch, host: HOST, headers: {}, credentials: 'include', now: NOW, api: '3', facts: createSiteFacts(old) });
    expect(asked).toHaveLength(1);
    expect(old.data[HOST]?.at).toBe(NOW);
    const broken: SiteFactsStore = { get: () => Promise.reject(new Error('storage gone')), set: () => Promise.reject(new Error('storage gone')) };
    expect((await siteMeta({ fetch, host: HOST, headers: {}, credentials: 'include', now: NOW, api: '3', facts: createSiteFacts(broken) })).flaggedFieldId).toBe('customfield_10021');
    expect(asked).toHaveLength(2);
  });

  it('reads facts kept before, statuses and link types that Jira was once asked for included', async () => {
    const { fetch, asked } = site();
    const store = memoryStore({ [HOST]: { at: NOW - 1000, flaggedFieldId: 'customfield_10021', doneStatuses: ['done', 'closed'], waitLinks: ['is blocked by', 'waits for'] } });
    const meta = await siteMeta({ fetch, host: HOST, headers: {}, credentials: 'include', now: NOW, api: '3', facts: createSiteFacts(store) });
    expect(meta).toEqual({ flaggedFieldId: 'customfield_10021', doneStatuses: new Set(['done', 'closed']), waitLinks: new Set(['is blocked by', 'waits for']) });
    expect(asked).toEqual([]);
  });
});

describe('rememberSiteFacts', () => {
  it('adds what pages show to the kept facts, until they expire with the field ids', async () => {
    const { fetch } = site();
    const store = memoryStore();
    const facts = createSiteFacts(store);
    await siteMeta({ fetch, host: HOST, headers: {}, credentials: 'include', now: NOW, api: '3', facts });
    await rememberSiteFacts(HOST, learnt(['done', 'shipped'], ['needs']), facts);
    await rememberSiteFacts(HOST, learnt(['closed'], ['is blocked by']), facts);
    expect(store.data[HOST]).toEqual({ at: NOW, flaggedFieldId: 'customfield_10021', sprintFieldId: 'customfield_10020', doneStatuses: ['done', 'shipped', 'closed'], waitLinks: ['needs', 'is blocked by'] });
    // Nothing new: nothing written.
    const writes = store.writes;
    await rememberSiteFacts(HOST, learnt(['shipped'], ['needs']), facts);
    expect(store.writes).toBe(writes);
    // The next worker starts from what was learnt.
    const meta = await siteMeta({ fetch, host: HOST, headers: {}, credentials: 'include', now: NOW + 1000, api: '3', facts: createSiteFacts(store) });
    expect(meta.doneStatuses).toEqual(new Set(['done', 'shipped', 'closed']));
    expect(meta.waitLinks).toEqual(new Set(['needs', 'is blocked by']));
  });

  it('drops a status a page shows in another category now', async () => {
    const store = memoryStore({ [HOST]: { at: NOW, doneStatuses: ['done', 'resolved'], waitLinks: [] } });
    const facts = createSiteFacts(store);
    await siteMeta({ fetch: site().fetch, host: HOST, headers: {}, credentials: 'include', now: NOW, api: '3', facts });
    await rememberSiteFacts(HOST, learnt([], [], ['resolved']), facts);
    expect(store.data[HOST]?.doneStatuses).toEqual(['done']);
  });

  it('keeps nothing for a site whose fields could not be read', async () => {
    const store = memoryStore();
    const facts = createSiteFacts(store);
    const meta = await siteMeta({ fetch: site(404).fetch, host: HOST, headers: {}, credentials: 'include', now: NOW, api: '3', facts });
    expect(meta).toEqual({ doneStatuses: new Set(), waitLinks: new Set() });
    await rememberSiteFacts(HOST, learnt(['done'], ['is blocked by']), facts);
    expect(store.data).toEqual({});
  });
});
