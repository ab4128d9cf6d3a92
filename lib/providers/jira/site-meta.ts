/**
 * What FlowLens needs to know about a Jira site before it can read histories: the id of the
 * Flagged field (a custom field whose id differs per site) and which statuses are in the done
 * category. Discovered once per site and kept for an hour; a failure falls back to the field's
 * name and to the current status categories, never stops the badges.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get
 */
import * as v from 'valibot';
import { requestJson, type Fetch } from '../http';

/** The site facts. */
export interface SiteMeta {
  flaggedFieldId?: string;
  doneStatuses: Set<string>;
}

const fields = v.array(v.object({ id: v.string(), name: v.string() }));
const statuses = v.array(v.object({ name: v.string(), statusCategory: v.optional(v.object({ key: v.string() })) }));
const HOUR = 3_600_000;
const known = new Map<string, { at: number; meta: SiteMeta }>();

/** The site's facts, from memory when fresh. */
export async function siteMeta(fetch: Fetch, host: string, headers: Record<string, string>, credentials: RequestCredentials, now: number, api: '2' | '3' = '3'): Promise<SiteMeta> {
  const cached = known.get(host);
  if (cached && now - cached.at < HOUR) return cached.meta;
  const ask = (path: string) => requestJson(fetch, { url: `https://${host}/rest/api/${api}/${path}`, headers, credentials, service: 'Jira', now });
  const [fieldAnswer, statusAnswer] = await Promise.all([ask('field'), ask('status')]);
  const fieldList = fieldAnswer.ok ? v.safeParse(fields, fieldAnswer.body) : undefined;
  const statusList = statusAnswer.ok ? v.safeParse(statuses, statusAnswer.body) : undefined;
  const flagged = fieldList?.success ? fieldList.output.find((field) => field.name === 'Flagged')?.id : undefined;
  const done = statusList?.success ? statusList.output.filter((s) => s.statusCategory?.key === 'done').map((s) => s.name.toLowerCase()) : [];
  const meta: SiteMeta = { doneStatuses: new Set(done), ...(flagged ? { flaggedFieldId: flagged } : {}) };
  if (fieldList?.success && statusList?.success) known.set(host, { at: now, meta });
  return meta;
}

/** Forgets what was learnt (tests). */
export function forgetSiteMeta(): void {
  known.clear();
}
