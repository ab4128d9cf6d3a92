import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath, sharedTitle } from '../../../tests/support/shared';
import { errorView } from '../../flow-view';
import type { JiraRef } from '../../item-key';
import type { Fetch } from '../http';
import { fetchJiraIssues } from './fetch-issues';
import { createSiteFacts, type SiteFactsStore, type StoredSiteFacts } from './site-meta';

// Real Jira Cloud payloads, read from the shared fixtures beside the project when present.
// Found from the repository root, not the working directory.
const FIXTURES = sharedPath('fixtures/jira/jirametrics');
const fixture = (name: string) => JSON.parse(readFileSync(resolve(FIXTURES, `${name}.json`), 'utf8'));
const HOST = 'improvingflow.atlassian.net';
const ref = (issueKey: string): JiraRef => ({ source: 'jira', host: HOST, issueKey });
const NOW = Date.parse('2026-11-20T00:00:00Z');
/** A history as Jira sends it, for the fake sites' answers. */
type JiraHistory = { created: string; items: Record<string, string | null>[] };

/** A fake Jira site: issue bulk-fetch answers `body`; fields are fixed, changelogs come from the fixtures. */
function answering(body: unknown, init: ResponseInit = { status: 200 }) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const json = (value: unknown) => new Response(JSON.stringify(value), { status: 200 });
  const fetch: Fetch = async (url, requestInit) => {
    calls.push({ url, init: requestInit });
    if (url.endsWith('/rest/api/3/field')) return json([{ id: 'customfield_10021', name: 'Flagged' }, { id: 'summary', name: 'Summary' }]);
    if (url.includes('/rest/api/3/issue/SP-15/comment')) {
      return json({ comments: [{ created: '2022-04-24T20:30:52.100+0000', author: { accountId: '557058:aaccdddd-0be8-432f-959a-13d34c55315f' }, body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '(flag) Flag added' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'Waiting for the payments team' }] }] } }] });
    }
    if (url.endsWith('/rest/api/3/changelog/bulkfetch')) return json({ issueChangeLogs: changelogsFor(JSON.parse(String(requestInit?.body)).issueIdsOrKeys) });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), init);
  };
  return { fetch, calls, issueCalls: () => calls.filter((c) => c.url.endsWith('/issue/bulkfetch')) };
}

const haveFixtures = existsSync(FIXTURES);

/** The fixtures' own changelogs, in the shape of the changelog bulk-fetch answer. */
function changelogsFor(keys: string[]) {
  if (!haveFixtures) return [];
  const byKey: Record<string, string> = { 'SP-1': 'testdata__SP-1', 'SP-14': 'testdata__SP-14', 'SP-15': 'testdata__SP-15' };
  return keys.filter((key) => byKey[key]).map((key) => {
    const payload = fixture(byKey[key]!);
    return { issueId: payload.id, changeHistories: payload.changelog.histories };
  });
}

