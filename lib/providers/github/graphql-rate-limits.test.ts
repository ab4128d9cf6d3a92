/**
 * GitHub's GraphQL API reports its primary rate limit with status 200: "the response status will
 * still be 200, but you will receive an error message, and the value of the x-ratelimit-remaining
 * header will be 0" (and a secondary limit with 200 or 403).
 * https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api#exceeding-the-rate-limit
 * No such answer is recorded in ../shared: this one is hand-written, in the shape clients of
 * GitHub's API report it (`errors: [{ type: 'RATE_LIMITED', message }]`, no `data`).
 */
import { describe, expect, it } from 'vitest';
import type { GithubRef } from '../../item-key';
import type { Fetch } from '../http';
import { fetchGithubItems } from './fetch-items';
import { searchGithubPage } from './search-items';

const NOW = Date.parse('2026-11-20T10:00:00Z');
const ref = (number: number): GithubRef => ({ source: 'github', host: 'github.com', owner: 'octo-org', repo: 'api', number });

function limited(): { fetch: Fetch; calls: () => number } {
  let calls = 0;
  const fetch: Fetch = async () => {
    calls += 1;
    const body = { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 1800) } });
  };
  return { fetch, calls: () => calls };
}

describe('a GraphQL rate limit answered with status 200', () => {
  it('makes every item of the batch rate-limited until the reset, asked once', async () => {
    const { fetch, calls } = limited();
    const outcome = await fetchGithubItems([ref(1), ref(2)], { fetch, host: 'github.com', token: 't', now: NOW });
    // Before: read as an answer without the items, so both were "not found, or your token cannot read it".
    expect(calls()).toBe(1);
    expect(outcome.items.size).toBe(0);
    for (const key of ['github:octo-org/api#1', 'github:octo-org/api#2']) {
      expect(outcome.errors.get(key)).toEqual({ code: 'rate-limited', message: 'GitHub rate limit reached until 10:30 UTC.', retryAt: NOW + 1_800_000 });
    }
  });

  it('makes a search page rate-limited, not "not understood"', async () => {
    const { fetch } = limited();
    const page = await searchGithubPage('is:pr', { fetch, host: 'github.com', token: 't', now: NOW });
    expect(page.error).toEqual({ code: 'rate-limited', message: 'GitHub rate limit reached until 10:30 UTC.', retryAt: NOW + 1_800_000 });
  });
});
