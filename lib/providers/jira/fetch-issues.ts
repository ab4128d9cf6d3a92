/**
 * Fetches Jira issues for the visible keys in batches of 100, using the user's own Jira session
 * cookies unless a token is set. Cloud: `POST /rest/api/3/issue/bulkfetch` and the changelog
 * bulk-fetch. Data Center (any other host, with its context path): `GET /rest/api/2/search`
 * with `expand=changelog`. Keys the user cannot read are left out by Jira: we compare keys
 * asked with keys returned and say so.
 */
import * as v from 'valibot';
import type { FlowError } from '../../flow-error';
import { formatKey, type JiraRef } from '../../item-key';
import { requestJson, type Fetch } from '../http';
import type { FetchOutcome } from '../outcome';
import { bulkFetchAnswer, jiraIssue, type JiraIssue } from './schema';
import { changelogEvents, type JiraHistory } from './changelog';
import { fetchChangelogs } from './fetch-changelogs';
import { siteMeta, type SiteMeta } from './site-meta';
import { withFlagReasons, type JiraComment } from './flag-reasons';
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
  await fetchAll(refs, ctx, outcome);
  return outcome;
}

/** `refs` in batches of JIRA_BATCH. */
function batches(refs: JiraRef[]): JiraRef[][] {
  return Array.from({ length: Math.ceil(refs.length / JIRA_BATCH) }, (_, i) => refs.slice(i * JIRA_BATCH, (i + 1) * JIRA_BATCH));
}

/** Issues as Jira sent them, with their histories when Jira gave them. */
interface Loaded {
  issues: JiraIssue[];
  histories: Map<string, JiraHistory[]> | undefined;
}

interface Access {
  headers: Record<string, string>;
  credentials: RequestCredentials;
}

async function fetchAll(refs: JiraRef[], ctx: JiraContext, outcome: FetchOutcome): Promise<void> {
  // The XSRF check of Jira's REST API is for browser forms; this header opts out of it.
  const access: Access = {
    headers: { 'X-Atlassian-Token': 'no-check', ...(ctx.authorization ? { Authorization: ctx.authorization } : {}) },
    credentials: ctx.authorization ? 'omit' : 'include',
  };
  const cloud = isCloud(ctx.host);
  const meta = await siteMeta(ctx.fetch, ctx.host, access.headers, access.credentials, ctx.now, cloud ? '3' : '2');
  const loaded = cloud ? await loadCloud(refs, ctx, access, meta) : await loadDataCenter(refs, ctx, access, meta);
  if ('code' in loaded) return failAll(refs, loaded, outcome);
  // The user's link names, plus the site's own link types that mean "waits on".
  const inward = new Set([...ctx.blockedByLinks.map((name) => name.toLowerCase()), ...meta.blockingInwards]);
  const { issues, histories } = loaded;
  const done = new Set([...meta.doneStatuses, ...issues.filter((i) => i.fields.status.statusCategory?.key === 'done').map((i) => i.fields.status.name.toLowerCase())]);
  const changelog = { host: ctx.host, doneStatuses: done, blockedByLinks: inward, ...(meta.flaggedFieldId ? { flaggedFieldId: meta.flaggedFieldId } : {}) };
  const reasons = await flagComments(issues, ctx, access, meta, cloud);
  for (const issue of issues) {
    const raw = changelogEvents(histories?.get(issue.id ?? '') ?? histories?.get(issue.key) ?? [], changelog);
    const events = withFlagReasons(raw, reasons.get(issue.key) ?? []);
    const item = jiraToItem(ctx.host, issue, inward, { events, ...(meta.flaggedFieldId ? { flaggedFieldId: meta.flaggedFieldId } : {}) });
    outcome.items.set(item.key, { item, ...(histories ? {} : { note: 'Jira did not share this issue’s history: how long it has been blocked is unknown.' }) });
  }
  for (const ref of refs) {
    const key = formatKey(ref);
    if (!outcome.items.has(key)) outcome.errors.set(key, { code: 'not-found', message: `${ref.issueKey} does not exist, or you cannot see it in Jira.` });
  }
}

/**
 * Flag reasons cost a comment request per flagged issue, so they are read for small batches
 * only (an issue view and its side panel), keeping a board within a handful of requests.
 */
export const FLAG_REASON_LIMIT = 3;

/** The latest comments of issues flagged now, where a flag's reason is written. */
async function flagComments(issues: JiraIssue[], ctx: JiraContext, access: Access, meta: SiteMeta, cloud: boolean): Promise<Map<string, JiraComment[]>> {
  const flaggedId = meta.flaggedFieldId;
  if (!flaggedId || issues.length > FLAG_REASON_LIMIT) return new Map();
  const flagged = issues.filter((issue) => {
    const value = issue.fields[flaggedId];
    return Array.isArray(value) ? value.length > 0 : Boolean(value);
  });
  const found = new Map<string, JiraComment[]>();
  await Promise.all(
    flagged.map(async (issue) => {
      const answer = await requestJson(ctx.fetch, {
        url: `https://${ctx.host}/rest/api/${cloud ? '3' : '2'}/issue/${encodeURIComponent(issue.key)}/comment?orderBy=-created&maxResults=10`,
        ...access,
        service: 'Jira',
        now: ctx.now,
      });
      const parsed = answer.ok ? v.safeParse(commentPage, answer.body) : undefined;
      if (parsed?.success) found.set(issue.key, parsed.output.comments as JiraComment[]);
    }),
  );
  return found;
}

