/**
 * What was learnt of Jira sites from their items (done statuses, link types, field ids) goes
 * with the cache: from the worker's memory (the provider state's `siteFacts`) and from storage
 * (jira-site-facts.ts).
 */
import type { SiteFacts } from '../providers/jira/site-meta';
import { clearJiraSiteFacts } from '../storage/jira-site-facts';

/** Forgets every Jira site's facts, in `facts`' memory and in storage. */
export function clearSiteFacts(facts: SiteFacts): Promise<void> {
  facts.memory.clear();
  return clearJiraSiteFacts();
}
