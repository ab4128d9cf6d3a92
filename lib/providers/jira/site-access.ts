/** How FlowLens reaches a Jira site: Cloud or Data Center, the token or the browser's session, and the site's facts. */
import type { Access, JiraContext, Site } from './context';
import { createSiteFacts, siteMeta } from './site-meta';

/** Jira Cloud lives on *.atlassian.net; every other host is Data Center or Server. */
export function isCloud(host: string): boolean {
  return /^[^/]+\.atlassian\.net$/.test(host);
}

/** The token when one is set, else the browser's Jira session. */
export function accessFor(ctx: Pick<JiraContext, 'authorization'>): Access {
  // The XSRF check of Jira's REST API is for browser forms; this header opts out of it.
  return {
    headers: { 'X-Atlassian-Token': 'no-check', ...(ctx.authorization ? { Authorization: ctx.authorization } : {}) },
    credentials: ctx.authorization ? 'omit' : 'include',
  };
}

/** How to reach the site and what it calls its fields (asked once a day). */
export async function openSite(ctx: JiraContext): Promise<Site> {
  const access = accessFor(ctx);
  const cloud = isCloud(ctx.host);
  const facts = ctx.siteFacts ?? createSiteFacts();
  const meta = await siteMeta({
    fetch: ctx.fetch,
    host: ctx.host,
    ...access,
    now: ctx.now,
    api: cloud ? '3' : '2',
    facts,
    ...(ctx.pacing ? { pacing: ctx.pacing } : {}),
  });
  return { access, cloud, meta, facts };
}
