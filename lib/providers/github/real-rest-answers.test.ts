/**
 * GitHub REST answers recorded live by octokit/fixtures (`../shared/fixtures/real-api/github-rest/
 * octokit-fixtures-*.raw-recording.json`: each a list of request/answer pairs with the raw answer
 * headers), read by what FlowLens reads of them.
 *
 * FlowLens, without a token, reads one `GET /repos/{owner}/{repo}/issues/{number}` per item
 * (fetch-items.ts) with `restIssue` and `restToItem`. It never lists a repository's issues, never
 * follows `Link` pagination, never creates labels and never adds them to an issue: where a
 * recording is of such an endpoint, the test says so and reads what FlowLens does read of it —
 * the issue objects (the same shape as the single-issue answer), the label objects (the shape of
 * an issue's `labels`), and an error answer's status and words.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { GithubRef } from '../../item-key';
import { createHostLimiter } from '../host-limiter';
import { requestJson, type Fetch } from '../http';
import { HAS_REAL_API, readReal, whenReal, realApiTitle } from '../testing/real-api';
import { restIssue } from './schema';
import { restToItem } from './to-work-item';

/** One recorded exchange, as octokit/fixtures stores it. */
interface Exchange {
  method: string;
  path: string;
  status: number;
  body?: unknown;
  response?: unknown;
  /** Header names and values, alternating, as sent. */
  rawHeaders: string[];
}

const recording = (name: string) => readReal<Exchange[]>(`github-rest/octokit-fixtures-${name}.raw-recording.json`);

/** The recorded answer: its status, its headers as sent, its JSON body (re-serialised). */
function answerOf(exchange: Exchange): Response {
  const headers = new Headers();
  for (let i = 0; i + 1 < exchange.rawHeaders.length; i += 2) headers.append(exchange.rawHeaders[i]!, exchange.rawHeaders[i + 1]!);
  return new Response(exchange.response === undefined ? null : JSON.stringify(exchange.response), { status: exchange.status, headers });
}

const describeReal = describe.skipIf(!HAS_REAL_API);

