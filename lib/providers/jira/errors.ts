/** Jira's failures in words the user can act on: a logged-out session, a refusal, an answer FlowLens cannot read. */
import * as v from 'valibot';
import type { FlowError } from '../../flow-error';

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
