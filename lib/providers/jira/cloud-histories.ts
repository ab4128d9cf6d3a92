/**
 * Histories of Cloud issues, all at once through the changelog bulk fetch, filtered to the fields
 * flow reads (status, resolution, links, Flagged), then dated links completed by the second pass
 * (link-history.ts).
 */
import type { JiraContext, Site } from './context';
import { fetchChangelogs } from './fetch-changelogs';
import type { JiraHistory } from './histories';
import { withLinkHistory } from './link-history';
import { pageFacts } from './page-facts';
import type { JiraIssue } from './schema';
import { waitLinkNames } from './site-meta';

/** The histories of `issues` by issue id; `undefined` when Jira would not give them (the badges still work). */
export async function cloudHistories(issues: JiraIssue[], ctx: JiraContext, site: Site): Promise<Map<string, JiraHistory[]> | undefined> {
  const request = { host: ctx.host, ...site.access, now: ctx.now, ...(ctx.pacing ? { pacing: ctx.pacing } : {}) };
  // The resolution set or cleared beside a status change says the status is done (changelog.ts).
  const fieldIds = ['status', 'resolution', 'issuelinks', ...(site.meta.flaggedFieldId ? [site.meta.flaggedFieldId] : [])];
  const histories = await fetchChangelogs(ctx.fetch, { ...request, keys: issues.map((issue) => issue.key), fieldIds });
  if (!histories) return undefined;
  const waits = waitLinkNames(ctx.blockedByLinks, site.meta, pageFacts(issues, []));
  return withLinkHistory(histories, { issues, fetch: ctx.fetch, request, waits });
}
