/**
 * Fetches GitHub items in batches. With a token: one aliased GraphQL query per GITHUB_BATCH
 * items. Without one (GraphQL needs authentication): REST, one conditional request per item with
 * its cached ETag, since GitHub does not count 304 answers against the rate limit; and for an
 * item page (at most DETAIL_LIMIT items) one more per item for its timeline (addHistories).
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api
 */
import * as v from 'valibot';
import type { FlowError } from '../../flow-error';
import { formatKey, type GithubRef } from '../../item-key';
import { requestJson, type Fetch, type HttpPacing, type HttpResult } from '../http';
import type { FetchOutcome, Fetched } from '../outcome';
import { createGraphDependencySupport, fetchRelation, linkedSince, refusesDependencyFields, type Dependencies, type GraphDependencySupport, type Relation } from './dependencies';
import type { ItemLink } from '../../flow/model';
import { buildItemsQuery, GITHUB_BATCH } from './items-query';
import { fetchRestHistory, historyEvents, historyGap, type RestHistory } from './rest-timeline';
import { graphEnvelope, graphRateLimit, graphRepoSlot, restIssue } from './schema';
import { issueToItem, pullToItem, restToItem } from './to-work-item';
import { parseTime } from '../../flow/time';

/** What the caller knows and lends us. */
export interface GithubContext {
  fetch: Fetch;
  host: string;
  token?: string;
  now: number;
  /** Cached items with their ETags, for conditional REST requests. */
  previous?: Map<string, Fetched>;
  /** How requests wait and retry, and the per-host cap (tests make the waits instant); the defaults otherwise. */
  pacing?: HttpPacing;
  /** The caller's memory of hosts whose GraphQL lacks the dependency fields; absent: this read keeps its own. */
  graphDependencies?: GraphDependencySupport;
  /**
   * `false`: read no native relations over REST (what an issue blocks, its sub-issues, its
   * blockers where GraphQL did not give them), for items read only as another item's upstream.
   */
  relations?: false;
}

const SERVICE = 'GitHub';

/** Said on every item read without a token: REST alone does not tell reviews or checks. */
export const PUBLIC_ONLY = 'Public data only: add a GitHub token in FlowLens options to see reviews, checks and private repositories.';
const REST_CONCURRENCY = 4;

/** The REST and GraphQL endpoints of a host (Enterprise Server serves them under /api). */
export function githubApi(host: string): { rest: string; graphql: string } {
  if (host === 'github.com') return { rest: 'https://api.github.com', graphql: 'https://api.github.com/graphql' };
  return { rest: `https://${host}/api/v3`, graphql: `https://${host}/api/graphql` };
}

/** The headers of every GitHub API request. */
export function githubHeaders(token: string | undefined): Record<string, string> {
  return {
    Accept: 'application/vnd.github+json',
    'X-GitHub-Api-Version': '2022-11-28',
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  };
}

/** `ctx` with a memory of hosts without the dependency fields: the caller's, or one of this read's own. */
export function withGraphSupport(ctx: GithubContext): GithubContext & { graphDependencies: GraphDependencySupport } {
  return { ...ctx, graphDependencies: ctx.graphDependencies ?? createGraphDependencySupport() };
}

/** Fetches every ref (all of `ctx.host`), never throwing. */
export async function fetchGithubItems(refs: GithubRef[], given: GithubContext): Promise<FetchOutcome> {
  const ctx = withGraphSupport(given);
  const outcome: FetchOutcome = { items: new Map(), errors: new Map(), rate: {} };
  const blockersRead = new Set<string>();
  if (ctx.token) {
    for (let i = 0; i < refs.length; i += GITHUB_BATCH) await fetchGraphBatch(refs.slice(i, i + GITHUB_BATCH), ctx, outcome, blockersRead);
  } else {
    await fetchRestAll(refs, ctx, outcome);
  }
  // An item read only as another's upstream needs its state, not its relations or history.
  if (ctx.relations === false) return outcome;
  if (!stopError(outcome)) await addDependencies(refs, ctx, outcome, blockersRead);
  if (!ctx.token && !stopError(outcome)) await addHistories(refs, ctx, outcome);
  return outcome;
}

/** At most this many issues a refresh get their dependencies read over REST; the rest wait. */
export const DEPENDENCY_LIMIT = 25;

/** Issues this few or fewer (an issue page) also get what they block and their sub-issues. */
export const DETAIL_LIMIT = 3;

