/**
 * Fetches Jira Cloud issues for the visible keys in batches with `POST /rest/api/3/issue/bulkfetch`
 * (up to 100 keys a request), using the user's own Jira session cookies unless a token is set.
 * Keys the user cannot read are silently left out by Jira: we compare keys asked with keys
 * returned and say so.
 */
import * as v from 'valibot';
import type { FlowError } from '../../flow-error';
import { formatKey, type JiraRef } from '../../item-key';
import { requestJson, type Fetch } from '../http';
import type { FetchOutcome } from '../outcome';
import { bulkFetchAnswer, jiraIssue } from './schema';
import { changelogEvents } from './changelog';
import { fetchChangelogs } from './fetch-changelogs';
import { siteMeta } from './site-meta';
import { jiraToItem } from './to-work-item';

/** Keys per bulk-fetch request, Jira's documented maximum. */
export const JIRA_BATCH = 100;

const FIELDS = ['summary', 'status', 'created', 'updated', 'resolutiondate', 'assignee', 'reporter', 'labels', 'project', 'issuelinks'];

/** What the caller lends us. */
export interface JiraContext {
  fetch: Fetch;
  host: string;
  now: number;
  /** `Basic …` (Cloud email + API token) or `Bearer …` (Data Center PAT); absent: session cookies. */
  authorization?: string;
  /** Link descriptions that mean "is blocked by". */
  blockedByLinks: string[];
}

/** Fetches every ref (all of `ctx.host`), never throwing. */
export async function fetchJiraIssues(refs: JiraRef[], ctx: JiraContext): Promise<FetchOutcome> {
  const outcome: FetchOutcome = { items: new Map(), errors: new Map(), rate: {} };
  for (let i = 0; i < refs.length; i += JIRA_BATCH) await fetchBatch(refs.slice(i, i + JIRA_BATCH), ctx, outcome);
  return outcome;
}

async function fetchBatch(refs: JiraRef[], ctx: JiraContext, outcome: FetchOutcome): Promise<void> {
  // The XSRF check of Jira's REST API is for browser forms; this header opts out of it.
  const headers = { 'X-Atlassian-Token': 'no-check', ...(ctx.authorization ? { Authorization: ctx.authorization } : {}) };
  const credentials: RequestCredentials = ctx.authorization ? 'omit' : 'include';
  const meta = await siteMeta(ctx.fetch, ctx.host, headers, credentials, ctx.now);
  const answer = await requestJson(ctx.fetch, {
    url: `https://${ctx.host}/rest/api/3/issue/bulkfetch`,
    method: 'POST',
    headers,
    body: { issueIdsOrKeys: refs.map((ref) => ref.issueKey), fields: [...FIELDS, ...(meta.flaggedFieldId ? [meta.flaggedFieldId] : [])] },
    credentials,
    service: 'Jira',
    now: ctx.now,
  });
  outcome.rate = answer.rate;
  if (!answer.ok) return failAll(refs, sessionError(answer.error, answer.status, ctx.host), outcome);
  const parsed = v.safeParse(bulkFetchAnswer, answer.body);
  if (!parsed.success) return failAll(refs, { code: 'bad-response', message: 'Jira sent an answer FlowLens does not understand.' }, outcome);
  const inward = new Set(ctx.blockedByLinks.map((name) => name.toLowerCase()));
  const issues = parsed.output.issues.flatMap((raw) => {
    const issue = v.safeParse(jiraIssue, raw);
    return issue.success ? [issue.output] : [];
  });
  const histories = await fetchChangelogs(ctx.fetch, {
    host: ctx.host,
    keys: issues.map((issue) => issue.key),
    fieldIds: ['status', 'issuelinks', ...(meta.flaggedFieldId ? [meta.flaggedFieldId] : [])],
    headers,
    credentials,
    now: ctx.now,
  });
  const done = new Set([...meta.doneStatuses, ...issues.filter((i) => i.fields.status.statusCategory?.key === 'done').map((i) => i.fields.status.name.toLowerCase())]);
  const changelog = { host: ctx.host, doneStatuses: done, blockedByLinks: inward, ...(meta.flaggedFieldId ? { flaggedFieldId: meta.flaggedFieldId } : {}) };
  for (const issue of issues) {
    const events = changelogEvents(histories?.get(issue.id ?? '') ?? histories?.get(issue.key) ?? [], changelog);
    const item = jiraToItem(ctx.host, issue, inward, { events, ...(meta.flaggedFieldId ? { flaggedFieldId: meta.flaggedFieldId } : {}) });
    outcome.items.set(item.key, { item, ...(histories ? {} : { note: 'Jira did not share this issue’s history: how long it has been blocked is unknown.' }) });
  }
  for (const ref of refs) {
    const key = formatKey(ref);
    if (!outcome.items.has(key)) outcome.errors.set(key, { code: 'not-found', message: `${ref.issueKey} does not exist, or you cannot see it in Jira.` });
  }
}

function failAll(refs: JiraRef[], error: FlowError, outcome: FetchOutcome): void {
  for (const ref of refs) outcome.errors.set(formatKey(ref), error);
}

/** A logged-out session shows as 401, or as Jira's login page with status 200. */
function sessionError(error: FlowError, status: number | undefined, host: string): FlowError {
  const loggedOut = error.code === 'unauthorized' || (status === 200 && /HTML page/.test(error.message));
  if (!loggedOut) return error;
  return { code: 'unauthorized', message: `You are logged out of Jira at ${host}. Log in and reload the page.`, helpUrl: `https://${host}/login` };
}
