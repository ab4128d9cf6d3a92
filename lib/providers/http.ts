/**
 * One careful `fetch` for every provider: a timeout, JSON that is checked to be JSON, HTTP
 * failures turned into FlowError values with a sentence the user can act on, and the rate-limit
 * headers read on every answer. Providers never see a raw exception.
 */
import type { FlowError } from '../flow-error';
import { messageOf } from '../flow-error';
import { createHostLimiter, type HostLimiter } from './host-limiter';

/** What the server said about its rate limit on this answer. */
export interface RateInfo {
  remaining?: number;
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

/** A failure, with the rate info when there was an answer at all. */
export interface HttpFail {
  ok: false;
  status?: number;
  error: FlowError;
  rate: RateInfo;
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
  /** The per-host concurrency cap; by default one shared by every provider. */
  limiter?: HostLimiter;
}

/** Retries after the first attempt, whatever the reason. */
export const MAX_RETRIES = 2;

/** The longest `retry-after` we wait through; a longer one is reported as the rate limit. */
export const MAX_RETRY_WAIT_MS = 10_000;

/** The first backoff; each retry doubles it, plus up to as much again of random jitter. */
const BACKOFF_MS = 300;

const sharedLimiter = createHostLimiter();
const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends a request and reads a JSON answer; 304 Not Modified is a success with no body.
 *
 * At most MAX_PER_HOST requests per host are in flight; the others queue. A rate limit (429, a
 * GitHub 403 with `retry-after`, or 503) whose wait is short is waited out and retried; a longer
 * one is returned at once as a `rate-limited` error with its `retryAt`, as the badges expect. A
 * network failure or another 5xx is retried too, with exponential backoff and random jitter so
 * that many tabs do not retry in step. Timeouts are not retried: the user already waited.
 *
 * Retrying is safe because every request FlowLens sends is a read. That includes its POSTs:
 * Jira's issue and changelog bulk fetches, `search/jql` and `jql/parse`, and GitHub's GraphQL
 * queries only read. A request that changes something must set `idempotent: false`.
 */
export async function requestJson(fetchImpl: Fetch, request: HttpRequest, pacing: HttpPacing = {}): Promise<HttpResult> {
  const { random = Math.random, sleep = sleepFor, limiter = sharedLimiter } = pacing;
  const host = hostOf(request.url);
  let waited = 0;
  for (let attempt = 0; ; attempt++) {
    const now = request.now + waited;
    const result = await limiter.run(host, () => attemptOnce(fetchImpl, request, now));
    const wait = attempt < MAX_RETRIES && request.idempotent !== false ? retryWait(result, attempt, now, random) : undefined;
    if (wait === undefined) return result;
    await sleep(wait);
    waited += wait;
  }
}

/** How long to wait before trying again, or `undefined` when the answer stands. */
function retryWait(result: HttpResult, attempt: number, now: number, random: () => number): number | undefined {
  if (result.ok) return undefined;
  const backoff = BACKOFF_MS * 2 ** attempt;
  const jitter = Math.floor(random() * backoff);
  const limited = result.error.code === 'rate-limited';
  if (limited || result.status === 503) {
    // `retry-after` is relative to now; a reset time in our past (clocks differ) says nothing.
    const reset = result.rate.resetAt !== undefined && result.rate.resetAt > now ? result.rate.resetAt : undefined;
    const retryAt = result.rate.retryAt ?? (limited ? reset : undefined);
    // A rate limit that does not say for how long is not guessed at: it is reported.
    if (retryAt === undefined) return limited ? undefined : backoff + jitter;
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
    });
  } catch (error) {
    clearTimeout(timer);
    return { ok: false, error: networkError(service, error, controller.signal.aborted, timeoutMs), rate: {} };
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

/** The largest answer FlowLens reads (bytes); anything bigger is refused, not parsed. */
export const MAX_ANSWER_BYTES = 20 * 1024 * 1024;

function tooLarge(service: string, bytes: number): FlowError {
  return { code: 'bad-response', message: `${service} sent an answer too large to read (${Math.round(bytes / 1024 / 1024)} MB; FlowLens reads at most ${MAX_ANSWER_BYTES / 1024 / 1024} MB).` };
}

async function readAnswer(response: Response, service: string, now: number): Promise<HttpResult> {
  const rate = readRate(response.headers, now);
  if (response.status === 304) return { ok: true, status: 304, body: undefined, rate, headers: response.headers, ...etag(response) };
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > MAX_ANSWER_BYTES) {
    void response.body?.cancel().catch(() => undefined);
    return { ok: false, status: response.status, error: tooLarge(service, declared), rate, headers: response.headers };
  }
  const text = await response.text();
  // Without a length (chunked), the text is measured once read: UTF-16 units, at least the bytes / 3.
  if (text.length > MAX_ANSWER_BYTES) return { ok: false, status: response.status, error: tooLarge(service, text.length), rate, headers: response.headers };
  if (!response.ok) {
    const body = parseJson(text);
    return { ok: false, status: response.status, error: httpError(service, response.status, text, rate), rate, headers: response.headers, ...(body === undefined ? {} : { body }) };
  }
  const body = parseJson(text);
  if (body === undefined) {
    const error: FlowError = { code: 'bad-response', message: `${service} answered with something that is not JSON${looksLikeHtml(text) ? ' (an HTML page)' : ''}.` };
    return { ok: false, status: response.status, error, rate, headers: response.headers };
  }
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

/** Reads `x-ratelimit-*` and `retry-after` (seconds or an HTTP date). */
export function readRate(headers: Headers, now: number): RateInfo {
  const rate: RateInfo = {};
  const remaining = Number(headers.get('x-ratelimit-remaining') ?? NaN);
  const reset = Number(headers.get('x-ratelimit-reset') ?? NaN);
  const retry = headers.get('retry-after');
  if (Number.isFinite(remaining)) rate.remaining = remaining;
  if (Number.isFinite(reset)) rate.resetAt = reset * 1000;
  if (retry !== null) {
    const seconds = Number(retry);
    const at = Number.isFinite(seconds) ? now + seconds * 1000 : Date.parse(retry);
    if (Number.isFinite(at)) rate.retryAt = at;
  }
  return rate;
}

function httpError(service: string, status: number, text: string, rate: RateInfo): FlowError {
  const detail = apiMessage(text);
  const rateLimited = status === 429 || (status === 403 && (rate.remaining === 0 || rate.retryAt !== undefined || /rate limit/i.test(detail)));
  if (rateLimited) {
    const retryAt = rate.retryAt ?? rate.resetAt;
    const when = retryAt ? ` until ${new Date(retryAt).toISOString().slice(11, 16)} UTC` : '';
    // What is shown meanwhile (saved data, or nothing) is for the view to say, not the request.
    return { code: 'rate-limited', message: `${service} rate limit reached${when}.`, ...(retryAt ? { retryAt } : {}) };
  }
  if (status === 401) return { code: 'unauthorized', message: `${service} refused the credentials (401). Check the token in FlowLens options.` };
  if (status === 403) return { code: 'forbidden', message: `${service} denied access (403)${detail ? `: ${detail}` : ''}.` };
  if (status === 404 || status === 410) return { code: 'not-found', message: `${service} has no such item, or it is not visible to you (${status}).` };
  if (status >= 500) return { code: 'server', message: `${service} is having trouble (${status}); retrying later.` };
  return { code: 'bad-response', message: `${service} rejected the request (${status})${detail ? `: ${detail}` : ''}.` };
}

/** The `message` field GitHub and Jira put in error bodies, clipped. */
function apiMessage(text: string): string {
  const body = parseJson(text) as { message?: unknown; errorMessages?: unknown } | undefined;
  const message = typeof body?.message === 'string' ? body.message : Array.isArray(body?.errorMessages) ? body.errorMessages.join(' ') : '';
  return message.slice(0, 200);
}

function networkError(service: string, error: unknown, timedOut: boolean, timeoutMs: number): FlowError {
  if (timedOut) return { code: 'timeout', message: `${service} did not answer within ${Math.round(timeoutMs / 1000)} s.` };
  return { code: 'offline', message: `Could not reach ${service} (${messageOf(error)}).` };
}
