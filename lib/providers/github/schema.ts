/**
 * The shapes we accept from GitHub, checked at the boundary (docs/ARCHITECTURE.md, "Data's way"). Optional and
 * nullable where GitHub documents them so (ghost users, missing rollups); anything else that does
 * not fit is a `bad-response` for that item, not a crash.
 */
import * as v from 'valibot';
import { parseTime } from '../../flow/time';

const actor = v.nullish(v.object({ login: v.string(), url: v.optional(v.string()) }));
const nodes = <T extends v.GenericSchema>(item: T) => v.object({ nodes: v.nullish(v.array(v.nullish(item))) });
const label = v.object({ name: v.string() });
const login = v.object({ login: v.string(), url: v.optional(v.string()) });

const reviewer = v.object({
  requestedReviewer: v.nullish(
    v.object({
      __typename: v.string(),
      login: v.optional(v.string()),
      slug: v.optional(v.string()),
      name: v.optional(v.nullable(v.string())),
      url: v.optional(v.string()),
    }),
  ),
});

/** A timeline node: validated loosely here, read field by field in timeline.ts. */
const timelineNode = v.looseObject({ __typename: v.string() });

const checkRun = v.object({
  name: v.string(),
  status: v.string(),
  conclusion: v.nullish(v.string()),
  startedAt: v.nullish(v.string()),
  completedAt: v.nullish(v.string()),
  detailsUrl: v.nullish(v.string()),
  isRequired: v.optional(v.boolean()),
});

const statusContext = v.object({
  context: v.string(),
  state: v.string(),
  createdAt: v.string(),
  targetUrl: v.nullish(v.string()),
  isRequired: v.optional(v.boolean()),
});

const headCommit = v.object({
  oid: v.optional(v.string()),
  committedDate: v.optional(v.string()),
  statusCheckRollup: v.nullish(v.object({ state: v.string() })),
  checkSuites: v.nullish(nodes(v.object({ checkRuns: v.nullish(nodes(checkRun)) }))),
  status: v.nullish(v.object({ contexts: v.array(statusContext) })),
});

const linkedPull = v.object({ number: v.number(), title: v.optional(v.string()), url: v.string(), repository: v.object({ nameWithOwner: v.string() }) });

const common = {
  body: v.nullish(v.string()),
  // When the body was last edited; null when it never was (so it reads as it was written).
  lastEditedAt: v.nullish(v.string()),
  timelineItems: v.nullish(nodes(timelineNode)),
  number: v.pipe(v.number(), v.integer()),
  title: v.string(),
  url: v.string(),
  createdAt: v.string(),
  updatedAt: v.optional(v.string()),
  closedAt: v.nullish(v.string()),
  author: actor,
  assignees: v.optional(nodes(login)),
  labels: v.nullish(nodes(label)),
};

/** A pull request as our GraphQL fragment asks for it. */
export const graphPull = v.object({
  __typename: v.literal('PullRequest'),
  ...common,
  // Aliased: `state` has different types on PullRequest and Issue, which GraphQL forbids in one selection.
  pullState: v.picklist(['OPEN', 'CLOSED', 'MERGED']),
  isDraft: v.optional(v.boolean()),
  mergedAt: v.nullish(v.string()),
  reviewDecision: v.nullish(v.picklist(['APPROVED', 'CHANGES_REQUESTED', 'REVIEW_REQUIRED'])),
  mergeable: v.optional(v.picklist(['MERGEABLE', 'CONFLICTING', 'UNKNOWN'])),
  baseRefName: v.optional(v.string()),
  headRefName: v.optional(v.string()),
  reviewRequests: v.nullish(nodes(reviewer)),
  commits: v.optional(nodes(v.object({ commit: headCommit }))),
  baseRef: v.nullish(v.object({ associatedPullRequests: nodes(linkedPull) })),
  closingIssuesReferences: v.nullish(nodes(v.object({ ...linkedPull.entries, issueState: v.optional(v.string()) }))),
});

/** `owner/repo` as GitHub names a repository; anything else cannot be keyed. */
const nameWithOwner = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/));

/** A time a flow event may carry: ISO 8601 with a zone, as GitHub's `DateTime` is. */
const time = v.pipe(v.string(), v.check((value) => Number.isFinite(parseTime(value))));

/**
 * A connection whose nodes are validated one by one where they are read, so one odd node is
 * dropped and the rest kept. A connection that is not one at all reads as absent (`null`).
 */
const looseConnection = v.fallback(v.nullish(v.object({ nodes: v.nullish(v.array(v.unknown())) })), null);

/** One issue of `Issue.blockedBy`: what blocks the issue read, and whether it is closed, since when. */
export const graphBlocker = v.object({
  number: v.pipe(v.number(), v.integer(), v.minValue(1)),
  title: v.string(),
  url: v.string(),
  state: v.picklist(['OPEN', 'CLOSED']),
  closedAt: v.nullish(time),
  repository: v.object({ nameWithOwner }),
});

/**
 * A `BlockedByAddedEvent` or `BlockedByRemovedEvent`: when a blocker was linked or unlinked.
 * `blockingIssue` is nullable in GitHub's schema; an event without it names nobody and is dropped.
 */
export const graphDependencyEvent = v.object({
  __typename: v.picklist(['BlockedByAddedEvent', 'BlockedByRemovedEvent']),
  createdAt: time,
  blockingIssue: v.object({
    number: v.pipe(v.number(), v.integer(), v.minValue(1)),
    state: v.optional(v.picklist(['OPEN', 'CLOSED'])),
    closedAt: v.nullish(time),
    repository: v.object({ nameWithOwner }),
  }),
});

