/**
 * The options page's probes of a Jira site, run with what the badges use: the saved credential,
 * or else the browser's Jira session.
 * - Access: `GET /rest/api/3/myself` (Cloud) or `/rest/api/2/myself` (Data Center) says as whom.
 *   https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get
 * - JQL: Cloud parses it with `POST /rest/api/3/jql/parse?validation=strict` (errors per query);
 *   Data Center has no parse endpoint, so a search for no issues (`maxResults=0`) validates it
 *   and answers 400 with `errorMessages` when it is wrong.
 *   https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-jql/#api-rest-api-3-jql-parse-post
 */
import * as v from 'valibot';
import type { FlowError } from '../../flow-error';
import type { Result } from '../../protocol';
import type { JiraAccessCheck } from '../../status';
import { requestJson, type Fetch, type HttpFail, type HttpPacing } from '../http';
import type { JiraCredential } from '../../storage/settings';
import { jiraAuthorization } from './credentials';
import { jiraErrorMessages } from './errors';
import { accessFor, isCloud } from './site-access';

/** What a check needs: the site, and its saved credential when there is one. */
export interface JiraCheckContext {
  fetch: Fetch;
  host: string;
  now: number;
  credential?: JiraCredential;
  /** Waits and the per-host cap (tests inject instant ones). */
  pacing?: HttpPacing;
}

const myself = v.object({ displayName: v.optional(v.string()), name: v.optional(v.string()), accountId: v.optional(v.string()), emailAddress: v.optional(v.string()) });

/** Whom Jira takes the user for, and how FlowLens reaches the site; never throws. */
export async function checkJiraAccess(ctx: JiraCheckContext): Promise<Result<JiraAccessCheck>> {
  const cloud = isCloud(ctx.host);
  const answer = await request(ctx, `/rest/api/${cloud ? '3' : '2'}/myself`);
  if (!answer.ok) return { ok: false, error: accessError(answer, ctx) };
  const parsed = v.safeParse(myself, answer.body);
  const who = parsed.success ? (parsed.output.displayName ?? parsed.output.name ?? parsed.output.emailAddress) : undefined;
  if (!who) return { ok: false, error: { code: 'bad-response', message: `Jira at ${ctx.host} answered without saying who you are.` } };
  return { ok: true, data: { displayName: who, via: ctx.credential ? 'token' : 'session', deployment: cloud ? 'cloud' : 'data-center' } };
}

const parsedQueries = v.object({ queries: v.array(v.object({ errors: v.optional(v.array(v.string())) })) });

/** Jira's complaints about `jql` (none: it is valid); never throws. */
export async function checkJiraJql(ctx: JiraCheckContext, jql: string): Promise<Result<{ errors: string[] }>> {
  const cloud = isCloud(ctx.host);
  const answer = cloud
    ? await request(ctx, '/rest/api/3/jql/parse?validation=strict', { queries: [jql] })
    : await request(ctx, `/rest/api/2/search?${new URLSearchParams({ jql, maxResults: '0', fields: 'key' })}`);
  if (!answer.ok) {
    // A 400 is the query itself: Jira lists what is wrong with it.
    const messages = answer.status === 400 ? jiraErrorMessages(answer.body) : [];
    return messages.length > 0 ? { ok: true, data: { errors: messages } } : { ok: false, error: accessError(answer, ctx) };
  }
  if (!cloud) return { ok: true, data: { errors: [] } };
  const parsed = v.safeParse(parsedQueries, answer.body);
  if (!parsed.success || parsed.output.queries.length !== 1) return { ok: false, error: { code: 'bad-response', message: `Jira at ${ctx.host} answered the JQL check with something FlowLens does not understand.` } };
  return { ok: true, data: { errors: parsed.output.queries[0]!.errors ?? [] } };
}

function request(ctx: JiraCheckContext, path: string, body?: unknown) {
  const authorization = jiraAuthorization(ctx.credential);
  const access = accessFor(authorization ? { authorization } : {});
  return requestJson(ctx.fetch, {
    url: `https://${ctx.host}${path}`,
    ...(body === undefined ? {} : { method: 'POST' as const, body }),
    ...access,
    service: 'Jira',
    now: ctx.now,
  }, ctx.pacing);
}

/** A refusal in words that say what to fix: the token, the email, or the login. */
function accessError(answer: HttpFail, ctx: JiraCheckContext): FlowError {
  const { host, credential } = ctx;
  const loginPage = answer.status === 200 && answer.error.code === 'bad-response' && /HTML page/.test(answer.error.message);
  const refused = answer.status === 401 || loginPage;
  if (!credential && (refused || answer.status === 403)) {
    return { code: 'unauthorized', message: `You are not logged in to Jira at ${host} in this browser. Log in there, or save an API token for it.`, helpUrl: `https://${host}/login` };
  }
  if (credential?.kind === 'cloud-token' && refused) {
    return { code: 'unauthorized', message: `Jira at ${host} did not accept the email and API token: the token may have expired or been revoked, or ${credential.email} is not the account that created it.`, helpUrl: 'https://id.atlassian.com/manage-profile/security/api-tokens' };
  }
  if (credential?.kind === 'pat' && refused) {
    return { code: 'unauthorized', message: `Jira at ${host} did not accept the personal access token: it may have expired or been revoked. Create a new one in your Jira profile.` };
  }
  if (answer.status === 403) {
    // Jira also answers 403 to basic authentication after failed logins, until a CAPTCHA is solved.
    return { code: 'forbidden', message: `Jira at ${host} denied access with the saved credentials (403). If there were failed logins, log in once in the browser to clear Jira's CAPTCHA, then check again.` };
  }
  return answer.error;
}
