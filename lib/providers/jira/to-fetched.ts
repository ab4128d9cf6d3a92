/**
 * A batch of Jira issues as FlowLens items, by canonical key: each issue's changelog as flow
 * events, its flag reasons, and the site's facts the batch shows (done statuses, "waits on" link
 * types), which serve this batch and are kept for the next ones.
 */
import type { Fetched } from '../outcome';
import { changelogEvents, jiraHistoryUrl } from './changelog';
import type { JiraContext, Site } from './context';
import { flagComments } from './flag-comments';
import { withFlagReasons } from './flag-reasons';
import { historiesOf } from './histories';
import type { Loaded } from './issue-fields';
import { pageFacts } from './page-facts';
import { rememberSiteFacts, waitLinkNames, withPageFacts } from './site-meta';
import { blockerKeys, jiraToItem } from './to-work-item';

/** Loaded issues as FlowLens items, by canonical key. */
export async function toFetched(loaded: Loaded, ctx: JiraContext, site: Site): Promise<Map<string, Fetched>> {
  const { meta } = site;
  const { issues, histories } = loaded;
  const learnt = pageFacts(issues, histories?.values() ?? []);
  await rememberSiteFacts(ctx.host, learnt, site.facts);
  // The user's link names, Jira's own Blocks type, and the site's link types that mean "waits on".
  const { doneStatuses } = withPageFacts(meta, learnt);
  const waits = waitLinkNames(ctx.blockedByLinks, meta, learnt);
  const changelog = { host: ctx.host, doneStatuses, openStatuses: learnt.openStatuses, blockedByLinks: waits, ...(meta.flaggedFieldId ? { flaggedFieldId: meta.flaggedFieldId } : {}) };
  const reasons = await flagComments(issues, ctx, site);
  const items = new Map<string, Fetched>();
  for (const issue of issues) {
    const raw = changelogEvents(historiesOf(histories, issue), { ...changelog, currentBlockers: blockerKeys(issue, waits), historyUrl: jiraHistoryUrl(`https://${ctx.host}/browse/${issue.key}`) });
    const events = withFlagReasons(raw, reasons.get(issue.key) ?? []);
    const item = jiraToItem(ctx.host, issue, waits, { events, ...(meta.flaggedFieldId ? { flaggedFieldId: meta.flaggedFieldId } : {}), ...(meta.sprintFieldId ? { sprintFieldId: meta.sprintFieldId } : {}) });
    const partial = ctx.withoutHistory === true && !histories;
    items.set(item.key, { item, ...(partial ? { partial } : histories ? {} : { note: 'Jira did not share this issue’s history: how long it has been blocked is unknown.' }) });
  }
  return items;
}
