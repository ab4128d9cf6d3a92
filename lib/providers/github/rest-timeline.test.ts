import type { components, paths } from '@octokit/openapi-types';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { fastestMs } from '../../../tests/support/timing';
import type { GithubRef } from '../../item-key';
import type { Fetch } from '../http';
import { fetchRestHistory, historyEvents, historyGap, linkPages, restHistoryEvents, type HistoryPage } from './rest-timeline';

// The fields read are GitHub's REST description's (@octokit/openapi-types), checked at type-check
// time: the timeline answers `timeline-issue-events`, the reviews `pull-request-review`.
type Schemas = components['schemas'];
type Timeline = paths['/repos/{owner}/{repo}/issues/{issue_number}/timeline']['get'];
type Reviews = paths['/repos/{owner}/{repo}/pulls/{pull_number}/reviews']['get'];
type RepoEvents = paths['/repos/{owner}/{repo}/issues/events']['get'];

describe('the REST description of what the reader reads', () => {
  it('has the timeline answer timeline events, page by page', () => {
    expectTypeOf<Timeline['responses'][200]['content']['application/json']>().toEqualTypeOf<Schemas['timeline-issue-events'][]>();
    expectTypeOf<NonNullable<Timeline['parameters']['query']>['per_page']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Reviews['responses'][200]['content']['application/json']>().toEqualTypeOf<Schemas['pull-request-review'][]>();
    expectTypeOf<RepoEvents['responses'][200]['content']['application/json']>().toEqualTypeOf<Schemas['issue-event'][]>();
  });

  it('has the fields of each event read', () => {
    expectTypeOf<Schemas['labeled-issue-event']['label']['name']>().toEqualTypeOf<string>();
    expectTypeOf<Schemas['labeled-issue-event']['created_at']>().toEqualTypeOf<string>();
    expectTypeOf<Schemas['timeline-reviewed-event']['state']>().toEqualTypeOf<string>();
    expectTypeOf<Schemas['timeline-reviewed-event']['submitted_at']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Schemas['timeline-reviewed-event']['user']['login']>().toEqualTypeOf<string>();
    expectTypeOf<Schemas['pull-request-review']['user']>().toEqualTypeOf<Schemas['nullable-simple-user']>();
    expectTypeOf<Schemas['review-requested-issue-event']['requested_reviewer']>().toEqualTypeOf<Schemas['simple-user'] | undefined>();
    expectTypeOf<Schemas['review-requested-issue-event']['requested_team']>().toEqualTypeOf<Schemas['team'] | undefined>();
    expectTypeOf<Schemas['team']['slug']>().toEqualTypeOf<string>();
    expectTypeOf<Schemas['timeline-assigned-issue-event']['assignee']>().toEqualTypeOf<Schemas['simple-user']>();
    expectTypeOf<Schemas['timeline-committed-event']['committer']['date']>().toEqualTypeOf<string>();
    expectTypeOf<Schemas['blocked-by-added-issue-event']['blocked_by']>().toEqualTypeOf<Schemas['nullable-issue-reference']>();
    expectTypeOf<Schemas['blocked-by-removed-issue-event']['blocked_by']>().toEqualTypeOf<Schemas['nullable-issue-reference']>();
    expectTypeOf<NonNullable<Schemas['nullable-issue-reference']>['number']>().toEqualTypeOf<number>();
    expectTypeOf<NonNullable<Schemas['nullable-issue-reference']>['repository']['full_name']>().toEqualTypeOf<string>();
  });
});

// Hand-written elements in the shapes above (only the fields read, plus an `actor` and an `id`
// as GitHub sends them), for github.com unless said otherwise.
const user = (login: string) => ({ login, id: 1, url: `https://api.github.com/users/${login}`, html_url: `https://github.com/${login}` });
const at = (hhmm: string) => `2026-11-20T${hhmm}:00Z`;
const blockedBy = (event: 'blocked_by_added' | 'blocked_by_removed', time: string, number: number, fullName = 'octo-org/api', state = 'open') => ({
  id: 9, event, actor: user('carol'), created_at: time,
  blocked_by: { number, title: `Blocker ${number}`, state, repository: { full_name: fullName, name: fullName.split('/')[1], html_url: `https://elsewhere.example/${fullName}` } },
});

