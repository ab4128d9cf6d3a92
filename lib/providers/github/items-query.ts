/**
 * The batched GraphQL query: every item on a page in one request, each under its own alias with
 * its own variables (never string-built from page data), up to GITHUB_BATCH items a query.
 * Validated against GitHub's published schema in items-query.test.ts.
 */
import type { GithubRef } from '../../item-key';

/** Items per GraphQL request: keeps the query cost low and the answer small. */
export const GITHUB_BATCH = 50;

/** What we read of a pull request or an issue. */
export const ITEM_FRAGMENT = `fragment FlowLensItem on IssueOrPullRequest {
  __typename
  ... on PullRequest {
    number title url pullState: state isDraft createdAt updatedAt closedAt mergedAt
    author { login url }
    assignees(first: 10) { nodes { login url } }
    labels(first: 20) { nodes { name } }
    reviewDecision mergeable baseRefName headRefName
    reviewRequests(first: 10) {
      nodes { requestedReviewer { __typename ... on User { login url } ... on Team { slug name url } } }
    }
    commits(last: 1) { nodes { commit { statusCheckRollup { state } } } }
  }
  ... on Issue {
    number title url issueState: state stateReason createdAt updatedAt closedAt
    author { login url }
    assignees(first: 10) { nodes { login url } }
    labels(first: 20) { nodes { name } }
  }
}`;

/** A ready request: the query text, its variables, and which alias is which item. */
export interface ItemsQuery {
  query: string;
  variables: Record<string, string | number>;
  aliases: Map<string, GithubRef>;
}

/** Builds one aliased query for up to GITHUB_BATCH refs. */
export function buildItemsQuery(refs: GithubRef[]): ItemsQuery {
  const variables: Record<string, string | number> = {};
  const aliases = new Map<string, GithubRef>();
  const params: string[] = [];
  const fields: string[] = [];
  refs.forEach((ref, i) => {
    aliases.set(`i${i}`, ref);
    Object.assign(variables, { [`o${i}`]: ref.owner, [`r${i}`]: ref.repo, [`n${i}`]: ref.number });
    params.push(`$o${i}: String!, $r${i}: String!, $n${i}: Int!`);
    fields.push(`  i${i}: repository(owner: $o${i}, name: $r${i}) { issueOrPullRequest(number: $n${i}) { ...FlowLensItem } }`);
  });
  const query = `query FlowLensItems(${params.join(', ')}) {\n  rateLimit { cost remaining resetAt }\n${fields.join('\n')}\n}\n${ITEM_FRAGMENT}`;
  return { query, variables, aliases };
}