/** An issue as our GraphQL fragment asks for it (the dependency fields only where the host has them). */
export const graphIssue = v.object({
  __typename: v.literal('Issue'),
  ...common,
  issueState: v.picklist(['OPEN', 'CLOSED']),
  stateReason: v.nullish(v.string()),
  blockedBy: looseConnection,
  dependencyEvents: looseConnection,
});

/** One aliased item: the repository may be missing (renamed, private) and so may the item. */
export const graphRepoSlot = v.nullable(
  v.object({ issueOrPullRequest: v.nullable(v.variant('__typename', [graphPull, graphIssue])) }),
);

/** The envelope of a GraphQL answer; items are validated one by one so one bad item stays one. */
export const graphEnvelope = v.object({
  data: v.nullish(v.record(v.string(), v.unknown())),
  errors: v.optional(
    v.array(
      v.object({
        message: v.string(),
        type: v.optional(v.string()),
        path: v.optional(v.array(v.union([v.string(), v.number()]))),
        // GraphQL's own field for error details; GitHub puts a validation error's `code` there.
        extensions: v.optional(v.record(v.string(), v.unknown())),
      }),
    ),
  ),
});

/** GraphQL's rate-limit object, which we ask for in every query. */
export const graphRateLimit = v.nullish(
  v.object({ cost: v.number(), remaining: v.number(), resetAt: v.string() }),
);

/** `GET /repos/{owner}/{repo}/issues/{number}`: issues and pull requests alike. */
export const restIssue = v.object({
  number: v.pipe(v.number(), v.integer()),
  body: v.nullish(v.string()),
  title: v.string(),
  html_url: v.string(),
  state: v.picklist(['open', 'closed']),
  state_reason: v.nullish(v.string()),
  created_at: v.string(),
  updated_at: v.optional(v.string()),
  closed_at: v.nullish(v.string()),
  draft: v.optional(v.boolean()),
  user: v.nullish(v.object({ login: v.string(), html_url: v.optional(v.string()) })),
  assignees: v.nullish(v.array(v.object({ login: v.string(), html_url: v.optional(v.string()) }))),
  labels: v.optional(v.array(v.union([v.string(), v.object({ name: v.string() })]))),
  pull_request: v.optional(v.object({ merged_at: v.nullish(v.string()) })),
});

/**
 * The REST history of an issue or pull request, element by element (rest-timeline.ts reads each
 * on its own, so one odd element is skipped and the rest kept). The shapes are GitHub's REST
 * description (`timeline-issue-events`, `issue-event`, `pull-request-review` in
 * @octokit/openapi-types); every element names its `event` except the reviews of
 * `GET /pulls/{n}/reviews`, and `committed` may leave it out.
 * https://docs.github.com/en/rest/issues/timeline, https://docs.github.com/en/rest/using-the-rest-api/issue-event-types
 */
export const restEventName = v.object({ event: v.optional(v.string()) });

/** A REST user (`simple-user`): its login and web page (its `url` is the API's, and is not read). */
const restUser = v.object({ login: v.string(), html_url: v.optional(v.string()) });

export const restLabelEvent = v.object({ event: v.picklist(['labeled', 'unlabeled']), created_at: time, label: v.object({ name: v.string() }) });

export const restStateEvent = v.object({
  event: v.picklist(['closed', 'reopened', 'merged', 'ready_for_review', 'convert_to_draft']),
  created_at: time,
});

export const restAssignedEvent = v.object({ event: v.literal('assigned'), created_at: time, assignee: restUser });

/** `review_requested` / `review_request_removed`: a person (`requested_reviewer`) or a team (`requested_team`). */
export const restReviewRequestEvent = v.object({
  event: v.picklist(['review_requested', 'review_request_removed']),
  created_at: time,
  requested_reviewer: v.nullish(restUser),
  requested_team: v.nullish(v.object({ slug: v.string(), name: v.optional(v.string()), html_url: v.optional(v.string()) })),
});

/**
 * A submitted review: the timeline's `reviewed` element or an element of `GET /pulls/{n}/reviews`.
 * `submitted_at` is optional in the description (a pending review has none) and required here:
 * a review without it was not given. The reviewer may be a deleted account (`user: null`).
 */
export const restReview = v.object({ state: v.string(), submitted_at: time, user: restUser });

/** The timeline's `committed` element: the git commit, dated by its committer. */
export const restCommitEvent = v.object({ sha: v.string(), committer: v.object({ date: time }) });

/**
 * `blocked_by_added` / `blocked_by_removed`: the blocking issue as an `issue-reference` (number,
 * state, repository). Nullable in the description; an element without it names nobody.
 */
export const restDependencyEvent = v.object({
  event: v.picklist(['blocked_by_added', 'blocked_by_removed']),
  created_at: time,
  blocked_by: v.object({
    number: v.pipe(v.number(), v.integer(), v.minValue(1)),
    state: v.optional(v.string()),
    repository: v.object({ full_name: nameWithOwner }),
  }),
});

export type GraphPull = v.InferOutput<typeof graphPull>;
export type GraphCheckRun = v.InferOutput<typeof checkRun>;
export type GraphStatusContext = v.InferOutput<typeof statusContext>;
export type GraphTimelineNode = v.InferOutput<typeof timelineNode>;
export type GraphIssue = v.InferOutput<typeof graphIssue>;
export type GraphBlocker = v.InferOutput<typeof graphBlocker>;
export type GraphDependencyEvent = v.InferOutput<typeof graphDependencyEvent>;
export type RestIssue = v.InferOutput<typeof restIssue>;
