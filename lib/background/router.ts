/**
 * Routes validated requests to the services. Every answer is a Result value; an exception in a
 * service becomes an error the UI can show, never an unanswered message.
 */
import { acceptRequest, isExtensionPage, refusedRefs, type SenderInfo } from '../messaging';
import type { Request, ResponseData, Result } from '../protocol';
import { messageOf, type FlowError } from '../flow-error';
import type { PublicStatus } from '../status';
import type { FlowService } from './flow-service';
import type { FlowCache } from '../storage/cache';
import type { Secrets, Settings } from '../storage/settings';
import type { Fetch, HttpPacing } from '../providers/http';
import { checkGithubRepo } from '../providers/github/check-repo';
import { checkGithubToken } from '../providers/github/check-token';
import { loadMarkupMisses, recordMarkupMiss } from '../storage/markup-misses';
import type { SummaryCopy } from '../team/first-paint';
import { own } from '../own';
import { browser } from 'wxt/browser';

/** What the router dispatches to. */
export interface RouterDeps {
  self: { id: string; origin: string };
  flow: FlowService;
  cache: () => Promise<FlowCache>;
  loadSecrets: () => Promise<Secrets>;
  /** The settings: which Enterprise Server hosts and Jira sites the user added. */
  loadSettings: () => Promise<Settings>;
  fetch: Fetch;
  now: () => number;
  /** The background's per-host cap, shared with every other request (the token check's). */
  pacing?: HttpPacing;
  /** The team summary and sync (popup, options page). */
  team: {
    summary: () => Promise<Result<ResponseData['team/summary']>>;
    sync: () => Promise<Result<ResponseData['team/sync']>>;
    /** The popup's look at the rows, swapped for the last one (looked-answer.ts). */
    looked: (seen: Extract<Request, { type: 'team/looked' }>['seen'], gone?: string[]) => Promise<Result<ResponseData['team/looked']>>;
  };
  /**
   * Whether FlowLens may read `host` now (runtime host permissions). A probe of a host the user
   * has not allowed yet would only fail to connect; it says what to do instead.
   */
  hostGranted?: (host: string) => Promise<boolean>;
  /** Forgets what was learnt of Jira sites from their items (site-meta.ts): it goes with the cache. */
  clearSiteFacts: () => Promise<void>;
  /** The popup's copy of the last summary (lib/team/first-paint.ts): it holds item data, so it goes with the cache. */
  summaryCopy: Pick<SummaryCopy, 'clear'>;
  /** Probes the options page runs against the user's own GitHub and Jira (github-probes.ts, jira-probes.ts). */
  /** Opens the options page (default: `runtime.openOptionsPage`). */
  openOptions?: () => Promise<void>;
  probes: {
    githubQuery: (host: string, query: string) => Promise<Result<ResponseData['github/check-query']>>;
    jiraAccess: (host: string) => Promise<Result<ResponseData['jira/check-access']>>;
    jiraJql: (host: string, jql: string) => Promise<Result<ResponseData['jira/check-jql']>>;
  };
}

/** Returns the `runtime.onMessage` handler: a promise for ours, `undefined` for anything else. */
export function createRouter(deps: RouterDeps) {
  return (message: unknown, sender: SenderInfo): Promise<Result<unknown>> | undefined => {
    const accepted = acceptRequest(message, sender, deps.self);
    if (accepted === null) return undefined;
    if (!accepted.ok) return Promise.resolve(accepted);
    return checked(accepted.data, sender, deps).catch((error: unknown) => ({
      ok: false as const,
      error: { code: 'bad-response' as const, message: `FlowLens failed: ${messageOf(error)}` },
    }));
  };
}

const ok = <T>(data: T): Result<T> => ({ ok: true, data });

/**
 * A content script's refs, already of its own host (acceptRequest), must also be of a site of
 * their source the user reads: GitHub items on github.com or an added Enterprise Server, Jira
 * items on Jira Cloud or an added Data Center site. Then the request is dispatched.
 */
async function checked(request: Request, sender: SenderInfo, deps: RouterDeps): Promise<Result<unknown>> {
  if ('refs' in request && !isExtensionPage(sender, deps.self)) {
    const refusal = refusedRefs(request.refs, await deps.loadSettings());
    if (refusal) return { ok: false, error: refusal };
  }
  return dispatch(request, deps);
}

