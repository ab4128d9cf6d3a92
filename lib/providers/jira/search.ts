/**
 * One page of a JQL search as FlowLens items, read as the visible keys are (fetch-issues.ts):
 * site facts, histories, flag reasons, jiraToItem. The team sync calls it page by page.
 *
 * Cloud: `POST /rest/api/3/search/jql` with `{ jql, fields, maxResults, nextPageToken }`, paged by
 * the `nextPageToken` of the answer (absent, null or `isLast` on the last page; Cloud gives no
 * total), then the page's histories through the changelog bulk fetch. The older
 * `/rest/api/3/search` was removed from Cloud and is never called.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
 *
 * Data Center / Server: `GET /rest/api/2/search?jql=…&startAt=N&maxResults=100&expand=changelog`,
 * paged by `startAt` while fewer than `total` were read.
 */
import * as v from 'valibot';
import type { FlowError } from '../../flow-error';
import { requestJson, type HttpFail } from '../http';
import type { FetchOutcome } from '../outcome';
import { formatKey } from '../../item-key';
import { cloudHistories } from './cloud-histories';
import type { JiraContext, Site } from './context';
import { jiraErrorMessages, sessionError, UNREADABLE } from './errors';
import { expandedHistories } from './histories';
import { fieldsFor, unreadableKeys, validIssues, type Loaded } from './issue-fields';
import { openSite } from './site-access';
import { toFetched } from './to-fetched';

/** Issues per search page. */
export const SEARCH_PAGE_SIZE = 100;

/** One page of a search: its items, the cursor of the next page, and the total when Jira says it. */
export interface JiraSearchPage {
  /** Items by canonical key; `errors` stays empty (a search asks for no particular key). */
  outcome: FetchOutcome;
  /** Pass back as `cursor` for the next page; absent on the last page. */
  next?: string;
  /** How many issues match (Data Center only: Cloud's enhanced search does not count). */
  total?: number;
  /** Why the page could not be read; `outcome` is then empty. */
  error?: FlowError;
}

/** Reads one page of `jql` on `ctx.host`; `cursor` is the `next` of the page before. Never throws. */
export async function searchJiraPage(jql: string, ctx: JiraContext, cursor?: string): Promise<JiraSearchPage> {
  const site = await openSite(ctx);
  const page = site.cloud ? await searchCloud(jql, cursor, ctx, site) : await searchDataCenterFrom(jql, cursor, ctx, site);
  if ('code' in page) return { outcome: emptyOutcome(), error: page };
  // An issue of a shape FlowLens does not read is said so by key, not dropped without a word.
  const errors = new Map((page.unreadableKeys ?? []).map((issueKey) => [formatKey({ source: 'jira', host: ctx.host, issueKey }), { code: 'bad-response' as const, message: `Jira sent ${issueKey} in a shape FlowLens does not understand.` }]));
  const outcome: FetchOutcome = { items: await toFetched(page.loaded, ctx, site), errors, rate: page.rate ?? {} };
  return { outcome, ...(page.next ? { next: page.next } : {}), ...(page.total !== undefined ? { total: page.total } : {}) };
}

/**
 * The JQL without its trailing ORDER BY clause, so it can be wrapped in parentheses and joined
 * with more clauses. An "order by" inside a quoted string is text, not a clause.
 */
export function withoutOrderBy(jql: string): string {
  let quote: string | undefined;
  for (let i = 0; i < jql.length; i++) {
    const char = jql[i]!;
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (/[oO]/.test(char) && !/[\w.]/.test(jql[i - 1] ?? ' ') && /^order\s+by(?![\w.])/i.test(jql.slice(i))) {
      return jql.slice(0, i).trim();
    }
  }
  return jql.trim();
}

interface Page {
  loaded: Loaded;
  /** Keys of issues Jira sent that FlowLens could not read. */
  unreadableKeys?: string[];
  next?: string;
  total?: number;
  rate?: FetchOutcome['rate'];
}

const cloudPage = v.object({
  issues: v.optional(v.array(v.unknown())),
  nextPageToken: v.nullish(v.string()),
  isLast: v.optional(v.boolean()),
});

