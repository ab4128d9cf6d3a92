import { describe, expect, it } from 'vitest';
import { MAX_ANSWER_BYTES, MAX_RATE_HOLD_MS, readRate, requestJson, type Fetch, type HttpPacing } from './http';
import { createHostLimiter } from './host-limiter';

const NOW = Date.parse('2026-11-20T10:00:00Z');
const json = (value: unknown, status = 200, headers: Record<string, string> = {}) => new Response(JSON.stringify(value), { status, headers });

/** Answers in turn from `answers` (the last repeats), recording each call. */
function scripted(...answers: (() => Response)[]) {
  let calls = 0;
  const fetch: Fetch = async () => answers[Math.min(calls++, answers.length - 1)]!();
  return { fetch, calls: () => calls };
}

/** Instant sleeps, recorded; jitter fixed at half its range. */
function pacing(random = 0.5): HttpPacing & { slept: number[] } {
  const slept: number[] = [];
  return { random: () => random, sleep: async (ms) => void slept.push(ms), limiter: createHostLimiter(4), slept };
}

const get = (url = 'https://acme.atlassian.net/rest/api/3/myself') => ({ url, service: 'Jira', now: NOW });

describe('requestJson retries', () => {
  it('waits out a 429 with a short Retry-After, then succeeds', async () => {
    const { fetch, calls } = scripted(() => json({ errorMessages: ['Rate limit exceeded.'] }, 429, { 'retry-after': '3' }), () => json({ displayName: 'Priya' }));
    const p = pacing();
    const result = await requestJson(fetch, get(), p);
    expect(result).toMatchObject({ ok: true, body: { displayName: 'Priya' } });
    expect(calls()).toBe(2);
    // 3 s as Jira asked, plus jitter: half of the first 300 ms backoff.
    expect(p.slept).toEqual([3150]);
  });

  it('returns a long Retry-After at once as the rate limit, with when to retry', async () => {
    const { fetch, calls } = scripted(() => json({}, 429, { 'retry-after': '120' }));
    const p = pacing();
    const result = await requestJson(fetch, get(), p);
    expect(result).toMatchObject({ ok: false, error: { code: 'rate-limited', retryAt: NOW + 120_000 } });
    expect(calls()).toBe(1);
    expect(p.slept).toEqual([]);
  });

  it('retries a 503 and a network failure with exponential backoff and jitter, at most twice', async () => {
    const failing = scripted(
      () => new Response('busy', { status: 503 }),
      () => {
        throw new TypeError('Failed to fetch');
      },
    );
    const p = pacing(0.25);
    const result = await requestJson(failing.fetch, get(), p);
    expect(result).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(failing.calls()).toBe(3);
    // 300 ms + 25 % jitter, then 600 ms + 25 %.
    expect(p.slept).toEqual([375, 750]);
  });

  it('retries a 502 and then reads the answer', async () => {
    const { fetch, calls } = scripted(() => new Response('bad gateway', { status: 502 }), () => json({ ok: 1 }));
    const p = pacing(0);
    expect(await requestJson(fetch, get(), p)).toMatchObject({ ok: true, body: { ok: 1 } });
    expect(calls()).toBe(2);
    expect(p.slept).toEqual([300]);
  });

  it('waits for a GitHub rate-limit reset a few seconds away, but not for one in the past', async () => {
    const soon = String((NOW + 4_000) / 1000);
    const limited = () => json({ message: 'API rate limit exceeded' }, 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': soon });
    const near = scripted(limited, () => json({ login: 'octo' }));
    const p = pacing(0);
    expect(await requestJson(near.fetch, { ...get('https://api.github.com/user'), service: 'GitHub' }, p)).toMatchObject({ ok: true });
    expect(p.slept).toEqual([4000]);
    const past = scripted(() => json({ message: 'API rate limit exceeded' }, 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String((NOW - 60_000) / 1000) }));
    expect(await requestJson(past.fetch, { ...get('https://api.github.com/user'), service: 'GitHub' }, pacing())).toMatchObject({ ok: false, error: { code: 'rate-limited' } });
    expect(past.calls()).toBe(1);
  });

  it('does not retry what a retry cannot fix, nor a request marked not idempotent', async () => {
    for (const status of [400, 401, 404]) {
      const { fetch, calls } = scripted(() => json({ errorMessages: ['no'] }, status));
      await requestJson(fetch, get(), pacing());
      expect(calls()).toBe(1);
    }
    const { fetch, calls } = scripted(() => new Response('down', { status: 500 }));
    expect(await requestJson(fetch, { ...get(), method: 'POST', body: {}, idempotent: false }, pacing())).toMatchObject({ ok: false, error: { code: 'server' } });
    expect(calls()).toBe(1);
  });

  it('retries read-only POSTs such as the bulk fetch', async () => {
    const { fetch, calls } = scripted(() => new Response('down', { status: 500 }), () => json({ issues: [] }));
    const result = await requestJson(fetch, { ...get('https://acme.atlassian.net/rest/api/3/issue/bulkfetch'), method: 'POST', body: { issueIdsOrKeys: ['PAY-1'] } }, pacing());
    expect(result).toMatchObject({ ok: true });
    expect(calls()).toBe(2);
  });
});

