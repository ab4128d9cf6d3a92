/**
 * What was learnt of Jira sites from their items (done statuses, link types, field ids) goes
 * with the cache: from the worker's memory (site-meta.ts) and from storage (jira-site-facts.ts).
 */
import { forgetSiteMeta } from '../providers/jira/site-meta';
import { clearJiraSiteFacts } from '../storage/jira-site-facts';

/** Forgets every Jira site's facts, in memory and in storage. */
export function clearSiteFacts(): Promise<void> {
  forgetSiteMeta();
  return clearJiraSiteFacts();
}
