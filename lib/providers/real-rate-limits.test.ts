/**
 * GitHub's rate-limit answers as GitHub sent them, recorded by hub4j/github-api for its own tests
 * (`../shared/fixtures/real-api/github-rest/hub4j-*.wiremock.json`: status, headers and body of a
 * WireMock mapping). hub4j templated the times: `Date`, `X-RateLimit-Reset` and `Retry-After` are
 * WireMock Handlebars templates such as `{{now offset='8 seconds' format='unix'}}`. The test
 * renders them at a fixed "now" and at each later request's "now" (the mapping is persistent: a
 * request sent again gets the same answer, rendered again), and leaves everything else as
 * recorded.
 *
 * GitHub's rules, which each test checks on one real answer:
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 * - `retry-after` present: not before that many seconds (or that HTTP date);
 * - `x-ratelimit-remaining: 0`: not before `x-ratelimit-reset`;
 * - otherwise, for a secondary limit: at least one minute; a secondary limit met again waits
 *   exponentially longer.
 * FlowLens waits out 10 s or less (MAX_RETRY_WAIT_MS) and returns anything longer as `rate-limited`
 * with `retryAt`, which the background holds per host until exactly then.
 */
import { describe, expect, it } from 'vitest';
import { createRateHolds } from '../background/rate-holds';
import { createHostLimiter } from './host-limiter';
import { readRate, requestJson, type Fetch, type HttpPacing } from './http';
import { HAS_REAL_API, readReal, whenReal, realApiTitle } from './testing/real-api';

/** The fixed "now" the templates are rendered at: a whole second, so HTTP dates are exact. */
const NOW = Date.parse('2026-11-20T10:00:00Z');
const HOST = 'api.github.com';

interface Mapping {
  request: { url: string };
  response: { status: number; body: string; headers: Record<string, string | string[]> };
}

const mapping = (name: string) => readReal<Mapping>(`github-rest/${name}.wiremock.json`);

/**
 * Renders the WireMock templates hub4j used: `now` and `testStartDate`, with `offset='N seconds'`
 * and `format='unix'` (epoch seconds) or the HTTP date pattern `EEE, dd MMM yyyy HH:mm:ss z` in
 * GMT. Anything else throws, so a template this does not know fails the test instead of passing
 * through as text.
 */
function render(template: string, now: number, testStart: number): string {
  return template.replace(/\{\{(\w+)((?: \w+='[^']*')*)\}\}/g, (_, name: string, args: string) => {
    const attrs = Object.fromEntries([...args.matchAll(/(\w+)='([^']*)'/g)].map((m) => [m[1]!, m[2]!]));
    if (name !== 'now' && name !== 'testStartDate') throw new Error(`unknown template {{${name}}}`);
    const offset = attrs.offset === undefined ? 0 : Number(/^(-?\d+) seconds$/.exec(attrs.offset)?.[1] ?? NaN) * 1000;
    if (!Number.isFinite(offset)) throw new Error(`unknown offset ${attrs.offset}`);
    const t = (name === 'now' ? now : testStart) + offset;
    if (attrs.format === 'unix') return String(Math.floor(t / 1000));
    if (attrs.format === 'EEE, dd MMM yyyy HH:mm:ss z' && (attrs.timezone === 'GMT' || attrs.timezone === undefined)) return new Date(t).toUTCString();
    throw new Error(`unknown format ${attrs.format}`);
  });
}

/** The recorded answer rendered at `now`: status, headers (a list is one header sent several times) and body as recorded. */
function answerAt(m: Mapping, now: number, testStart = NOW): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(m.response.headers)) {
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, render(one, now, testStart));
  }
  return new Response(m.response.body, { status: m.response.status, headers });
}

/**
 * A clock that only the (instant) sleeps move, a fetch that answers every request with the
 * recorded answer rendered at the clock's time, and jitter fixed at 0 so waits are exact.
 */
function replaying(m: Mapping, then: 'again' | 'ok' = 'again') {
  let clock = NOW;
  const asked: number[] = [];
  const fetch: Fetch = async () => {
    asked.push(clock);
    return asked.length > 1 && then === 'ok' ? new Response('{"id":1}', { status: 200 }) : answerAt(m, clock);
  };
  const slept: number[] = [];
  const pacing: HttpPacing = { random: () => 0, sleep: async (ms) => void (slept.push(ms), (clock += ms)), limiter: createHostLimiter(4) };
  const get = () => requestJson(fetch, { url: `https://${HOST}${m.request.url}`, headers: { Accept: 'application/vnd.github+json' }, service: 'GitHub', now: NOW }, pacing);
  return { get, asked, slept };
}

