/**
 * What every Jira read shares, whether it asks for keys (fetch-issues.ts) or runs a JQL search
 * (search.ts): how to reach the site (token or session cookies), which fields to ask for, how to
 * read the issues and histories Jira sends, and how a page of issues becomes FlowLens items.
 */
import * as v from 'valibot';
import type { FlowError } from '../../flow-error';
import type { Fetch, HttpPacing } from '../http';
import { requestJson } from '../http';
import type { Fetched } from '../outcome';
import { jiraIssue, type JiraIssue } from './schema';
import { changelogEvents, type JiraHistory } from './changelog';
import { fetchChangelogs } from './fetch-changelogs';
import { JIRA_BLOCKED_BY, rememberSiteFacts, siteMeta, withPageFacts, type SiteFactsStore, type SiteMeta } from './site-meta';
import { pageFacts } from './page-facts';
import { withFlagReasons, type JiraComment } from './flag-reasons';
import { jiraToItem } from './to-work-item';

/** What the caller lends us. */
export interface JiraContext {
  fetch: Fetch;
  host: string;
  now: number;
  /** `Basic …` (Cloud email + API token) or `Bearer …` (Data Center PAT); absent: session cookies. */
  authorization?: string;
  /** Link descriptions that mean "is blocked by". */
  blockedByLinks: string[];
  /** Keeps the site's discovered facts between service-worker lives. */
  siteFacts?: SiteFactsStore;
  /** How requests wait and retry (tests make the waits instant); the shared defaults otherwise. */
  pacing?: HttpPacing;
  /**
   * Read the issues without their histories (one request fewer on Cloud): for issues wanted only
   * for their state, as another item's upstream. They come back marked `partial`.
   */
  withoutHistory?: boolean;
}

/** Headers and cookie mode of every request to one site. */
export interface Access {
  headers: Record<string, string>;
  credentials: RequestCredentials;
}

/** Issues as Jira sent them, with their histories (by id or key) when Jira gave them. */
export interface Loaded {
  issues: JiraIssue[];
  histories: Map<string, JiraHistory[]> | undefined;
  /** Jira sent issues FlowLens could not read: a key missing may be one of them, not hidden. */
  unreadable?: boolean;
}

/** Everything a read needs before its first issue request. */
export interface Site {
  access: Access;
  cloud: boolean;
  meta: SiteMeta;
}

const FIELDS = ['summary', 'status', 'created', 'updated', 'resolutiondate', 'assignee', 'reporter', 'labels', 'project', 'issuelinks'];

/** Jira Cloud lives on *.atlassian.net; every other host is Data Center or Server. */
export function isCloud(host: string): boolean {
  return /^[^/]+\.atlassian\.net$/.test(host);
}

/** The token when one is set, else the browser's Jira session. */
export function accessFor(ctx: Pick<JiraContext, 'authorization'>): Access {
  // The XSRF check of Jira's REST API is for browser forms; this header opts out of it.
  return {
    headers: { 'X-Atlassian-Token': 'no-check', ...(ctx.authorization ? { Authorization: ctx.authorization } : {}) },
    credentials: ctx.authorization ? 'omit' : 'include',
  };
}

/** How to reach the site and what it calls its fields (asked once a day). */
export async function openSite(ctx: JiraContext): Promise<Site> {
  const access = accessFor(ctx);
  const cloud = isCloud(ctx.host);
  const meta = await siteMeta(ctx.fetch, ctx.host, access.headers, access.credentials, ctx.now, cloud ? '3' : '2', ctx.siteFacts, ctx.pacing);
  return { access, cloud, meta };
}

/** The fields every issue request asks for, with the site's own custom fields. */
export function fieldsFor(meta: SiteMeta): string[] {
  return [...FIELDS, ...(meta.flaggedFieldId ? [meta.flaggedFieldId] : []), ...(meta.sprintFieldId ? [meta.sprintFieldId] : [])];
}

/** The issues that match our schema; an odd one is skipped, not the whole answer. */
export function validIssues(raw: unknown[]): JiraIssue[] {
  return raw.flatMap((value) => {
    const issue = v.safeParse(jiraIssue, value);
    return issue.success ? [issue.output] : [];
  });
}

const withChangelog = v.object({ key: v.string(), changelog: v.object({ histories: v.array(v.looseObject({ created: v.union([v.string(), v.number()]), items: v.array(v.looseObject({})) })) }) });

/** Histories by key from issues searched with `expand=changelog` (Data Center). */
export function expandedHistories(raw: unknown[]): Map<string, JiraHistory[]> {
  return new Map(
    raw.flatMap((value) => {
      const issue = v.safeParse(withChangelog, value);
      return issue.success ? [[issue.output.key, issue.output.changelog.histories as unknown as JiraHistory[]] as const] : [];
    }),
  );
}

/** Histories of Cloud issues, all at once through the changelog bulk fetch. */
export function cloudHistories(issues: JiraIssue[], ctx: JiraContext, site: Site): Promise<Map<string, JiraHistory[]> | undefined> {
  return fetchChangelogs(ctx.fetch, {
    host: ctx.host,
    keys: issues.map((issue) => issue.key),
    // The resolution set or cleared beside a status change says the status is done (changelog.ts).
    fieldIds: ['status', 'resolution', 'issuelinks', ...(site.meta.flaggedFieldId ? [site.meta.flaggedFieldId] : [])],
    ...site.access,
    now: ctx.now,
    ...(ctx.pacing ? { pacing: ctx.pacing } : {}),
  });
}

