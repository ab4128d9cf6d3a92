/**
 * One careful `fetch` for every provider: a timeout, JSON that is checked to be JSON, HTTP
 * failures turned into FlowError values with a sentence the user can act on, and the rate-limit
 * headers read on every answer. Providers never see a raw exception.
 */
import type { FlowError } from '../flow-error';
import { messageOf } from '../flow-error';
import { HOUR, MINUTE, httpDate } from '../flow/time';
import { createHostLimiter, type HostLimiter } from './host-limiter';

/** What the server said about its rate limit on this answer. */
export interface RateInfo {
  remaining?: number;
  /** GraphQL only: the points the query cost, as GitHub reports them (`rateLimit.cost`). */
  cost?: number;
  /** When the limit resets (epoch ms). */
  resetAt?: number;
  /** From `retry-after` (epoch ms). */
  retryAt?: number;
}

/** A successful JSON answer. */
export interface HttpOk {
  ok: true;
  status: number;
  body: unknown;
  etag?: string;
  rate: RateInfo;
  headers: Headers;
}

/**
 * GitHub's two kinds of rate limit: the primary one counts requests per hour (the
 * `x-ratelimit-*` headers), the secondary ones guard against bursts and say so only in words
 * (and, in answers seen from GitHub, a `gh-limited-by` header).
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 */
export type RateLimitKind = 'primary' | 'secondary';

/** A failure, with the rate info when there was an answer at all. */
export interface HttpFail {
  ok: false;
  status?: number;
  error: FlowError;
  rate: RateInfo;
  /** Which rate limit the answer reports, when `error` is `rate-limited`. */
  limit?: RateLimitKind;
  headers?: Headers;
  /** The error answer's JSON body, when it had one (e.g. Jira's `errorMessages`). */
  body?: unknown;
}

/** The outcome of a request. */
export type HttpResult = HttpOk | HttpFail;

/** A `fetch` we can replace in tests. */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Options of one request. */
export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
  /** `include` sends the user's cookies (Jira session); everything else omits them. */
  credentials?: RequestCredentials;
  /** Who answers, for messages: "GitHub", "Jira". */
  service: string;
  /** Current time (epoch ms), to turn `retry-after` seconds into a time. */
  now: number;
  /** False for a request that must not be sent twice; every request today is a read (true). */
  idempotent?: boolean;
}

/**
 * How requests wait and retry; every field has a default, tests pass their own so waits are
 * instant and jitter is fixed.
 */
export interface HttpPacing {
  /** Random numbers in [0, 1), for jitter. */
  random?: () => number;
  /** Waits `ms` milliseconds. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * The per-host concurrency cap, the caller's: the background owns one (ProviderState) that
   * every request it makes shares. Without one, a request waits for no other.
   */
  limiter?: HostLimiter;
}

/** Retries after the first attempt, whatever the reason. */
export const MAX_RETRIES = 2;

/** The longest `retry-after` we wait through; a longer one is reported as the rate limit. */
export const MAX_RETRY_WAIT_MS = 10_000;

/**
 * How long a secondary rate limit that names no time holds: GitHub asks to "wait for at least
 * one minute before retrying" when neither `retry-after` nor `x-ratelimit-remaining: 0` says more.
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately
 */
export const SECONDARY_LIMIT_WAIT_MS = MINUTE;

/** The first backoff; each retry doubles it, plus up to as much again of random jitter. */
const BACKOFF_MS = 300;

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends a request and reads a JSON answer; 304 Not Modified is a success with no body.
 *
 * At most MAX_PER_HOST requests per host share the caller's limiter at once; the others queue. A rate limit (429, a
 * GitHub 403 or GraphQL answer that reports one, see `limitOf`) is not asked again before the
 * time GitHub's rules give (`retryAtOf`); when that is MAX_RETRY_WAIT_MS or less away it is
 * waited out and retried, otherwise it is returned at once as a `rate-limited` error with its
 * `retryAt`, as the badges expect. A secondary limit met again on a retry waits at least twice as
 * long as the time before, as GitHub asks. A 503 with `retry-after` waits as long; a network
 * failure or another 5xx is retried with exponential backoff and random jitter so that many tabs
 * do not retry in step. Timeouts are not retried: the user already waited.
 *
 * Retrying is safe because every request FlowLens sends is a read. That includes its POSTs:
 * Jira's issue and changelog bulk fetches, `search/jql` and `jql/parse`, and GitHub's GraphQL
 * queries only read. A request that changes something must set `idempotent: false`.
 */