const describeReal = describe.skipIf(!HAS_REAL_API);

describeReal(realApiTitle('GitHub rate limits on recorded answers'), () => {
  describe('429 whose Retry-After is an HTTP date (hub4j-secondary-ratelimit-429-retry-after-httpdate)', () => {
    // Recorded: 429 Too Many Requests, body "You have exceeded a secondary rate limit. Please wait
    // a few minutes before you try again", `Retry-After: {{now offset='8 seconds' …HTTP date…}}`
    // and no x-ratelimit-* headers. Rendered at 10:00:00: Retry-After "Fri, 20 Nov 2026 10:00:08 GMT".
    const m = whenReal(() => mapping('hub4j-secondary-ratelimit-429-retry-after-httpdate'));

    it('reads the HTTP date as the retry time, to the second', () => {
      const response = answerAt(m, NOW);
      expect(response.headers.get('retry-after')).toBe('Fri, 20 Nov 2026 10:00:08 GMT');
      // 10:00:08 is NOW + 8 s.
      expect(readRate(response.headers, NOW)).toEqual({ retryAt: NOW + 8_000 });
    });

    it('waits until exactly that date (8 s ≤ 10 s), then asks again', async () => {
      const { get, asked, slept } = replaying(m, 'ok');
      expect(await get()).toMatchObject({ ok: true, body: { id: 1 } });
      // Asked at 10:00:00 and again at 10:00:08, not a millisecond before: 8 000 ms, no jitter.
      expect(slept).toEqual([8_000]);
      expect(asked).toEqual([NOW, NOW + 8_000]);
    });

    it('met again, waits twice as long (GitHub: exponentially longer), so is returned and held until exactly then', async () => {
      const { get, asked, slept } = replaying(m);
      const result = await get();
      // 1st answer at 10:00:00: until 10:00:08 → waited (8 s).
      // 2nd answer at 10:00:08: Retry-After 10:00:16 (8 s), but a secondary limit met again waits
      // at least twice the last wait, 16 s → until 10:00:24; 16 s > 10 s, so it is returned.
      // Before this fix: waited 8 s twice and returned the 3rd answer, "rate limit reached until 10:00 UTC".
      expect(asked).toEqual([NOW, NOW + 8_000]);
      expect(slept).toEqual([8_000]);
      expect(result).toMatchObject({ ok: false, status: 429, limit: 'secondary' });
      expect(!result.ok && result.error).toEqual({ code: 'rate-limited', message: 'GitHub secondary rate limit reached until 10:00:24 UTC.', retryAt: NOW + 24_000 });
      const holds = createRateHolds();
      holds.note(HOST, [!result.ok ? result.error : { code: 'server', message: '' }]);
      // Held through 10:00:23.999, free at 10:00:24 exactly.
      expect(holds.heldError(HOST, NOW + 23_999)?.code).toBe('rate-limited');
      expect(holds.heldError(HOST, NOW + 24_000)).toBeUndefined();
      expect(holds.firstUntil(NOW)).toBe(NOW + 24_000);
    });
  });

  describe('403 secondary limit shown only in the body (hub4j-secondary-ratelimit-403-body-only)', () => {
    // Recorded: 403, body "You have exceeded a secondary rate limit. Please wait a few minutes
    // before you try again.", no Retry-After, X-RateLimit-Remaining 21 of 30 (resource "search"),
    // X-RateLimit-Reset {{now offset='3 seconds'}} = 10:00:03. That reset is the primary search
    // limit's, which is not exhausted (21 left): it says nothing of the secondary limit, so GitHub's
    // rule is "wait for at least one minute" → 10:01:00.
    const m = whenReal(() => mapping('hub4j-secondary-ratelimit-403-body-only'));

    it('is recognised as a secondary limit and held 60 s, not 3 s', async () => {
      const { get, asked, slept } = replaying(m);
      const result = await get();
      // Before this fix: taken as ending at the reset (10:00:03), waited out 3 s and asked again.
      expect(asked).toEqual([NOW]);
      expect(slept).toEqual([]);
      expect(result).toMatchObject({ ok: false, status: 403, limit: 'secondary', rate: { remaining: 21, resetAt: NOW + 3_000 } });
      expect(!result.ok && result.error).toEqual({ code: 'rate-limited', message: 'GitHub secondary rate limit reached until 10:01:00 UTC.', retryAt: NOW + 60_000 });
      const holds = createRateHolds();
      holds.note(HOST, [!result.ok ? result.error : { code: 'server', message: '' }]);
      expect(holds.heldError(HOST, NOW + 3_000)?.message).toBe('GitHub secondary rate limit reached until 10:01:00 UTC.');
      expect(holds.heldError(HOST, NOW + 59_999)).toBeDefined();
      expect(holds.heldError(HOST, NOW + 60_000)).toBeUndefined();
    });
  });

  describe('403 secondary limit with gh-limited-by (hub4j-secondary-ratelimit-403-gh-limited-by)', () => {
    // Recorded: 403, `gh-limited-by: search-elapsed-time-shared-grouped`, body "You have exceeded a
    // secondary rate limit…", X-RateLimit-Remaining 4000 of 5000, X-RateLimit-Reset
    // {{testStartDate offset='3 seconds'}}: hub4j's test start, here NOW, so 10:00:03. No
    // Retry-After and 4000 left: at least one minute → 10:01:00.
    const m = whenReal(() => mapping('hub4j-secondary-ratelimit-403-gh-limited-by'));

    it('is held 60 s, not until the primary limit’s reset 3 s away', async () => {
      const { get, asked, slept } = replaying(m);
      const result = await get();
      // Before this fix: waited 3 s for the reset and asked again.
      expect(asked).toEqual([NOW]);
      expect(slept).toEqual([]);
      expect(result).toMatchObject({ ok: false, status: 403, limit: 'secondary', rate: { remaining: 4000, resetAt: NOW + 3_000 } });
      expect(!result.ok && result.error).toEqual({ code: 'rate-limited', message: 'GitHub secondary rate limit reached until 10:01:00 UTC.', retryAt: NOW + 60_000 });
    });

    it('is recognised by the header alone (the recorded answer with its body emptied, in this test)', async () => {
      const bare = { ...m, response: { ...m.response, body: '{}' } };
      const result = await replaying(bare).get();
      expect(result).toMatchObject({ ok: false, limit: 'secondary', error: { code: 'rate-limited', retryAt: NOW + 60_000 } });
    });
  });

  describe('primary 403 with X-RateLimit-Remaining 0 (hub4j-primary-ratelimit-403-remaining-0)', () => {
    // Recorded: 403, body "Must have push access to repository" (nothing about a rate limit),
    // X-RateLimit-Remaining 0 of 5000, X-RateLimit-Reset {{now offset='3 seconds'}}. Remaining 0
    // makes it the primary limit, not before its reset: each answer's reset is 3 s after it.
    const m = whenReal(() => mapping('hub4j-primary-ratelimit-403-remaining-0'));

    it('waits until exactly its reset (3 s ≤ 10 s), then asks again', async () => {
      const { get, asked, slept } = replaying(m, 'ok');
      expect(await get()).toMatchObject({ ok: true });
      expect(asked).toEqual([NOW, NOW + 3_000]);
      expect(slept).toEqual([3_000]);
    });

    it('still limited after two retries: returned and held until the last answer’s reset', async () => {
      const { get, asked, slept } = replaying(m);
      const result = await get();
      // Asked at 10:00:00 (reset 10:00:03), 10:00:03 (reset 10:00:06), 10:00:06 (reset 10:00:09).
      // A primary limit does not grow on repeats: its reset is the time.
      expect(asked).toEqual([NOW, NOW + 3_000, NOW + 6_000]);
      expect(slept).toEqual([3_000, 3_000]);
      expect(result).toMatchObject({ ok: false, status: 403, limit: 'primary', rate: { remaining: 0, resetAt: NOW + 9_000 } });
      expect(!result.ok && result.error).toEqual({ code: 'rate-limited', message: 'GitHub rate limit reached until 10:00 UTC.', retryAt: NOW + 9_000 });
      const holds = createRateHolds();
      holds.note(HOST, [!result.ok ? result.error : { code: 'server', message: '' }]);
      expect(holds.heldError(HOST, NOW + 8_999)).toBeDefined();
      expect(holds.heldError(HOST, NOW + 9_000)).toBeUndefined();
    });
  });
});
