/**
 * One page of a GitHub search as FlowLens items: `search(type: ISSUE)` over GraphQL, asking for
 * each result the same fields as the batched item query (ITEM_FRAGMENT and the head checks), read
 * by the same mapping, so a synced item and a badge's item are the same item. The team sync calls
 * it page by page; the options page's "check query" asks for one result and reads the count.
 * GraphQL search needs a token. Validated against the published schema in search-items.test.ts.
 * https://docs.github.com/en/graphql/reference/queries#search
 */
import * as v from 'valibot';
import type { FlowError } from '../../flow-error';
import { formatKey, githubRefOfUrl, type GithubRef } from '../../item-key';
import { requestJson } from '../http';
import type { FetchOutcome } from '../outcome';
import { refusesDependencyFields, type GraphDependencySupport } from './dependencies';
import { addDependencies, githubApi, githubHeaders, tokenRefusal, withGraphSupport, withSso, type GithubContext } from './fetch-items';
import { headChecks, itemFragment } from './items-query';
import { graphEnvelope, graphIssue, graphPull, graphRateLimit } from './schema';
import { issueToItem, pullToItem } from './to-work-item';
import { parseTime } from '../../flow/time';

/** Results per search page: GitHub's search returns at most 100, and 50 keeps the query cost low. */
export const SEARCH_PAGE_SIZE = 50;

/** The search query document; the query text, page size and cursor are variables. `dependencies: false` for a host without them. */
export function searchQuery(dependencies = true): string {
  return `query FlowLensSearch($query: String!, $first: Int!, $after: String) {
  rateLimit { cost remaining resetAt }
  search(query: $query, type: ISSUE, first: $first, after: $after) {
    issueCount
    pageInfo { endCursor hasNextPage }
    nodes { ...FlowLensItem ${headChecks()} }
  }
}
${itemFragment(dependencies)}`;
}

/** The search query with native dependencies, for hosts whose GraphQL has them. */
export const SEARCH_QUERY = searchQuery(true);

/** One page of a search: items by key, the cursor of the next page, and how many match. */
export interface GithubSearchPage {
  /**
   * Items by canonical key; `errors` has, by key, the results GitHub sent that FlowLens cannot
   * read (a search asks for no particular key, so nothing else is in it).
   */
  outcome: FetchOutcome;
  /** Pass back as `cursor` for the next page; absent on the last page. */
  next?: string;
  /** How many items match the query in all. */
  total?: number;
  /** Why the page could not be read; `outcome` is then empty. */
  error?: FlowError;
}

const searchResult = v.object({
  issueCount: v.number(),
  pageInfo: v.object({ endCursor: v.nullish(v.string()), hasNextPage: v.boolean() }),
  nodes: v.nullish(v.array(v.unknown())),
});

const searchItem = v.variant('__typename', [graphPull, graphIssue]);

type SearchResult = v.InferOutput<typeof searchResult>;

/** Said when a GitHub source is configured for a host without a token. */
export function noTokenError(host: string): FlowError {
  return { code: 'unauthorized', message: `Add a GitHub token for ${host} in FlowLens options to sync the team’s GitHub items (GitHub’s search API needs one).` };
}

/**
 * Reads one page of `query` on `ctx.host`; `cursor` is the `next` of the page before. Never
 * throws. `dependencies: false` skips the native issue relations (finished items need none).
 */
export async function searchGithubPage(query: string, given: GithubContext, cursor?: string, options: { dependencies?: boolean } = {}): Promise<GithubSearchPage> {
  const ctx = withGraphSupport(given);
  const outcome: FetchOutcome = { items: new Map(), errors: new Map(), rate: {} };
  const answer = await runSearch({ query, first: SEARCH_PAGE_SIZE, ...(cursor !== undefined ? { cursor } : {}) }, ctx, outcome);
  if ('code' in answer) return { outcome, error: answer };
  const refs: GithubRef[] = [];
  const blockersRead = new Set<string>();
  for (const node of answer.nodes ?? []) {
    const parsed = v.safeParse(searchItem, node);
    const ref = refOf(parsed.success ? parsed.output.url : urlOf(node), ctx.host);
    if (!ref) continue;
    const key = formatKey(ref);
    // A result of a shape FlowLens does not read is said so by key, not dropped without a word.
    if (!parsed.success) {
      if (!outcome.items.has(key)) outcome.errors.set(key, { code: 'bad-response', message: `GitHub sent an answer for ${key} FlowLens does not understand.` });
      continue;
    }
    const item = parsed.output.__typename === 'PullRequest' ? pullToItem(ref, parsed.output) : issueToItem(ref, parsed.output);
    outcome.items.set(key, { item });
    outcome.errors.delete(key);
    if (parsed.output.__typename === 'Issue' && parsed.output.blockedBy) blockersRead.add(key);
    refs.push(ref);
  }
  // What GraphQL did not answer (a host without the dependency fields, or an issue's blockers
  // missing from the answer) is read over REST, as a badge's fetch does (conditional requests).
  if (options.dependencies !== false) await addDependencies(refs, ctx, outcome, blockersRead);
  const next = answer.pageInfo.hasNextPage ? answer.pageInfo.endCursor : undefined;
  return { outcome, total: answer.issueCount, ...(next ? { next } : {}) };
}

