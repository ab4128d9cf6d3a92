/**
 * GitHub's published GraphQL schema for tests, as @octokit/graphql-schema 15.26.1 ships it, and
 * the same schema extended with the issue dependency types GitHub added after that release.
 * The pinned package predates them, so a query asking for native dependencies is checked against
 * `withDependencies`, and the query sent to a host without them (GitHub Enterprise Server)
 * against `published`.
 *
 * The additions are written here by hand from GitHub's GraphQL changelog and reference, exactly
 * as documented and nothing more; each block names its changelog date.
 * Changelog: https://docs.github.com/en/graphql/overview/changelog
 * Reference (the issues page): https://docs.github.com/en/graphql/reference/issues#object-issue,
 *   …#object-blockedbyaddedevent (and the three other events), …#object-issuedependenciessummary,
 *   …#input-object-issuedependencyorder, …#enum-issuedependencyorderfield
 */
import { schema } from '@octokit/graphql-schema';
import { buildClientSchema, extendSchema, parse, validate, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

/** The published schema, built from the package's introspection result (as its own `validate` does). */
export const published: GraphQLSchema = buildClientSchema(schema.json as unknown as IntrospectionQuery);

/**
 * 2025-07-30: `Issue.blockedBy`, `Issue.blocking` (ordered by when the dependency was added,
 * newest first, by default), `Issue.issueDependenciesSummary` and the types they use.
 */
const ISSUE_DEPENDENCIES = `
"Summary of the state of an issue's dependencies"
type IssueDependenciesSummary {
  "Count of issues this issue is blocked by"
  blockedBy: Int!
  "Count of issues this issue is blocking"
  blocking: Int!
}

"Ordering options issue dependencies"
input IssueDependencyOrder {
  direction: OrderDirection!
  field: IssueDependencyOrderField!
}

"Properties by which issue dependencies can be ordered."
enum IssueDependencyOrderField {
  CREATED_AT
  DEPENDENCY_ADDED_AT
}

extend type Issue {
  "A list of issues that are blocking this issue."
  blockedBy(after: String, before: String, first: Int, last: Int, orderBy: IssueDependencyOrder = {field: DEPENDENCY_ADDED_AT, direction: DESC}): IssueConnection!
  "A list of issues that this issue is blocking."
  blocking(after: String, before: String, first: Int, last: Int, orderBy: IssueDependencyOrder = {field: DEPENDENCY_ADDED_AT, direction: DESC}): IssueConnection!
  "Summary of the state of an issue's dependencies"
  issueDependenciesSummary: IssueDependenciesSummary!
}
`;

/**
 * 2025-08-14: the four dependency timeline events, members of both timeline unions, and their
 * item types.
 */
const DEPENDENCY_EVENTS = `
"Represents a 'blocked_by_added' event on a given issue."
type BlockedByAddedEvent implements Node {
  actor: Actor
  "The blocking issue that was added."
  blockingIssue: Issue
  createdAt: DateTime!
  id: ID!
}

"Represents a 'blocked_by_removed' event on a given issue."
type BlockedByRemovedEvent implements Node {
  actor: Actor
  "The blocking issue that was removed."
  blockingIssue: Issue
  createdAt: DateTime!
  id: ID!
}

"Represents a 'blocking_added' event on a given issue."
type BlockingAddedEvent implements Node {
  actor: Actor
  "The blocked issue that was added."
  blockedIssue: Issue
  createdAt: DateTime!
  id: ID!
}

"Represents a 'blocking_removed' event on a given issue."
type BlockingRemovedEvent implements Node {
  actor: Actor
  "The blocked issue that was removed."
  blockedIssue: Issue
  createdAt: DateTime!
  id: ID!
}

extend union IssueTimelineItems = BlockedByAddedEvent | BlockedByRemovedEvent | BlockingAddedEvent | BlockingRemovedEvent
extend union PullRequestTimelineItems = BlockedByAddedEvent | BlockedByRemovedEvent | BlockingAddedEvent | BlockingRemovedEvent
extend enum IssueTimelineItemsItemType { BLOCKED_BY_ADDED_EVENT BLOCKED_BY_REMOVED_EVENT BLOCKING_ADDED_EVENT BLOCKING_REMOVED_EVENT }
extend enum PullRequestTimelineItemsItemType { BLOCKED_BY_ADDED_EVENT BLOCKED_BY_REMOVED_EVENT BLOCKING_ADDED_EVENT BLOCKING_REMOVED_EVENT }
`;

/** 2025-10-15: open and closed blockers counted together. */
const DEPENDENCY_TOTALS = `
extend type IssueDependenciesSummary {
  "Total count of issues this issue is blocked by (open and closed)"
  totalBlockedBy: Int!
  "Total count of issues this issue is blocking (open and closed)"
  totalBlocking: Int!
}
`;

/** The published schema with the documented dependency additions. */
export const withDependencies: GraphQLSchema = extendSchema(published, parse(ISSUE_DEPENDENCIES + DEPENDENCY_EVENTS + DEPENDENCY_TOTALS));

/** The messages of every validation error of `query` against `against`; empty when it is valid. */
export function validationErrors(against: GraphQLSchema, query: string): string[] {
  return validate(against, parse(query)).map((error) => error.message);
}