/**
 * Native relations of the open issues fetched, over REST: what blocks them (upstream) unless
 * GraphQL already answered it (`blockersRead`, by key), and for small batches what they block
 * (downstream) and their sub-issues (shown as progress, not blockers). Those two stay REST: they
 * serve only an issue page, and asking the shared fragment for them would put two more
 * connections on every issue of every 50-item batch and search page.
 */
export async function addDependencies(refs: GithubRef[], ctx: GithubContext, outcome: FetchOutcome, blockersRead: ReadonlySet<string> = new Set()): Promise<void> {
  const issues = refs.filter((ref) => {
    const got = outcome.items.get(formatKey(ref));
    return got?.item.kind === 'issue' && got.item.state === 'open';
  });
  const detailed = issues.length <= DETAIL_LIMIT;
  const wanted = (ref: GithubRef): Relation[] => [
    ...(blockersRead.has(formatKey(ref)) ? [] : ['dependencies/blocked_by' as const]),
    ...(detailed ? ['dependencies/blocking' as const, 'sub_issues' as const] : []),
  ];
  const asked = issues.map((ref) => ({ ref, relations: wanted(ref) })).filter(({ relations }) => relations.length > 0);
  const jobs = asked.slice(0, DEPENDENCY_LIMIT).flatMap(({ ref, relations }) => relations.map((relation) => ({ ref, relation })));
  await pool(jobs, async ({ ref, relation }) => {
    const key = formatKey(ref);
    const previous = ctx.previous?.get(key)?.relations?.[relation];
    const found = await fetchRelation(ref, relation, { fetch: ctx.fetch, rest: githubApi(ctx.host).rest, headers: githubHeaders(ctx.token), now: ctx.now, ...(previous ? { previous } : {}), ...(ctx.pacing ? { pacing: ctx.pacing } : {}) });
    if (found) mergeRelation(outcome, key, relation, found);
  });
}

/** Adds one relation's links to the item (replacing what the body said about the same keys). */
function mergeRelation(outcome: FetchOutcome, key: string, relation: Relation, found: Dependencies): void {
  const got = outcome.items.get(key)!;
  const item = { ...got.item };
  const others = (links: ItemLink[]) => links.filter((link) => !found.links.some((f) => f.key === link.key));
  if (relation === 'dependencies/blocked_by') item.upstream = [...found.links, ...others(item.upstream)];
  if (relation === 'dependencies/blocking') item.downstream = [...found.links, ...others(item.downstream)];
  if (relation === 'sub_issues' && found.links.length > 0) {
    item.signals = { ...item.signals, subIssues: { total: found.links.length, completed: found.links.filter((l) => l.open === false).length } };
  }
  outcome.items.set(key, { ...got, item, relations: { ...got.relations, [relation]: found } });
}

/**
 * Without a token, the history of the items of a small refresh (at most DETAIL_LIMIT: an item
 * page), read from GitHub's REST timeline: one conditional request per item (more only for a
 * history longer than one page, see fetchRestHistory), whose unchanged answer is a free 304 that
 * reuses the events read before. A list's items keep only their current state: a timeline each
 * would cost one of the 60 unauthenticated requests an hour per item. An item whose timeline
 * cannot be read keeps what was known of it: the history read before, or none.
 */
export async function addHistories(refs: GithubRef[], ctx: GithubContext, outcome: FetchOutcome): Promise<void> {
  if (refs.length > DETAIL_LIMIT) return;
  await pool(refs.filter((ref) => outcome.items.has(formatKey(ref))), async (ref) => {
    const key = formatKey(ref);
    const previous = ctx.previous?.get(key)?.history;
    const read = await fetchRestHistory(ref, { fetch: ctx.fetch, rest: githubApi(ctx.host).rest, headers: githubHeaders(undefined), now: ctx.now, ...(previous ? { previous } : {}), ...(ctx.pacing ? { pacing: ctx.pacing } : {}) });
    outcome.rate = read.rate;
    const history = read.history ?? previous;
    if (history) outcome.items.set(key, withHistory(outcome.items.get(key)!, history));
  });
}

/**
 * The item with its REST history: the creation, then the timeline's events; each native blocker
 * (`blocked-by` link) dated by its latest `blocked_by_added` that no removal followed, as the
 * GraphQL path dates them (`linkedSince`); and a note when part of a long history was not read.
 * Rebuilt from the item's own fields each time, so applying a history again changes nothing.
 */
