/**
 * What FlowLens needs to know about a Jira site before it can read histories: the ids of the
 * Flagged and Sprint fields (custom fields whose ids differ per site), which statuses are in the done
 * category, and which of the site's link types mean "waits on". Discovered once per site and kept for a day (in memory, and in a store that outlives the service worker); a failure falls back to the field's
 * name and to the current status categories, never stops the badges.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get
 */
import * as v from 'valibot';
import { requestJson, type Fetch, type HttpPacing } from '../http';

/** The site facts. */
export interface SiteMeta {
  flaggedFieldId?: string;
  /** The id of the Sprint field (Jira Software), e.g. `customfield_10020`. */
  sprintFieldId?: string;
  doneStatuses: Set<string>;
  /** Inward names of the site's link types that mean "waits on" (e.g. "is blocked by"). */
  blockingInwards: Set<string>;
}

/** Link types whose names say one issue waits on another; sites rename and add their own. */
const BLOCKING_TYPE = /block|depend|prerequisite|requires|waits?/i;

const fields = v.array(v.object({ id: v.string(), name: v.string(), schema: v.optional(v.object({ custom: v.optional(v.string()) })) }));
/** The Sprint field's type; its name may be translated or renamed. */
const SPRINT_TYPE = 'com.pyxis.greenhopper.jira:gh-sprint';
const statuses = v.array(v.object({ name: v.string(), statusCategory: v.optional(v.object({ key: v.string() })) }));
const linkTypes = v.object({ issueLinkTypes: v.array(v.object({ name: v.string(), inward: v.string(), outward: v.string() })) });
const HOUR = 3_600_000;
/** How long kept facts serve: fields, statuses and link types change rarely, and a stale one costs little. */
export const SITE_FACTS_TTL = 24 * HOUR;
const known = new Map<string, { at: number; meta: SiteMeta }>();

/** Site facts as kept between service-worker lives (plain data). */
export interface StoredSiteFacts {
  at: number;
  flaggedFieldId?: string;
  sprintFieldId?: string;
  doneStatuses: string[];
  blockingInwards: string[];
}

/**
 * Where the facts outlive the service worker, which the browser stops after half a minute idle:
 * without it, every page after a pause would ask the site three questions again.
 */
export interface SiteFactsStore {
  get(host: string): Promise<StoredSiteFacts | undefined>;
  set(host: string, facts: StoredSiteFacts): Promise<void>;
}

function fromStored(facts: StoredSiteFacts): SiteMeta {
  const { flaggedFieldId, sprintFieldId } = facts;
  return { doneStatuses: new Set(facts.doneStatuses), blockingInwards: new Set(facts.blockingInwards), ...(flaggedFieldId ? { flaggedFieldId } : {}), ...(sprintFieldId ? { sprintFieldId } : {}) };
}

function toStored(meta: SiteMeta, at: number): StoredSiteFacts {
  const { flaggedFieldId, sprintFieldId } = meta;
  return { at, doneStatuses: [...meta.doneStatuses], blockingInwards: [...meta.blockingInwards], ...(flaggedFieldId ? { flaggedFieldId } : {}), ...(sprintFieldId ? { sprintFieldId } : {}) };
}

/** The site's facts: from memory, else from the store, else asked of the site (three requests). */
export async function siteMeta(fetch: Fetch, host: string, headers: Record<string, string>, credentials: RequestCredentials, now: number, api: '2' | '3' = '3', store?: SiteFactsStore, pacing?: HttpPacing): Promise<SiteMeta> {
  const cached = known.get(host);
  if (cached && now - cached.at < SITE_FACTS_TTL) return cached.meta;
  const stored = await store?.get(host).catch(() => undefined);
  if (stored && now - stored.at >= 0 && now - stored.at < SITE_FACTS_TTL) {
    const meta = fromStored(stored);
    known.set(host, { at: stored.at, meta });
    return meta;
  }
  const ask = (path: string) => requestJson(fetch, { url: `https://${host}/rest/api/${api}/${path}`, headers, credentials, service: 'Jira', now }, pacing);
  const [fieldAnswer, statusAnswer, linkAnswer] = await Promise.all([ask('field'), ask('status'), ask('issueLinkType')]);
  const fieldList = fieldAnswer.ok ? v.safeParse(fields, fieldAnswer.body) : undefined;
  const statusList = statusAnswer.ok ? v.safeParse(statuses, statusAnswer.body) : undefined;
  const linkList = linkAnswer.ok ? v.safeParse(linkTypes, linkAnswer.body) : undefined;
  const blocking = linkList?.success ? linkList.output.issueLinkTypes.filter((t) => BLOCKING_TYPE.test(`${t.name} ${t.inward}`)).map((t) => t.inward.toLowerCase()) : [];
  const fieldsFound = fieldList?.success ? fieldList.output : [];
  const flagged = fieldsFound.find((field) => field.name === 'Flagged')?.id;
  const sprint = (fieldsFound.find((field) => field.schema?.custom === SPRINT_TYPE) ?? fieldsFound.find((field) => field.name === 'Sprint'))?.id;
  const done = statusList?.success ? statusList.output.filter((s) => s.statusCategory?.key === 'done').map((s) => s.name.toLowerCase()) : [];
  const meta: SiteMeta = { doneStatuses: new Set(done), blockingInwards: new Set(blocking), ...(flagged ? { flaggedFieldId: flagged } : {}), ...(sprint ? { sprintFieldId: sprint } : {}) };
  if (fieldList?.success && statusList?.success) {
    known.set(host, { at: now, meta });
    await store?.set(host, toStored(meta, now)).catch(() => undefined);
  }
  return meta;
}

/** Forgets what was learnt (tests). */
export function forgetSiteMeta(): void {
  known.clear();
}