describe.skipIf(!existsSync(FIXTURES))(sharedTitle('fetchJiraIssues on real Jira payloads', 'fixtures/jira/jirametrics'), () => {
  it('reads "is blocked by" links: SP-15 is blocked by SP-14, which is Done', async () => {
    // SP-15's issuelinks hold a "Blocks" link (inward "is blocked by") whose inwardIssue is SP-14
    // with status Done (category "done"), so SP-15 has one upstream link and it is closed.
    const { fetch, issueCalls } = answering({ issues: [fixture('testdata__SP-14'), fixture('testdata__SP-15')] });
    const outcome = await fetchJiraIssues([ref('SP-14'), ref('SP-15')], { fetch, host: HOST, now: NOW, blockedByLinks: ['is blocked by'] });
    const sp15 = outcome.items.get(`jira:${HOST}/SP-15`)!.item;
    // The changelog says when the link was made: 2022-04-24T16:42:42.531+0000.
    expect(sp15.upstream).toEqual([
      { key: `jira:${HOST}/SP-14`, kind: 'blocked-by', url: `https://${HOST}/browse/SP-14`, title: 'Save credit card information', open: false, at: '2022-04-24T16:42:42.531Z' },
    ]);
    // …and that SP-15 was flagged at 20:30:51.748; the Flagged field (customfield_10021) is set now.
    // The "Flag added" comment posted with it says why.
    expect(sp15.timeline).toContainEqual(expect.objectContaining({ type: 'flagged', at: '2022-04-24T20:30:51.748Z', reason: 'Waiting for the payments team' }));
    expect(sp15.signals.flagged).toBe(true);
    // SP-14 holds the outward side ("blocks SP-15"): that is downstream, not a blocker of SP-14.
    expect(outcome.items.get(`jira:${HOST}/SP-14`)!.item.upstream).toEqual([]);
    const calls = issueCalls();
    expect(calls).toHaveLength(1);
    expect(JSON.parse(String(calls[0]!.init?.body)).issueIdsOrKeys).toEqual(['SP-14', 'SP-15']);
    expect(JSON.parse(String(calls[0]!.init?.body)).fields).toContain('customfield_10021');
    expect(calls[0]!.init?.credentials).toBe('include');
  });

  it('maps status, dates and people of SP-1', async () => {
    const { fetch } = answering({ issues: [fixture('testdata__SP-1')] });
    const outcome = await fetchJiraIssues([ref('SP-1')], { fetch, host: HOST, now: NOW, blockedByLinks: ['is blocked by'] });
    const item = outcome.items.get(`jira:${HOST}/SP-1`)!.item;
    expect(item).toMatchObject({ kind: 'jira-issue', state: 'open', container: 'SP', signals: { status: 'In Progress', statusCategory: 'indeterminate' } });
    // Jira's "+0000" offsets are read as ISO times.
    expect(item.createdAt).toBe('2021-06-18T18:41:29.398Z');
  });

  it('learns the site’s own blocking link types from the links, not only the configured names', async () => {
    // A custom "Gate" link type ("waits for") counts because its name says so; "Cloners" does not.
    // No request lists the site's link types: each link carries its own.
    const sp15 = fixture('testdata__SP-15');
    sp15.fields.issuelinks = [
      { type: { name: 'Gate', inward: 'waits for', outward: 'gates' }, inwardIssue: { key: 'SP-99', fields: { summary: 'Gate', status: { name: 'To Do', statusCategory: { key: 'new' } } } } },
      { type: { name: 'Cloners', inward: 'is cloned by', outward: 'clones' }, inwardIssue: { key: 'SP-13', fields: { status: { name: 'Done', statusCategory: { key: 'done' } } } } },
    ];
    const { fetch } = answering({ issues: [sp15] });
    const outcome = await fetchJiraIssues([ref('SP-15')], { fetch, host: HOST, now: NOW, blockedByLinks: [] });
    expect(outcome.items.get(`jira:${HOST}/SP-15`)!.item.upstream.map((l) => [l.key, l.open])).toEqual([[`jira:${HOST}/SP-99`, true]]);
  });

  it('says which keys Jira left out', async () => {
    const { fetch } = answering({ issues: [fixture('testdata__SP-1')], issueErrors: [] });
    const outcome = await fetchJiraIssues([ref('SP-1'), ref('SP-999')], { fetch, host: HOST, now: NOW, blockedByLinks: [] });
    expect(outcome.errors.get(`jira:${HOST}/SP-999`)).toMatchObject({ code: 'not-found' });
    expect(outcome.errors.has(`jira:${HOST}/SP-1`)).toBe(false);
  });
});

