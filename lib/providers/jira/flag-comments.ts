/**
 * The latest comments of issues flagged now, where Jira writes a flag's reason (flag-reasons.ts
 * reads it). They cost a comment request per flagged issue, so they are read for small batches
 * only (an issue view and its side panel), keeping a board within a handful of requests.
 */
import * as v from 'valibot';
import { own } from '../../own';
import { requestJson } from '../http';
import { ISSUE_VIEW_LIMIT, type JiraContext, type Site } from './context';
import type { JiraIssue } from './schema';

/** Batches of at most this many issues have their flagged issues' comments read. */
export const FLAG_REASON_LIMIT = ISSUE_VIEW_LIMIT;

// Each comment is read on its own (flag-reasons.ts): an odd one is skipped, not the others.
const commentPage = v.object({ comments: v.array(v.unknown()) });

/** The latest comments of the issues flagged now, by key; none for a batch over FLAG_REASON_LIMIT. */
export async function flagComments(issues: JiraIssue[], ctx: JiraContext, site: Site): Promise<Map<string, unknown[]>> {
  const flaggedId = site.meta.flaggedFieldId;
  if (!flaggedId || issues.length > FLAG_REASON_LIMIT) return new Map();
  const flagged = issues.filter((issue) => {
    const value = own(issue.fields, flaggedId);
    return Array.isArray(value) ? value.length > 0 : Boolean(value);
  });
  const found = new Map<string, unknown[]>();
  await Promise.all(
    flagged.map(async (issue) => {
      const answer = await requestJson(ctx.fetch, {
        url: `https://${ctx.host}/rest/api/${site.cloud ? '3' : '2'}/issue/${encodeURIComponent(issue.key)}/comment?orderBy=-created&maxResults=10`,
        ...site.access,
        service: 'Jira',
        now: ctx.now,
      }, ctx.pacing);
      const parsed = answer.ok ? v.safeParse(commentPage, answer.body) : undefined;
      if (parsed?.success) found.set(issue.key, parsed.output.comments);
    }),
  );
  return found;
}