describeReal(realApiTitle('recorded GitHub REST answers'), () => {
  describe('a 422 validation error (octokit-fixtures-errors-422)', () => {
    // Recorded: POST /repos/octokit-fixture-org/tmp-scenario-errors-…/labels with color "invalid",
    // answered 422 {"message":"Validation Failed","errors":[{"resource":"Label","code":"invalid",
    // "field":"color"}],"documentation_url":…}. FlowLens never creates labels; what it reads of any
    // GitHub error answer is its status and words, through requestJson.
    const exchange = whenReal(() => recording('errors-422').find((e) => e.status === 422)!);

    it('is refused with GitHub’s own words, field and code included, and not asked again', async () => {
      expect(exchange.path).toMatch(/^\/repos\/octokit-fixture-org\/tmp-scenario-errors-[^/]+\/labels$/);
      let calls = 0;
      const fetch: Fetch = async () => (calls++, answerOf(exchange));
      const result = await requestJson(fetch, { url: `https://api.github.com${exchange.path}`, method: 'POST', body: exchange.body, idempotent: false, service: 'GitHub', now: Date.parse('2022-07-19T04:37:39Z') }, { limiter: createHostLimiter(4), sleep: async () => undefined });
      // Before: "GitHub rejected the request (422): Validation Failed." — which field, and why, was lost.
      expect(result).toMatchObject({ ok: false, status: 422, rate: { remaining: 4970, resetAt: 1_658_208_999_000 } });
      expect(!result.ok && result.error).toEqual({ code: 'bad-response', message: 'GitHub rejected the request (422): Validation Failed (Label color: invalid).' });
      expect(calls).toBe(1);
    });
  });

  describe('a repository’s issues, page by page (octokit-fixtures-paginate-issues)', () => {
    // Recorded: 13 issues created one by one (04:38:40 to 04:39:16, three seconds apart), then
    // GET /repos/…/issues?per_page=3 and its `Link: rel="next"` pages 2–5 (3+3+3+3+1 issues, newest
    // first). FlowLens does not read this endpoint nor its Link header; each element is the same
    // issue object as GET /repos/{o}/{r}/issues/{n}, which it does read.
    const exchanges = whenReal(() => recording('paginate-issues'));
    const pages = whenReal(() => exchanges.filter((e) => e.method === 'get' && /\/issues\?per_page=3/.test(e.path)));
    const issues = whenReal(() => pages.flatMap((page) => page.response as unknown[]));
    const ref = (number: number): GithubRef => ({ source: 'github', host: 'github.com', owner: 'octokit-fixture-org', repo: 'tmp-scenario-paginate-issues-20220719043836917-izyoe', number });
    const item = (raw: unknown) => {
      const issue = v.parse(restIssue, raw);
      return restToItem(ref(issue.number), issue);
    };

    it('has five pages that hold the 13 issues, newest first', () => {
      expect(pages.map((page) => (page.response as unknown[]).length)).toEqual([3, 3, 3, 3, 1]);
      expect(issues.map((raw) => v.parse(restIssue, raw).number)).toEqual([13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    });

    it('turns issue #13 (the newest) into exactly this WorkItem', () => {
      // Recorded for #13: state "open", labels [], created_at = updated_at = 2022-07-19T04:39:16Z,
      // closed_at null (so no resolvedAt), body null (no references), no pull_request (an issue),
      // user octokit-fixture-user-a, assignees [].
      expect(item(issues[0])).toEqual({
        key: 'github:octokit-fixture-org/tmp-scenario-paginate-issues-20220719043836917-izyoe#13',
        source: 'github',
        title: 'Test issue 13',
        url: 'https://github.com/octokit-fixture-org/tmp-scenario-paginate-issues-20220719043836917-izyoe/issues/13',
        createdAt: '2022-07-19T04:39:16Z',
        updatedAt: '2022-07-19T04:39:16Z',
        container: 'octokit-fixture-org/tmp-scenario-paginate-issues-20220719043836917-izyoe',
        // The opening, cited by its author and the issue's page (its html_url).
        timeline: [{
          type: 'created', at: '2022-07-19T04:39:16Z',
          by: { id: 'octokit-fixture-user-a', name: 'octokit-fixture-user-a', url: 'https://github.com/octokit-fixture-user-a' },
          url: 'https://github.com/octokit-fixture-org/tmp-scenario-paginate-issues-20220719043836917-izyoe/issues/13',
        }],
        upstream: [],
        downstream: [],
        kind: 'issue',
        state: 'open',
        assignees: [],
        author: { id: 'octokit-fixture-user-a', name: 'octokit-fixture-user-a', url: 'https://github.com/octokit-fixture-user-a' },
        requestedReviewers: [],
        signals: { labels: [] },
      });
    });

    it('reads every element: open issues without labels, created three seconds apart', () => {
      const items = issues.map(item);
      expect(items.every((i) => i.kind === 'issue' && i.state === 'open' && i.resolvedAt === undefined && i.signals.labels?.length === 0)).toBe(true);
      // #1 was created first, at 04:38:40, and #7 six issues (6 × 3 s = 18 s) later, at 04:38:58.
      expect(items.find((i) => i.key.endsWith('#1'))!.createdAt).toBe('2022-07-19T04:38:40Z');
      expect(items.find((i) => i.key.endsWith('#7'))!.createdAt).toBe('2022-07-19T04:38:58Z');
      expect(items.find((i) => i.key.endsWith('#1'))!.title).toBe('Test issue 1');
    });
  });

  describe('labels added to an issue (octokit-fixtures-add-labels-to-issue)', () => {
    // Recorded: POST /repos/…/issues {"title":"Issue without a label"} → 201 with the new issue #1;
    // then POST /repos/…/issues/1/labels {"labels":["Foo","bAr","baZ"]} → 200 with the issue's
    // labels. FlowLens adds no labels; it reads label objects inside an issue's `labels`, and the
    // created issue is the single-issue shape it reads.
    const exchanges = whenReal(() => recording('add-labels-to-issue'));
    const created = whenReal(() => exchanges.find((e) => e.method === 'post' && e.status === 201 && /\/issues$/.test(e.path))!);
    const added = whenReal(() => exchanges.find((e) => e.method === 'post' && /\/issues\/1\/labels$/.test(e.path))!);

    it('reads the label objects with the schema of an issue’s labels, names as written', () => {
      const labels = v.parse(restIssue.entries.labels, added.response);
      expect(labels?.map((label) => (typeof label === 'string' ? label : label.name))).toEqual(['Foo', 'bAr', 'baZ']);
    });

    it('reads the created issue: open, no label yet, an issue', () => {
      const issue = v.parse(restIssue, created.response);
      const ref: GithubRef = { source: 'github', host: 'github.com', owner: 'octokit-fixture-org', repo: 'tmp-scenario-add-labels-to-issue-20220719043651190-v2c1k', number: issue.number };
      expect(restToItem(ref, issue)).toMatchObject({
        key: 'github:octokit-fixture-org/tmp-scenario-add-labels-to-issue-20220719043651190-v2c1k#1',
        title: 'Issue without a label',
        kind: 'issue',
        state: 'open',
        createdAt: '2022-07-19T04:36:54Z',
        signals: { labels: [] },
      });
      expect(restToItem(ref, issue).resolvedAt).toBeUndefined();
    });
  });
});
