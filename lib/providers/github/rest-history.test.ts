/**
 * The no-token path with history: fetchGithubItems reads an item page's timeline over REST, and
 * what that costs in requests. GitHub is a hand-written fake here (answers in the REST shapes of
 * rest-timeline.test.ts), with ETags and 304s as GitHub sends them; every request is recorded.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createFlowService } from '../../background/flow-service';
import { analyzeItem } from '../../flow/analyze';
import { defaultFlowSettings } from '../../flow/flow-settings';
import type { GithubRef } from '../../item-key';
import { FlowCache } from '../../storage/cache';
import { memoryRecordStore } from '../../storage/record-store';
import { DEFAULT_SETTINGS, NO_SECRETS } from '../../storage/settings';
import type { Fetch } from '../http';
import { DETAIL_LIMIT, fetchGithubItems, PUBLIC_ONLY } from './fetch-items';
import { restIssue } from './schema';
import { restToItem } from './to-work-item';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const ref = (number: number): GithubRef => ({ source: 'github', host: 'github.com', owner: 'octo-org', repo: 'api', number });
const user = (login: string) => ({ login, url: `https://api.github.com/users/${login}`, html_url: `https://github.com/${login}` });

// Hand-written: PR #8, opened by carol on 16 Nov 09:00; bob asked to review at 10:00, asked for
// changes on 17 Nov 15:30, and has not reviewed since.
const pr8 = {
  number: 8, title: 'Retry webhooks', html_url: 'https://github.com/octo-org/api/pull/8', state: 'open', created_at: '2026-11-16T09:00:00Z',
  closed_at: null, draft: false, user: user('carol'), assignees: [], labels: [], pull_request: { merged_at: null },
};
const pr8Timeline = [
  { id: 1, event: 'review_requested', actor: user('carol'), created_at: '2026-11-16T10:00:00Z', review_requester: user('carol'), requested_reviewer: user('bob') },
  { id: 2, event: 'commented', actor: user('carol'), created_at: '2026-11-16T11:00:00Z', body: 'Ready when you are' },
  { id: 3, event: 'reviewed', user: user('bob'), state: 'changes_requested', submitted_at: '2026-11-17T15:30:00Z', commit_id: 'a1' },
];
// Hand-written: issue #13, opened on 10 Nov 08:00, labelled "blocked" on 12 Nov 09:15 and made
// blocked by octo-org/api#3 on 13 Nov 10:00 (GitHub's native dependency), both still so.
const issue13 = {
  number: 13, title: 'Payments page', html_url: 'https://github.com/octo-org/api/issues/13', state: 'open', created_at: '2026-11-10T08:00:00Z',
  closed_at: null, user: user('dan'), assignees: [], labels: [{ name: 'blocked' }],
};
const issue13Timeline = [
  { id: 4, event: 'labeled', actor: user('dan'), created_at: '2026-11-12T09:15:00Z', label: { name: 'blocked', color: 'b60205' } },
  { id: 5, event: 'blocked_by_added', actor: user('dan'), created_at: '2026-11-13T10:00:00Z', blocked_by: { number: 3, title: 'Schema', state: 'open', repository: { full_name: 'octo-org/api' } } },
];
const blocker3 = [{ number: 3, title: 'Schema', html_url: 'https://github.com/octo-org/api/issues/3', state: 'open' }];

/** A REST GitHub over `answers` (path after /repos/octo-org/api/issues/ → body), with an ETag per body. */
function github(answers: Map<string, unknown>) {
  const requests: { path: string; conditional: boolean; status: number }[] = [];
  const fetch: Fetch = async (url, init) => {
    const { pathname } = new URL(url);
    const path = pathname.replace('/repos/octo-org/api/issues/', '');
    const body = answers.has(path) ? answers.get(path) : /\/(dependencies|sub_issues)/.test(path) ? [] : undefined;
    const sent = new Headers(init?.headers).get('if-none-match');
    if (body === undefined) {
      requests.push({ path, conditional: sent !== null, status: 404 });
      return new Response('{"message":"Not Found"}', { status: 404 });
    }
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const etag = `W/"${text.length}-${[...text].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7)}"`;
    const status = sent === etag ? 304 : 200;
    requests.push({ path, conditional: sent !== null, status });
    return new Response(status === 304 ? null : text, { status, headers: { etag, 'content-type': typeof body === 'string' ? 'text/html' : 'application/json' } });
  };
  return { fetch, requests };
}

const settings = defaultFlowSettings;