export async function requestJson(fetchImpl: Fetch, request: HttpRequest, pacing: HttpPacing = {}): Promise<HttpResult> {
  const { random = Math.random, sleep = sleepFor, limiter = createHostLimiter() } = pacing;
  const host = hostOf(request.url);
  let waited = 0;
  // The last wait for a secondary limit, which a second one in a row must at least double.
  let secondaryWait = 0;
  for (let attempt = 0; ; attempt++) {
    const now = request.now + waited;
    let result = await limiter.run(host, () => attemptOnce(fetchImpl, request, now));
    if (!result.ok && result.limit === 'secondary' && secondaryWait > 0) result = atLeast(result, now + 2 * secondaryWait, request.service);
    const wait = attempt < MAX_RETRIES && request.idempotent !== false ? retryWait(result, attempt, now, random) : undefined;
    if (wait === undefined) return result;
    if (!result.ok && result.limit === 'secondary') secondaryWait = wait;
    await sleep(wait);
    waited += wait;
  }
}

/** The rate-limit failure `result`, held at least until `until`. */
function atLeast(result: HttpFail, until: number, service: string): HttpFail {
  const retryAt = result.error.retryAt;
  if (retryAt !== undefined && retryAt >= until) return result;
  return { ...result, error: limitError(service, result.limit ?? 'secondary', until) };
}