describe('restHistoryEvents', () => {
  it('reads every event type FlowLens reads, in order, people as the GraphQL path makes them', () => {
    const elements = [
      { id: 1, event: 'labeled', actor: user('Alice'), created_at: at('09:00'), label: { name: 'Blocked', color: 'ff0000' } },
      { id: 2, event: 'unlabeled', actor: user('Alice'), created_at: at('09:30'), label: { name: 'Blocked', color: 'ff0000' } },
      { id: 3, event: 'review_requested', actor: user('carol'), created_at: at('10:00'), review_requester: user('carol'), requested_reviewer: user('Bob') },
      { id: 4, event: 'review_requested', actor: user('carol'), created_at: at('10:00'), review_requester: user('carol'), requested_team: { slug: 'Platform', name: 'Platform team', html_url: 'https://github.com/orgs/octo-org/teams/platform' } },
      { id: 5, event: 'review_request_removed', actor: user('carol'), created_at: at('10:05'), review_requester: user('carol'), requested_team: { slug: 'platform', name: 'Platform team' } },
      { id: 6, event: 'reviewed', user: user('BOB'), state: 'changes_requested', submitted_at: at('11:00'), commit_id: 'abc' },
      { event: 'committed', sha: 'def', committer: { name: 'Carol', email: 'c@example.com', date: '2026-11-20T12:30:00+01:00' }, author: { date: '2026-11-20T11:15:00Z' } },
      { id: 7, event: 'convert_to_draft', actor: user('carol'), created_at: at('12:00') },
      { id: 8, event: 'ready_for_review', actor: user('carol'), created_at: at('12:10') },
      { id: 9, event: 'assigned', actor: user('carol'), created_at: at('12:20'), assignee: user('Dan') },
      { id: 10, event: 'merged', actor: user('carol'), created_at: at('13:00'), commit_id: 'def' },
      { id: 11, event: 'closed', actor: user('carol'), created_at: at('13:00'), state_reason: null },
      { id: 12, event: 'reopened', actor: user('carol'), created_at: at('14:00') },
    ];
    // Each cited on the page given: an event at `#event-<id>`, a review at `#pullrequestreview-<id>`
    // (GitHub's own `html_url` of a review reads so), the commit (no id) on the page; by its actor.
    const page = 'https://github.com/octo-org/api/issues/7';
    const alice = { id: 'alice', name: 'Alice', url: 'https://github.com/Alice' };
    const carol = { id: 'carol', name: 'carol', url: 'https://github.com/carol' };
    const on = (id: number) => `${page}#event-${id}`;
    expect(restHistoryEvents('github.com', elements, page)).toEqual([
      { type: 'labeled', at: at('09:00'), label: 'Blocked', by: alice, url: on(1) },
      { type: 'unlabeled', at: at('09:30'), label: 'Blocked', by: alice, url: on(2) },
      { type: 'review-requested', at: at('10:00'), reviewer: { id: 'bob', name: 'Bob', url: 'https://github.com/Bob' }, by: carol, url: on(3) },
      { type: 'review-requested', at: at('10:00'), reviewer: { id: 'team:platform', name: 'Platform team', url: 'https://github.com/orgs/octo-org/teams/platform' }, by: carol, url: on(4) },
      { type: 'review-request-removed', at: at('10:05'), reviewer: { id: 'team:platform', name: 'Platform team' }, by: carol, url: on(5) },
      { type: 'reviewed', at: at('11:00'), by: { id: 'bob', name: 'BOB', url: 'https://github.com/BOB' }, verdict: 'changes-requested', url: `${page}#pullrequestreview-6` },
      // The committer's date, as the GraphQL path uses `committedDate`, with its offset as sent.
      { type: 'commit', at: '2026-11-20T12:30:00+01:00', sha: 'def', url: page },
      { type: 'converted-to-draft', at: at('12:00'), by: carol, url: on(7) },
      { type: 'ready-for-review', at: at('12:10'), by: carol, url: on(8) },
      { type: 'assigned', at: at('12:20'), to: { id: 'dan', name: 'Dan', url: 'https://github.com/Dan' }, by: carol, url: on(9) },
      { type: 'merged', at: at('13:00'), by: carol, url: on(10) },
      { type: 'closed', at: at('13:00'), by: carol, url: on(11) },
      { type: 'reopened', at: at('14:00'), by: carol, url: on(12) },
    ]);
    // Without the page, who made each is still read, and no place is made up.
    expect(restHistoryEvents('github.com', elements).every((e) => e.url === undefined)).toBe(true);
  });

  it('reads review states upper- or lower-case, from the timeline or GET /pulls/{n}/reviews, and leaves a pending review out', () => {
    const review = (state: string, event?: string) => ({ id: 1, user: user('bob'), state, submitted_at: at('11:00'), ...(event ? { event } : {}) });
    const verdicts = (elements: unknown[]) => restHistoryEvents('github.com', elements).map((e) => (e.type === 'reviewed' ? e.verdict : e.type));
    expect(verdicts(['CHANGES_REQUESTED', 'APPROVED', 'COMMENTED', 'DISMISSED', 'PENDING'].map((s) => review(s)))).toEqual(['changes-requested', 'approved', 'commented', 'dismissed']);
    expect(verdicts(['changes_requested', 'approved', 'commented', 'dismissed', 'pending'].map((s) => review(s, 'reviewed')))).toEqual(['changes-requested', 'approved', 'commented', 'dismissed']);
  });

  it('skips what it does not read and what does not fit, and keeps the rest', () => {
    const elements = [
      null,
      42,
      'labeled',
      { event: 5, created_at: at('09:00') },
      { event: 'commented', actor: user('bob'), created_at: at('09:00'), body: 'LGTM' },
      { event: 'head_ref_force_pushed', actor: user('bob'), created_at: at('09:00') },
      { event: 'labeled', created_at: at('09:00') }, // no label
      { event: 'labeled', created_at: 'yesterday', label: { name: 'blocked' } }, // unreadable time
      { event: 'closed', created_at: '2026-11-20T09:00:00' }, // a time without a zone is not guessed at
      { event: 'assigned', created_at: at('09:00'), assignee: null }, // a deleted account
      { event: 'review_requested', created_at: at('09:00'), requested_reviewer: null }, // nobody named
      { event: 'reviewed', state: 'approved', user: null, submitted_at: at('09:00') },
      { event: 'reviewed', state: 'approved', user: user('bob') }, // never submitted
      { state: 'APPROVED', user: user(''), submitted_at: at('09:00') }, // an empty login
      { event: 'blocked_by_added', created_at: at('09:00'), blocked_by: null },
      { event: 'labeled', created_at: at('10:00'), label: { name: 'blocked' } },
    ];
    expect(restHistoryEvents('github.com', elements)).toEqual([{ type: 'labeled', at: at('10:00'), label: 'blocked' }]);
  });

  it('keys native dependencies on the host asked, from the repository name, never from a URL in the answer', () => {
    const elements = [
      blockedBy('blocked_by_added', at('09:00'), 3),
      blockedBy('blocked_by_added', at('09:10'), 8, 'platform/infra', 'closed'),
      blockedBy('blocked_by_removed', at('10:00'), 3),
      blockedBy('blocked_by_added', at('11:00'), 4, 'not a repository'),
      { ...blockedBy('blocked_by_added', at('11:00'), 5), blocked_by: { ...blockedBy('blocked_by_added', at('11:00'), 5).blocked_by, state: 'merged' } },
    ];
    const carol = { id: 'carol', name: 'carol', url: 'https://github.com/carol' };
    expect(restHistoryEvents('git.corp.example', elements)).toEqual([
      { type: 'link-added', at: at('09:00'), link: { key: 'github:git.corp.example/octo-org/api#3', kind: 'blocked-by', open: true }, by: carol },
      { type: 'link-added', at: at('09:10'), link: { key: 'github:git.corp.example/platform/infra#8', kind: 'blocked-by', open: false }, by: carol },
      { type: 'link-removed', at: at('10:00'), key: 'github:git.corp.example/octo-org/api#3', by: carol },
      // A state other than open or closed says nothing of whether it blocks.
      { type: 'link-added', at: at('11:00'), link: { key: 'github:git.corp.example/octo-org/api#5', kind: 'blocked-by' }, by: carol },
    ]);
  });
});

