/**
 * The batched GraphQL query: every item on a page in one request, each under its own alias with
 * its own variables (never string-built from page data), up to GITHUB_BATCH items a query.
 * It asks for what says why a PR is stuck: review decision and pending requests, merge state,
 * draft, checks of the head commit (every run, reruns included, to spot flaky checks), the base
 * branch's own open PR (stacked), closing issues, labels and the flow-relevant timeline; of an
 * issue also its native dependencies: what blocks it, and when each link was added or removed.
 * Validated in items-query.test.ts against GitHub's published schema, extended with the
 * dependency types GitHub added after the pinned schema package (testing/graphql-schema.ts).
 */
import type { GithubRef } from '../../item-key';

/** Items per GraphQL request: keeps the query cost low and the answer small. */
export const GITHUB_BATCH = 50;

const ACTOR = '__typename ... on User { login url } ... on Team { slug name url } ... on Bot { login url }';

const PULL_TIMELINE = [
  'REVIEW_REQUESTED_EVENT', 'REVIEW_REQUEST_REMOVED_EVENT', 'READY_FOR_REVIEW_EVENT', 'CONVERT_TO_DRAFT_EVENT',
  'LABELED_EVENT', 'UNLABELED_EVENT', 'PULL_REQUEST_REVIEW', 'PULL_REQUEST_COMMIT', 'ASSIGNED_EVENT',
  'CLOSED_EVENT', 'REOPENED_EVENT', 'MERGED_EVENT',
].join(', ');

const ISSUE_TIMELINE = ['LABELED_EVENT', 'UNLABELED_EVENT', 'ASSIGNED_EVENT', 'CLOSED_EVENT', 'REOPENED_EVENT'].join(', ');

const ASSIGNEE = '__typename ... on User { login url } ... on Bot { login url }';

/**
 * Who made an event, and where it is seen: its `url` (the item's page with the event's anchor,
 * `#event-…`, `#pullrequestreview-…`) where the type has one. Plain fields, no connection, so
 * the query's cost is unchanged. Label, assignment, reopening and review-request events have no
 * `url` or `databaseId` in the schema: they are cited by the item's page.
 */
const BY = 'actor { login }';

/** Timeline events both kinds share. */
const COMMON_EVENTS = `__typename
      ... on LabeledEvent { createdAt ${BY} label { name } }
      ... on UnlabeledEvent { createdAt ${BY} label { name } }
      ... on AssignedEvent { createdAt ${BY} assignee { ${ASSIGNEE} } }
      ... on ClosedEvent { createdAt ${BY} url }
      ... on ReopenedEvent { createdAt ${BY} }`;

/** Timeline events only pull requests have. */
const PULL_EVENTS = `${COMMON_EVENTS}
      ... on ReviewRequestedEvent { createdAt ${BY} requestedReviewer { ${ACTOR} } }
      ... on ReviewRequestRemovedEvent { createdAt ${BY} requestedReviewer { ${ACTOR} } }
      ... on ReadyForReviewEvent { createdAt ${BY} url }
      ... on ConvertToDraftEvent { createdAt ${BY} url }
      ... on PullRequestReview { createdAt submittedAt reviewState: state author { login url } url }
      ... on PullRequestCommit { commit { oid committedDate } url }
      ... on MergedEvent { createdAt ${BY} url }`;

/**
 * GitHub allows up to 50 issues per relationship type, so one page of 50 holds every blocker.
 * https://docs.github.com/en/issues/tracking-your-work-with-issues/using-issues/creating-issue-dependencies
 */
export const BLOCKERS_PAGE = 50;

/** The blocking issue an event names: enough to key it, and whether (and since when) it is closed. */
const BLOCKING_ISSUE = 'blockingIssue { number state closedAt repository { nameWithOwner } }';

/**
 * An issue's native blockers and the timeline events that added or removed them, newest last.
 * GraphQL only (2025; `Issue.blockedBy`, `BlockedByAddedEvent`, `BlockedByRemovedEvent`):
 * https://docs.github.com/en/graphql/reference/issues#object-issue. GitHub Enterprise Server
 * may not have them yet; a query asking for them there fails as a whole, so it is sent without.
 */