function withHistory(got: Fetched, history: RestHistory): Fetched {
  const events = historyEvents(history);
  const since = linkedSince(events);
  const upstream = got.item.upstream.map((link) => {
    const at = link.kind === 'blocked-by' ? since.get(link.key) : undefined;
    return at ? { ...link, at } : link;
  });
  const timeline = [...got.item.timeline.filter((event) => event.type === 'created'), ...events];
  const gap = historyGap(history);
  return { ...got, item: { ...got.item, timeline, upstream }, history, note: gap ? `${PUBLIC_ONLY} ${gap}` : PUBLIC_ONLY };
}

/** Runs `task` over `items`, REST_CONCURRENCY at a time. */
async function pool<T>(items: T[], task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await task(next);
  };
  await Promise.all(Array.from({ length: Math.min(REST_CONCURRENCY, items.length) }, worker));
}

function failAll(refs: GithubRef[], error: FlowError, outcome: FetchOutcome): void {
  for (const ref of refs) outcome.errors.set(formatKey(ref), error);
}

/** Sends one batch's query, with or without the dependency fields. */
async function askGraph(refs: GithubRef[], ctx: GithubContext, dependencies: boolean): Promise<HttpResult> {
  const { query, variables } = buildItemsQuery(refs, { dependencies });
  return requestJson(ctx.fetch, {
    url: githubApi(ctx.host).graphql,
    method: 'POST',
    headers: githubHeaders(ctx.token),
    body: { query, variables },
    service: SERVICE,
    now: ctx.now,
  }, ctx.pacing);
}

/**
 * One batch. A host whose GraphQL lacks the dependency fields (GitHub Enterprise Server before
 * them) refuses the whole query: the same batch is asked again once without them, and the host
 * is asked without them from then on; its issues' blockers are then read over REST.
 */
async function fetchGraphBatch(refs: GithubRef[], ctx: GithubContext & { graphDependencies: GraphDependencySupport }, outcome: FetchOutcome, blockersRead: Set<string>): Promise<void> {
  const stop = stopError(outcome);
  if (stop) return failAll(refs, stop, outcome);
  const dependencies = ctx.graphDependencies.has(ctx.host);
  let answer = await askGraph(refs, ctx, dependencies);
  if (dependencies && answer.ok && refusesDependencyFields(answer.body)) {
    ctx.graphDependencies.refused(ctx.host);
    answer = await askGraph(refs, ctx, false);
  }
  outcome.rate = answer.rate;
  // GraphQL is asked only with a token.
  if (!answer.ok) return failAll(refs, tokenRefusal(withSso(answer)), outcome);
  const envelope = v.safeParse(graphEnvelope, answer.body);
  const usable = envelope.success && (envelope.output.data || envelope.output.errors) && !Array.isArray(answer.body);
  if (!envelope.success || !usable) return failAll(refs, badResponse('a GraphQL answer'), outcome);
  readGraphRate(envelope.output.data?.rateLimit, outcome);
  const { aliases } = buildItemsQuery(refs);
  for (const slot of aliases) readGraphSlot(slot, envelope.output, { outcome, blockersRead });
}

function readGraphRate(raw: unknown, outcome: FetchOutcome): void {
  const parsed = v.safeParse(graphRateLimit, raw);
  if (parsed.success && parsed.output) {
    outcome.rate = { remaining: parsed.output.remaining, cost: parsed.output.cost, resetAt: parseTime(parsed.output.resetAt) };
  }
}

type Envelope = v.InferOutput<typeof graphEnvelope>;

/** Where a batch's answers go: the items and errors by key, and the issues whose answer carried their blockers. */
interface GraphRead {
  outcome: FetchOutcome;
  blockersRead: Set<string>;
}

/** One aliased item, `[alias, ref]`, read into `read`. */
function readGraphSlot([alias, ref]: readonly [string, GithubRef], envelope: Envelope, { outcome, blockersRead }: GraphRead): void {
  const key = formatKey(ref);
  const error = envelope.errors?.find((e) => e.path?.[0] === alias);
  const slot = v.safeParse(graphRepoSlot, envelope.data?.[alias] ?? null);
  if (!slot.success) return void outcome.errors.set(key, badResponse(`an answer for ${key}`));
  const node = slot.output?.issueOrPullRequest;
  if (!node) return void outcome.errors.set(key, graphItemError(ref, error));
  const item = node.__typename === 'PullRequest' ? pullToItem(ref, node) : issueToItem(ref, node);
  if (node.__typename === 'Issue' && node.blockedBy) blockersRead.add(key);
  outcome.items.set(key, { item });
}

