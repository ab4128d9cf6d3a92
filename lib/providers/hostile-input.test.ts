/**
 * Hostile and broken API answers, end to end through each provider: whatever GitHub or Jira
 * (or something pretending to be them) answers, the call never throws, every asked key gets an
 * item or an error a user can act on, nothing is made up from a bad answer and nothing of it is
 * remembered. Waits are injected through the provider context (`pacing`), so retries take no
 * time and each wait is recorded; only the 15 s timeout runs on fake timers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GithubRef, JiraRef } from '../item-key';
import { checkGithubToken } from './github/check-token';
import { fetchGithubItems } from './github/fetch-items';
import { searchMentioningPulls } from './github/search-mentions';
import { createHostLimiter } from './host-limiter';
import type { Fetch, HttpPacing } from './http';
import { MAX_ANSWER_BYTES } from './http';
import { checkJiraAccess, checkJiraJql } from './jira/check';
import { fetchJiraIssues } from './jira/fetch-issues';
import { createSiteFacts, type SiteFacts, type SiteFactsStore } from './jira/site-meta';
import type { FetchOutcome } from './outcome';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const HTML = '<!DOCTYPE html><html><body><script>alert(1)</script>Unicorn!</body></html>';
/** What a title or a name may carry: it must come out as these very characters, never as markup. */
const MARKUP = '<img src=x onerror="alert(1)"><script>alert(2)</script> & <b>bold</b>';

/** An answer, or a way not to answer. `body` may be built lazily (the huge one). */
type Hostile = { body: string | (() => string); status?: number; headers?: Record<string, string> } | 'offline' | 'silent';

interface Case {
  name: string;
  answer: Hostile;
  code: string;
  message: RegExp;
  /** Whether the request is asked again (5xx and network failures are, twice). */
  retried?: boolean;
  /** Where Jira's answer means something else: its login page comes with status 200. */
  jira?: { code: string; message: RegExp };
}

const CASES: Case[] = [
  { name: 'malformed JSON', answer: { body: '{"data": {,,}' }, code: 'bad-response', message: /answered with something that is not JSON\.$/ },
  { name: 'truncated JSON', answer: { body: '{"data":{"i0":{"issueOrPullRequest":{"__typename":"PullRequest","numb' }, code: 'bad-response', message: /answered with something that is not JSON\.$/ },
  { name: 'HTML instead of JSON (200)', answer: { body: HTML, headers: { 'content-type': 'text/html' } }, code: 'bad-response', message: /not JSON \(an HTML page\)/, jira: { code: 'unauthorized', message: /You are logged out of Jira at acme\.atlassian\.net/ } },
  { name: 'a huge answer, by its declared length', answer: { body: '{}', headers: { 'content-length': String(MAX_ANSWER_BYTES + 1) } }, code: 'bad-response', message: /answer too large to read \(20 MB; FlowLens reads at most 20 MB\)/ },
  { name: 'a huge answer, without a length', answer: { body: () => `{"x":"${'x'.repeat(MAX_ANSWER_BYTES)}"}` }, code: 'bad-response', message: /answer too large to read/ },
  { name: '401', answer: { body: '{"message":"Bad credentials"}', status: 401 }, code: 'unauthorized', message: /401|logged out/ },
  { name: '403', answer: { body: '{"message":"Resource not accessible by integration"}', status: 403 }, code: 'forbidden', message: /denied access \(403\)/ },
  { name: '404', answer: { body: '{"message":"Not Found"}', status: 404 }, code: 'not-found', message: /not visible to you|does not exist/ },
  { name: '410', answer: { body: '{"message":"Gone"}', status: 410 }, code: 'not-found', message: /not visible to you|does not exist/ },
  { name: '422', answer: { body: '{"message":"Validation Failed"}', status: 422 }, code: 'bad-response', message: /rejected the request \(422\)/ },
  { name: '429 with a long wait', answer: { body: '{}', status: 429, headers: { 'retry-after': '600' } }, code: 'rate-limited', message: /rate limit reached until 12:10 UTC\.$/ },
  { name: '500', answer: { body: 'oops', status: 500 }, code: 'server', message: /having trouble \(500\)/, retried: true },
  { name: '502 HTML', answer: { body: HTML, status: 502, headers: { 'content-type': 'text/html' } }, code: 'server', message: /having trouble \(502\)/, retried: true },
  { name: '503', answer: { body: '', status: 503 }, code: 'server', message: /having trouble \(503\)/, retried: true },
  { name: 'no answer (timeout)', answer: 'silent', code: 'timeout', message: /did not answer within 15 s/ },
  { name: 'offline (fetch rejects)', answer: 'offline', code: 'offline', message: /Could not reach/, retried: true },
];