describe('fetchJiraIssues sessions and batches', () => {
  it('recognises the login page Jira serves with status 200 to a logged-out session', async () => {
    const { fetch } = answering('<!DOCTYPE html><html><title>Log in with Atlassian account</title></html>');
    const outcome = await fetchJiraIssues([ref('SP-1')], { fetch, host: HOST, now: NOW, blockedByLinks: [] });
    expect(outcome.errors.get(`jira:${HOST}/SP-1`)).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/logged out of Jira/) });
  });

  it('recognises a 401 as logged out too', async () => {
    const { fetch } = answering({ errorMessages: ['You are not authenticated.'] }, { status: 401 });
    const outcome = await fetchJiraIssues([ref('SP-1')], { fetch, host: HOST, now: NOW, blockedByLinks: [] });
    expect(outcome.errors.get(`jira:${HOST}/SP-1`)?.code).toBe('unauthorized');
  });

  it('says where to log in when the session’s request is redirected (a sign-in page), and follows nothing', async () => {
    // What a browser hands back for a request sent with redirect: 'manual' (http.ts): an opaque
    // redirect, status 0; a site with an expired session sends it to its sign-in page.
    const asked: string[] = [];
    const fetch: Fetch = async (url, init) => {
      asked.push(`${init?.redirect} ${new URL(url).pathname}`);
      const opaque = new Response(null, { status: 200 });
      Object.defineProperty(opaque, 'type', { value: 'opaqueredirect' });
      Object.defineProperty(opaque, 'status', { value: 0 });
      return opaque;
    };
    const outcome = await fetchJiraIssues([ref('SP-1')], { fetch, host: HOST, now: NOW, blockedByLinks: [] });
    expect(outcome.errors.get(`jira:${HOST}/SP-1`)).toEqual({
      code: 'bad-response',
      message: `Jira at ${HOST} redirected the request; FlowLens does not follow redirects of requests made with your session or token. If your session has expired, log in to Jira at ${HOST} and reload the page.`,
      helpUrl: `https://${HOST}/login`,
    });
    expect(asked.every((line) => line.startsWith('manual '))).toBe(true);
  });

  it('says in Jira’s words when the account may not read the site (403)', async () => {
    const { fetch } = answering({ errorMessages: ['You do not have permission to view these issues.'] }, { status: 403 });
    const outcome = await fetchJiraIssues([ref('SP-1')], { fetch, host: HOST, now: NOW, blockedByLinks: [] });
    expect(outcome.errors.get(`jira:${HOST}/SP-1`)).toEqual({
      code: 'forbidden',
      message: `Jira at ${HOST} denied access (403): You do not have permission to view these issues. Your Jira account may lack permission to browse this project; ask a Jira admin.`,
    });
  });

  it('leaves a 403 the item’s even when Jira’s words name the token (review leftover 1)', async () => {
    const { fetch } = answering({ errorMessages: ['The issue is private; this API token’s account may not see it.'] }, { status: 403 });
    const outcome = await fetchJiraIssues([ref('SP-1')], { fetch, host: HOST, now: NOW, blockedByLinks: [], authorization: 'Basic abc' });
    const error = outcome.errors.get(`jira:${HOST}/SP-1`)!;
    expect(error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('API token') });
    expect(error.setup).toBeUndefined();
    expect(errorView(`jira:${HOST}/SP-1`, '', error)).toMatchObject({ text: '!' });
  });

  it('sends a configured token instead of cookies, in batches of 100 keys', async () => {
    const { fetch, issueCalls } = answering({ issues: [] });
    const refs = Array.from({ length: 150 }, (_, i) => ref(`SP-${i + 1}`));
    await fetchJiraIssues(refs, { fetch, host: HOST, now: NOW, blockedByLinks: [], authorization: 'Basic abc' });
    const calls = issueCalls();
    expect(calls).toHaveLength(2);
    expect(calls[0]!.init?.credentials).toBe('omit');
    expect((calls[0]!.init?.headers as Record<string, string>).Authorization).toBe('Basic abc');
  });
});

describe.skipIf(!existsSync(FIXTURES))(sharedTitle('fetchJiraIssues on Data Center', 'fixtures/jira/jirametrics'), () => {
  const SITE = 'jira.corp.example/jira';
  const dcRef = (issueKey: string): JiraRef => ({ source: 'jira', host: SITE, issueKey });

  it('searches the keys under the context path with histories, and reads them like Cloud', async () => {
    const urls: string[] = [];
    const fetch: Fetch = async (url) => {
      urls.push(url);
      if (url.includes('/rest/api/2/field')) return new Response(JSON.stringify([{ id: 'customfield_10021', name: 'Flagged' }]), { status: 200 });
      // The search answers v2 issues with `changelog.histories`, as the jirametrics payloads are.
      return new Response(JSON.stringify({ startAt: 0, maxResults: 100, total: 1, issues: [fixture('testdata__SP-10')] }), { status: 200 });
    };
    const outcome = await fetchJiraIssues([dcRef('SP-10'), dcRef('SP-404')], { fetch, host: SITE, now: NOW, blockedByLinks: ['is blocked by'], authorization: 'Bearer pat' });
    const search = new URL(urls.find((u) => u.includes('/search'))!);
    expect(`${search.host}${search.pathname}`).toBe('jira.corp.example/jira/rest/api/2/search');
    expect(search.searchParams.get('jql')).toBe('key in (SP-10,SP-404)');
    expect(search.searchParams.get('expand')).toBe('changelog');
    expect(search.searchParams.get('validateQuery')).toBe('false');
    const item = outcome.items.get(`jira:${SITE}/SP-10`)!.item;
    expect(item.url).toBe('https://jira.corp.example/jira/browse/SP-10');
    // SP-10 was flagged 04:33:30.647 and unflagged 04:33:55.539 on 6 Sep 2021, then Done
    // (Jira lists histories newest first; the flow core orders them).
    const flow = item.timeline.filter((e) => e.type === 'flagged' || e.type === 'unflagged' || e.type === 'closed');
    expect(flow.map((e) => `${e.type} ${e.at}`).sort((a, b) => a.split(' ')[1]!.localeCompare(b.split(' ')[1]!))).toEqual([
      'flagged 2021-09-06T04:33:30.647Z',
      'unflagged 2021-09-06T04:33:55.539Z',
      'closed 2021-09-06T04:34:26.239Z',
    ]);
    expect(outcome.errors.get(`jira:${SITE}/SP-404`)?.code).toBe('not-found');
  });
});

