/**
 * The facts FlowLens knows about each Jira site (the Flagged and Sprint field ids it asked for;
 * the done statuses and "waits on" link types its issues showed), kept in `storage.local` so a
 * service worker woken after a pause does not ask the site again. Derived data: validated when
 * read, dropped when broken; entries of an older shape (link types kept as `blockingInwards`,
 * learnt by a looser rule that read "is depended on by" as "waits on") are dropped and learnt anew.
 * What a site's answers show is the site's to say, so what is kept is bounded, on write and on
 * read: a hostile site (or many `*.atlassian.net` tenants) cannot fill the extension's storage.
 * The facts are cleared with the cache.
 */
import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import type { SiteFactsStore, StoredSiteFacts } from '../providers/jira/site-meta';

/**
 * Sites kept at most, those whose facts were learnt last. A user reads a few Jira sites; facts
 * serve a day (SITE_FACTS_TTL), and a site dropped costs one request (its field list) to learn again.
 */
export const MAX_SITES = 10;

/**
 * Names kept per list (done statuses, "waits on" link types). Apache's Jira, with hundreds of
 * projects, has 17 link types (its recorded answer, read in real-link-types.test.ts); the names past these are
 * still used for the page that showed them, only not kept.
 */
export const MAX_NAMES = 50;

/**
 * Characters of one name at most: Jira's own limit for short texts such as a summary, against
 * 24 for the longest link description of the recorded sites. A longer name is not kept.
 */
export const MAX_NAME_LENGTH = 255;

/** The longest site a content script may name (`lib/messaging.ts`, a Jira ref's host). */
const MAX_HOST_LENGTH = 300;

/** The ids Jira gives custom fields, as the Flagged and Sprint fields are. */
const fieldId = v.pipe(v.string(), v.regex(/^customfield_\d{1,12}$/));

/** A list of names: its names of a kept length, the first MAX_NAMES of them. */
const nameList = v.pipe(
  v.array(v.string()),
  v.transform((list) => list.filter((name) => name.length <= MAX_NAME_LENGTH).slice(0, MAX_NAMES)),
);

const facts = v.object({
  at: v.number(),
  flaggedFieldId: v.optional(fieldId),
  sprintFieldId: v.optional(fieldId),
  doneStatuses: nameList,
  waitLinks: nameList,
});

const factsItem = storage.defineItem<Record<string, StoredSiteFacts>>('local:jiraSiteFacts', { fallback: {}, version: 1, migrations: {} });

/** The valid entries of `raw`, in their order, of the MAX_SITES newest, each within its bounds. */
function bounded(raw: unknown): Map<string, StoredSiteFacts> {
  const entries = Object.entries(typeof raw === 'object' && raw !== null ? raw : {}).flatMap(([host, value]) => {
    const parsed = host.length <= MAX_HOST_LENGTH ? v.safeParse(facts, value) : undefined;
    return parsed?.success ? [[host, parsed.output] as const] : [];
  });
  const newest = new Set([...entries].sort((a, b) => b[1].at - a[1].at).slice(0, MAX_SITES).map(([host]) => host));
  return new Map(entries.filter(([host]) => newest.has(host)));
}

/** The store the Jira provider keeps site facts in. */
export const jiraSiteFacts: SiteFactsStore = {
  async get(host) {
    return bounded(await factsItem.getValue()).get(host);
  },
  async set(host, value) {
    const kept = bounded(await factsItem.getValue());
    kept.set(host, value);
    await factsItem.setValue(Object.fromEntries(bounded(Object.fromEntries(kept))));
  },
};

/** Forgets every site's facts (with the cache: they were learnt from its items). */
export async function clearJiraSiteFacts(): Promise<void> {
  await factsItem.removeValue();
}