/**
 * A logged-out session shows as 401, or as Jira's login page with status 200; a 403 means the
 * account may not read this site or project, in Jira's own words when it gave some.
 */
export function sessionError(error: FlowError, status: number | undefined, host: string, body?: unknown): FlowError {
  if (error.code === 'forbidden') {
    const said = jiraErrorMessages(body).join(' ').slice(0, 200);
    return { code: 'forbidden', message: `Jira at ${host} denied access (403)${said ? `: ${said}` : '.'} Your Jira account may lack permission to browse this project; ask a Jira admin.` };
  }
  const loggedOut = error.code === 'unauthorized' || (status === 200 && /HTML page/.test(error.message));
  if (!loggedOut) return error;
  return { code: 'unauthorized', message: `You are logged out of Jira at ${host}. Log in and reload the page.`, helpUrl: `https://${host}/login` };
}

const errorBody = v.object({ errorMessages: v.optional(v.array(v.string())), errors: v.optional(v.record(v.string(), v.string())) });

/** Jira's own words in an error answer, e.g. "Field 'foo' does not exist…". */
export function jiraErrorMessages(body: unknown): string[] {
  const parsed = v.safeParse(errorBody, body);
  if (!parsed.success) return [];
  return [...(parsed.output.errorMessages ?? []), ...Object.values(parsed.output.errors ?? {})];
}

/** The answer FlowLens could not read. */
export const UNREADABLE: FlowError = { code: 'bad-response', message: 'Jira sent an answer FlowLens does not understand.' };

/**
 * Loaded issues as FlowLens items, by canonical key. What the issues show of their site (done
 * statuses, "waits on" link types) serves this page and is kept for the next ones.
 */
export async function toFetched(loaded: Loaded, ctx: JiraContext, site: Site): Promise<Map<string, Fetched>> {
  const { meta } = site;
  const { issues, histories } = loaded;
  const learnt = pageFacts(issues, histories?.values() ?? []);
  await rememberSiteFacts(ctx.host, learnt, ctx.siteFacts);
  // The user's link names, Jira's own Blocks type, and the site's link types that mean "waits on".
  const { doneStatuses, blockingInwards } = withPageFacts(meta, learnt);
  const inward = new Set([...ctx.blockedByLinks.map((name) => name.toLowerCase()), JIRA_BLOCKED_BY, ...blockingInwards]);
  const changelog = { host: ctx.host, doneStatuses, openStatuses: learnt.openStatuses, blockedByLinks: inward, ...(meta.flaggedFieldId ? { flaggedFieldId: meta.flaggedFieldId } : {}) };
  const reasons = await flagComments(issues, ctx, site);
  const items = new Map<string, Fetched>();
  for (const issue of issues) {
    const raw = changelogEvents(histories?.get(issue.id ?? '') ?? histories?.get(issue.key) ?? [], changelog);
    const events = withFlagReasons(raw, reasons.get(issue.key) ?? []);
    const item = jiraToItem(ctx.host, issue, inward, { events, ...(meta.flaggedFieldId ? { flaggedFieldId: meta.flaggedFieldId } : {}), ...(meta.sprintFieldId ? { sprintFieldId: meta.sprintFieldId } : {}) });
    const partial = ctx.withoutHistory === true && !histories;
    items.set(item.key, { item, ...(partial ? { partial } : histories ? {} : { note: 'Jira did not share this issue’s history: how long it has been blocked is unknown.' }) });
  }
  return items;
}

/**
 * Flag reasons cost a comment request per flagged issue, so they are read for small batches
 * only (an issue view and its side panel), keeping a board within a handful of requests.
 */
export const FLAG_REASON_LIMIT = 3;

/** The latest comments of issues flagged now, where a flag's reason is written. */
async function flagComments(issues: JiraIssue[], ctx: JiraContext, site: Site): Promise<Map<string, JiraComment[]>> {
  const flaggedId = site.meta.flaggedFieldId;
  if (!flaggedId || issues.length > FLAG_REASON_LIMIT) return new Map();
  const flagged = issues.filter((issue) => {
    const value = issue.fields[flaggedId];
    return Array.isArray(value) ? value.length > 0 : Boolean(value);
  });
  const found = new Map<string, JiraComment[]>();
  await Promise.all(
    flagged.map(async (issue) => {
      const answer = await requestJson(ctx.fetch, {
        url: `https://${ctx.host}/rest/api/${site.cloud ? '3' : '2'}/issue/${encodeURIComponent(issue.key)}/comment?orderBy=-created&maxResults=10`,
        ...site.access,
        service: 'Jira',
        now: ctx.now,
      }, ctx.pacing);
      const parsed = answer.ok ? v.safeParse(commentPage, answer.body) : undefined;
      if (parsed?.success) found.set(issue.key, parsed.output.comments as JiraComment[]);
    }),
  );
  return found;
}

const commentPage = v.object({ comments: v.array(v.looseObject({})) });
