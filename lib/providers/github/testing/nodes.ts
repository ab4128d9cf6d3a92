/** GitHub GraphQL answers for tests: one open pull request as the items query reads it. */

/** Pull request `number`: open, labelled blocked, review requested from bob, red checks; `extra` overrides. */
export function pullNode(number: number, extra: Record<string, unknown> = {}) {
  return {
    __typename: 'PullRequest',
    number,
    title: `PR ${number}`,
    url: `https://github.com/octo-org/api/pull/${number}`,
    pullState: 'OPEN',
    isDraft: false,
    createdAt: '2026-11-15T12:00:00Z',
    updatedAt: '2026-11-19T12:00:00Z',
    closedAt: null,
    mergedAt: null,
    author: { login: 'alice', url: 'https://github.com/alice' },
    assignees: { nodes: [] },
    labels: { nodes: [{ name: 'blocked' }] },
    reviewDecision: 'REVIEW_REQUIRED',
    mergeable: 'MERGEABLE',
    baseRefName: 'main',
    headRefName: `feature-${number}`,
    reviewRequests: { nodes: [{ requestedReviewer: { __typename: 'User', login: 'bob', url: 'https://github.com/bob' } }] },
    commits: { nodes: [{ commit: { statusCheckRollup: { state: 'FAILURE' } } }] },
    ...extra,
  };
}

/** Open issue `number` of octo-org/web as the items query reads it (hand-written); `extra` overrides. */
export function issueNode(number: number, extra: Record<string, unknown> = {}) {
  return {
    __typename: 'Issue',
    number,
    title: `Issue ${number}`,
    url: `https://github.com/octo-org/web/issues/${number}`,
    issueState: 'OPEN',
    stateReason: null,
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-11-19T12:00:00Z',
    closedAt: null,
    author: { login: 'grace', url: 'https://github.com/grace' },
    assignees: { nodes: [] },
    labels: { nodes: [] },
    ...extra,
  };
}

/** One node of `Issue.blockedBy` (hand-written): issue `number` of `repo`, open unless `extra` says otherwise. */
export function blockerNode(number: number, repo = 'octo-org/api', extra: Record<string, unknown> = {}) {
  return { number, title: `Blocker ${number}`, url: `https://github.com/${repo}/issues/${number}`, state: 'OPEN', closedAt: null, repository: { nameWithOwner: repo }, ...extra };
}

/** A `BlockedByAddedEvent` or `BlockedByRemovedEvent` node (hand-written) naming issue `number` of `repo`. */
export function dependencyEvent(kind: 'added' | 'removed', at: string, number: number, repo = 'octo-org/api', issue: Record<string, unknown> = {}) {
  return {
    __typename: kind === 'added' ? 'BlockedByAddedEvent' : 'BlockedByRemovedEvent',
    createdAt: at,
    blockingIssue: { number, state: 'OPEN', closedAt: null, repository: { nameWithOwner: repo }, ...issue },
  };
}