/** A fetch that answers every request with `answer`, honouring aborts like the real one. */
function hostileFetch(answer: Hostile): { fetch: Fetch; calls: () => number } {
  let calls = 0;
  const fetch: Fetch = (_url, init) => {
    calls += 1;
    if (answer === 'offline') return Promise.reject(new TypeError('Failed to fetch'));
    if (answer === 'silent') {
      return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }
    const body = typeof answer.body === 'function' ? answer.body() : answer.body;
    return Promise.resolve(new Response(body, { status: answer.status ?? 200, headers: { 'content-type': 'application/json', ...answer.headers } }));
  };
  return { fetch, calls: () => calls };
}

/** Instant waits, fixed jitter and a limiter of its own; `sleeps` records every wait asked for. */
function instantPacing(): { pacing: HttpPacing; sleeps: number[] } {
  const sleeps: number[] = [];
  const sleep = (ms: number) => {
    sleeps.push(ms);
    return Promise.resolve();
  };
  return { pacing: { random: () => 0, sleep, limiter: createHostLimiter() }, sleeps };
}

/** Runs `work`; on fake timers (the timeout case) advances them until it settles. */
async function settle(work: Promise<FetchOutcome>): Promise<FetchOutcome> {
  if (!vi.isFakeTimers()) return work;
  let done = false;
  const result = work.finally(() => (done = true));
  for (let i = 0; i < 100 && !done; i++) await vi.advanceTimersByTimeAsync(1000);
  return result;
}

/** A site-facts store that records what it is given. */
function recordingStore(): SiteFactsStore & { saved: unknown[] } {
  const saved: unknown[] = [];
  return {
    saved,
    get: () => Promise.resolve(undefined),
    set: (_host, facts) => {
      saved.push(facts);
      return Promise.resolve();
    },
  };
}

const githubRefs: GithubRef[] = [1, 2].map((number) => ({ source: 'github', host: 'github.com', owner: 'octo-org', repo: 'api', number }));
const jiraRefs: JiraRef[] = ['PAY-1', 'PAY-2'].map((issueKey) => ({ source: 'jira', host: 'acme.atlassian.net', issueKey }));
const githubKeys = githubRefs.map((r) => `github:octo-org/api#${r.number}`);
const jiraKeys = jiraRefs.map((r) => `jira:acme.atlassian.net/${r.issueKey}`);

const json = (value: unknown) => new Response(JSON.stringify(value), { status: 200, headers: { 'content-type': 'application/json' } });

/** GitHub's GraphQL answer for the asked numbers, each pull request titled and assigned with markup. */
function githubGraphAnswer(_url: string, init?: RequestInit): Response {
  const { variables } = JSON.parse(String(init?.body)) as { variables: Record<string, unknown> };
  const data: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(variables)) {
    if (!name.startsWith('n')) continue;
    data[`i${name.slice(1)}`] = {
      issueOrPullRequest: {
        __typename: 'PullRequest',
        number: value,
        title: MARKUP,
        url: `https://github.com/octo-org/api/pull/${String(value)}`,
        pullState: 'OPEN',
        isDraft: false,
        createdAt: '2026-11-15T12:00:00Z',
        author: { login: 'alice', url: 'https://github.com/alice' },
        assignees: { nodes: [{ login: MARKUP, url: 'https://github.com/x' }] },
        labels: { nodes: [] },
      },
    };
  }
  return json({ data });
}

/** GitHub's REST answer for one issue URL, a pull request titled with markup. */
function githubRestAnswer(url: string): Response {
  const number = Number(url.split('/').pop());
  return json({ number, title: MARKUP, html_url: `https://github.com/octo-org/api/pull/${number}`, state: 'open', created_at: '2026-11-15T12:00:00Z', user: { login: 'alice' }, assignees: [{ login: MARKUP }], pull_request: { merged_at: null } });
}

/** A Jira Cloud site answering well: its fields, then the asked issues summarised with markup. */
function jiraAnswer(url: string, init?: RequestInit): Response {
  if (url.endsWith('/rest/api/3/field')) return json([{ id: 'summary', name: 'Summary' }]);
  if (url.endsWith('/rest/api/3/changelog/bulkfetch')) return json({ issueChangeLogs: [] });
  if (url.endsWith('/rest/api/3/issue/bulkfetch')) {
    const { issueIdsOrKeys } = JSON.parse(String(init?.body)) as { issueIdsOrKeys: string[] };
    const issues = issueIdsOrKeys.map((key, i) => ({
      id: String(100 + i),
      key,
      fields: { summary: MARKUP, status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } }, created: '2026-11-10T09:00:00.000+0000', assignee: { accountId: 'a1', displayName: MARKUP }, labels: [MARKUP] },
    }));
    return json({ issues });
  }
  return new Response('{}', { status: 404 });
}