describe.skipIf(!existsSync(FIXTURES))(sharedTitle('fetchJiraIssues on Data Center, done statuses without asking', 'fixtures/jira/jirametrics'), () => {
  it('closes by the resolution its history sets, though no issue is in "Done" now', async () => {
    const sp10 = fixture('testdata__SP-10');
    sp10.fields.status = { name: 'In Progress', statusCategory: { key: 'indeterminate' } };
    const paths: string[] = [];
    const fetch: Fetch = async (url) => {
      paths.push(new URL(url).pathname);
      if (url.includes('/rest/api/2/field')) return new Response(JSON.stringify([{ id: 'customfield_10021', name: 'Flagged' }]), { status: 200 });
      return new Response(JSON.stringify({ startAt: 0, maxResults: 100, total: 1, issues: [sp10] }), { status: 200 });
    };
    const outcome = await fetchJiraIssues([{ source: 'jira', host: 'jira.corp.example', issueKey: 'SP-10' }], { fetch, host: 'jira.corp.example', now: NOW, blockedByLinks: [] });
    const timeline = outcome.items.get('jira:jira.corp.example/SP-10')!.item.timeline;
    expect(timeline.filter((e) => e.type === 'closed')).toMatchObject([{ type: 'closed', at: '2021-09-06T04:34:26.239Z' }]);
    expect(paths).toEqual(['/rest/api/2/field', '/rest/api/2/search']);
  });
});

