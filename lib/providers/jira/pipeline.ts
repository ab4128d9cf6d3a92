/**
 * What every Jira read shares, whether it asks for keys (fetch-issues.ts) or runs a JQL search
 * (search.ts): how to reach the site (token or session cookies), which fields to ask for, how to
 * read the issues and histories Jira sends, and how a page of issues becomes FlowLens items.
 */
import * as v from 'valibot';
import type { FlowError } from '../../flow-error';
import { isJiraKey } from '../../item-key';
import { own } from '../../own';
import type { Fetch, HttpPacing } from '../http';
import { requestJson } from '../http';
import type { Fetched } from '../outcome';
import { jiraIssue, type JiraIssue } from './schema';
import { changelogEvents } from './changelog';
import { readHistories, type JiraHistory, type JiraHistoryItem } from './histories';
import { fetchChangelogs } from './fetch-changelogs';
import { JIRA_BLOCKED_BY, rememberSiteFacts, siteMeta, withPageFacts, type SiteFactsStore, type SiteMeta } from './site-meta';
import { pageFacts, type PageFacts } from './page-facts';
import { withFlagReasons } from './flag-reasons';
import { blockerKeys, jiraToItem } from './to-work-item';

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

/** Batches this small are an issue view and its side panel, which may cost a request or two more than a board's share. */
export const ISSUE_VIEW_LIMIT = 3;

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

/** The keys of the issues Jira sent that do not match our schema (those with a key at all). */
export function unreadableKeys(raw: unknown[]): string[] {
  return raw.flatMap((value) => {
    if (v.safeParse(jiraIssue, value).success) return [];
    const key = (value as { key?: unknown } | null)?.key;
    return typeof key === 'string' && isJiraKey(key) ? [key] : [];
  });
}

/** The issues that match our schema; an odd one is skipped, not the whole answer. */
export function validIssues(raw: unknown[]): JiraIssue[] {
  return raw.flatMap((value) => {
    const issue = v.safeParse(jiraIssue, value);
    return issue.success ? [issue.output] : [];
  });
}

const withChangelog = v.object({ key: v.string(), changelog: v.object({ histories: v.array(v.unknown()) }) });

/**
 * Histories by key from issues searched with `expand=changelog` (Data Center), each history read
 * on its own (histories.ts): a malformed one is skipped, not the issue's others.
 */
export function expandedHistories(raw: unknown[]): Map<string, JiraHistory[]> {
  return new Map(
    raw.flatMap((value) => {
      const issue = v.safeParse(withChangelog, value);
      return issue.success ? [[issue.output.key, readHistories(issue.output.changelog.histories)] as const] : [];
    }),
  );
}

/** The link descriptions that mean "waits on", read from the linking issue's side: the user's, Jira's own, the site's. */
function blockedByNames(ctx: JiraContext, meta: SiteMeta, learnt: PageFacts): Set<string> {
  const { waitLinks } = withPageFacts(meta, learnt);
  return new Set([...ctx.blockedByLinks.map((name) => name.toLowerCase()), JIRA_BLOCKED_BY, ...waitLinks]);
}

/** The histories Jira gave for an issue: by id (the changelog bulk fetch) or by key (an expanded search). */
function historiesOf(histories: ReadonlyMap<string, JiraHistory[]> | undefined, issue: JiraIssue): JiraHistory[] {
  return histories?.get(issue.id ?? '') ?? histories?.get(issue.key) ?? [];
}

const isLinkItem = (item: JiraHistoryItem) => item.field === 'Link' || item.fieldId === 'issuelinks';

/** The key a `Link` item links to or unlinks from. */
const linkedKey = (item: JiraHistoryItem) => item.to ?? item.from ?? '';

/** Whether a history records a link to `key` being made or removed (a `Link` item names it in `to` or `from`). */
function recordsLinkTo(histories: readonly JiraHistory[], key: string): boolean {
  return key !== '' && histories.some((history) => history.items.some((item) => isLinkItem(item) && (item.to === key || item.from === key)));
}

/**
 * Histories of Cloud issues, all at once through the changelog bulk fetch, filtered to the
 * fields flow reads. A Cloud `Link` item has no `fieldId` (a changelog recorded from a live
 * Cloud site shows it), so a site that filters strictly by `fieldIds` drops link history; the
 * issues that are blocked by a link their filtered history does not date are asked once more,
 * unfiltered, in one batch, and only their `Link` items are kept from it. On a board that is
 * only the open issues with blockers not shown done (what their badges' "since" needs).
 */
