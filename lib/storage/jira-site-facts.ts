/**
 * The facts FlowLens knows about each Jira site (the Flagged and Sprint field ids it asked for;
 * the done statuses and "waits on" link types its issues showed), kept in `storage.local` so a
 * service worker woken after a pause does not ask the site again. Derived data: validated when
 * read, dropped when broken; entries of an older shape (link types kept as `blockingInwards`,
 * learnt by a looser rule that read "is depended on by" as "waits on") are dropped and learnt anew.
 */
import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import type { SiteFactsStore, StoredSiteFacts } from '../providers/jira/site-meta';

const facts = v.object({
  at: v.number(),
  flaggedFieldId: v.optional(v.string()),
  sprintFieldId: v.optional(v.string()),
  doneStatuses: v.array(v.string()),
  waitLinks: v.array(v.string()),
});

const factsItem = storage.defineItem<Record<string, StoredSiteFacts>>('local:jiraSiteFacts', { fallback: {}, version: 1, migrations: {} });

async function all(): Promise<Record<string, StoredSiteFacts>> {
  const raw = await factsItem.getValue();
  const kept: Record<string, StoredSiteFacts> = {};
  for (const [host, value] of Object.entries(typeof raw === 'object' && raw !== null ? raw : {})) {
    const parsed = v.safeParse(facts, value);
    if (parsed.success) kept[host] = parsed.output;
  }
  return kept;
}

/** The store the Jira provider keeps site facts in. */
export const jiraSiteFacts: SiteFactsStore = {
  async get(host) {
    return (await all())[host];
  },
  async set(host, value) {
    await factsItem.setValue({ ...(await all()), [host]: value });
  },
};
