/**
 * The project keys a Jira site lists for the user: how FlowLens knows which of the user's Jira
 * sites a key named on GitHub belongs to, so that it asks each key of that site only (issue 13).
 * Cloud lists them 50 a page, its maximum (`GET /rest/api/3/project/search`), read for at most
 * `PROJECT_PAGES` pages; Data Center lists them in one answer (`GET /rest/api/2/project`).
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-search-get
 * https://docs.atlassian.com/software/jira/docs/api/REST/7.1.2/jira-rest-plugin.wadl (`api/2/project`, getAllProjects)
 */
import * as v from 'valibot';
import type { FlowError } from '../../flow-error';
import { jiraProjectSource } from '../../item-key';
import { requestJson, type Fetch, type HttpPacing } from '../http';
import { sessionError, UNREADABLE } from './errors';
import { accessFor, isCloud } from './site-access';

/** The project keys a site lists; `complete` is false when it has more than FlowLens read. */
export interface ProjectList {
  keys: string[];
  complete: boolean;
}

/** What a read of a site's projects needs. */
export interface ProjectsContext {
  fetch: Fetch;
  host: string;
  now: number;
  /** The site's saved credential as a header; absent: the browser's Jira session. */
  authorization?: string;
  pacing?: HttpPacing;
}

/** Cloud pages read at most (50 projects each). */
export const PROJECT_PAGES = 10;
const PAGE_SIZE = 50;
/** A Jira project key of at most 100 characters (longer is no project FlowLens asks about). */
const PROJECT_KEY = new RegExp(`^${jiraProjectSource({ min: 1, max: 100 })}$`);

const project = v.looseObject({ key: v.string() });
const cloudPage = v.object({ values: v.array(v.unknown()), isLast: v.optional(v.boolean()) });
const dataCenterList = v.array(v.unknown());

/** The keys of the entries that are projects; an odd entry is skipped, not the list. */
function keysOf(entries: unknown[]): string[] {
  return entries.flatMap((entry) => {
    const parsed = v.safeParse(project, entry);
    return parsed.success && PROJECT_KEY.test(parsed.output.key) ? [parsed.output.key] : [];
  });
}

async function ask(ctx: ProjectsContext, path: string): Promise<{ ok: true; body: unknown } | { ok: false; error: FlowError }> {
  const answer = await requestJson(ctx.fetch, { url: `https://${ctx.host}${path}`, ...accessFor(ctx), service: 'Jira', now: ctx.now }, ctx.pacing);
  return answer.ok ? { ok: true, body: answer.body } : { ok: false, error: sessionError(answer.error, answer.status, ctx.host, answer.body) };
}

/** The site's project keys as it lists them for the user; never throws. */
export async function fetchJiraProjects(ctx: ProjectsContext): Promise<ProjectList | FlowError> {
  if (!isCloud(ctx.host)) {
    const answer = await ask(ctx, '/rest/api/2/project');
    if (!answer.ok) return answer.error;
    const list = v.safeParse(dataCenterList, answer.body);
    return list.success ? { keys: [...new Set(keysOf(list.output))], complete: true } : UNREADABLE;
  }
  const keys: string[] = [];
  for (let page = 0; page < PROJECT_PAGES; page++) {
    const answer = await ask(ctx, `/rest/api/3/project/search?startAt=${page * PAGE_SIZE}&maxResults=${PAGE_SIZE}`);
    if (!answer.ok) return answer.error;
    const parsed = v.safeParse(cloudPage, answer.body);
    if (!parsed.success) return UNREADABLE;
    keys.push(...keysOf(parsed.output.values));
    if (parsed.output.isLast !== false || parsed.output.values.length === 0) return { keys: [...new Set(keys)], complete: true };
  }
  return { keys: [...new Set(keys)], complete: false };
}
