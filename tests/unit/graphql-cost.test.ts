import { describe, expect, it } from 'vitest';
import { queryCost } from '../support/graphql-cost';
import { buildItemsQuery, GITHUB_BATCH } from '../../lib/providers/github/items-query';
import { SEARCH_PAGE_SIZE, SEARCH_QUERY } from '../../lib/providers/github/search-items';
import type { GithubRef } from '../../lib/item-key';

const refs = (n: number): GithubRef[] => Array.from({ length: n }, (_, i) => ({ source: 'github', host: 'github.com', owner: 'octo-org', repo: 'api', number: i + 1 }));

describe('GitHub GraphQL points, by GitHub’s published formula', () => {
  it('reproduces the documented example: 5,101 requests, 51 points', () => {
    // repositories: 1 request; issues: 1 per repository (100); labels: 1 per issue (100 × 50).
    const cost = queryCost(`query { viewer { login repositories(first: 100) { edges { node { id
      issues(first: 50) { edges { node { id labels(first: 60) { edges { node { id name } } } } } } } } } } }`);
    expect(cost).toEqual({ requests: 1 + 100 + 5_000, points: 51, byConnection: { repositories: 1, issues: 100, labels: 5_000 } });
  });

  it('reads page sizes from variables, and a query without connections costs 1', () => {
    expect(queryCost('query($n: Int!) { viewer { repositories(first: $n) { nodes { id } } } }', { n: 30 }).requests).toBe(1);
    expect(queryCost('query { viewer { login } }')).toMatchObject({ requests: 0, points: 1 });
  });

  it('prices a batch of 50 items at 12 points: 23 connections an item, both sides of the union counted', () => {
    // Per item, as a pull request: assignees, labels, the base's open pull request, closing
    // issues, review requests, the timeline, the head commit and its check suites, 1 each, and
    // check runs once per suite of a full page of 10: 18. As an issue (the other branch, which a
    // static count prices too): assignees, labels, timeline, blockers, dependency events: 5.
    // 50 × 23 = 1,150 requests, 11.5 → 12 points; 24 per 100 items.
    const { query, variables } = buildItemsQuery(refs(GITHUB_BATCH));
    const cost = queryCost(query, variables);
    expect(cost.requests).toBe(GITHUB_BATCH * 23);
    expect(cost.points).toBe(12);
    expect(cost.byConnection.checkRuns).toBe(GITHUB_BATCH * 10);
    // Without the dependency fields (an Enterprise Server without them): 21 an item, 1,050, 11 points.
    const older = buildItemsQuery(refs(GITHUB_BATCH), { dependencies: false });
    expect(queryCost(older.query, older.variables)).toMatchObject({ requests: GITHUB_BATCH * 21, points: 11 });
  });

  it('prices a page of the team’s search like a batch, plus the search itself', () => {
    const cost = queryCost(SEARCH_QUERY, { query: 'repo:octo-org/api is:open', first: SEARCH_PAGE_SIZE });
    expect(cost.requests).toBe(1 + SEARCH_PAGE_SIZE * 23);
    expect(cost.points).toBe(12);
  });
});