/** A fetch answering well, recording the URLs asked. */
function goodFetch(answer: (url: string, init?: RequestInit) => Response): { fetch: Fetch; urls: string[] } {
  const urls: string[] = [];
  const fetch: Fetch = (url, init) => {
    urls.push(url);
    return Promise.resolve(answer(url, init));
  };
  return { fetch, urls };
}

interface Provider {
  name: string;
  keys: string[];
  run: (fetch: Fetch, pacing: HttpPacing, siteFacts: SiteFacts) => Promise<FetchOutcome>;
  answer: (url: string, init?: RequestInit) => Response;
  /** A request only a fresh read asks (Jira's fields): asked again, nothing was remembered. */
  freshRequest?: string;
}

const PROVIDERS: Provider[] = [
  {
    name: 'GitHub with a token (GraphQL)',
    keys: githubKeys,
    run: (fetch, pacing) => fetchGithubItems(githubRefs, { fetch, host: 'github.com', now: NOW, token: 'ghp_x', previous: new Map(), pacing }),
    answer: githubGraphAnswer,
  },
  {
    name: 'GitHub without a token (REST)',
    keys: githubKeys,
    run: (fetch, pacing) => fetchGithubItems(githubRefs, { fetch, host: 'github.com', now: NOW, previous: new Map(), pacing }),
    answer: githubRestAnswer,
  },
  {
    name: 'Jira Cloud',
    keys: jiraKeys,
    run: (fetch, pacing, siteFacts) => fetchJiraIssues(jiraRefs, { fetch, host: 'acme.atlassian.net', now: NOW, blockedByLinks: [], siteFacts, pacing }),
    answer: jiraAnswer,
    freshRequest: 'https://acme.atlassian.net/rest/api/3/field',
  },
];

afterEach(() => vi.useRealTimers());

function expectErrors(outcome: FetchOutcome, keys: string[], code: string, message: RegExp): void {
  expect(outcome.items.size).toBe(0);
  expect([...outcome.errors.keys()].sort()).toEqual([...keys].sort());
  for (const error of outcome.errors.values()) {
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    // A sentence: capitalised, ended, and free of markup, code or the raw answer.
    expect(error.message).toMatch(/^[A-Z].*[.)]$/s);
    expect(error.message).not.toMatch(/<script|<html|undefined|\[object|null|NaN|Unicorn|oops/);
  }
}

/** Every item's text fields hold the markup as plain characters. */
function expectPlainMarkup(outcome: FetchOutcome, keys: string[]): void {
  expect([...outcome.items.keys()].sort()).toEqual([...keys].sort());
  expect(outcome.errors.size).toBe(0);
  for (const { item } of outcome.items.values()) {
    expect(item.title).toBe(MARKUP);
    expect(item.assignees.map((person) => person.name)).toEqual([MARKUP]);
  }
}

describe.each(PROVIDERS)('$name', (provider) => {
  it.each(CASES)('$name: every key gets an error it can show, nothing is invented or remembered', async (hostile) => {
    if (hostile.answer === 'silent') vi.useFakeTimers({ now: NOW, toFake: ['setTimeout', 'clearTimeout'] });
    const { fetch, calls } = hostileFetch(hostile.answer);
    const { pacing, sleeps } = instantPacing();
    const store = recordingStore();
    // One worker's site facts for both reads, so that a fact kept from the first would show in the second.
    const facts = createSiteFacts(store);
    const expected = provider.name === 'Jira Cloud' && hostile.jira ? hostile.jira : hostile;
    expectErrors(await settle(provider.run(fetch, pacing, facts)), provider.keys, expected.code, expected.message);

    // Retried requests are asked three times, after 300 ms then 600 ms (no jitter here).
    if (hostile.retried) {
      expect(calls() % 3).toBe(0);
      expect([...new Set(sleeps)].sort((a, b) => a - b)).toEqual([300, 600]);
      expect(sleeps.filter((ms) => ms === 300)).toHaveLength(calls() / 3);
      expect(sleeps.filter((ms) => ms === 600)).toHaveLength(calls() / 3);
    } else {
      expect(sleeps).toEqual([]);
    }

    // Nothing of the bad answer was kept: a good answer next is read in full.
    vi.useRealTimers();
    expect(store.saved).toEqual([]);
    const good = goodFetch(provider.answer);
    expectPlainMarkup(await provider.run(good.fetch, instantPacing().pacing, facts), provider.keys);
    if (provider.freshRequest) {
      expect(good.urls).toContain(provider.freshRequest);
      expect(store.saved).toHaveLength(1);
    }
  });

  it('keeps a well-formed answer of the wrong shape from becoming items', async () => {
    const wrong = { body: JSON.stringify({ data: { i0: { issueOrPullRequest: { __typename: 'PullRequest', number: 'seven' } }, i1: [] }, issues: [{ key: 42 }], number: 'x', title: ['no'] }) };
    const store = recordingStore();
    const outcome = await provider.run(hostileFetch(wrong).fetch, instantPacing().pacing, createSiteFacts(store));
    expectErrors(outcome, provider.keys, 'bad-response', /^(GitHub|Jira) sent an answer (for \S+ )?FlowLens does not understand\.$/);
    expect(store.saved).toEqual([]);
  });

  it('waits out a short rate limit, then reads the answer', async () => {
    const asked = new Set<string>();
    const fetch: Fetch = (url, init) => {
      const first = !asked.has(url);
      asked.add(url);
      return Promise.resolve(first ? new Response('{}', { status: 429, headers: { 'retry-after': '2' } }) : provider.answer(url, init));
    };
    const { pacing, sleeps } = instantPacing();
    expectPlainMarkup(await provider.run(fetch, pacing, createSiteFacts(recordingStore())), provider.keys);
    expect(sleeps.length).toBeGreaterThan(0);
    expect(sleeps.every((ms) => ms === 2000)).toBe(true);
  });
});