/** How long to wait before trying again, or `undefined` when the answer stands. */
function retryWait(result: HttpResult, attempt: number, now: number, random: () => number): number | undefined {
  if (result.ok) return undefined;
  const backoff = BACKOFF_MS * 2 ** attempt;
  const jitter = Math.floor(random() * backoff);
  if (result.error.code === 'rate-limited') {
    // The time was worked out from GitHub's rules when the answer was read (`retryAtOf`); a rate
    // limit that does not say for how long is not guessed at: it is reported.
    const retryAt = result.error.retryAt;
    if (retryAt === undefined) return undefined;
    const until = Math.max(0, retryAt - now);
    // Jitter only ever adds to the wait: no retry comes before the time GitHub gave.
    return until <= MAX_RETRY_WAIT_MS ? until + jitter : undefined;
  }
  if (result.status === 503) {
    const retryAt = result.rate.retryAt;
    if (retryAt === undefined) return backoff + jitter;
    const until = Math.max(0, retryAt - now);
    return until <= MAX_RETRY_WAIT_MS ? until + jitter : undefined;
  }
  const transient = result.error.code === 'offline' || result.error.code === 'server';
  return transient ? backoff + jitter : undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

async function attemptOnce(fetchImpl: Fetch, request: HttpRequest, now: number): Promise<HttpResult> {
  const { url, method = 'GET', timeoutMs = 15_000, service } = request;
  const credentialed = carriesCredentials(request);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method,
      headers: { Accept: 'application/json', ...request.headers, ...(request.body ? { 'Content-Type': 'application/json' } : {}) },
      body: request.body === undefined ? null : JSON.stringify(request.body),
      signal: controller.signal,
      credentials: request.credentials ?? 'omit',
      redirect: credentialed ? 'manual' : 'follow',
    });
  } catch (error) {
    clearTimeout(timer);
    return { ok: false, error: networkError(service, error, controller.signal.aborted, timeoutMs), rate: {} };
  }
  const refused = refusedRedirect(response, url, service, credentialed);
  if (refused) {
    clearTimeout(timer);
    void response.body?.cancel().catch(() => undefined);
    // An opaque redirect's status is 0: kept, so a caller can tell a redirect from a failure.
    return { ok: false, status: response.status, error: refused, rate: {} };
  }
  try {
    return await readAnswer(response, service, now);
  } catch (error) {
    const timedOut = controller.signal.aborted;
    return { ok: false, status: response.status, error: networkError(service, error, timedOut, timeoutMs), rate: {} };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether a request carries the user's credentials: the browser's cookies for the site
 * (`credentials` other than `omit`) or a token in `Authorization`.
 */
function carriesCredentials(request: HttpRequest): boolean {
  const withCookies = (request.credentials ?? 'omit') !== 'omit';
  return withCookies || Object.keys(request.headers ?? {}).some((name) => name.toLowerCase() === 'authorization');
}

/** The statuses the Fetch standard follows as redirects. https://fetch.spec.whatwg.org/#redirect-status */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * The error for an answer that is a redirect FlowLens does not take, or `undefined` for one it
 * reads. Nothing but the answer of the origin asked is ever read:
 *
 * - A request with credentials is sent with `redirect: 'manual'`, because with `follow` the
 *   browser itself sends the next hop, with the cookies it holds for wherever the redirect
 *   leads (for a 307 or 308, the same method and body): a hostile site could have FlowLens ask
 *   the user's own Jira, with the user's session, a question of its choosing, and read the
 *   answer as its own. A browser answers `manual` with an opaque-redirect response (type
 *   `opaqueredirect`, status 0, no headers, no body), so where it leads cannot be seen, not even
 *   whether it stays on the same origin: such a redirect is refused, whatever its target.
 *   https://fetch.spec.whatwg.org/#concept-filtered-response-opaque-redirect
 *   A fetch outside a browser may hand back the 3xx itself; that is refused too, and its
 *   Location named. (The standard drops `Authorization` on a cross-origin redirect,
 *   https://fetch.spec.whatwg.org/#http-redirect-fetch, but not the next site's cookies, and
 *   the answer would still be another host's.)
 * - A request without credentials is followed by the browser (GitHub answers a renamed
 *   repository with a 301 to its new address on the same API host), and its final URL
 *   (`response.url`, https://fetch.spec.whatwg.org/#dom-response-url) must be on the origin
 *   asked: another host's answer is not taken for this one's. An empty URL (a Response made
 *   in a test) says nothing and is read.
 */
function refusedRedirect(response: Response, url: string, service: string, credentialed: boolean): FlowError | undefined {
  const from = `${service} at ${hostOf(url)} redirected the request`;
  if (credentialed && handedBack(response)) {
    const location = response.headers.get('location');
    const to = location === null ? '' : ` to ${placeOf(location, url)}`;
    return { code: 'bad-response', message: `${from}${to}; FlowLens does not follow redirects of requests made with your session or token.` };
  }
  if (!response.url || sameOrigin(response.url, url)) return undefined;
  return { code: 'bad-response', message: `${from} to ${placeOf(response.url, url)}; FlowLens takes an answer only from the host it asked.` };
}

/** A redirect handed back instead of followed (`redirect: 'manual'`): opaque in a browser, the 3xx itself elsewhere. */
function handedBack(response: Response): boolean {
  return response.type === 'opaqueredirect' || (REDIRECT_STATUSES.has(response.status) && response.headers.has('location'));
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** Where `location` (resolved against `from`) leads, for a message: its host, or its origin when only the scheme or port differ. */
function placeOf(location: string, from: string): string {
  try {
    const target = new URL(location, from);
    return target.host === new URL(from).host ? target.origin : target.host;
  } catch {
    return 'an address that is not a URL';
  }
}

/** The largest answer FlowLens reads (bytes); anything bigger is refused, not parsed. */
export const MAX_ANSWER_BYTES = 20 * 1024 * 1024;

/** The error for an answer past MAX_ANSWER_BYTES: of `declared` bytes, or of more (read until it passed). */
function tooLarge(service: string, declared?: number): FlowError {
  const size = declared === undefined ? `more than ${MAX_ANSWER_BYTES / 1024 / 1024} MB` : `${Math.round(declared / 1024 / 1024)} MB`;
  return { code: 'bad-response', message: `${service} sent an answer too large to read (${size}; FlowLens reads at most ${MAX_ANSWER_BYTES / 1024 / 1024} MB).` };
}

/**
 * The body as UTF-8 text, read chunk by chunk and counted as it comes: past MAX_ANSWER_BYTES
 * the stream is cancelled and `undefined` returned, so an answer without a length (chunked)
 * costs at most that much memory, never its whole size. Decoding is `response.text()`'s: UTF-8,
 * a leading BOM dropped, bad bytes replaced. https://fetch.spec.whatwg.org/#dom-body-text
 */
async function readCapped(response: Response): Promise<string | undefined> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > MAX_ANSWER_BYTES) {
      void reader.cancel().catch(() => undefined);
      return undefined;
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

async function readAnswer(response: Response, service: string, now: number): Promise<HttpResult> {
  const rate = readRate(response.headers, now);
  if (response.status === 304) return { ok: true, status: 304, body: undefined, rate, headers: response.headers, ...etag(response) };
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > MAX_ANSWER_BYTES) {
    void response.body?.cancel().catch(() => undefined);
    return { ok: false, status: response.status, error: tooLarge(service, declared), rate, headers: response.headers };
  }
  const text = await readCapped(response);
  if (text === undefined) return { ok: false, status: response.status, error: tooLarge(service), rate, headers: response.headers };
  if (!response.ok) {
    const body = parseJson(text);
    const detail = apiMessage(body);
    const limit = limitOf(response.status, response.headers, detail, rate);
    const error = limit ? limitError(service, limit, retryAtOf(limit, rate, now)) : httpError(service, response.status, detail);
    return { ok: false, status: response.status, error, rate, ...(limit ? { limit } : {}), headers: response.headers, ...(body === undefined ? {} : { body }) };
  }
  const body = parseJson(text);
  if (body === undefined) {
    const error: FlowError = { code: 'bad-response', message: `${service} answered with something that is not JSON${looksLikeHtml(text) ? ' (an HTML page)' : ''}.` };
    return { ok: false, status: response.status, error, rate, headers: response.headers };
  }
  const limit = graphqlLimitOf(body, response.headers);
  if (limit) return { ok: false, status: response.status, error: limitError(service, limit, retryAtOf(limit, rate, now)), rate, limit, headers: response.headers, body };
  return { ok: true, status: response.status, body, rate, headers: response.headers, ...etag(response) };
}

function etag(response: Response): { etag?: string } {
  const value = response.headers.get('etag');
  return value ? { etag: value } : {};
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** True when a body is an HTML page, e.g. a login page served with status 200. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html)/i.test(text);
}

/**
 * The longest a rate limit is held from now, whatever the answer says: an hour. GitHub counts
 * its primary limits, REST and GraphQL, per hour, so their reset is never further away, and its
 * secondary limits are shorter. A longer time is a server's mistake or a hostile host's (one
 * past what a Date can hold once made `retry-after: 1e300` an "offline" error, asked again
 * twice); after the hour the host is asked once more, and holds again if it is still limited.
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-primary-rate-limits
 * https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api#primary-rate-limit
 */
export const MAX_RATE_HOLD_MS = HOUR;

/**
 * Reads `x-ratelimit-*` and `retry-after` (seconds or an HTTP date). A time later than
 * MAX_RATE_HOLD_MS from `now` is read as that; a `retry-after` in the past (negative seconds, an
 * old date) is read as now.
 */
export function readRate(headers: Headers, now: number): RateInfo {
  const rate: RateInfo = {};
  const remaining = Number(headers.get('x-ratelimit-remaining') ?? NaN);
  const reset = Number(headers.get('x-ratelimit-reset') ?? NaN);
  const retry = headers.get('retry-after');
  const bounded = (at: number) => Math.min(at, now + MAX_RATE_HOLD_MS);
  if (Number.isFinite(remaining)) rate.remaining = remaining;
  if (Number.isFinite(reset)) rate.resetAt = bounded(reset * 1000);
  if (retry !== null) {
    const seconds = Number(retry);
    const at = Number.isFinite(seconds) ? now + seconds * 1000 : httpDate(retry);
    if (Number.isFinite(at)) rate.retryAt = Math.max(now, bounded(at));
  }
  return rate;
}

/**
 * The words of a secondary rate limit: GitHub's message today, and its older "abuse detection
 * mechanism" one from before secondary limits had that name.
 */
const SECONDARY_WORDS = /secondary rate limit|abuse detection mechanism/i;

/**
 * Which rate limit an error answer reports, if any. A secondary limit is a 403 or 429 that says so
 * in its message, or carries `gh-limited-by` (not in GitHub's documentation, but on the secondary
 * limit answers recorded from it); its `x-ratelimit-*` headers still describe the primary limit.
 * A primary limit is a 403 or 429 with `x-ratelimit-remaining: 0`; any other 429, or a 403 with
 * `retry-after` or a message about a rate limit, is counted as one too.
 */
function limitOf(status: number, headers: Headers, detail: string, rate: RateInfo): RateLimitKind | undefined {
  if (status !== 403 && status !== 429) return undefined;
  if (SECONDARY_WORDS.test(detail) || headers.has('gh-limited-by')) return 'secondary';
  if (status === 429 || rate.remaining === 0 || rate.retryAt !== undefined || /rate limit/i.test(detail)) return 'primary';
  return undefined;
}

/**
 * A GraphQL answer that reports a rate limit with status 200 (GitHub's GraphQL API does, for its
 * primary limit and some secondary ones): an `errors` entry that says so in its message, or whose
 * `type` is `RATE_LIMITED` (or `RATE_LIMIT`, seen from GitHub though not documented).
 * https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api#exceeding-the-rate-limit
 */
function graphqlLimitOf(body: unknown, headers: Headers): RateLimitKind | undefined {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return undefined;
  let limit: RateLimitKind | undefined;
  for (const entry of errors as unknown[]) {
    const { message, type } = (entry ?? {}) as { message?: unknown; type?: unknown };
    const words = typeof message === 'string' ? message : '';
    if (SECONDARY_WORDS.test(words)) return 'secondary';
    if (type === 'RATE_LIMITED' || type === 'RATE_LIMIT' || /rate limit/i.test(words)) limit = 'primary';
  }
  return limit && headers.has('gh-limited-by') ? 'secondary' : limit;
}

/**
 * When GitHub's rules let the request be sent again (epoch ms), or `undefined` when the answer
 * does not say: `retry-after` first; then, with `x-ratelimit-remaining: 0`, the reset time; then,
 * for a secondary limit, one minute from now (its reset header is the primary limit's, and says
 * nothing of it); a primary limit's own reset last. A reset already in our past (the clocks
 * differ) says nothing either.
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 */
function retryAtOf(limit: RateLimitKind, rate: RateInfo, now: number): number | undefined {
  const reset = rate.resetAt !== undefined && rate.resetAt > now ? rate.resetAt : undefined;
  if (rate.retryAt !== undefined) return rate.retryAt;
  if (rate.remaining === 0 && reset !== undefined) return reset;
  if (limit === 'secondary') return now + SECONDARY_LIMIT_WAIT_MS;
  return reset;
}

/** The `rate-limited` error; a secondary limit's says it is one, to the second (it is short). */
function limitError(service: string, limit: RateLimitKind, retryAt: number | undefined): FlowError {
  const at = retryAt === undefined ? '' : new Date(retryAt).toISOString().slice(11, limit === 'secondary' ? 19 : 16);
  const when = at ? ` until ${at} UTC` : '';
  // What is shown meanwhile (saved data, or nothing) is for the view to say, not the request.
  const what = limit === 'secondary' ? 'secondary rate limit' : 'rate limit';
  return { code: 'rate-limited', message: `${service} ${what} reached${when}.`, ...(retryAt !== undefined ? { retryAt } : {}) };
}

function httpError(service: string, status: number, detail: string): FlowError {
  if (status === 401) return { code: 'unauthorized', message: `${service} refused the credentials (401). Check the token in FlowLens options.` };
  if (status === 403) return { code: 'forbidden', message: `${service} denied access (403)${detail ? `: ${detail}` : ''}.` };
  if (status === 404 || status === 410) return { code: 'not-found', message: `${service} has no such item, or it is not visible to you (${status}).` };
  if (status >= 500) return { code: 'server', message: `${service} is having trouble (${status}); retrying later.` };
  return { code: 'bad-response', message: `${service} rejected the request (${status})${detail ? `: ${detail}` : ''}.` };
}

/**
 * The words GitHub and Jira put in error bodies, clipped: `message` (or Jira's `errorMessages`),
 * and with it what GitHub's validation errors name. GitHub's "Validation Failed" (422) lists in
 * `errors` each problem's `resource`, `field` and `code` (`missing`, `missing_field`, `invalid`,
 * `already_exists`, `unprocessable`), or a `message` of its own (`custom`).
 * https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#validation-failed
 */
function apiMessage(parsed: unknown): string {
  const body = parsed as { message?: unknown; errorMessages?: unknown; errors?: unknown } | null | undefined;
  const message = typeof body?.message === 'string' ? body.message : Array.isArray(body?.errorMessages) ? body.errorMessages.join(' ') : '';
  const problems = Array.isArray(body?.errors) ? body.errors.flatMap(problemOf) : [];
  const listed = problems.join('; ');
  return (message && listed ? `${message} (${listed})` : message || listed).slice(0, 200);
}

/** One of GitHub's validation errors in its own words: "Label color: invalid", or its message. */
function problemOf(entry: unknown): string[] {
  if (typeof entry === 'string') return [entry];
  const { resource, field, code, message } = (entry ?? {}) as Record<string, unknown>;
  if (typeof message === 'string' && message) return [message];
  const where = [resource, field].filter((part): part is string => typeof part === 'string' && part !== '').join(' ');
  if (typeof code !== 'string' || !code) return where ? [where] : [];
  return [where ? `${where}: ${code}` : code];
}

function networkError(service: string, error: unknown, timedOut: boolean, timeoutMs: number): FlowError {
  if (timedOut) return { code: 'timeout', message: `${service} did not answer within ${Math.round(timeoutMs / 1000)} s.` };
  return { code: 'offline', message: `Could not reach ${service} (${messageOf(error)}).` };
}