describe('linkPages', () => {
  it('reads the next and last page numbers of a link header, and nothing else of its URLs', () => {
    // GitHub's documented form: https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
    const header = '<https://api.github.com/repositories/1300192/issues/9/timeline?per_page=100&page=2>; rel="next", <https://api.github.com/repositories/1300192/issues/9/timeline?per_page=100&page=7>; rel="last"';
    expect(linkPages(header)).toEqual({ next: 2, last: 7 });
    expect(linkPages('<https://api.github.com/x?page=1>; rel="prev", <https://api.github.com/x?page=1>; rel="first"')).toEqual({});
    expect(linkPages('<not a url>; rel="last", <https://api.github.com/x?page=abc>; rel="next"')).toEqual({});
    expect(linkPages(null)).toEqual({});
  });

  // Timed like the Jira sprint strings (lib/providers/jira/sprints.test.ts): the fastest of five
  // runs under 10 ms. Unanchored, the pattern tried every `<` as a start and ran to the end from
  // each: 140-290 ms for 20,000 of them, and a header may hold 256 KB.
  it('reads a link part of 20,000 `<` in under 10 ms, and the well-formed parts beside it', () => {
    const header = `${'<'.repeat(20_000)}, <https://api.github.com/x?page=3>; rel="last"`;
    expect(fastestMs(() => linkPages(header))).toBeLessThan(10);
    expect(linkPages(header)).toEqual({ last: 3 });
  });
});