describe('a no-token refresh of an item page reads its timeline', () => {
  it('PR page: 2 requests cold (issue, timeline), the same 2 answered 304 when asked again; the change request makes it failing', async () => {
    const api = github(new Map<string, unknown>([['8', pr8], ['8/timeline', pr8Timeline]]));
    const first = await fetchGithubItems([ref(8)], { fetch: api.fetch, host: 'github.com', now: NOW });
    // Before this change the same refresh made 1 request (the issue).
    expect(api.requests).toEqual([{ path: '8', conditional: false, status: 200 }, { path: '8/timeline', conditional: false, status: 200 }]);
    const got = first.items.get('github:octo-org/api#8')!;
    expect(got.note).toBe(PUBLIC_ONLY);
    const analysis = analyzeItem(got.item, { settings }, NOW);
    // bob was asked at 16 Nov 10:00 and answered with a change request at 17 Nov 15:30: waiting
    // 29 h 30 min, then failing until now (20 Nov 12:00): 2 d 20 h 30 min = 246 600 s.
    expect(analysis).toMatchObject({ state: 'failing', since: '2026-11-17T15:30:00.000Z', causeText: 'Needs the author since Tue 17 Nov: changes requested by @bob.' });
    expect(analysis.intervals.map((i) => [i.state, i.start, i.end, i.durationMs / 1000])).toEqual([
      ['waiting', '2026-11-16T10:00:00.000Z', '2026-11-17T15:30:00.000Z', 29.5 * 3600],
      ['failing', '2026-11-17T15:30:00.000Z', undefined, 246_600],
    ]);
    // The same PR from its issue answer alone (what FlowLens read before): not enough to tell.
    expect(analyzeItem(restToItem(ref(8), v.parse(restIssue, pr8)), { settings }, NOW).state).toBe('unknown');

    const second = await fetchGithubItems([ref(8)], { fetch: api.fetch, host: 'github.com', now: NOW, previous: first.items });
    expect(api.requests.slice(2)).toEqual([{ path: '8', conditional: true, status: 304 }, { path: '8/timeline', conditional: true, status: 304 }]);
    expect(second.items.get('github:octo-org/api#8')).toEqual(got);
  });

  it('issue page: 5 requests cold (issue, timeline and the three relations); the label has its since, the native blocker its time', async () => {
    const api = github(new Map<string, unknown>([['13', issue13], ['13/timeline', issue13Timeline], ['13/dependencies/blocked_by', blocker3]]));
    const { items } = await fetchGithubItems([ref(13)], { fetch: api.fetch, host: 'github.com', now: NOW });
    // Before this change: 4 (the issue and its relations blocked_by, blocking, sub_issues).
    expect(api.requests.map((r) => r.path).sort()).toEqual(['13', '13/dependencies/blocked_by', '13/dependencies/blocking', '13/sub_issues', '13/timeline']);
    const item = items.get('github:octo-org/api#13')!.item;
    expect(item.upstream).toEqual([{ key: 'github:octo-org/api#3', kind: 'blocked-by', title: 'Schema', url: 'https://github.com/octo-org/api/issues/3', open: true, at: '2026-11-13T10:00:00Z' }]);
    const analysis = analyzeItem(item, { settings }, NOW);
    // Blocked by its label since 12 Nov 09:15, and by #3 too since 13 Nov 10:00: one interval,
    // open, 8 d 2 h 45 min to now = 701 100 s.
    expect(analysis).toMatchObject({ state: 'blocked', since: '2026-11-12T09:15:00.000Z' });
    expect(analysis.causes.map((c) => c.kind)).toEqual(['blocking-label', 'blocked-by']);
    expect(analysis.intervals.map((i) => [i.state, i.start, i.end, i.durationMs / 1000])).toEqual([['blocked', '2026-11-12T09:15:00.000Z', undefined, 701_100]]);
  });

  it('keeps the cached events when the timeline answers 304, though the issue itself changed', async () => {
    const answers = new Map<string, unknown>([['8', pr8], ['8/timeline', pr8Timeline]]);
    const api = github(answers);
    const first = await fetchGithubItems([ref(8)], { fetch: api.fetch, host: 'github.com', now: NOW });
    answers.set('8', { ...pr8, title: 'Retry webhooks with backoff' });
    const second = await fetchGithubItems([ref(8)], { fetch: api.fetch, host: 'github.com', now: NOW, previous: first.items });
    expect(api.requests.slice(2).map((r) => [r.path, r.status])).toEqual([['8', 200], ['8/timeline', 304]]);
    const before = first.items.get('github:octo-org/api#8')!;
    const after = second.items.get('github:octo-org/api#8')!;
    expect(after.item.title).toBe('Retry webhooks with backoff');
    expect(after.item.timeline).toEqual(before.item.timeline);
    expect(after.item.timeline.map((e) => e.type)).toEqual(['created', 'review-requested', 'reviewed']);
    expect(after.history).toEqual(before.history);
  });

  it(`reads no timeline for a list (more than ${DETAIL_LIMIT} items): one request per item`, async () => {
    const numbers = [8, 9, 10, 11];
    const api = github(new Map<string, unknown>(numbers.flatMap((n) => [[String(n), { ...pr8, number: n }], [`${n}/timeline`, pr8Timeline]])));
    const { items } = await fetchGithubItems(numbers.map(ref), { fetch: api.fetch, host: 'github.com', now: NOW });
    expect(api.requests.map((r) => r.path)).toEqual(['8', '9', '10', '11']);
    expect([...items.values()].every((got) => got.item.timeline.length === 1 && got.history === undefined)).toBe(true);
  });

  it('leaves the item as it was, without throwing, when the timeline answer is not a list', async () => {
    const api = github(new Map<string, unknown>([['8', pr8], ['8/timeline', { message: 'Something went wrong' }]]));
    const { items, errors } = await fetchGithubItems([ref(8)], { fetch: api.fetch, host: 'github.com', now: NOW });
    const got = items.get('github:octo-org/api#8')!;
    expect(errors.size).toBe(0);
    expect(got.item).toEqual(restToItem(ref(8), v.parse(restIssue, pr8)));
    expect(got.note).toBe(PUBLIC_ONLY);
    expect(got.history).toBeUndefined();
  });

  it('keeps the history read before when the timeline later answers an HTML page', async () => {
    const answers = new Map<string, unknown>([['8', pr8], ['8/timeline', pr8Timeline]]);
    const api = github(answers);
    const first = await fetchGithubItems([ref(8)], { fetch: api.fetch, host: 'github.com', now: NOW });
    answers.set('8/timeline', '<!DOCTYPE html><html>Unicorn!</html>');
    const second = await fetchGithubItems([ref(8)], { fetch: api.fetch, host: 'github.com', now: NOW, previous: first.items });
    expect(second.errors.size).toBe(0);
    expect(second.items.get('github:octo-org/api#8')).toEqual(first.items.get('github:octo-org/api#8'));
  });

  it('says in the note, after the public-data words, that the middle of a long history was not read', async () => {
    const comments = Array.from({ length: 99 }, (_, i) => ({ id: 100 + i, event: 'commented', created_at: '2026-11-16T12:00:00Z' }));
    const pages = new Map<number, unknown[]>([[1, [...pr8Timeline.slice(0, 1), ...comments]], [3, pr8Timeline.slice(2)]]);
    const links = '<https://api.github.com/repositories/1/issues/8/timeline?per_page=100&page=2>; rel="next", <https://api.github.com/repositories/1/issues/8/timeline?per_page=100&page=3>; rel="last"';
    const asked: string[] = [];
    const fetch: Fetch = async (url) => {
      asked.push(url);
      if (!url.includes('/timeline')) return new Response(JSON.stringify(pr8), { status: 200 });
      const page = Number(new URL(url).searchParams.get('page') ?? '1');
      return new Response(JSON.stringify(pages.get(page) ?? []), { status: 200, headers: page === 1 ? { link: links } : {} });
    };
    const got = (await fetchGithubItems([ref(8)], { fetch, host: 'github.com', now: NOW })).items.get('github:octo-org/api#8')!;
    expect(asked).toEqual([
      'https://api.github.com/repos/octo-org/api/issues/8',
      'https://api.github.com/repos/octo-org/api/issues/8/timeline?per_page=100',
      'https://api.github.com/repos/octo-org/api/issues/8/timeline?per_page=100&page=3',
    ]);
    expect(got.note).toBe(`${PUBLIC_ONLY} The middle of this item’s long history was not read, only its oldest and newest events: past intervals may be incomplete.`);
    expect(got.item.timeline.map((e) => e.type)).toEqual(['created', 'review-requested', 'reviewed']);
  });
});

