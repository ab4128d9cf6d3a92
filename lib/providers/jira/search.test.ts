import { describe, expect, it } from 'vitest';
import type { Fetch } from '../http';
import { searchJiraPage, withoutOrderBy } from './search';

const HOST = 'acme.atlassian.net';
const NOW = Date.parse('2026-11-20T00:00:00Z');
const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status });

/** An issue in the shape the enhanced search answers with `fields` set. */
function issue(key: string, id: string, status = 'In Progress', category = 'indeterminate') {
  return {
    id,
    key,
    fields: {
      summary: `Summary of ${key}`,
      status: { name: status, statusCategory: { key: category } },
      created: '2026-11-01T09:00:00.000+0000',
      updated: '2026-11-10T09:00:00.000+0000',
      assignee: { accountId: 'u1', displayName: 'Priya' },
      reporter: null,
      labels: [],
      project: { key: key.split('-')[0] },
      issuelinks: [],
      customfield_10021: null,
    },
  };
}

/** A fake Jira site: fields and changelogs fixed, searches answered by `search`. */
function site(search: (url: string, body: Record<string, unknown> | undefined) => Response) {
  const calls: { url: string; body?: Record<string, unknown> }[] = [];
  const fetch: Fetch = async (url, init) => {
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
    calls.push({ url, ...(body ? { body } : {}) });
    if (/\/rest\/api\/[23]\/field$/.test(url)) return json([{ id: 'customfield_10021', name: 'Flagged' }]);
    if (url.endsWith('/rest/api/3/changelog/bulkfetch')) {
      const keys = (body?.issueIdsOrKeys as string[]) ?? [];
      // Histories come back by issue id; only PAY-2 moved to Blocked.
      const logs = keys.includes('PAY-2') ? [{ issueId: '1002', changeHistories: [{ created: '2026-11-05T10:00:00.000+0000', items: [{ fieldId: 'status', fromString: 'To Do', toString: 'Blocked' }] }] }] : [];
      return json({ issueChangeLogs: logs });
    }
    return search(url, body);
  };
  return { fetch, calls, searches: () => calls.filter((c) => c.url.includes('/search')) };
}

const ctx = (fetch: Fetch, host = HOST) => ({ fetch, host, now: NOW, blockedByLinks: ['is blocked by'] });

