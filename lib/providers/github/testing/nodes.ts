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