describe('fetchJiraIssues on a site’s first visit', () => {
  const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T10:00:00.000+0000`;
  const card = (n: number, links: unknown[] = []) => ({ id: String(1000 + n), key: `PAY-${n}`, fields: { summary: `Card ${n}`, status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } }, created: at(1), issuelinks: links } });
  const DEPENDENCY = { name: 'Dependency', inward: 'needs', outward: 'is needed by' };

  /** A Cloud board: `cards` by key, `histories` by issue id; every request noted by path. */
  function board(cards: ReturnType<typeof card>[], histories: Record<string, JiraHistory[]> = {}) {
    const paths: string[] = [];
    const bodies: Record<string, unknown>[] = [];
    const json = (value: unknown) => new Response(JSON.stringify(value), { status: 200 });
    const fetch: Fetch = async (url, init) => {
      paths.push(new URL(url).pathname);
      const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
      bodies.push(body);
      if (url.endsWith('/rest/api/3/field')) return json([{ id: 'customfield_10021', name: 'Flagged' }]);
      const keys = body.issueIdsOrKeys as string[];
      if (url.endsWith('/rest/api/3/issue/bulkfetch')) return json({ issues: cards.filter((c) => keys.includes(c.key)) });
      if (url.endsWith('/rest/api/3/changelog/bulkfetch')) {
        return json({ issueChangeLogs: cards.filter((c) => keys.includes(c.key) && histories[c.id]).map((c) => ({ issueId: c.id, changeHistories: histories[c.id] })) });
      }
      return new Response('{}', { status: 404 });
    };
    return { fetch, paths, bodies };
  }

  function memoryStore(): SiteFactsStore & { data: Record<string, StoredSiteFacts> } {
    const data: Record<string, StoredSiteFacts> = {};
    return { data, get: async (host) => data[host], set: async (host, facts) => void (data[host] = facts) };
  }

  it('asks three things of a 50-card board: the fields, the issues and their histories', async () => {
    const cards = Array.from({ length: 50 }, (_, i) => card(i + 1));
    const { fetch, paths } = board(cards);
    const siteFacts = memoryStore();
    const outcome = await fetchJiraIssues(cards.map((c) => ref(c.key)), { fetch, host: HOST, now: NOW, blockedByLinks: [], siteFacts: createSiteFacts(siteFacts) });
    expect(outcome.items.size).toBe(50);
    expect(paths.sort()).toEqual(['/rest/api/3/changelog/bulkfetch', '/rest/api/3/field', '/rest/api/3/issue/bulkfetch']);
    // A new service worker the same day: the kept fields serve, two requests.
    paths.length = 0;
    await fetchJiraIssues(cards.map((c) => ref(c.key)), { fetch, host: HOST, now: NOW + 3_600_000, blockedByLinks: [], siteFacts: createSiteFacts(siteFacts) });
    expect(paths.sort()).toEqual(['/rest/api/3/changelog/bulkfetch', '/rest/api/3/issue/bulkfetch']);
  });

  it('closes and reopens by the resolution a history sets and clears, and remembers the status as done', async () => {
    // PAY-1 was "Shipped" (the resolution set) and is back in progress: no issue is in "Shipped" now.
    const histories: Record<string, JiraHistory[]> = {
      '1001': [
        { created: at(5), items: [{ field: 'resolution', fieldId: 'resolution', from: null, fromString: null, to: '10000', toString: 'Done' }, { field: 'status', fieldId: 'status', fromString: 'In Review', toString: 'Shipped' }] },
        { created: at(6), items: [{ field: 'status', fieldId: 'status', fromString: 'Shipped', toString: 'In Progress' }, { field: 'resolution', fieldId: 'resolution', from: '10000', fromString: 'Done', to: null, toString: null }] },
      ],
      // PAY-2 entered "Shipped" without the resolution in the same history: the learnt name says done.
      '1002': [{ created: at(7), items: [{ field: 'status', fieldId: 'status', fromString: 'In Review', toString: 'Shipped' }] }],
    };
    const { fetch, bodies } = board([card(1), card(2)], histories);
    const siteFacts = memoryStore();
    const outcome = await fetchJiraIssues([ref('PAY-1'), ref('PAY-2')], { fetch, host: HOST, now: NOW, blockedByLinks: [], siteFacts: createSiteFacts(siteFacts) });
    const flow = (key: string) => outcome.items.get(`jira:${HOST}/${key}`)!.item.timeline.filter((e) => e.type === 'closed' || e.type === 'reopened');
    expect(flow('PAY-1')).toMatchObject([{ type: 'closed', at: '2026-11-05T10:00:00.000Z' }, { type: 'reopened', at: '2026-11-06T10:00:00.000Z' }]);
    expect(flow('PAY-2')).toMatchObject([{ type: 'closed', at: '2026-11-07T10:00:00.000Z' }]);
    expect(bodies.find((b) => Array.isArray(b.fieldIds))?.fieldIds).toContain('resolution');
    expect(siteFacts.data[HOST]?.doneStatuses).toEqual(['shipped']);
  });

  it('reads a removed link of a type learnt from another issue’s current link, and keeps the type for later pages', async () => {
    const needs = [{ type: DEPENDENCY, inwardIssue: { key: 'PAY-9', fields: { status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } } } } }];
    const histories: Record<string, JiraHistory[]> = {
      '1002': [
        { created: at(3), items: [{ field: 'Link', fieldId: 'issuelinks', to: 'PAY-7', toString: 'This issue needs PAY-7' }] },
        { created: at(4), items: [{ field: 'Link', fieldId: 'issuelinks', from: 'PAY-7', fromString: 'This issue needs PAY-7', to: null, toString: null }] },
      ],
    };
    const { fetch } = board([card(1, needs), card(2)], histories);
    const siteFacts = memoryStore();
    const outcome = await fetchJiraIssues([ref('PAY-1'), ref('PAY-2')], { fetch, host: HOST, now: NOW, blockedByLinks: [], siteFacts: createSiteFacts(siteFacts) });
    const links = (result: typeof outcome) => result.items.get(`jira:${HOST}/PAY-2`)!.item.timeline.filter((e) => e.type === 'link-added' || e.type === 'link-removed').map((e) => e.type);
    expect(links(outcome)).toEqual(['link-added', 'link-removed']);
    expect(outcome.items.get(`jira:${HOST}/PAY-1`)!.item.upstream.map((l) => l.key)).toEqual([`jira:${HOST}/PAY-9`]);
    expect(siteFacts.data[HOST]?.waitLinks).toEqual(['needs']);
    // A new worker reads PAY-2 alone: no current link shows the type, the kept facts do.
    const later = await fetchJiraIssues([ref('PAY-2')], { fetch, host: HOST, now: NOW + 3_600_000, blockedByLinks: [], siteFacts: createSiteFacts(siteFacts) });
    expect(links(later)).toEqual(['link-added', 'link-removed']);
  });

  it('reads "is blocked by" in a history though no current link shows the type and the settings lack it', async () => {
    const histories: Record<string, JiraHistory[]> = { '1001': [{ created: at(3), items: [{ field: 'Link', fieldId: 'issuelinks', to: 'PAY-7', toString: 'This issue is blocked by PAY-7' }] }] };
    const { fetch } = board([card(1)], histories);
    const outcome = await fetchJiraIssues([ref('PAY-1')], { fetch, host: HOST, now: NOW, blockedByLinks: [] });
    expect(outcome.items.get(`jira:${HOST}/PAY-1`)!.item.timeline).toContainEqual(expect.objectContaining({ type: 'link-added', at: '2026-11-03T10:00:00.000Z', link: { key: `jira:${HOST}/PAY-7`, kind: 'blocked-by', at: '2026-11-03T10:00:00.000Z' } }));
  });
});

describe('fetchJiraIssues link history on a board, where Jira filters changelogs strictly by fieldId', () => {
  // Hand-written: 50 cards; PAY-1…PAY-40 open, PAY-41…PAY-50 done; every third open card is
  // blocked by an open OPS issue, PAY-41 by a done one. Each link was made on 5 Nov; the strict
  // stand-in drops the Link items (no fieldId) from a filtered changelog, as a Cloud site may.
  const card = (n: number) => ({
    id: String(n), key: `PAY-${n}`,
    fields: {
      summary: `Card ${n}`, created: '2026-11-01T09:00:00.000+0000',
      status: n <= 40 ? { name: 'In Progress', statusCategory: { key: 'indeterminate' } } : { name: 'Done', statusCategory: { key: 'done' } },
      issuelinks: n % 3 === 0 || n === 41 ? [{ type: { name: 'Blocks', inward: 'is blocked by', outward: 'blocks' }, inwardIssue: { key: `OPS-${n}`, fields: { status: n === 41 ? { name: 'Done', statusCategory: { key: 'done' } } : { name: 'To Do', statusCategory: { key: 'new' } } } } }] : [],
    },
  });
  const link = (n: number) => ({ created: '2026-11-05T10:00:00.000+0000', items: [{ field: 'Link', fieldtype: 'jira', from: null, fromString: null, to: `OPS-${n}`, toString: `This issue is blocked by OPS-${n}` }] });

  it('asks once more, unfiltered, for the open cards whose open blocker the filtered history does not date, and dates them', async () => {
    const bodies: { issueIdsOrKeys: string[]; fieldIds?: string[] }[] = [];
    const fetch: Fetch = async (url, init) => {
      const body = init?.body ? JSON.parse(String(init.body)) : {};
      if (url.endsWith('/rest/api/3/field')) return new Response('[]', { status: 200 });
      if (url.endsWith('/issue/bulkfetch')) return new Response(JSON.stringify({ issues: body.issueIdsOrKeys.map((key: string) => card(Number(key.slice(4)))) }), { status: 200 });
      bodies.push(body);
      const logs = body.issueIdsOrKeys.map((key: string) => Number(key.slice(4))).filter((n: number) => n % 3 === 0 || n === 41).map((n: number) => ({ issueId: String(n), changeHistories: body.fieldIds ? [] : [link(n)] }));
      return new Response(JSON.stringify({ issueChangeLogs: logs }), { status: 200 });
    };
    const refs = Array.from({ length: 50 }, (_, i) => ({ source: 'jira' as const, host: 'acme.atlassian.net', issueKey: `PAY-${i + 1}` }));
    const outcome = await fetchJiraIssues(refs, { fetch, host: 'acme.atlassian.net', now: NOW, blockedByLinks: [] });
    // Two changelog requests: the filtered one for all 50, then the 13 open blocked cards (3, 6 … 39).
    expect(bodies.map((b) => [b.issueIdsOrKeys.length, b.fieldIds === undefined])).toEqual([[50, false], [13, true]]);
    expect(bodies[1]!.issueIdsOrKeys).toEqual(Array.from({ length: 13 }, (_, i) => `PAY-${3 * (i + 1)}`));
    expect(outcome.items.get('jira:acme.atlassian.net/PAY-3')!.item.upstream[0]).toMatchObject({ key: 'jira:acme.atlassian.net/OPS-3', open: true, at: '2026-11-05T10:00:00.000Z' });
    // PAY-41 is done and so is its blocker: its badge says done, and no request was spent on it.
    expect(outcome.items.get('jira:acme.atlassian.net/PAY-41')!.item.upstream[0]?.at).toBeUndefined();
  });
});

describe('fetchJiraIssues on malformed histories', () => {
  const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T10:00:00.000+0000`;
  const card = (n: number) => ({ id: String(1000 + n), key: `PAY-${n}`, fields: { summary: `Card ${n}`, status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } }, created: at(1), issuelinks: [] } });
  const toBlocked = (day: number) => ({ created: at(day), items: [{ field: 'status', fieldId: 'status', from: '1', fromString: 'To Do', to: '2', toString: 'Blocked' }] });
  const statusEvents = (outcome: Awaited<ReturnType<typeof fetchJiraIssues>>, key: string) =>
    outcome.items.get(`jira:${HOST}/${key}`)!.item.timeline.filter((e) => e.type === 'status').map((e) => (e.type === 'status' ? `${e.at} ${e.from ?? ''}→${e.to}` : ''));

  /**
   * A Cloud board of `cards`, whose changelog bulk fetch answers `changelogs` as written: raw JSON
   * text, so it may hold what an object literal cannot (a `__proto__` key).
   */
  function board(cards: ReturnType<typeof card>[], changelogs: string) {
    const fetch: Fetch = async (url, init) => {
      const json = (text: string) => new Response(text, { status: 200 });
      if (url.endsWith('/rest/api/3/field')) return json('[]');
      if (url.endsWith('/rest/api/3/issue/bulkfetch')) {
        const keys = JSON.parse(String(init?.body)).issueIdsOrKeys as string[];
        return json(JSON.stringify({ issues: cards.filter((c) => keys.includes(c.key)) }));
      }
      if (url.endsWith('/rest/api/3/changelog/bulkfetch')) return json(changelogs);
      return new Response('{}', { status: 404 });
    };
    return { fetch, refs: cards.map((c) => ref(c.key)) };
  }

  it('skips an item without toString, or with toString 5, and reads the rest of the batch', async () => {
    // PAY-1's history holds a status item with no `toString` (which a loose read takes for
    // Object.prototype.toString, a function), one whose `toString` is 5, one whose `field` is a
    // number, and one good item.
    const items: unknown[] = [{ field: 'status', fieldId: 'status', fromString: 'To Do' }, { field: 'status', fieldId: 'status', fromString: 'To Do', toString: 5 }, { field: 7, toString: 'Done' }, toBlocked(3).items[0]];
    const broken = { created: at(3), items };
    const logs = { issueChangeLogs: [{ issueId: '1001', changeHistories: [broken] }, { issueId: '1002', changeHistories: [toBlocked(4)] }] };
    const { fetch, refs } = board([card(1), card(2), card(3)], JSON.stringify(logs));
    const outcome = await fetchJiraIssues(refs, { fetch, host: HOST, now: NOW, blockedByLinks: [] });
    expect([...outcome.items.keys()]).toEqual([`jira:${HOST}/PAY-1`, `jira:${HOST}/PAY-2`, `jira:${HOST}/PAY-3`]);
    expect(outcome.errors.size).toBe(0);
    expect(statusEvents(outcome, 'PAY-1')).toEqual(['2026-11-03T10:00:00.000Z To Do→Blocked']);
    expect(statusEvents(outcome, 'PAY-2')).toEqual(['2026-11-04T10:00:00.000Z To Do→Blocked']);
    expect(outcome.items.get(`jira:${HOST}/PAY-1`)!.note).toBeUndefined();
  });

  it('skips a history whose items are not a list, or whose date is not one, and an item that is no object, and keeps the batch’s other histories', async () => {
    const withOdd = { ...toBlocked(3), items: ['status', null, ...toBlocked(3).items] };
    const logs = {
      issueChangeLogs: [
        { issueId: '1001', changeHistories: [{ created: at(2), items: 'status' }, { created: { at: 2 }, items: [] }, withOdd] },
        { issueId: '1002', changeHistories: [toBlocked(4)] },
        // An entry without an issue id is skipped alone too.
        { changeHistories: [toBlocked(5)] },
      ],
    };
    const { fetch, refs } = board([card(1), card(2)], JSON.stringify(logs));
    const outcome = await fetchJiraIssues(refs, { fetch, host: HOST, now: NOW, blockedByLinks: [] });
    expect(statusEvents(outcome, 'PAY-1')).toEqual(['2026-11-03T10:00:00.000Z To Do→Blocked']);
    expect(statusEvents(outcome, 'PAY-2')).toEqual(['2026-11-04T10:00:00.000Z To Do→Blocked']);
    expect(outcome.items.get(`jira:${HOST}/PAY-2`)!.note).toBeUndefined();
  });

  it('reads a flagged issue view whose comments hold ADF of odd shapes, and takes the reason from the one it can read', async () => {
    const flagged = { ...card(1), fields: { ...card(1).fields, customfield_10021: [{ value: 'Impediment' }] } };
    const flag = { created: at(3), author: { accountId: 'u1' }, items: [{ field: 'Flagged', fieldId: 'customfield_10021', from: null, fromString: null, to: '10019', toString: 'Impediment' }] };
    const reason = { created: at(3), author: { accountId: 'u1' }, body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '(flag) Flag added' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'Waiting on ops' }] }] } };
    // A doc whose content is a number, and one whose text is a list: a loose read throws on each.
    const comments = [{ created: at(3), body: { type: 'doc', content: 5 } }, { created: at(3), body: { type: 'text', text: ['(flag) Flag added'] } }, reason];
    const fetch: Fetch = async (url) => {
      const json = (value: unknown) => new Response(JSON.stringify(value), { status: 200 });
      if (url.endsWith('/rest/api/3/field')) return json([{ id: 'customfield_10021', name: 'Flagged' }]);
      if (url.endsWith('/rest/api/3/issue/bulkfetch')) return json({ issues: [flagged] });
      if (url.endsWith('/rest/api/3/changelog/bulkfetch')) return json({ issueChangeLogs: [{ issueId: '1001', changeHistories: [flag] }] });
      if (url.includes('/rest/api/3/issue/PAY-1/comment')) return json({ comments });
      return new Response('{}', { status: 404 });
    };
    const outcome = await fetchJiraIssues([ref('PAY-1')], { fetch, host: HOST, now: NOW, blockedByLinks: [] });
    expect(outcome.items.get(`jira:${HOST}/PAY-1`)!.item.timeline).toContainEqual(expect.objectContaining({ type: 'flagged', at: '2026-11-03T10:00:00.000Z', reason: 'Waiting on ops' }));
  });

  it('takes no field id that is not a custom field’s for Flagged or Sprint, so no issue reads an Object.prototype member as its flag', async () => {
    for (const id of ['toString', 'constructor', '__proto__']) {
      const paths: string[] = [];
      const fetch: Fetch = async (url) => {
        paths.push(new URL(url).pathname);
        const json = (value: unknown) => new Response(JSON.stringify(value), { status: 200 });
        if (url.endsWith('/rest/api/3/field')) return json([{ id, name: 'Flagged' }, { id, name: 'Sprint', schema: { custom: 'com.pyxis.greenhopper.jira:gh-sprint' } }]);
        if (url.endsWith('/rest/api/3/issue/bulkfetch')) return json({ issues: [card(1)] });
        return json({ issueChangeLogs: [] });
      };
      const outcome = await fetchJiraIssues([ref('PAY-1')], { fetch, host: HOST, now: NOW, blockedByLinks: [] });
      const item = outcome.items.get(`jira:${HOST}/PAY-1`)!.item;
      expect(item.signals.flagged).toBeUndefined();
      expect(item.sprints).toBeUndefined();
      expect(paths.some((path) => path.endsWith('/comment'))).toBe(false);
    }
  });

  it('reads a `__proto__` key as data that is no field of the item, never as its prototype', async () => {
    // JSON.parse makes `__proto__` an own key; a loose read would still find Object.prototype.toString.
    const items = `[{"__proto__": {"toString": "Done"}, "field": "status", "fieldId": "status", "fromString": "To Do"}, {"__proto__": null, "field": "status", "fieldId": "status", "fromString": "To Do", "toString": "Blocked"}]`;
    const changelogs = `{"issueChangeLogs": [{"issueId": "1001", "changeHistories": [{"created": "${at(3)}", "__proto__": {"items": []}, "items": ${items}}]}]}`;
    const { fetch, refs } = board([card(1), card(2)], changelogs);
    const outcome = await fetchJiraIssues(refs, { fetch, host: HOST, now: NOW, blockedByLinks: [] });
    expect(statusEvents(outcome, 'PAY-1')).toEqual(['2026-11-03T10:00:00.000Z To Do→Blocked']);
    expect(outcome.items.size).toBe(2);
  });
});