describe('fetchRestHistory', () => {
  const ref: GithubRef = { source: 'github', host: 'github.com', owner: 'octo-org', repo: 'api', number: 9 };
  const base = 'https://api.github.com/repos/octo-org/api/issues/9/timeline?per_page=100';
  const labeled = (minute: number) => ({ event: 'labeled', created_at: `2026-11-20T09:${String(minute).padStart(2, '0')}:00Z`, label: { name: `l${minute}` } });
  const comments = (n: number) => Array.from({ length: n }, () => ({ event: 'commented', created_at: '2026-11-20T08:00:00Z' }));
  const link = (next: number | undefined, last: number | undefined) =>
    [next && `<https://api.github.com/repositories/1/issues/9/timeline?per_page=100&page=${next}>; rel="next"`, last && `<https://api.github.com/repositories/1/issues/9/timeline?per_page=100&page=${last}>; rel="last"`].filter(Boolean).join(', ');

  /** A GitHub timeline of `pages` (page number → elements and link header), with ETags; every request recorded. */
  function github(pages: Map<number, { elements: unknown[]; link?: string }>) {
    const asked: { url: string; etag: string | null; status: number }[] = [];
    const fetch: Fetch = async (url, init) => {
      const page = Number(new URL(url).searchParams.get('page') ?? '1');
      const etag = new Headers(init?.headers).get('if-none-match');
      const answer = pages.get(page) ?? { elements: [] };
      const tag = `W/"p${page}-${answer.elements.length}"`;
      const status = etag === tag ? 304 : 200;
      asked.push({ url, etag, status });
      if (status === 304) return new Response(null, { status, headers: { etag: tag } });
      return new Response(JSON.stringify(answer.elements), { status, headers: { etag: tag, ...(answer.link ? { link: answer.link } : {}) } });
    };
    return { fetch, asked };
  }
  const ctx = (fetch: Fetch) => ({ fetch, rest: 'https://api.github.com', headers: {}, now: 0 });

  it('reads a short history in one request, and asks it again with its ETag: a 304 reuses it', async () => {
    const api = github(new Map([[1, { elements: [labeled(1), ...comments(3)] }]]));
    const first = await fetchRestHistory(ref, ctx(api.fetch));
    // Seen on the item's page built from its key (GitHub shows a pull request's page there too).
    expect(historyEvents(first.history!)).toEqual([{ type: 'labeled', at: '2026-11-20T09:01:00Z', label: 'l1', url: 'https://github.com/octo-org/api/issues/9' }]);
    expect(historyGap(first.history!)).toBeUndefined();
    const second = await fetchRestHistory(ref, { ...ctx(api.fetch), previous: first.history! });
    expect(api.asked).toEqual([{ url: base, etag: null, status: 200 }, { url: base, etag: 'W/"p1-4"', status: 304 }]);
    expect(second.history).toEqual(first.history);
  });

  it('reads the first and the last page of a long history, and says the middle was not read', async () => {
    const api = github(new Map([
      [1, { elements: [labeled(1), ...comments(99)], link: link(2, 4) }],
      [4, { elements: [labeled(4), ...comments(9)], link: '' }],
    ]));
    const { history } = await fetchRestHistory(ref, ctx(api.fetch));
    expect(api.asked.map((a) => a.url)).toEqual([base, `${base}&page=4`]);
    expect(historyEvents(history!).map((e) => e.type === 'labeled' && e.label)).toEqual(['l1', 'l4']);
    expect(historyGap(history!)).toMatch(/^The middle of this item’s long history was not read/);
  });

  it('reads both pages of a two-page history, with nothing left out', async () => {
    const api = github(new Map([[1, { elements: comments(100), link: link(2, 2) }], [2, { elements: [labeled(2)] }]]));
    const { history } = await fetchRestHistory(ref, ctx(api.fetch));
    expect(api.asked).toHaveLength(2);
    expect(historyGap(history!)).toBeUndefined();
  });

  it('reads only page 1 when the link names a next page but no last one, and says so', async () => {
    const api = github(new Map([[1, { elements: [labeled(1), ...comments(99)], link: link(2, undefined) }]]));
    const { history } = await fetchRestHistory(ref, ctx(api.fetch));
    expect(api.asked).toHaveLength(1);
    expect(historyGap(history!)).toMatch(/^Only part of this item’s long history was read/);
  });

  it('after an unchanged page 1, asks the newest page read before again, and sees what was added to it', async () => {
    const pages = new Map([[1, { elements: comments(100), link: link(2, 3) }], [3, { elements: [labeled(3)] }]]);
    const api = github(pages);
    const first = await fetchRestHistory(ref, ctx(api.fetch));
    pages.set(3, { elements: [labeled(3), labeled(33)] });
    const second = await fetchRestHistory(ref, { ...ctx(api.fetch), previous: first.history! });
    // Page 1 is full and unchanged (304); page 3 changed (200) and is read again.
    expect(api.asked.slice(2)).toEqual([{ url: base, etag: 'W/"p1-100"', status: 304 }, { url: `${base}&page=3`, etag: 'W/"p3-1"', status: 200 }]);
    expect(historyEvents(second.history!).map((e) => e.type === 'labeled' && e.label)).toEqual(['l3', 'l33']);
    const third = await fetchRestHistory(ref, { ...ctx(api.fetch), previous: second.history! });
    expect(api.asked.slice(4).map((a) => a.status)).toEqual([304, 304]);
    expect(third.history).toEqual(second.history);
  });

  it('after an unchanged full page, asks the page after it, where new events land', async () => {
    const pages = new Map<number, { elements: unknown[]; link?: string }>([[1, { elements: [labeled(1), ...comments(99)] }]]);
    const api = github(pages);
    const first = await fetchRestHistory(ref, ctx(api.fetch));
    // Exactly 100 events and no link: one page, whole. A 101st lands on page 2; page 1 stays as it was.
    const second = await fetchRestHistory(ref, { ...ctx(api.fetch), previous: first.history! });
    expect(api.asked.slice(1)).toEqual([{ url: base, etag: 'W/"p1-100"', status: 304 }, { url: `${base}&page=2`, etag: null, status: 200 }]);
    expect(historyEvents(second.history!)).toEqual(historyEvents(first.history!)); // page 2 is still empty
    pages.set(2, { elements: [labeled(2)] });
    const third = await fetchRestHistory(ref, { ...ctx(api.fetch), previous: second.history! });
    expect(api.asked.slice(3)).toEqual([{ url: base, etag: 'W/"p1-100"', status: 304 }, { url: `${base}&page=2`, etag: 'W/"p2-0"', status: 200 }]);
    expect(historyEvents(third.history!).map((e) => e.type === 'labeled' && e.label)).toEqual(['l1', 'l2']);
    expect(historyGap(third.history!)).toBeUndefined();
  });

  it('follows a page that is no longer the last to the page its link names last', async () => {
    const pages = new Map([[1, { elements: comments(100), link: link(2, 2) }], [2, { elements: [labeled(2)] }]]);
    const api = github(pages);
    const first = await fetchRestHistory(ref, ctx(api.fetch));
    pages.set(2, { elements: [labeled(2), ...comments(99)], link: link(3, 5) });
    pages.set(5, { elements: [labeled(5)] });
    const second = await fetchRestHistory(ref, { ...ctx(api.fetch), previous: first.history! });
    expect(api.asked.slice(2).map((a) => [a.url, a.status])).toEqual([[base, 304], [`${base}&page=2`, 200], [`${base}&page=5`, 200]]);
    expect(second.history!.pages.map((p: HistoryPage) => p.page)).toEqual([1, 2, 5]);
    expect(historyGap(second.history!)).toMatch(/^The middle/);
  });

  it('gives no history when page 1 is not a list, and keeps the pages read before when a newer page fails', async () => {
    const notList: Fetch = async () => new Response('{"message":"Moved Permanently"}', { status: 200 });
    expect((await fetchRestHistory(ref, ctx(notList))).history).toBeUndefined();
    const api = github(new Map([[1, { elements: comments(100), link: link(2, 3) }], [3, { elements: [labeled(3)] }]]));
    const first = await fetchRestHistory(ref, ctx(api.fetch));
    const failing: Fetch = async (url, init) => (url.includes('page=3') ? new Response('{"message":"Not Found"}', { status: 404 }) : api.fetch(url, init));
    const second = await fetchRestHistory(ref, { ...ctx(failing), previous: first.history! });
    expect(second.history).toEqual(first.history);
  });

  it('says to stop after a rate limit', async () => {
    const limited: Fetch = async () => new Response('{"message":"API rate limit exceeded"}', { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1893456000' } });
    // Asked half an hour before the reset: a reset more than an hour away is held as an hour (http.ts).
    expect(await fetchRestHistory(ref, { ...ctx(limited), now: 1_893_456_000_000 - 1_800_000 })).toEqual({ rate: { remaining: 0, resetAt: 1_893_456_000_000 }, stop: true });
  });
});
