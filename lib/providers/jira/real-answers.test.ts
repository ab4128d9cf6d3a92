// The other real Jira answers FlowLens reads (../shared/fixtures/real-api, see its README): each
// is parsed, or refused with a clear error, never a throw or a wrong item. Atlassian's own
// examples (kind "doc") show shapes; the others were recorded from live sites by other projects.
// Not here, because FlowLens does not read those endpoints: one issue's changelog page
// (`/issue/{key}/changelog`), `GET /issue/{key}`, and the agile board and sprint lists (FlowLens
// reads an issue's sprints from its Sprint field).
import { describe, expect, it } from 'vitest';
import { haveShared, sharedJson, sharedTitle } from '../../../tests/support/shared';
import type { JiraRef } from '../../item-key';
import type { Fetch } from '../http';
import { changelogEvents, type JiraHistory } from './changelog';
import { isoTime } from '../../flow/time';
import { fetchChangelogs } from './fetch-changelogs';
import { fetchJiraIssues } from './fetch-issues';
import { expandedHistories } from './histories';
import { validIssues } from './issue-fields';
import { searchJiraPage } from './search';
import { createSiteFacts, siteMeta } from './site-meta';
import { jiraToItem } from './to-work-item';

const API = 'fixtures/real-api';
const have = haveShared(API);
const suite = (name: string) => sharedTitle(name, API);
const NOW = Date.parse('2026-12-01T00:00:00Z');
const HOST = 'your-domain.atlassian.net';
const answer = (body: unknown): Fetch => async () => new Response(JSON.stringify(body), { status: 200 });
const access = { headers: {}, credentials: 'include' as const };

describe.skipIf(!have)(suite('Atlassian’s documented Jira Cloud answers'), () => {
  it('changelog bulk fetch: histories by issue id, read past the page token, with `created` as a number', async () => {
    const example = sharedJson<{ issueChangeLogs: unknown[]; nextPageToken: string }>(API, 'jira-cloud/atlassian-openapi-example-changelog-bulkfetch.json');
    // The example's token says there is another page; the stand-in's second page has none.
    let asked = 0;
    const fetch: Fetch = async () => new Response(JSON.stringify(asked++ === 0 ? example : { issueChangeLogs: [] }), { status: 200 });
    const histories = await fetchChangelogs(fetch, { host: HOST, keys: ['EX-1'], fieldIds: ['status'], ...access, now: NOW });
    expect(asked).toBe(2);
    expect([...histories!.keys()]).toEqual(['10100']);
    // 1492070429 and 1492071429: too small for milliseconds since 1970 (that would be 18 Jan
    // 1970), so seconds: 2017-04-13T08:00:29Z and 08:17:09Z.
    expect(histories!.get('10100')!.map((h) => isoTime(h.created))).toEqual(['2017-04-13T08:00:29.000Z', '2017-04-13T08:17:09.000Z']);
    // Its items are the example's placeholders ("fields"/"fieldId"): nothing flow reads.
    expect(changelogEvents(histories!.get('10100')!, { host: HOST, doneStatuses: new Set(), blockedByLinks: new Set(['is blocked by']) })).toEqual([]);
  });

  it('field list: read, and a site without Flagged or Sprint has neither id', async () => {
    const meta = await siteMeta({ fetch: answer(sharedJson(API, 'jira-cloud/atlassian-openapi-example-field-list.json')), host: HOST, headers: {}, credentials: 'include', now: NOW, facts: createSiteFacts() });
    expect(meta).toEqual({ doneStatuses: new Set(), waitLinks: new Set() });
  });

  it('issue bulk fetch: issues without a status or creation date are refused in words, never taken for items', async () => {
    // The example's issues carry only summary, project and assignee.
    const example = sharedJson(API, 'jira-cloud/atlassian-openapi-example-issue-bulkfetch.json');
    const fetch: Fetch = async (url) => new Response(JSON.stringify(url.endsWith('/field') ? [] : example), { status: 200 });
    const refs: JiraRef[] = ['EX-1', 'EX-2', 'EX-4'].map((issueKey) => ({ source: 'jira', host: HOST, issueKey }));
    const outcome = await fetchJiraIssues(refs, { fetch, host: HOST, now: NOW, blockedByLinks: [] });
    expect(outcome.items.size).toBe(0);
    expect([...outcome.errors.values()]).toEqual(refs.map(() => ({ code: 'bad-response', message: 'Jira sent an answer FlowLens does not understand.' })));
  });

  it('JQL search: a page whose issue lacks the fields asked for is said so, and read to its end', async () => {
    const example = sharedJson(API, 'jira-cloud/atlassian-openapi-example-search-jql.json');
    const fetch: Fetch = async (url) => new Response(JSON.stringify(url.endsWith('/field') ? [] : url.endsWith('/changelog/bulkfetch') ? { issueChangeLogs: [] } : example), { status: 200 });
    const page = await searchJiraPage('project = ED', { fetch, host: HOST, now: NOW, blockedByLinks: [] });
    // ED-1 has no summary, status or creation date: no item, said by its key, and no next page (`isLast`).
    expect(page.outcome.items.size).toBe(0);
    expect(page.next).toBeUndefined();
    expect(page.error).toBeUndefined();
    expect([...page.outcome.errors]).toEqual([[`jira:${HOST}/ED-1`, { code: 'bad-response', message: 'Jira sent ED-1 in a shape FlowLens does not understand.' }]]);
  });
});

describe.skipIf(!have)(suite('recorded Jira issues in other shapes and offsets'), () => {
  it('agile issues in a sprint without a summary: refused, their -0800 times still read', () => {
    // go-jira's recording asked for some fields only: its issues have no summary, which every
    // FlowLens request asks for, so FlowLens takes none of them for an item.
    const { issues } = sharedJson<{ issues: { key: string; fields: { created: string } }[] }>(API, 'jira-cloud/gojira-issues-in-sprint-agile.json');
    expect(validIssues(issues)).toEqual([]);
    // AR-86 was created 2015-12-02T07:39:15.000-0800 = 15:39:15Z.
    expect(isoTime(issues[0]!.fields.created)).toBe('2015-12-02T15:39:15.000Z');
  });

  it('a Jira 5.0 issue with its changelog (the old histories shape, +0200, no status category)', () => {
    const raw = sharedJson<Record<string, unknown>>(API, 'jira-dc/jrjc-sdk-issue-with-changelog-5.0.json');
    const [issue] = validIssues([raw]);
    const histories: JiraHistory[] = expandedHistories([raw]).get('HST-1')!;
    expect(histories.map((h) => isoTime(h.created))).toEqual(['2012-04-12T12:28:28.255Z', '2012-04-12T12:28:44.079Z', '2012-04-12T12:30:09.690Z', '2012-04-12T12:28:44.079Z']);
    // Due date, assignee, summary, type, priority and custom fields changed: nothing flow reads.
    expect(changelogEvents(histories, { host: 'localhost:2990/jira', doneStatuses: new Set(), blockedByLinks: new Set(['is blocked by']) })).toEqual([]);
    // Jira 5.0 statuses have no category: open by its name alone, and no category is invented.
    const item = jiraToItem('localhost:2990/jira', issue!, new Set(['is blocked by']));
    expect(item.state).toBe('open');
    expect(item.signals.statusCategory).toBeUndefined();
    expect(item.signals.status).toBe('Open');
  });
});