async function searchCloud(jql: string, cursor: string | undefined, ctx: JiraContext, site: Site): Promise<Page | FlowError> {
  const answer = await requestJson(ctx.fetch, {
    url: `https://${ctx.host}/rest/api/3/search/jql`,
    method: 'POST',
    ...site.access,
    body: { jql, fields: fieldsFor(site.meta), maxResults: SEARCH_PAGE_SIZE, ...(cursor ? { nextPageToken: cursor } : {}) },
    service: 'Jira',
    now: ctx.now,
  }, ctx.pacing);
  if (!answer.ok) return searchError(answer, ctx.host);
  const parsed = v.safeParse(cloudPage, answer.body);
  if (!parsed.success) return UNREADABLE;
  const issues = validIssues(parsed.output.issues ?? []);
  const next = parsed.output.isLast === true ? undefined : (parsed.output.nextPageToken ?? undefined);
  return { loaded: { issues, histories: await cloudHistories(issues, ctx, site) }, unreadableKeys: unreadableKeys(parsed.output.issues ?? []), rate: answer.rate, ...(next ? { next } : {}) };
}

async function searchDataCenterFrom(jql: string, cursor: string | undefined, ctx: JiraContext, site: Site): Promise<Page | FlowError> {
  const startAt = cursor === undefined ? 0 : Number(cursor);
  if (!Number.isSafeInteger(startAt) || startAt < 0) return { code: 'bad-request', message: `"${cursor}" is not a page of a Jira Data Center search.` };
  const page = await searchDataCenter({ jql, startAt, validate: true }, ctx, site);
  if ('code' in page) return page;
  const more = page.returned > 0 && page.total !== undefined && startAt + page.returned < page.total;
  return { ...page, ...(more ? { next: String(startAt + page.returned) } : {}) };
}

const dataCenterPage = v.object({ issues: v.array(v.unknown()), total: v.optional(v.number()) });

/** A Data Center search page and its raw size (an issue our schema skips still counts for paging). */
interface DataCenterPage extends Page {
  returned: number;
}

/** One Data Center search page to ask: the JQL, the first result's index, and whether Jira validates the query. */
export interface DataCenterSearch {
  jql: string;
  startAt: number;
  /** False lets a search for keys pass when some key does not exist or is hidden (Jira would reject the whole JQL otherwise). */
  validate: boolean;
}

/** One `GET /rest/api/2/search` with histories. */
export async function searchDataCenter({ jql, startAt, validate }: DataCenterSearch, ctx: JiraContext, site: Site): Promise<DataCenterPage | FlowError> {
  const query = new URLSearchParams({
    jql,
    startAt: String(startAt),
    maxResults: String(SEARCH_PAGE_SIZE),
    fields: fieldsFor(site.meta).join(','),
    expand: 'changelog',
    ...(validate ? {} : { validateQuery: 'false' }),
  });
  const answer = await requestJson(ctx.fetch, { url: `https://${ctx.host}/rest/api/2/search?${query}`, ...site.access, service: 'Jira', now: ctx.now }, ctx.pacing);
  if (!answer.ok) return searchError(answer, ctx.host);
  const parsed = v.safeParse(dataCenterPage, answer.body);
  if (!parsed.success) return UNREADABLE;
  const { issues, total } = parsed.output;
  const valid = validIssues(issues);
  const unreadable = valid.length < issues.length;
  return { loaded: { issues: valid, histories: expandedHistories(issues), ...(unreadable ? { unreadable } : {}) }, unreadableKeys: unreadableKeys(issues), returned: issues.length, rate: answer.rate, ...(total !== undefined ? { total } : {}) };
}

/**
 * A 400 is the JQL (Jira says why): the team's query, in the settings, so the set-up's; a login
 * page or 401 is the session; the rest as http.ts says.
 */
function searchError(answer: HttpFail, host: string): FlowError {
  if (answer.status === 400) {
    const messages = jiraErrorMessages(answer.body);
    return { code: 'bad-request', message: `Jira did not accept the JQL${messages.length ? `: ${messages.join(' ').slice(0, 300)}` : '.'}`, setup: true };
  }
  return sessionError(answer.error, answer.status, host, answer.body);
}

function emptyOutcome(): FetchOutcome {
  return { items: new Map(), errors: new Map(), rate: {} };
}