describe('requestJson concurrency', () => {
  it('keeps at most 4 requests per host in flight, and other hosts are not held up', async () => {
    const inFlight = new Map<string, number>();
    const peak = new Map<string, number>();
    const release: (() => void)[] = [];
    const fetch: Fetch = async (url) => {
      const host = new URL(url).host;
      inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
      peak.set(host, Math.max(peak.get(host) ?? 0, inFlight.get(host)!));
      await new Promise<void>((resolve) => release.push(resolve));
      inFlight.set(host, inFlight.get(host)! - 1);
      return json({});
    };
    const p = pacing();
    const all = [
      ...Array.from({ length: 10 }, (_, i) => requestJson(fetch, get(`https://acme.atlassian.net/rest/api/3/issue/PAY-${i}`), p)),
      requestJson(fetch, { ...get('https://api.github.com/user'), service: 'GitHub' }, p),
    ];
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    await settle();
    expect(inFlight.get('acme.atlassian.net')).toBe(4);
    expect(inFlight.get('api.github.com')).toBe(1);
    while (release.length > 0) {
      release.shift()!();
      await settle();
    }
    const results = await Promise.all(all);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(peak.get('acme.atlassian.net')).toBe(4);
  });
});

// Hand-written answers (no recording of these is in ../shared): the rules of GitHub's docs that
// the recorded answers in real-rate-limits.test.ts do not reach.
// https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
// https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api#exceeding-the-rate-limit
describe('requestJson and GitHub’s secondary and GraphQL rate limits', () => {
  const graphql = { url: 'https://api.github.com/graphql', method: 'POST' as const, body: { query: '{ viewer { login } }' }, service: 'GitHub', now: NOW };
  const hourLater = String(NOW / 1000 + 3600);

  it('holds a secondary limit with x-ratelimit-remaining 0 until the reset, as GitHub says', async () => {
    const { fetch, calls } = scripted(() => json({ message: 'You have exceeded a secondary rate limit.' }, 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': hourLater }));
    const result = await requestJson(fetch, { ...get('https://api.github.com/user'), service: 'GitHub' }, pacing());
    expect(calls()).toBe(1);
    expect(result).toMatchObject({ ok: false, limit: 'secondary', error: { code: 'rate-limited', retryAt: NOW + 3_600_000, message: 'GitHub secondary rate limit reached until 11:00:00 UTC.' } });
  });

  it('counts GitHub’s older "abuse detection mechanism" message as a secondary limit', async () => {
    const { fetch } = scripted(() => json({ message: 'You have triggered an abuse detection mechanism. Please wait a few minutes before you try again.' }, 403, { 'x-ratelimit-remaining': '4999' }));
    expect(await requestJson(fetch, { ...get('https://api.github.com/user'), service: 'GitHub' }, pacing())).toMatchObject({ ok: false, limit: 'secondary', error: { retryAt: NOW + 60_000 } });
  });

  it('reads a GraphQL primary limit answered with status 200 as a rate limit until the reset', async () => {
    // Before: read as a successful answer, so every item in it became "not found".
    const answer = { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] };
    const { fetch, calls } = scripted(() => json(answer, 200, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': hourLater }));
    const result = await requestJson(fetch, graphql, pacing());
    expect(calls()).toBe(1);
    expect(result).toMatchObject({ ok: false, status: 200, limit: 'primary', error: { code: 'rate-limited', retryAt: NOW + 3_600_000, message: 'GitHub rate limit reached until 11:00 UTC.' } });
  });

  it('reads a GraphQL secondary limit answered with status 200 as one, held a minute', async () => {
    const answer = { errors: [{ message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }] };
    const { fetch } = scripted(() => json(answer, 200, { 'x-ratelimit-remaining': '4000', 'x-ratelimit-reset': hourLater }));
    expect(await requestJson(fetch, graphql, pacing())).toMatchObject({ ok: false, limit: 'secondary', error: { code: 'rate-limited', retryAt: NOW + 60_000 } });
  });

  it('leaves a GraphQL answer whose errors are not about rate limits alone', async () => {
    const answer = { data: { i0: null }, errors: [{ type: 'NOT_FOUND', path: ['i0'], message: "Could not resolve to a Repository with the name 'octo-org/gone'." }] };
    const { fetch } = scripted(() => json(answer, 200, { 'x-ratelimit-remaining': '4000' }));
    expect(await requestJson(fetch, graphql, pacing())).toMatchObject({ ok: true, body: answer });
  });

  it('doubles the wait when a secondary limit with a short retry-after comes again', async () => {
    const { fetch, calls } = scripted(() => json({ message: 'You have exceeded a secondary rate limit.' }, 429, { 'retry-after': '3' }));
    const p = pacing(0);
    const result = await requestJson(fetch, { ...get('https://api.github.com/user'), service: 'GitHub' }, p);
    // 3 s as asked; then at least 2 × 3 s = 6 s; then the third answer is returned, held 2 × 6 s
    // = 12 s from when it came (NOW + 9 s): NOW + 21 s.
    expect(calls()).toBe(3);
    expect(p.slept).toEqual([3_000, 6_000]);
    expect(result).toMatchObject({ ok: false, error: { code: 'rate-limited', retryAt: NOW + 21_000 } });
  });
});

describe('requestJson and rate-limit times too large for a date', () => {
  // Before: `new Date(retryAt).toISOString()` threw a RangeError, which was read as "offline" and
  // asked again twice.
  it('holds a retry-after of 1e300 seconds for at most an hour, as a rate limit, asked once', async () => {
    const { fetch, calls } = scripted(() => json({ errorMessages: ['Rate limit exceeded.'] }, 429, { 'retry-after': '1e300' }));
    const result = await requestJson(fetch, get(), pacing());
    expect(calls()).toBe(1);
    expect(result).toMatchObject({ ok: false, error: { code: 'rate-limited', retryAt: NOW + MAX_RATE_HOLD_MS, message: 'Jira rate limit reached until 11:00 UTC.' } });
  });

  it('holds a reset epoch far past any date for at most an hour', async () => {
    const { fetch, calls } = scripted(() => json({ message: 'API rate limit exceeded' }, 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1e300' }));
    const result = await requestJson(fetch, { ...get('https://api.github.com/user'), service: 'GitHub' }, pacing());
    expect(calls()).toBe(1);
    expect(result).toMatchObject({ ok: false, limit: 'primary', error: { code: 'rate-limited', retryAt: NOW + MAX_RATE_HOLD_MS, message: 'GitHub rate limit reached until 11:00 UTC.' } });
  });

  it('holds a retry-after HTTP date past the year 9999 for at most an hour, and says when in the usual form', async () => {
    // A date of the year 10000 is a valid Date whose ISO form is "+010000-01-01T…": its time would be misread.
    const { fetch } = scripted(() => json({}, 429, { 'retry-after': 'Sat, 01 Jan 10000 00:00:00 GMT' }));
    const result = await requestJson(fetch, get(), pacing());
    expect(result).toMatchObject({ ok: false, error: { code: 'rate-limited', retryAt: NOW + MAX_RATE_HOLD_MS, message: 'Jira rate limit reached until 11:00 UTC.' } });
  });

  it('keeps times within the hour as they are', () => {
    const headers = new Headers({ 'retry-after': '1800', 'x-ratelimit-reset': String(NOW / 1000 + 3600), 'x-ratelimit-remaining': '0' });
    expect(readRate(headers, NOW)).toEqual({ remaining: 0, resetAt: NOW + 3_600_000, retryAt: NOW + 1_800_000 });
    expect(readRate(new Headers({ 'retry-after': '1e300', 'x-ratelimit-reset': '1e300' }), NOW)).toEqual({ resetAt: NOW + MAX_RATE_HOLD_MS, retryAt: NOW + MAX_RATE_HOLD_MS });
  });

  it('reads a retry-after of -1e300 seconds as now: retried, then a rate limit, never "offline"', async () => {
    const { fetch, calls } = scripted(() => json({}, 429, { 'retry-after': '-1e300' }));
    const result = await requestJson(fetch, get(), pacing(0));
    expect(calls()).toBe(3);
    expect(result).toMatchObject({ ok: false, error: { code: 'rate-limited', message: 'Jira rate limit reached until 10:00 UTC.' } });
  });
});

describe('requestJson and the 20 MB answer cap', () => {
  const MB = 1024 * 1024;

  /**
   * A chunked answer (no content-length): a JSON string of spaces, `total` bytes in all, sent a
   * megabyte a chunk as it is read; `seen` counts the bytes handed out and notes a cancel.
   */
  function chunked(total: number) {
    const seen = { pulled: 0, cancelled: false };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (seen.pulled >= total) return controller.close();
        const chunk = new Uint8Array(Math.min(MB, total - seen.pulled)).fill(0x20);
        if (seen.pulled === 0) chunk[0] = 0x22;
        seen.pulled += chunk.byteLength;
        if (seen.pulled === total) chunk[chunk.byteLength - 1] = 0x22;
        controller.enqueue(chunk);
      },
      cancel() {
        seen.cancelled = true;
      },
    }, { highWaterMark: 0 });
    const fetch: Fetch = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    return { fetch, seen };
  }

  it('stops reading a chunked answer once it passes 20 MB, and cancels the rest', async () => {
    // Before: all 96 MB were read into memory, and only then measured.
    const { fetch, seen } = chunked(96 * MB);
    const result = await requestJson(fetch, get(), pacing());
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-response', message: 'Jira sent an answer too large to read (more than 20 MB; FlowLens reads at most 20 MB).' } });
    expect(seen.pulled).toBeLessThanOrEqual(MAX_ANSWER_BYTES + MB);
    expect(seen.cancelled).toBe(true);
  });

  it('reads a chunked answer of exactly 20 MB, and refuses one byte more', async () => {
    const whole = chunked(MAX_ANSWER_BYTES);
    const read = await requestJson(whole.fetch, get(), pacing());
    expect(read.ok).toBe(true);
    expect(read.ok && typeof read.body === 'string' && read.body.length).toBe(MAX_ANSWER_BYTES - 2);
    const over = chunked(MAX_ANSWER_BYTES + 1);
    expect(await requestJson(over.fetch, get(), pacing())).toMatchObject({ ok: false, error: { code: 'bad-response' } });
  });
});
