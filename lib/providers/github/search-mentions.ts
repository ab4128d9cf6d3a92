/**
 * Pull requests that name Jira tickets, the way Jira's development panel finds them: the key
 * in the PR's title or branch. One aliased GraphQL search for all keys of a batch (GitHub's
 * search reads titles; "head:" needs the exact branch, so titles are what can be searched).
 * Validated against the published schema in search-mentions.test.ts.
 */
import * as v from 'valibot';
import type { GithubRef } from '../../item-key';
import { requestJson, type Fetch, type HttpPacing } from '../http';
import { githubApi } from './fetch-items';

/** Results kept per key: the newest few pull requests. */
export const MENTION_RESULTS = 5;

/** A GitHub owner or repository name; anything else in an answer is not a repository FlowLens reads. */
const NAME = /^[A-Za-z0-9_.-]+$/;

/** The query text and variables for `keys`. */
export function buildMentionQuery(keys: string[]): { query: string; variables: Record<string, string> } {
  const variables = Object.fromEntries(keys.map((key, i) => [`q${i}`, `"${key}" is:pr in:title sort:updated-desc`]));
  const params = keys.map((_, i) => `$q${i}: String!`).join(', ');
  const fields = keys.map((_, i) => `  k${i}: search(query: $q${i}, type: ISSUE, first: ${MENTION_RESULTS}) { nodes { ... on PullRequest { number repository { nameWithOwner } } } }`);
  return { query: `query FlowLensMentions(${params}) {\n${fields.join('\n')}\n}`, variables };
}

const answer = v.object({
  data: v.record(v.string(), v.nullable(v.object({ nodes: v.array(v.nullable(v.looseObject({ number: v.optional(v.number()), repository: v.optional(v.object({ nameWithOwner: v.string() })) }))) }))),
});

/** Pull requests per Jira key (empty where none or when GitHub would not answer). */
export async function searchMentioningPulls(keys: string[], ctx: { fetch: Fetch; host: string; token: string; now: number; pacing?: HttpPacing }): Promise<Map<string, GithubRef[]>> {
  const found = new Map<string, GithubRef[]>();
  if (keys.length === 0) return found;
  const { query, variables } = buildMentionQuery(keys);
  const response = await requestJson(ctx.fetch, {
    url: githubApi(ctx.host).graphql,
    method: 'POST',
    headers: { Authorization: `Bearer ${ctx.token}` },
    body: { query, variables },
    service: 'GitHub',
    now: ctx.now,
  }, ctx.pacing);
  const parsed = response.ok ? v.safeParse(answer, response.body) : undefined;
  if (!parsed?.success) return found;
  keys.forEach((key, i) => {
    const refs = (parsed.output.data[`k${i}`]?.nodes ?? []).flatMap((node): GithubRef[] => {
      const [owner, repo, ...more] = node?.repository?.nameWithOwner.split('/') ?? [];
      const named = owner && repo && more.length === 0 && [owner, repo].every((part) => NAME.test(part) && part !== '.' && part !== '..');
      return node?.number && Number.isSafeInteger(node.number) && node.number > 0 && named ? [{ source: 'github', host: ctx.host, owner, repo, number: node.number }] : [];
    });
    found.set(key, refs);
  });
  return found;
}