describe('refusals that will not change', () => {
  it('are not asked again (401, 403, 404, 410, 422, a long rate limit)', async () => {
    const refusals: Hostile[] = [401, 403, 404, 410, 422].map((status) => ({ body: '{}', status }));
    refusals.push({ body: '{}', status: 429, headers: { 'retry-after': '600' } });
    for (const answer of refusals) {
      const { fetch, calls } = hostileFetch(answer);
      await fetchGithubItems(githubRefs, { fetch, host: 'github.com', now: NOW, token: 'ghp_x', previous: new Map(), pacing: instantPacing().pacing });
      expect(calls(), JSON.stringify(answer)).toBe(1);
    }
  });
});

/** The options page's checks and the Jira-key search: each answers a bad answer with words, never a throw. */
interface Check {
  name: string;
  run: (fetch: Fetch, pacing: HttpPacing) => Promise<{ ok: true } | { ok: false; error: { code: string; message: string } }>;
  jira?: boolean;
}

const CLOUD_TOKEN = { kind: 'cloud-token' as const, email: 'ana@example.com', token: 'atl_x' };

const CHECKS: Check[] = [
  { name: 'GitHub token check', run: (fetch, pacing) => checkGithubToken({ fetch, host: 'github.com', token: 'ghp_x', now: NOW, pacing }) },
  // With a saved API token: a 403 then means the account, not a missing login (see check.ts).
  { name: 'Jira access check', run: (fetch, pacing) => checkJiraAccess({ fetch, host: 'acme.atlassian.net', now: NOW, credential: CLOUD_TOKEN, pacing }), jira: true },
  { name: 'Jira JQL check', run: (fetch, pacing) => checkJiraJql({ fetch, host: 'acme.atlassian.net', now: NOW, credential: CLOUD_TOKEN, pacing }, 'project = PAY'), jira: true },
];

describe.each(CHECKS)('$name', (check) => {
  it.each(CASES)('$name: a refusal in words, retried only when it may pass', async (hostile) => {
    if (hostile.answer === 'silent') vi.useFakeTimers({ now: NOW, toFake: ['setTimeout', 'clearTimeout'] });
    const { fetch, calls } = hostileFetch(hostile.answer);
    const { pacing } = instantPacing();
    const work = check.run(fetch, pacing);
    if (vi.isFakeTimers()) for (let i = 0; i < 20; i++) await vi.advanceTimersByTimeAsync(1000);
    const result = await work;
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const expected = check.jira && hostile.jira ? hostile.jira : hostile;
    expect(result.error.code).toBe(expected.code);
    expect(result.error.message).toMatch(/^[A-Z].*[.)]$/s);
    expect(result.error.message).not.toMatch(/<script|<html|undefined|\[object|null|NaN|Unicorn|oops/);
    expect(calls()).toBe(hostile.retried ? 3 : 1);
  });
});

describe('pull requests that name Jira keys', () => {
  it.each(CASES)('$name: none found, nothing thrown', async (hostile) => {
    if (hostile.answer === 'silent') vi.useFakeTimers({ now: NOW, toFake: ['setTimeout', 'clearTimeout'] });
    const { fetch } = hostileFetch(hostile.answer);
    const work = searchMentioningPulls(['PAY-1', 'PAY-2'], { fetch, host: 'github.com', token: 'ghp_x', now: NOW, pacing: instantPacing().pacing });
    if (vi.isFakeTimers()) for (let i = 0; i < 20; i++) await vi.advanceTimersByTimeAsync(1000);
    const found = await work;
    expect([...found.values()].flat()).toEqual([]);
  });
});