export async function cloudHistories(issues: JiraIssue[], ctx: JiraContext, site: Site): Promise<Map<string, JiraHistory[]> | undefined> {
  const request = { host: ctx.host, ...site.access, now: ctx.now, ...(ctx.pacing ? { pacing: ctx.pacing } : {}) };
  // The resolution set or cleared beside a status change says the status is done (changelog.ts).
  const fieldIds = ['status', 'resolution', 'issuelinks', ...(site.meta.flaggedFieldId ? [site.meta.flaggedFieldId] : [])];
  const histories = await fetchChangelogs(ctx.fetch, { ...request, keys: issues.map((issue) => issue.key), fieldIds });
  if (!histories) return undefined;
  const waits = blockedByNames(ctx, site.meta, pageFacts(issues, []));
  // On a board, only what a badge's "since" needs: open issues and their blockers not shown done.
  // An issue view (a few issues) also gets the history of links that no longer hold it up.
  const view = issues.length <= ISSUE_VIEW_LIMIT;
  const needsLinks = (issue: JiraIssue) => view || issue.fields.status.statusCategory?.key !== 'done';
  const undated = issues.filter((issue) => needsLinks(issue) && [...blockerKeys(issue, waits, !view)].some((key) => !recordsLinkTo(historiesOf(histories, issue), key)));
  if (undated.length === 0) return histories;
  const whole = await fetchChangelogs(ctx.fetch, { ...request, keys: undated.map((issue) => issue.key), fieldIds: [] });
  for (const [id, list] of whole ?? []) {
    const filtered = histories.get(id) ?? [];
    // Only the link items the filtered answer lacked: nothing is counted twice.
    const missing = (item: JiraHistoryItem) => isLinkItem(item) && !recordsLinkTo(filtered, linkedKey(item));
    const links = list.map((history) => ({ ...history, items: history.items.filter(missing) })).filter((history) => history.items.length > 0);
    if (links.length > 0) histories.set(id, [...filtered, ...links]);
  }
  return histories;
}

/**
 * A logged-out session shows as 401, or as Jira's login page with status 200, or as a redirect
 * (to a sign-in page) that FlowLens refuses; a 403 means the account may not read this site or
 * project, in Jira's own words when it gave some.
 */
export function sessionError(error: FlowError, status: number | undefined, host: string, body?: unknown): FlowError {
  if (error.code === 'forbidden') {
    const said = jiraErrorMessages(body).join(' ').slice(0, 200);
    return { code: 'forbidden', message: `Jira at ${host} denied access (403)${said ? `: ${said}` : '.'} Your Jira account may lack permission to browse this project; ask a Jira admin.` };
  }
  const loggedOut = error.code === 'unauthorized' || (status === 200 && /HTML page/.test(error.message));
  // A refused redirect (http.ts: opaque, status 0, or a 3xx handed back) is often a sign-in page
  // a site sends an expired session to; FlowLens does not follow it, but says where to look.
  const redirected = status === 0 || (status !== undefined && status >= 300 && status < 400);
  if (redirected && !loggedOut) return { ...error, message: `${error.message} If your session has expired, log in to Jira at ${host} and reload the page.`, helpUrl: `https://${host}/login` };
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
  const { doneStatuses } = withPageFacts(meta, learnt);
  const waits = blockedByNames(ctx, meta, learnt);
  const changelog = { host: ctx.host, doneStatuses, openStatuses: learnt.openStatuses, blockedByLinks: waits, ...(meta.flaggedFieldId ? { flaggedFieldId: meta.flaggedFieldId } : {}) };
  const reasons = await flagComments(issues, ctx, site);
  const items = new Map<string, Fetched>();
  for (const issue of issues) {
    const raw = changelogEvents(historiesOf(histories, issue), { ...changelog, currentBlockers: blockerKeys(issue, waits) });
    const events = withFlagReasons(raw, reasons.get(issue.key) ?? []);
    const item = jiraToItem(ctx.host, issue, waits, { events, ...(meta.flaggedFieldId ? { flaggedFieldId: meta.flaggedFieldId } : {}), ...(meta.sprintFieldId ? { sprintFieldId: meta.sprintFieldId } : {}) });
    const partial = ctx.withoutHistory === true && !histories;
    items.set(item.key, { item, ...(partial ? { partial } : histories ? {} : { note: 'Jira did not share this issue’s history: how long it has been blocked is unknown.' }) });
  }
  return items;
}

/**
 * Flag reasons cost a comment request per flagged issue, so they are read for small batches
 * only (an issue view and its side panel), keeping a board within a handful of requests.
 */
export const FLAG_REASON_LIMIT = ISSUE_VIEW_LIMIT;

/** The latest comments of issues flagged now, where a flag's reason is written. */
async function flagComments(issues: JiraIssue[], ctx: JiraContext, site: Site): Promise<Map<string, unknown[]>> {
  const flaggedId = site.meta.flaggedFieldId;
  if (!flaggedId || issues.length > FLAG_REASON_LIMIT) return new Map();
  const flagged = issues.filter((issue) => {
    const value = own(issue.fields, flaggedId);
    return Array.isArray(value) ? value.length > 0 : Boolean(value);
  });
  const found = new Map<string, unknown[]>();
  await Promise.all(
    flagged.map(async (issue) => {
      const answer = await requestJson(ctx.fetch, {
        url: `https://${ctx.host}/rest/api/${site.cloud ? '3' : '2'}/issue/${encodeURIComponent(issue.key)}/comment?orderBy=-created&maxResults=10`,
        ...site.access,
        service: 'Jira',
        now: ctx.now,
      }, ctx.pacing);
      const parsed = answer.ok ? v.safeParse(commentPage, answer.body) : undefined;
      if (parsed?.success) found.set(issue.key, parsed.output.comments);
    }),
  );
  return found;
}

// Each comment is read on its own (flag-reasons.ts): an odd one is skipped, not the others.
const commentPage = v.object({ comments: v.array(v.unknown()) });