describe('searchJiraPage on Cloud (POST /rest/api/3/search/jql)', () => {
  // Three pages as the enhanced search answers them: a token on the first two, `isLast` on the third.
  const pages: Record<string, unknown> = {
    first: { issues: [issue('PAY-1', '1001'), issue('PAY-2', '1002')], nextPageToken: 'tok-2', isLast: false },
    'tok-2': { issues: [issue('PAY-3', '1003')], nextPageToken: 'tok-3', isLast: false },
    'tok-3': { issues: [issue('PAY-4', '1004', 'Done', 'done')], isLast: true },
  };
  const paged = () => site((url, body) => json(pages[(body?.nextPageToken as string | undefined) ?? 'first']));

  it('reads three pages by nextPageToken, each through the changelog bulk fetch', async () => {
    const { fetch, calls, searches } = paged();
    const keys: string[] = [];
    let cursor: string | undefined;
    const cursors: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await searchJiraPage('project = PAY', ctx(fetch), cursor);
      expect(page.error).toBeUndefined();
      keys.push(...page.outcome.items.keys());
      cursors.push(page.next);
      cursor = page.next;
      if (!cursor) break;
    }
    expect(cursors).toEqual(['tok-2', 'tok-3', undefined]);
    expect(keys).toEqual([`jira:${HOST}/PAY-1`, `jira:${HOST}/PAY-2`, `jira:${HOST}/PAY-3`, `jira:${HOST}/PAY-4`]);
    const requests = searches();
    expect(requests.map((c) => c.url)).toEqual(Array(3).fill(`https://${HOST}/rest/api/3/search/jql`));
    expect(requests[0]!.body).toEqual({ jql: 'project = PAY', fields: expect.arrayContaining(['summary', 'status', 'issuelinks', 'customfield_10021']), maxResults: 100 });
    expect(requests[1]!.body).toMatchObject({ nextPageToken: 'tok-2' });
    // The removed `/rest/api/3/search` is never asked.
    expect(calls.some((c) => /\/rest\/api\/3\/search(\?|$)/.test(c.url))).toBe(false);
    expect(calls.filter((c) => c.url.endsWith('/changelog/bulkfetch')).map((c) => c.body?.issueIdsOrKeys)).toEqual([['PAY-1', 'PAY-2'], ['PAY-3'], ['PAY-4']]);
  });

  it('turns a page into items with their histories, and Cloud gives no total', async () => {
    const { fetch } = paged();
    const page = await searchJiraPage('project = PAY', ctx(fetch));
    expect(page.total).toBeUndefined();
    const pay2 = page.outcome.items.get(`jira:${HOST}/PAY-2`)!;
    expect(pay2.note).toBeUndefined();
    expect(pay2.item.timeline).toContainEqual(expect.objectContaining({ type: 'status', at: '2026-11-05T10:00:00.000Z', from: 'To Do', to: 'Blocked' }));
    expect(pay2.item.signals).toMatchObject({ status: 'In Progress', flagged: false });
    expect(page.outcome.errors.size).toBe(0);
  });

  it('ends when the answer has no token even without isLast', async () => {
    const { fetch } = site(() => json({ issues: [issue('PAY-9', '1009')] }));
    const page = await searchJiraPage('project = PAY', ctx(fetch));
    expect(page.next).toBeUndefined();
    expect([...page.outcome.items.keys()]).toEqual([`jira:${HOST}/PAY-9`]);
  });

  it('says the user is logged out when Jira answers its login page with status 200', async () => {
    const { fetch } = site(() => new Response('<!DOCTYPE html><html><title>Log in with Atlassian account</title></html>', { status: 200 }));
    const page = await searchJiraPage('project = PAY', ctx(fetch));
    expect(page.error).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/logged out of Jira at acme\.atlassian\.net/) });
    expect(page.outcome.items.size).toBe(0);
    expect(page.next).toBeUndefined();
  });

  it('shows Jira’s own words for a bad JQL (400)', async () => {
    const { fetch } = site(() => json({ errorMessages: ["Field 'sprintt' does not exist or you do not have permission to view it."], errors: {} }, 400));
    const page = await searchJiraPage('sprintt = 5', ctx(fetch));
    // The team's JQL, fixed in the settings: the set-up's.
    expect(page.error).toEqual({ code: 'bad-request', message: "Jira did not accept the JQL: Field 'sprintt' does not exist or you do not have permission to view it.", setup: true });
  });

  it('says when an answer is not a search page', async () => {
    const { fetch } = site(() => json({ issues: 'nope' }));
    expect((await searchJiraPage('project = PAY', ctx(fetch))).error?.code).toBe('bad-response');
  });
});

describe('searchJiraPage on Data Center (GET /rest/api/2/search)', () => {
  const SITE = 'jira.corp.example/jira';
  // 250 matches, 100 a page; the histories come inside each issue (`expand=changelog`).
  const dcIssue = (n: number) => ({ ...issue(`OPS-${n}`, String(5000 + n)), changelog: { histories: n === 1 ? [{ created: '2026-11-03T08:00:00.000+0000', items: [{ field: 'status', fromString: 'To Do', toString: 'Blocked' }] }] : [] } });
  const dc = () =>
    site((url) => {
      const query = new URL(url).searchParams;
      const startAt = Number(query.get('startAt'));
      const count = Math.min(100, 250 - startAt);
      return json({ startAt, maxResults: 100, total: 250, issues: Array.from({ length: count }, (_, i) => dcIssue(startAt + i + 1)) });
    });

  it('pages by startAt until total, under the context path, with histories', async () => {
    const { fetch, searches } = dc();
    const first = await searchJiraPage('project = OPS ORDER BY rank', ctx(fetch, SITE));
    expect(first).toMatchObject({ next: '100', total: 250 });
    expect(first.outcome.items.get(`jira:${SITE}/OPS-1`)!.item.timeline).toContainEqual(expect.objectContaining({ type: 'status', at: '2026-11-03T08:00:00.000Z', from: 'To Do', to: 'Blocked' }));
    const second = await searchJiraPage('project = OPS ORDER BY rank', ctx(fetch, SITE), first.next);
    expect(second.next).toBe('200');
    const third = await searchJiraPage('project = OPS ORDER BY rank', ctx(fetch, SITE), second.next);
    expect(third.next).toBeUndefined();
    expect(third.outcome.items.size).toBe(50);
    const urls = searches().map((c) => new URL(c.url));
    expect(urls.map((u) => `${u.host}${u.pathname}`)).toEqual(Array(3).fill('jira.corp.example/jira/rest/api/2/search'));
    expect(urls.map((u) => u.searchParams.get('startAt'))).toEqual(['0', '100', '200']);
    expect(urls[0]!.searchParams.get('jql')).toBe('project = OPS ORDER BY rank');
    expect(urls[0]!.searchParams.get('maxResults')).toBe('100');
    expect(urls[0]!.searchParams.get('expand')).toBe('changelog');
    // A user's JQL is validated, so a typo is reported rather than silently matching nothing.
    expect(urls[0]!.searchParams.has('validateQuery')).toBe(false);
  });

  it('stops on an empty page even if total says more', async () => {
    const { fetch } = site(() => json({ startAt: 300, maxResults: 100, total: 400, issues: [] }));
    expect((await searchJiraPage('project = OPS', ctx(fetch, SITE), '300')).next).toBeUndefined();
  });

  it('shows Jira’s errorMessages for a bad JQL (400) and refuses a cursor that is not a number', async () => {
    const { fetch } = site(() => json({ errorMessages: ["The value 'NOPE' does not exist for the field 'project'."], errors: {} }, 400));
    expect((await searchJiraPage('project = NOPE', ctx(fetch, SITE))).error).toEqual({ code: 'bad-request', message: "Jira did not accept the JQL: The value 'NOPE' does not exist for the field 'project'.", setup: true });
    // A cursor FlowLens kept itself is not the settings' to fix.
    expect((await searchJiraPage('project = OPS', ctx(fetch, SITE), 'tok-2')).error).toMatchObject({ code: 'bad-request' });
    expect((await searchJiraPage('project = OPS', ctx(fetch, SITE), 'tok-2')).error?.setup).toBeUndefined();
  });
});

