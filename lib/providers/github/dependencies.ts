/**
 * GitHub's native issue relations, which GraphQL's published schema does not describe yet:
 * dependencies (`dependencies/blocked_by`, `dependencies/blocking`) and sub-issues
 * (`sub_issues`) of an issue, each a conditional request (a 304 costs no rate limit) whose
 * cached answer is reused.
 * https://docs.github.com/en/rest/issues/issue-dependencies, …/rest/issues/sub-issues
 */
import * as v from 'valibot';
import type { ItemLink } from '../../flow/model';
import { formatKey, githubRefOfUrl, type GithubRef } from '../../item-key';
import { requestJson, type Fetch, type HttpPacing } from '../http';

/** What we keep of one relation's answer, for the next conditional request. */
export interface Dependencies {
  etag?: string;
  links: ItemLink[];
}

/** The relations FlowLens reads, by their path under the issue. */
export type Relation = 'dependencies/blocked_by' | 'dependencies/blocking' | 'sub_issues';

const blockingIssue = v.object({ number: v.number(), title: v.string(), html_url: v.string(), state: v.string() });

/** Where the issue a dependency answer names lives, from its web URL. */
function refOf(htmlUrl: string): GithubRef | undefined {
  return URL.canParse(htmlUrl) ? githubRefOfUrl(new URL(htmlUrl)) : undefined;
}

/** The issues related to `ref` as `relation`, or `undefined` when GitHub did not answer usefully. */
export async function fetchRelation(
  ref: GithubRef,
  relation: Relation,
  ctx: { fetch: Fetch; rest: string; headers: Record<string, string>; now: number; previous?: Dependencies; pacing?: HttpPacing },
): Promise<Dependencies | undefined> {
  const answer = await requestJson(ctx.fetch, {
    url: `${ctx.rest}/repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.repo)}/issues/${ref.number}/${relation}?per_page=50`,
    headers: { ...ctx.headers, ...(ctx.previous?.etag ? { 'If-None-Match': ctx.previous.etag } : {}) },
    service: 'GitHub',
    now: ctx.now,
  }, ctx.pacing);
  if (!answer.ok) return undefined;
  if (answer.status === 304) return ctx.previous;
  const parsed = v.safeParse(v.array(blockingIssue), answer.body);
  if (!parsed.success) return undefined;
  const links = parsed.output.flatMap((issue): ItemLink[] => {
    const target = refOf(issue.html_url);
    // blocked_by: we wait on them; blocking: they wait on us; sub_issues: our children.
    const kind = relation === 'dependencies/blocking' ? 'blocked-by' : relation === 'sub_issues' ? 'child-of' : 'blocked-by';
    return target ? [{ key: formatKey(target), kind, title: issue.title, url: issue.html_url, open: issue.state === 'open' }] : [];
  });
  return { links, ...(answer.etag ? { etag: answer.etag } : {}) };
}
