/**
 * Fetches Jira issues for the visible keys in batches of 100, using the user's own Jira session
 * cookies unless a token is set. Cloud: `POST /rest/api/3/issue/bulkfetch` and the changelog
 * bulk-fetch. Data Center (any other host, with its context path): `GET /rest/api/2/search`
 * with `expand=changelog`. Keys the user cannot read are left out by Jira: we compare keys
 * asked with keys returned and say so.
 */
import * as v from 'valibot';
import { chunks } from '../../chunks';
import type { FlowError } from '../../flow-error';
import { formatKey, type JiraRef } from '../../item-key';
import { requestJson } from '../http';
import type { FetchOutcome } from '../outcome';
import { bulkFetchAnswer, type JiraIssue } from './schema';
import { cloudHistories } from './cloud-histories';
import type { JiraContext, Site } from './context';
import { sessionError, UNREADABLE } from './errors';
import { fieldsFor, validIssues, type Loaded } from './issue-fields';
import { searchDataCenter } from './search';
import { openSite } from './site-access';
import { toFetched } from './to-fetched';

/** Keys per bulk-fetch request, Jira's documented maximum. */
export const JIRA_BATCH = 100;

/** Fetches every ref (all of `ctx.host`), never throwing. */
export async function fetchJiraIssues(refs: JiraRef[], ctx: JiraContext): Promise<FetchOutcome> {
  const outcome: FetchOutcome = { items: new Map(), errors: new Map(), rate: {} };
  const site = await openSite(ctx);
  const loaded = site.cloud ? await loadCloud(refs, ctx, site) : await loadDataCenter(refs, ctx, site);
  if ('code' in loaded) {
    for (const ref of refs) outcome.errors.set(formatKey(ref), loaded);
    return outcome;
  }
  for (const [key, fetched] of await toFetched(loaded, ctx, site)) outcome.items.set(key, fetched);
  for (const ref of refs) {
    const key = formatKey(ref);
    if (outcome.items.has(key)) continue;
    outcome.errors.set(key, loaded.unreadable ? UNREADABLE : { code: 'not-found', message: `${ref.issueKey} does not exist, or you cannot see it in Jira.` });
  }
  return outcome;
}

/**
 * Cloud: a bulk fetch per 100 keys, then the histories of all of them at once (the changelog
 * bulk fetch takes up to 1 000 keys), so a 500-card board costs 5 + 1 requests, not 5 + 5.
 */
async function loadCloud(refs: JiraRef[], ctx: JiraContext, site: Site): Promise<Loaded | FlowError> {
  const issues: JiraIssue[] = [];
  let unreadable = false;
  for (const batch of chunks(refs, JIRA_BATCH)) {
    const answer = await requestJson(ctx.fetch, {
      url: `https://${ctx.host}/rest/api/3/issue/bulkfetch`,
      method: 'POST',
      ...site.access,
      body: { issueIdsOrKeys: batch.map((ref) => ref.issueKey), fields: fieldsFor(site.meta) },
      service: 'Jira',
      now: ctx.now,
    }, ctx.pacing);
    if (!answer.ok) return sessionError(answer.error, answer.status, ctx.host, answer.body);
    const parsed = v.safeParse(bulkFetchAnswer, answer.body);
    if (!parsed.success) return UNREADABLE;
    const valid = validIssues(parsed.output.issues);
    unreadable ||= valid.length < parsed.output.issues.length;
    issues.push(...valid);
  }
  const histories = ctx.withoutHistory ? undefined : await cloudHistories(issues, ctx, site);
  return { issues, histories, ...(unreadable ? { unreadable } : {}) };
}

/** Data Center: one search per 100 keys, histories included; an unreadable key must not fail the query. */
async function loadDataCenter(refs: JiraRef[], ctx: JiraContext, site: Site): Promise<Loaded | FlowError> {
  const loaded: Loaded = { issues: [], histories: new Map() };
  for (const batch of chunks(refs, JIRA_BATCH)) {
    const page = await searchDataCenter({ jql: `key in (${batch.map((ref) => ref.issueKey).join(',')})`, startAt: 0, validate: false }, ctx, site);
    if ('code' in page) return page;
    loaded.issues.push(...page.loaded.issues);
    if (page.loaded.unreadable) loaded.unreadable = true;
    for (const [key, list] of page.loaded.histories ?? []) loaded.histories!.set(key, list);
  }
  return loaded;
}
