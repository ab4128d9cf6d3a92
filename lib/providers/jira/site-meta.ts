/**
 * What FlowLens needs to know about a Jira site before it can read histories: the ids of the
 * Flagged and Sprint fields (custom fields whose ids differ per site), asked once a day per site
 * and kept where the caller keeps them (SiteFacts: memory, and a store that outlives the service
 * worker). Which statuses are in the
 * done category and which link types mean "waits on" are not asked: the issues show them
 * (page-facts.ts), and what they showed is kept here beside the field ids for the same day.
 * A failure falls back to the field's name and to the current status categories, never stops the badges.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get
 */
import * as v from 'valibot';
import { requestJson, type Fetch, type HttpPacing } from '../http';
import type { PageFacts } from './page-facts';
import { HOUR } from '../../flow/time';
import { createUnderway, type Underway } from '../../underway';

/** The site facts. */
export interface SiteMeta {
  flaggedFieldId?: string;
  /** The id of the Sprint field (Jira Software), e.g. `customfield_10020`. */
  sprintFieldId?: string;
  /** Status names seen in the done category (lower-case). */
  doneStatuses: Set<string>;
  /** Descriptions of the site's link types that mean "waits on", from the linking issue's side ("is blocked by", "depends on"). */
  waitLinks: Set<string>;
}

/**
 * The inward name of Jira's own Blocks link type, on every site: an "is blocked by" link in a
 * history is read as one even when no current link shows the type.
 */
export const JIRA_BLOCKED_BY = 'is blocked by';

const fields = v.array(v.object({ id: v.string(), name: v.string(), schema: v.optional(v.object({ custom: v.optional(v.string()) })) }));
/**
 * The ids Jira gives custom fields, as Flagged and Sprint are: an issue's fields are read by these
 * ids, so another (`toString`, `constructor`) would read a member of `Object.prototype`.
 */
const CUSTOM_FIELD_ID = /^customfield_\d{1,12}$/;
/** The Sprint field's type; its name may be translated or renamed. */
const SPRINT_TYPE = 'com.pyxis.greenhopper.jira:gh-sprint';
/** How long kept facts serve: fields, statuses and link types change rarely, and a stale one costs little. */
export const SITE_FACTS_TTL = 24 * HOUR;

/** Site facts as kept between service-worker lives (plain data). */
export interface StoredSiteFacts {
  at: number;
  flaggedFieldId?: string;
  sprintFieldId?: string;
  doneStatuses: string[];
  waitLinks: string[];
}

/**
 * Where the facts outlive the service worker, which the browser stops after half a minute idle:
 * without it, every page after a pause would ask the site for its fields again.
 */
export interface SiteFactsStore {
  get(host: string): Promise<StoredSiteFacts | undefined>;
  set(host: string, facts: StoredSiteFacts): Promise<void>;
}

/**
 * What a caller keeps of Jira sites' facts: `memory`, for as long as the caller lives (the
 * background: the service worker's life), in front of `store`, which outlives it. The background
 * creates one and passes it to every Jira read; a read given none keeps its own, for itself.
 */
export interface SiteFacts {
  memory: Map<string, { at: number; meta: SiteMeta }>;
  /** Reads of a site's facts under way, by site: reads of the same site at once share one. */
  reading: Underway<SiteMeta>;
  store?: SiteFactsStore;
}

/** Site facts kept in a memory of their own, in front of `store` when there is one. */
export function createSiteFacts(store?: SiteFactsStore): SiteFacts {
  return { memory: new Map(), reading: createUnderway(), ...(store ? { store } : {}) };
}

function fromStored(facts: StoredSiteFacts): SiteMeta {
  const { flaggedFieldId, sprintFieldId } = facts;
  return { doneStatuses: new Set(facts.doneStatuses), waitLinks: new Set(facts.waitLinks), ...(flaggedFieldId ? { flaggedFieldId } : {}), ...(sprintFieldId ? { sprintFieldId } : {}) };
}

function toStored(meta: SiteMeta, at: number): StoredSiteFacts {
  const { flaggedFieldId, sprintFieldId } = meta;
  return { at, doneStatuses: [...meta.doneStatuses], waitLinks: [...meta.waitLinks], ...(flaggedFieldId ? { flaggedFieldId } : {}), ...(sprintFieldId ? { sprintFieldId } : {}) };
}