/** How many items GitHub finds for `query`, or GitHub's reason for refusing it. Never throws. */
export async function countGithubSearch(query: string, ctx: GithubContext): Promise<{ ok: true; data: { count: number } } | { ok: false; error: FlowError }> {
  const outcome: FetchOutcome = { items: new Map(), errors: new Map(), rate: {} };
  const answer = await runSearch({ query, first: 1 }, withGraphSupport(ctx), outcome);
  return 'code' in answer ? { ok: false, error: answer } : { ok: true, data: { count: answer.issueCount } };
}

/** The `url` of a result that did not fit the schema, if it has one to name it by. */
function urlOf(node: unknown): string {
  const url = (node as { url?: unknown } | null)?.url;
  return typeof url === 'string' ? url : '';
}

/** The result of an issue's or PR's web URL, on the host searched (search results carry no host). */
function refOf(url: string, host: string): GithubRef | undefined {
  const ref = URL.canParse(url) ? githubRefOfUrl(new URL(url)) : undefined;
  return ref ? { ...ref, host } : undefined;
}

/** One search page to ask: the query, how many results, and after which cursor. */
interface SearchAsk {
  query: string;
  first: number;
  cursor?: string;
}

/**
 * Asks one search page. A host whose GraphQL lacks the dependency fields refuses the whole
 * query: it is asked again once without them, and without them from then on (as the batches are).
 */
async function runSearch({ query, first, cursor }: SearchAsk, ctx: GithubContext & { graphDependencies: GraphDependencySupport }, outcome: FetchOutcome): Promise<SearchResult | FlowError> {
  if (!ctx.token) return noTokenError(ctx.host);
  const ask = (dependencies: boolean) => requestJson(ctx.fetch, {
    url: githubApi(ctx.host).graphql,
    method: 'POST',
    headers: githubHeaders(ctx.token),
    body: { query: searchQuery(dependencies), variables: { query, first, after: cursor ?? null } },
    service: 'GitHub',
    now: ctx.now,
  }, ctx.pacing);
  const dependencies = ctx.graphDependencies.has(ctx.host);
  let answer = await ask(dependencies);
  if (dependencies && answer.ok && refusesDependencyFields(answer.body)) {
    ctx.graphDependencies.refused(ctx.host);
    answer = await ask(false);
  }
  outcome.rate = answer.rate;
  if (!answer.ok) return tokenRefusal(withSso(answer));
  const envelope = v.safeParse(graphEnvelope, answer.body);
  if (!envelope.success) return unreadable();
  const rate = v.safeParse(graphRateLimit, envelope.output.data?.rateLimit);
  if (rate.success && rate.output) outcome.rate = { remaining: rate.output.remaining, cost: rate.output.cost, resetAt: parseTime(rate.output.resetAt) };
  const result = v.safeParse(searchResult, envelope.output.data?.search);
  if (result.success) return result.output;
  const error = envelope.output.errors?.[0];
  return error ? refusal(query, error) : unreadable();
}

/**
 * GitHub's own words for a refused search: a bad qualifier, SAML single sign-on, a forbidden org
 * (the token's: tokenRefusal). A bad query is the set-up's too: it is the team's, in the settings.
 */
function refusal(query: string, error: { message: string; type?: string | undefined }): FlowError {
  if (error.type === 'FORBIDDEN' && /SAML/i.test(error.message)) return { code: 'sso-required', message: `${error.message} Authorise your token for that organisation.` };
  if (error.type === 'FORBIDDEN') return tokenRefusal({ code: 'forbidden', message: `GitHub refused the search “${query}”: ${error.message}` });
  return { code: 'bad-request', message: `GitHub did not accept the search “${query}”: ${error.message}`, setup: true };
}

function unreadable(): FlowError {
  return { code: 'bad-response', message: 'GitHub sent a search answer FlowLens does not understand.' };
}
