/**
 * Hostile and broken API answers, end to end through each provider: whatever GitHub or Jira
 * (or something pretending to be them) answers, the call never throws, every asked key gets an
 * item or an error a user can act on, and nothing is made up from a bad answer.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GithubRef, JiraRef } from '../item-key';
import { fetchGithubItems } from './github/fetch-items';
import type { Fetch } from './http';
import { MAX_ANSWER_BYTES } from './http';
import { fetchJiraIssues } from './jira/fetch-issues';
import { forgetSiteMeta } from './jira/site-meta';
import type { FetchOutcome } from './outcome';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const HTML = '<!DOCTYPE html><html><body><script>alert(1)</script>Unicorn!</body></html>';

/** An answer, or a way not to answer. */
type Hostile = { body: string; status?: number; headers?: Record<string, string> } | 'offline' | 'silent';

interface Case {
  name: string;
  answer: Hostile;
  code: string;
  message: RegExp;
  /** Where Jira's answer means something else: its login page comes with status 200. */
  jira?: { code: string; message: RegExp };
}

const CASES: Case[] = [
  { name: 'malformed JSON', answer: { body: '{"data": {,,}' }, code: 'bad-response', message: /not JSON/ },
  { name: 'truncated JSON', answer: { body: '{"data":{"i0":{"issueOrPullRequest":{"__typename":"PullRequest","numb' }, code: 'bad-response', message: /not JSON/ },
  { name: 'HTML instead of JSON', answer: { body: HTML, headers: { 'content-type': 'text/html' } }, code: 'bad-response', message: /not JSON \(an HTML page\)/, jira: { code: 'unauthorized', message: /You are logged out of Jira at acme\.atlassian\.net/ } },
  { name: 'a huge answer', answer: { body: '{}', headers: { 'content-length': String(MAX_ANSWER_BYTES + 1) } }, code: 'bad-response', message: /too large to read/ },
  { name: '401', answer: { body: '{"message":"Bad credentials"}', status: 401 }, code: 'unauthorized', message: /401|logged out/ },
  { name: '403', answer: { body: '{"message":"Resource not accessible by integration"}', status: 403 }, code: 'forbidden', message: /denied access \(403\)/ },
  { name: '404', answer: { body: '{"message":"Not Found"}', status: 404 }, code: 'not-found', message: /not visible to you|does not exist/ },
  { name: '410', answer: { body: '{"message":"Gone"}', status: 410 }, code: 'not-found', message: /not visible to you|does not exist/ },
  { name: '422', answer: { body: '{"message":"Validation Failed"}', status: 422 }, code: 'bad-response', message: /rejected the request \(422\)/ },
  { name: '429 with a long wait', answer: { body: '{}', status: 429, headers: { 'retry-after': '600' } }, code: 'rate-limited', message: /rate limit reached; showing cached data until \d\d:\d\d UTC/ },
  { name: '500', answer: { body: 'oops', status: 500 }, code: 'server', message: /having trouble \(500\)/ },
  { name: '502 HTML', answer: { body: HTML, status: 502 }, code: 'server', message: /having trouble \(502\)/ },
  { name: '503', answer: { body: '', status: 503 }, code: 'server', message: /having trouble \(503\)/ },
  { name: 'no answer (timeout)', answer: 'silent', code: 'timeout', message: /did not answer within 15 s/ },
  { name: 'offline', answer: 'offline', code: 'offline', message: /Could not reach/ },
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
    return Promise.resolve(new Response(answer.body, { status: answer.status ?? 200, headers: { 'content-type': 'application/json', ...answer.headers } }));
  };
  return { fetch, calls: () => calls };
}

/** Runs `work` with fake timers advanced until it settles: retries and timeouts take no real time. */
async function settle(work: Promise<FetchOutcome>): Promise<FetchOutcome> {
  let done = false;
  const result = work.finally(() => (done = true));
  for (let i = 0; i < 200 && !done; i++) await vi.advanceTimersByTimeAsync(1000);
  return result;
}

const githubRefs: GithubRef[] = [1, 2].map((number) => ({ source: 'github', host: 'github.com', owner: 'octo-org', repo: 'api', number }));
const jiraRefs: JiraRef[] = ['PAY-1', 'PAY-2'].map((issueKey) => ({ source: 'jira', host: 'acme.atlassian.net', issueKey }));

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  forgetSiteMeta();
});
afterEach(() => vi.useRealTimers());

function expectErrors(outcome: FetchOutcome, keys: string[], expected: Case): void {
  expect(outcome.items.size).toBe(0);
  expect([...outcome.errors.keys()].sort()).toEqual([...keys].sort());
  for (const error of outcome.errors.values()) {
    expect(error.code).toBe(expected.code);
    expect(error.message).toMatch(expected.message);
    expect(error.message).not.toMatch(/<script|undefined|\[object/);
  }
}

describe.each([
  ['GitHub with a token (GraphQL)', (fetch: Fetch) => fetchGithubItems(githubRefs, { fetch, host: 'github.com', now: NOW, token: 'ghp_x', previous: new Map() }), githubRefs.map((r) => `github:octo-org/api#${r.number}`)],
  ['GitHub without a token (REST)', (fetch: Fetch) => fetchGithubItems(githubRefs, { fetch, host: 'github.com', now: NOW, previous: new Map() }), githubRefs.map((r) => `github:octo-org/api#${r.number}`)],
  ['Jira Cloud', (fetch: Fetch) => fetchJiraIssues(jiraRefs, { fetch, host: 'acme.atlassian.net', now: NOW, blockedByLinks: [] }), jiraRefs.map((r) => `jira:acme.atlassian.net/${r.issueKey}`)],
] as const)('%s', (source, run, keys) => {
  it.each(CASES)('$name: every key gets an error it can show, nothing is invented', async (expected) => {
    const { fetch } = hostileFetch(expected.answer);
    const outcome = await settle(run(fetch));
    expectErrors(outcome, keys, source === 'Jira Cloud' && expected.jira ? { ...expected, ...expected.jira } : expected);
  });

  it('keeps a well-formed answer of the wrong shape from becoming items', async () => {
    const wrong = { body: JSON.stringify({ data: { i0: { issueOrPullRequest: { __typename: 'PullRequest', number: 'seven' } } }, issues: [{ key: 42 }], number: 'x', title: ['no'] }) };
    const outcome = await settle(run(hostileFetch(wrong).fetch));
    expect(outcome.items.size).toBe(0);
    expect([...outcome.errors.keys()].sort()).toEqual([...keys].sort());
    for (const error of outcome.errors.values()) expect(error.message.length).toBeGreaterThan(10);
  });
});

describe('retries', () => {
  it('asks again twice after a server error, then gives up with the error', async () => {
    const { fetch, calls } = hostileFetch({ body: '', status: 503 });
    await settle(fetchGithubItems(githubRefs, { fetch, host: 'github.com', now: NOW, token: 'ghp_x', previous: new Map() }));
    expect(calls()).toBe(3);
  });

  it('does not ask again after a refusal that will not change (401, 404, 422)', async () => {
    for (const status of [401, 404, 422]) {
      const { fetch, calls } = hostileFetch({ body: '{}', status });
      await settle(fetchGithubItems(githubRefs, { fetch, host: 'github.com', now: NOW, token: 'ghp_x', previous: new Map() }));
      expect(calls(), String(status)).toBe(1);
    }
  });
});