/** The options page's probes of a user's host: each is refused before it starts when FlowLens may not read the host. */
const HOST_PROBES = new Set<Request['type']>(['github/check-token', 'github/check-query', 'github/check-repo', 'jira/check-access', 'jira/check-jql']);

async function dispatch(request: Request, deps: RouterDeps): Promise<Result<ResponseData[Request['type']]>> {
  if (HOST_PROBES.has(request.type) && 'host' in request) {
    const refusal = await notAllowed(request.host, deps);
    if (refusal) return refusal;
  }
  switch (request.type) {
    case 'flow/cached':
      return ok(await deps.flow.cached(request.refs));
    case 'flow/refresh':
      return ok(await deps.flow.refresh(request.refs));
    case 'page/markup-miss':
      await recordMarkupMiss(request.site, request.page, deps.now());
      return ok({ recorded: true });
    case 'options/open':
      await (deps.openOptions ?? (() => browser.runtime.openOptionsPage()))();
      return ok({ opened: true });
    case 'status/get':
      return ok(await status(deps));
    case 'cache/clear': {
      // The popup's copy of the last summary holds item data too, and site facts were learnt from items.
      await deps.summaryCopy.clear().catch(() => undefined);
      const cleared = await (await deps.cache()).clear();
      await deps.clearSiteFacts();
      return ok({ cleared });
    }
    case 'github/check-token':
      return probeToken(request.host, deps);
    case 'github/check-query':
      return deps.probes.githubQuery(request.host, request.query);
    case 'github/check-repo':
      return probeRepo(request, deps);
    case 'jira/check-access':
      return deps.probes.jiraAccess(request.host);
    case 'jira/check-jql':
      return deps.probes.jiraJql(request.host, request.jql);
    case 'team/summary':
      return deps.team.summary();
    case 'team/sync':
      return deps.team.sync();
    case 'team/looked':
      return deps.team.looked(request.seen, request.gone ?? []);
  }
}

/** The refusal of a probe whose host FlowLens may not read yet; `undefined` when it may. */
async function notAllowed(host: string, deps: RouterDeps): Promise<{ ok: false; error: FlowError } | undefined> {
  const granted = await (deps.hostGranted?.(host) ?? Promise.resolve(true)).catch(() => true);
  if (granted) return undefined;
  return { ok: false, error: { code: 'forbidden', message: `FlowLens may not read ${host} yet. Choose “Allow reading ${host}” beside it on this page, then check again.` } };
}

async function probeToken(host: string, deps: RouterDeps): Promise<Result<ResponseData['github/check-token']>> {
  const token = own((await deps.loadSecrets()).githubTokens, host);
  if (!token) return { ok: false, error: { code: 'unauthorized', message: `No GitHub token is saved for ${host}.` } };
  return checkGithubToken({ fetch: deps.fetch, host, token, now: deps.now(), ...(deps.pacing ? { pacing: deps.pacing } : {}) });
}

/** A repository the welcome page (or options) would add: checked with the host's token if one is saved. */
async function probeRepo(request: Extract<Request, { type: 'github/check-repo' }>, deps: RouterDeps): Promise<Result<ResponseData['github/check-repo']>> {
  const token = own((await deps.loadSecrets()).githubTokens, request.host);
  const ctx = { fetch: deps.fetch, host: request.host, now: deps.now(), ...(token ? { token } : {}), ...(deps.pacing ? { pacing: deps.pacing } : {}) };
  return checkGithubRepo(ctx, request.owner, request.repo);
}

async function status(deps: RouterDeps): Promise<PublicStatus> {
  const [cache, secrets, markupMisses] = await Promise.all([deps.cache(), deps.loadSecrets(), loadMarkupMisses(deps.now())]);
  const flow = deps.flow.status();
  return {
    cacheBackend: cache.backend,
    ...(cache.problem ? { cacheProblem: cache.problem } : {}),
    cachedItems: await cache.countItems(),
    githubHostsWithToken: Object.keys(secrets.githubTokens),
    ...(flow.rateLimitedUntil ? { githubRateLimitedUntil: flow.rateLimitedUntil } : {}),
    ...(flow.githubPoints.length > 0 ? { githubPoints: flow.githubPoints } : {}),
    ...(flow.lastError ? { lastError: flow.lastError } : {}),
    markupMisses,
  };
}