const DEPENDENCY_FIELDS = `
    blockedBy(first: ${BLOCKERS_PAGE}) { nodes { number title url state closedAt repository { nameWithOwner } } }
    dependencyEvents: timelineItems(last: 100, itemTypes: [BLOCKED_BY_ADDED_EVENT, BLOCKED_BY_REMOVED_EVENT]) { nodes { __typename
      ... on BlockedByAddedEvent { createdAt ${BLOCKING_ISSUE} }
      ... on BlockedByRemovedEvent { createdAt ${BLOCKING_ISSUE} }
    } }`;

/** What we read of a pull request or an issue, the same for every item; `dependencies: false` for a host without them. */
export function itemFragment(dependencies = true): string {
  return `fragment FlowLensItem on IssueOrPullRequest {
  __typename
  ... on PullRequest {
    number title url body lastEditedAt pullState: state isDraft createdAt updatedAt closedAt mergedAt
    author { login url }
    assignees(first: 10) { nodes { login url } }
    labels(first: 20) { nodes { name } }
    reviewDecision mergeable baseRefName headRefName
    baseRef { associatedPullRequests(states: OPEN, first: 1) { nodes { number title url repository { nameWithOwner } } } }
    closingIssuesReferences(first: 10) { nodes { number url issueState: state repository { nameWithOwner } } }
    reviewRequests(first: 10) { nodes { requestedReviewer { ${ACTOR} } } }
    timelineItems(last: 100, itemTypes: [${PULL_TIMELINE}]) { nodes { ${PULL_EVENTS} } }
  }
  ... on Issue {
    number title url body lastEditedAt issueState: state stateReason createdAt updatedAt closedAt
    author { login url }
    assignees(first: 10) { nodes { login url } }
    labels(first: 20) { nodes { name } }
    timelineItems(last: 100, itemTypes: [${ISSUE_TIMELINE}]) { nodes { ${COMMON_EVENTS} } }${dependencies ? DEPENDENCY_FIELDS : ''}
  }
}`;
}

/** The item fragment with native dependencies, for hosts whose GraphQL has them. */
export const ITEM_FRAGMENT = itemFragment(true);

/**
 * Checks of the head commit. Every run of every suite (`checkType: ALL`), so a rerun that turned
 * red into green is visible. `isRequired` needs the PR's number: a batch passes each alias's
 * number variable; a search, whose numbers are not known beforehand, asks without it.
 */
export function headChecks(numberVariable?: string): string {
  const required = numberVariable ? ` isRequired(pullRequestNumber: ${numberVariable})` : '';
  return `... on PullRequest {
      commits(last: 1) { nodes { commit { oid committedDate
        statusCheckRollup { state }
        checkSuites(first: 10) { nodes { checkRuns(first: 30, filterBy: { checkType: ALL }) { nodes {
          name status conclusion startedAt completedAt detailsUrl${required}
        } } } }
        status { contexts { context state createdAt targetUrl${required} } }
      } } }
    }`;
}

/** A ready request: the query text, its variables, and which alias is which item. */
export interface ItemsQuery {
  query: string;
  variables: Record<string, string | number>;
  aliases: Map<string, GithubRef>;
}

/** Builds one aliased query for up to GITHUB_BATCH refs; `dependencies: false` leaves the dependency fields out. */
export function buildItemsQuery(refs: GithubRef[], { dependencies = true }: { dependencies?: boolean } = {}): ItemsQuery {
  const variables: Record<string, string | number> = {};
  const aliases = new Map<string, GithubRef>();
  const params: string[] = [];
  const fields: string[] = [];
  refs.forEach((ref, i) => {
    aliases.set(`i${i}`, ref);
    Object.assign(variables, { [`o${i}`]: ref.owner, [`r${i}`]: ref.repo, [`n${i}`]: ref.number });
    params.push(`$o${i}: String!, $r${i}: String!, $n${i}: Int!`);
    fields.push(`  i${i}: repository(owner: $o${i}, name: $r${i}) { issueOrPullRequest(number: $n${i}) { ...FlowLensItem ${headChecks(`$n${i}`)} } }`);
  });
  const query = `query FlowLensItems(${params.join(', ')}) {\n  rateLimit { cost remaining resetAt }\n${fields.join('\n')}\n}\n${itemFragment(dependencies)}`;
  return { query, variables, aliases };
}