/**
 * A missing item's error. SAML refusals name the organisation (the repository's owner) and
 * link the token settings, where a token is authorised for single sign-on.
 * https://docs.github.com/en/authentication/authenticating-with-saml-single-sign-on
 */
function graphItemError(ref: GithubRef, error: { message: string; type?: string | undefined } | undefined): FlowError {
  if (error?.type === 'FORBIDDEN' && /SAML/i.test(error.message)) {
    const settings = ref.host === 'github.com' ? 'https://github.com/settings/tokens' : `https://${ref.host}/settings/tokens`;
    return { code: 'sso-required', message: `The ${ref.owner} organisation requires SAML single sign-on: authorise your token for ${ref.owner}.`, helpUrl: settings };
  }
  if (error?.type === 'FORBIDDEN') return tokenRefusal({ code: 'forbidden', message: error.message });
  // Named as GitHub names it (`owner/repo#7`, on another host `host/owner/repo#7`), not by our key.
  const name = `${ref.host === 'github.com' ? '' : `${ref.host}/`}${ref.owner}/${ref.repo}#${ref.number}`;
  return { code: 'not-found', message: `${name} was not found, or your token cannot read it.` };
}

function badResponse(what: string): FlowError {
  return { code: 'bad-response', message: `GitHub sent ${what} FlowLens does not understand.` };
}

/** GitHub says which SAML single sign-on authorisation a request needs in `x-github-sso`. */
export function withSso(answer: Extract<HttpResult, { ok: false }>): FlowError {
  const sso = answer.headers?.get('x-github-sso');
  const url = sso?.match(/url=(\S+)/)?.[1];
  if (sso && answer.status === 403) {
    const org = url?.match(/\/orgs\/([^/]+)\/sso/)?.[1];
    return { code: 'sso-required', message: `${org ? `The ${org} organisation` : 'Your organisation'} requires SAML single sign-on for this token: authorise it.`, ...(url ? { helpUrl: url } : {}) };
  }
  return answer.error;
}

/** GitHub's words for an organisation's IP allow list ("… has an IP allow list enabled …"). */
const IP_ALLOW_LIST = /\bIP allow ?list\b/i;

/**
 * A 403 GitHub gave a request made with a token (not a rate limit, not SAML single sign-on) is the
 * token lacking access, however GitHub words it ("Resource not accessible by personal access
 * token", "… by integration", an organisation that forbids classic tokens): `setup`, since
 * another token, saved in FlowLens's settings, fixes it. A repository the token cannot see is a
 * 404, never a 403. An IP allow list's 403 refuses the network, not the token: left as it is.
 */
export function tokenRefusal(error: FlowError): FlowError {
  if (error.code !== 'forbidden' || IP_ALLOW_LIST.test(error.message)) return error;
  return { ...error, setup: true };
}

/** After a rate limit or a refused token, asking again only makes things worse: stop. */
function stopError(outcome: FetchOutcome): FlowError | undefined {
  return [...outcome.errors.values()].find((e) => e.code === 'rate-limited' || e.code === 'unauthorized');
}

async function fetchRestAll(refs: GithubRef[], ctx: GithubContext, outcome: FetchOutcome): Promise<void> {
  await pool(refs, (ref) => fetchRestOne(ref, ctx, outcome));
}

async function fetchRestOne(ref: GithubRef, ctx: GithubContext, outcome: FetchOutcome): Promise<void> {
  const key = formatKey(ref);
  const stop = stopError(outcome);
  if (stop) return void outcome.errors.set(key, stop);
  const cached = ctx.previous?.get(key);
  const answer = await requestJson(ctx.fetch, {
    url: `${githubApi(ctx.host).rest}/repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.repo)}/issues/${ref.number}`,
    headers: { ...githubHeaders(undefined), ...(cached?.etag ? { 'If-None-Match': cached.etag } : {}) },
    service: SERVICE,
    now: ctx.now,
  }, ctx.pacing);
  outcome.rate = answer.rate;
  if (!answer.ok) return void outcome.errors.set(key, withSso(answer));
  if (answer.status === 304 && cached) return void outcome.items.set(key, cached);
  const parsed = v.safeParse(restIssue, answer.body);
  if (!parsed.success) return void outcome.errors.set(key, badResponse(`an answer for ${key}`));
  outcome.items.set(key, { item: restToItem(ref, parsed.output), note: PUBLIC_ONLY, ...(answer.etag ? { etag: answer.etag } : {}) });
}