const commentPage = v.object({ comments: v.array(v.looseObject({})) });

/** Jira Cloud lives on *.atlassian.net; every other host is Data Center or Server. */
export function isCloud(host: string): boolean {
  return /^[^/]+\.atlassian\.net$/.test(host);
}

function validIssues(raw: unknown[]): JiraIssue[] {
  return raw.flatMap((value) => {
    const issue = v.safeParse(jiraIssue, value);
    return issue.success ? [issue.output] : [];
  });
}

/**
 * Cloud: a bulk fetch per 100 keys, then the histories of all of them at once (the changelog
 * bulk fetch takes up to 1 000 keys), so a 500-card board costs 5 + 1 requests, not 5 + 5.
 */
async function loadCloud(refs: JiraRef[], ctx: JiraContext, access: Access, meta: SiteMeta): Promise<Loaded | FlowError> {
  const issues: JiraIssue[] = [];
  for (const batch of batches(refs)) {
    const answer = await requestJson(ctx.fetch, {
      url: `https://${ctx.host}/rest/api/3/issue/bulkfetch`,
      method: 'POST',
      ...access,
      body: { issueIdsOrKeys: batch.map((ref) => ref.issueKey), fields: fieldsFor(meta) },
      service: 'Jira',
      now: ctx.now,
    });
    if (!answer.ok) return sessionError(answer.error, answer.status, ctx.host);
    const parsed = v.safeParse(bulkFetchAnswer, answer.body);
    if (!parsed.success) return { code: 'bad-response', message: 'Jira sent an answer FlowLens does not understand.' };
    issues.push(...validIssues(parsed.output.issues));
  }
  const histories = await fetchChangelogs(ctx.fetch, {
    host: ctx.host,
    keys: issues.map((issue) => issue.key),
    fieldIds: ['status', 'issuelinks', ...(meta.flaggedFieldId ? [meta.flaggedFieldId] : [])],
    ...access,
    now: ctx.now,
  });
  return { issues, histories };
}

/** Data Center: one search per 100 keys, histories included. */
async function loadDataCenter(refs: JiraRef[], ctx: JiraContext, access: Access, meta: SiteMeta): Promise<Loaded | FlowError> {
  const loaded: Loaded = { issues: [], histories: new Map() };
  for (const batch of batches(refs)) {
    const page = await searchDataCenter(batch, ctx, access, meta);
    if ('code' in page) return page;
    loaded.issues.push(...page.issues);
    for (const [key, list] of page.histories ?? []) loaded.histories!.set(key, list);
  }
  return loaded;
}

/** One search for the keys, histories included; an unreadable key must not fail the query. */
async function searchDataCenter(refs: JiraRef[], ctx: JiraContext, access: Access, meta: SiteMeta): Promise<Loaded | FlowError> {
  const query = new URLSearchParams({
    jql: `key in (${refs.map((ref) => ref.issueKey).join(',')})`,
    fields: fieldsFor(meta).join(','),
    expand: 'changelog',
    maxResults: String(JIRA_BATCH),
    validateQuery: 'false',
  });
  const answer = await requestJson(ctx.fetch, { url: `https://${ctx.host}/rest/api/2/search?${query}`, ...access, service: 'Jira', now: ctx.now });
  if (!answer.ok) return sessionError(answer.error, answer.status, ctx.host);
  const parsed = v.safeParse(dataCenterSearch, answer.body);
  if (!parsed.success) return { code: 'bad-response', message: 'Jira sent an answer FlowLens does not understand.' };
  const issues = validIssues(parsed.output.issues);
  const histories = new Map(
    parsed.output.issues.flatMap((raw) => {
      const issue = v.safeParse(withChangelog, raw);
      return issue.success ? [[issue.output.key, issue.output.changelog.histories as unknown as JiraHistory[]] as const] : [];
    }),
  );
  return { issues, histories };
}

function fieldsFor(meta: SiteMeta): string[] {
  return [...FIELDS, ...(meta.flaggedFieldId ? [meta.flaggedFieldId] : [])];
}

const dataCenterSearch = v.object({ issues: v.array(v.unknown()) });
const withChangelog = v.object({ key: v.string(), changelog: v.object({ histories: v.array(v.looseObject({ created: v.union([v.string(), v.number()]), items: v.array(v.looseObject({})) })) }) });

function failAll(refs: JiraRef[], error: FlowError, outcome: FetchOutcome): void {
  for (const ref of refs) outcome.errors.set(formatKey(ref), error);
}

/** A logged-out session shows as 401, or as Jira's login page with status 200. */
function sessionError(error: FlowError, status: number | undefined, host: string): FlowError {
  const loggedOut = error.code === 'unauthorized' || (status === 200 && /HTML page/.test(error.message));
  if (!loggedOut) return error;
  return { code: 'unauthorized', message: `You are logged out of Jira at ${host}. Log in and reload the page.`, helpUrl: `https://${host}/login` };
}