/** What reading a site's facts needs: the site and how to reach it, and where facts are kept. */
export interface SiteMetaRequest {
  fetch: Fetch;
  host: string;
  headers: Record<string, string>;
  credentials: RequestCredentials;
  now: number;
  /** The REST API's version: 3 on Cloud (the default), 2 on Data Center. */
  api?: '2' | '3';
  facts: SiteFacts;
  pacing?: HttpPacing;
}

/**
 * The site's facts: from memory, else from the store, else its fields asked of the site (one
 * request). Reads of the same site at once share one: a cold site's first page sends its near
 * items and the rest in batches that arrive together, and each would have asked for the fields.
 */
export function siteMeta(request: SiteMetaRequest): Promise<SiteMeta> {
  const { reading } = request.facts;
  return reading.get(request.host) ?? reading.add([request.host], readSiteMeta(request));
}

async function readSiteMeta(request: SiteMetaRequest): Promise<SiteMeta> {
  const { fetch, host, headers, credentials, now, api = '3', facts, pacing } = request;
  const { memory: known, store } = facts;
  const cached = known.get(host);
  if (cached && now - cached.at < SITE_FACTS_TTL) return cached.meta;
  const stored = await store?.get(host).catch(() => undefined);
  if (stored && now - stored.at >= 0 && now - stored.at < SITE_FACTS_TTL) {
    const meta = fromStored(stored);
    known.set(host, { at: stored.at, meta });
    return meta;
  }
  const answer = await requestJson(fetch, { url: `https://${host}/rest/api/${api}/field`, headers, credentials, service: 'Jira', now }, pacing);
  const fieldList = answer.ok ? v.safeParse(fields, answer.body) : undefined;
  const fieldsFound = fieldList?.success ? fieldList.output.filter((field) => CUSTOM_FIELD_ID.test(field.id)) : [];
  const flagged = fieldsFound.find((field) => field.name === 'Flagged')?.id;
  const sprint = (fieldsFound.find((field) => field.schema?.custom === SPRINT_TYPE) ?? fieldsFound.find((field) => field.name === 'Sprint'))?.id;
  const meta: SiteMeta = { doneStatuses: new Set(), waitLinks: new Set(), ...(flagged ? { flaggedFieldId: flagged } : {}), ...(sprint ? { sprintFieldId: sprint } : {}) };
  if (fieldList?.success) {
    known.set(host, { at: now, meta });
    await store?.set(host, toStored(meta, now)).catch(() => undefined);
  }
  return meta;
}

/**
 * `meta`'s done statuses and "waits on" link types with what a page showed added; a status the
 * page shows in another category is no longer taken for done.
 */
export function withPageFacts(meta: SiteMeta, learnt: PageFacts): Pick<SiteMeta, 'doneStatuses' | 'waitLinks'> {
  return {
    doneStatuses: new Set([...meta.doneStatuses, ...learnt.doneStatuses].filter((name) => !learnt.openStatuses.has(name))),
    waitLinks: new Set([...meta.waitLinks, ...learnt.waitLinks]),
  };
}

/** The link descriptions that mean "waits on", read from the linking issue's side: the user's, Jira's own, the site's. */
export function waitLinkNames(userLinks: readonly string[], meta: SiteMeta, learnt: PageFacts): Set<string> {
  const { waitLinks } = withPageFacts(meta, learnt);
  return new Set([...userLinks.map((name) => name.toLowerCase()), JIRA_BLOCKED_BY, ...waitLinks]);
}

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => a.size === b.size && [...a].every((x) => b.has(x));

/**
 * Adds what a page showed to the site's kept facts (`withPageFacts`), until they expire with its
 * field ids. Nothing is kept for a site whose fields could not be read: it is asked again next time.
 */
export async function rememberSiteFacts(host: string, learnt: PageFacts, facts: SiteFacts): Promise<void> {
  const { memory: known, store } = facts;
  const kept = known.get(host);
  if (!kept) return;
  const merged = withPageFacts(kept.meta, learnt);
  if (sameSet(merged.doneStatuses, kept.meta.doneStatuses) && sameSet(merged.waitLinks, kept.meta.waitLinks)) return;
  const meta: SiteMeta = { ...kept.meta, ...merged };
  known.set(host, { at: kept.at, meta });
  await store?.set(host, toStored(meta, kept.at)).catch(() => undefined);
}
