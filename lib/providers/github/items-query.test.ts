import { validate } from '@octokit/graphql-schema';
import { describe, expect, it } from 'vitest';
import type { GithubRef } from '../../item-key';
import { BLOCKERS_PAGE, buildItemsQuery, GITHUB_BATCH } from './items-query';
import { published, validationErrors, withDependencies } from './testing/graphql-schema';

// `validate` checks a query against GitHub's published schema, as @octokit/graphql-schema ships it;
// `withDependencies` is that schema with the dependency types GitHub documented after it.

const ref = (number: number, repo = 'api'): GithubRef => ({ source: 'github', host: 'github.com', owner: 'octo-org', repo, number });

describe('batched items query', () => {
  it('is valid against GitHub’s published GraphQL schema with the documented dependency additions', () => {
    const { query } = buildItemsQuery([ref(1), ref(2, 'web')]);
    expect(validationErrors(withDependencies, query)).toEqual([]);
  });

  it('needs exactly those additions: the published schema alone refuses only the dependency fields', () => {
    const { query } = buildItemsQuery([ref(1)]);
    expect(validationErrors(published, query).sort()).toEqual([
      'Cannot query field "blockedBy" on type "Issue". Did you mean "locked"?',
      'Unknown type "BlockedByAddedEvent". Did you mean "LockedEvent"?',
      'Unknown type "BlockedByRemovedEvent".',
      'Value "BLOCKED_BY_ADDED_EVENT" does not exist in "IssueTimelineItemsItemType" enum.',
      'Value "BLOCKED_BY_REMOVED_EVENT" does not exist in "IssueTimelineItemsItemType" enum.',
    ]);
  });

  it('without the dependency fields (for a host that lacks them) is valid against the published schema', () => {
    const { query } = buildItemsQuery([ref(1), ref(2, 'web')], { dependencies: false });
    expect(validate(query).map((e) => e.message)).toEqual([]);
    expect(query).not.toMatch(/blockedBy|BLOCKED_BY|BlockedBy/);
  });

  it('asks an issue for every blocker and for the events that added and removed them', () => {
    const { query } = buildItemsQuery([ref(1)]);
    const issue = query.slice(query.indexOf('... on Issue {'));
    expect(issue).toContain(`blockedBy(first: ${BLOCKERS_PAGE}) { nodes { number title url state closedAt repository { nameWithOwner } } }`);
    expect(issue).toContain('dependencyEvents: timelineItems(last: 100, itemTypes: [BLOCKED_BY_ADDED_EVENT, BLOCKED_BY_REMOVED_EVENT])');
    expect(issue).toContain('... on BlockedByAddedEvent { createdAt blockingIssue { number state closedAt repository { nameWithOwner } } }');
    expect(issue).toContain('... on BlockedByRemovedEvent { createdAt blockingIssue { number state closedAt repository { nameWithOwner } } }');
    // Pull requests have no native dependencies: nothing is asked of them.
    const pull = query.slice(query.indexOf('... on PullRequest {'), query.indexOf('... on Issue {'));
    expect(pull).not.toMatch(/blockedBy|BLOCKED_BY/);
  });

  it('puts page data only in variables, one alias per item', () => {
    const { query, variables, aliases } = buildItemsQuery([ref(7), { ...ref(9), owner: 'x") { evil }' }]);
    expect(query).not.toContain('evil');
    expect(variables).toMatchObject({ o0: 'octo-org', r0: 'api', n0: 7, o1: 'x") { evil }', n1: 9 });
    expect([...aliases.keys()]).toEqual(['i0', 'i1']);
  });

  it('stays valid at a full batch, with and without the dependency fields', () => {
    const refs = Array.from({ length: GITHUB_BATCH }, (_, i) => ref(i + 1));
    const { query, aliases } = buildItemsQuery(refs);
    expect(aliases.size).toBe(GITHUB_BATCH);
    expect(validationErrors(withDependencies, query)).toEqual([]);
    expect(validate(buildItemsQuery(refs, { dependencies: false }).query)).toEqual([]);
  });
});