describe('what the background asks, with the timeline', () => {
  function service(fetch: Fetch) {
    let now = NOW;
    const cache = new FlowCache(memoryRecordStore());
    const flow = createFlowService({ cache: async () => cache, fetch, now: () => now, loadSettings: async () => DEFAULT_SETTINGS, loadSecrets: async () => NO_SECRETS });
    return { flow, advance: (ms: number) => (now += ms) };
  }

  it('asks 2 requests for a PR page cold, 0 while it is fresh, 2 conditional ones (both 304) once it is stale', async () => {
    const api = github(new Map<string, unknown>([['8', pr8], ['8/timeline', pr8Timeline]]));
    const { flow, advance } = service(api.fetch);
    const { views } = await flow.refresh([ref(8)]);
    expect(views[0]).toMatchObject({ state: 'failing', since: '2026-11-17T15:30:00.000Z' });
    expect(api.requests).toHaveLength(2);
    expect((await flow.cached([ref(8)])).stale).toEqual([]);
    await flow.refresh([ref(8)]);
    expect(api.requests).toHaveLength(2);
    advance(DEFAULT_SETTINGS.cacheTtlMinutes * 60_000);
    await flow.refresh([ref(8)]);
    expect(api.requests.slice(2)).toEqual([{ path: '8', conditional: true, status: 304 }, { path: '8/timeline', conditional: true, status: 304 }]);
  });

  it('asks 5 requests for an open issue page cold, and says since when it is blocked', async () => {
    const api = github(new Map<string, unknown>([['13', issue13], ['13/timeline', issue13Timeline], ['13/dependencies/blocked_by', blocker3]]));
    const { flow } = service(api.fetch);
    const { views } = await flow.refresh([ref(13)]);
    expect(api.requests).toHaveLength(5);
    expect(views[0]).toMatchObject({ state: 'blocked', since: '2026-11-12T09:15:00.000Z', blockers: 1 });
  });
});