describe('withoutOrderBy', () => {
  it('strips a trailing ORDER BY in any case and spacing', () => {
    expect(withoutOrderBy('project = PAY ORDER BY Rank ASC')).toBe('project = PAY');
    expect(withoutOrderBy('project = PAY order   by created DESC, key')).toBe('project = PAY');
    expect(withoutOrderBy('(project = PAY)\nORDER BY rank')).toBe('(project = PAY)');
    expect(withoutOrderBy('ORDER BY created')).toBe('');
  });

  it('keeps ORDER BY inside quoted strings and inside longer words', () => {
    expect(withoutOrderBy('summary ~ "order by" AND project = PAY')).toBe('summary ~ "order by" AND project = PAY');
    expect(withoutOrderBy("summary ~ 'say \\'order by\\' now' ORDER BY key")).toBe("summary ~ 'say \\'order by\\' now'");
    expect(withoutOrderBy('labels = reorder_by_x')).toBe('labels = reorder_by_x');
    expect(withoutOrderBy('  project = PAY  ')).toBe('project = PAY');
  });
});

describe('the Sprint field', () => {
  it('is found by its type, asked for, and read onto the item in order', async () => {
    const bodies: Record<string, unknown>[] = [];
    const fetch: Fetch = async (url, init) => {
      if (url.endsWith('/rest/api/3/field')) {
        // Renamed on this site, so only the type tells; another field is named "Sprint".
        return json([
          { id: 'customfield_10021', name: 'Flagged' },
          { id: 'customfield_10099', name: 'Sprint', schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield' } },
          { id: 'customfield_10020', name: 'Iteration', schema: { type: 'array', items: 'json', custom: 'com.pyxis.greenhopper.jira:gh-sprint', customId: 10020 } },
        ]);
      }
      if (url.endsWith('/changelog/bulkfetch')) return json({ issueChangeLogs: [] });
      bodies.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
      const pay1 = issue('PAY-1', '1001');
      return json({
        issues: [{ ...pay1, fields: { ...pay1.fields, customfield_10020: [{ id: 2, name: 'Sprint 8', state: 'active', startDate: '2026-11-16T09:00:00.000Z' }, { id: 1, name: 'Sprint 7', state: 'closed', startDate: '2026-11-02T09:00:00.000Z' }] } }, issue('PAY-2', '1002')],
        isLast: true,
      });
    };
    const page = await searchJiraPage('project = PAY', ctx(fetch));
    expect(bodies[0]!.fields).toContain('customfield_10020');
    expect(bodies[0]!.fields).not.toContain('customfield_10099');
    expect(page.outcome.items.get(`jira:${HOST}/PAY-1`)!.item.sprints).toEqual(['Sprint 7', 'Sprint 8']);
    expect(page.outcome.items.get(`jira:${HOST}/PAY-2`)!.item.sprints).toBeUndefined();
  });

  it('falls back to the field named "Sprint" when no field has the sprint type', async () => {
    let asked: string[] = [];
    const fetch: Fetch = async (url) => {
      if (url.includes('/rest/api/2/field')) return json([{ id: 'customfield_10101', name: 'Sprint' }]);
      asked = (new URL(url).searchParams.get('fields') ?? '').split(',');
      return json({ startAt: 0, total: 0, issues: [] });
    };
    await searchJiraPage('project = OPS', ctx(fetch, 'jira.corp.example'));
    expect(asked).toContain('customfield_10101');
  });
});

describe('searchJiraPage on malformed histories (a team sync page)', () => {
  const good = { created: '2026-11-05T10:00:00.000+0000', items: [{ field: 'status', fieldId: 'status', fromString: 'To Do', toString: 'Blocked' }] };
  // No `toString` (a loose read finds Object.prototype.toString), `toString: 5`, a `__proto__` key.
  const badItems = `[{"field": "status", "fieldId": "status", "fromString": "To Do"}, {"field": "status", "fromString": "To Do", "toString": 5}, {"__proto__": {"toString": "Done"}, "field": "status", "fromString": "To Do"}]`;
  const badHistories = `[{"created": "2026-11-04T10:00:00.000+0000", "items": ${badItems}}, {"created": "2026-11-04T11:00:00.000+0000", "items": {"0": "status"}}]`;
  const blocked = { type: 'status', at: '2026-11-05T10:00:00.000Z', from: 'To Do', to: 'Blocked' };

  it('Data Center: skips the bad histories and items of one issue, and reads its good one and the page’s other issues', async () => {
    // The issue's changelog is written as JSON text, so the `__proto__` key reaches the provider as Jira would send it.
    const ops1 = JSON.stringify({ ...issue('OPS-1', '5001'), changelog: { histories: ['HISTORIES'] } }).replace('["HISTORIES"]', `[${badHistories.slice(1, -1)}, ${JSON.stringify(good)}]`);
    const ops2 = JSON.stringify({ ...issue('OPS-2', '5002'), changelog: { histories: [good] } });
    const { fetch } = site(() => new Response(`{"startAt": 0, "maxResults": 100, "total": 2, "issues": [${ops1}, ${ops2}]}`, { status: 200 }));
    const page = await searchJiraPage('project = OPS', ctx(fetch, 'jira.corp.example'));
    expect(page.error).toBeUndefined();
    expect([...page.outcome.items.keys()]).toEqual(['jira:jira.corp.example/OPS-1', 'jira:jira.corp.example/OPS-2']);
    for (const key of ['OPS-1', 'OPS-2']) expect(page.outcome.items.get(`jira:jira.corp.example/${key}`)!.item.timeline.filter((e) => e.type === 'status')).toMatchObject([blocked]);
  });

  it('Cloud: skips the bad histories and items of one issue in the changelog bulk fetch, and reads the rest of the page', async () => {
    const logs = `{"issueChangeLogs": [{"issueId": "1001", "changeHistories": [${badHistories.slice(1, -1)}, ${JSON.stringify(good)}]}, {"issueId": "1002", "changeHistories": [${JSON.stringify(good)}]}, {"issueId": {"id": 3}, "changeHistories": []}]}`;
    const fetch: Fetch = async (url) => {
      if (url.endsWith('/rest/api/3/field')) return json([]);
      if (url.endsWith('/rest/api/3/changelog/bulkfetch')) return new Response(logs, { status: 200 });
      return json({ issues: [issue('PAY-1', '1001'), issue('PAY-2', '1002'), issue('PAY-3', '1003')], isLast: true });
    };
    const page = await searchJiraPage('project = PAY', ctx(fetch));
    expect(page.error).toBeUndefined();
    expect(page.outcome.items.size).toBe(3);
    for (const key of ['PAY-1', 'PAY-2']) {
      const fetched = page.outcome.items.get(`jira:${HOST}/${key}`)!;
      expect(fetched.note).toBeUndefined();
      expect(fetched.item.timeline.filter((e) => e.type === 'status')).toMatchObject([blocked]);
    }
  });
});
