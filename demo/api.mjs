// The demo data (demo/data.mjs) as GitHub's GraphQL and Jira Cloud's REST API answer it, in the
// shapes FlowLens's providers read (lib/providers/github/items-query.ts, lib/providers/jira/schema.ts).
import { FLAGGED_FIELD, REPO } from './data.mjs';

const user = (data, who) => ({ login: data.people[who].login, url: `https://github.com/${data.people[who].login}` });
const jiraUser = (data, who) => ({ accountId: data.people[who].accountId, displayName: data.people[who].name });
const minutes = (iso, n) => new Date(Date.parse(iso) + n * 60_000).toISOString();

/** The head commit of a pull request: its checks, red or green. */
function headCommit(pull) {
  const failed = pull.checks === 'FAILURE';
  const ran = failed ? pull.failedAt : minutes(pull.opened, 1);
  const run = (name, conclusion) => ({ name, status: 'COMPLETED', conclusion, startedAt: ran, completedAt: minutes(ran, 6), detailsUrl: `https://github.com/${REPO.owner}/${REPO.repo}/actions/runs/${pull.number}`, isRequired: true });
  return {
    oid: `c0ffee${pull.number}`,
    committedDate: pull.opened,
    statusCheckRollup: { state: pull.checks },
    checkSuites: { nodes: [{ checkRuns: { nodes: [run('test', failed ? 'FAILURE' : 'SUCCESS'), run('lint', 'SUCCESS')] } }] },
    status: { contexts: [] },
  };
}

/** A pull request as the batched items query answers it. */
export function pullNode(data, pull) {
  const reviewers = pull.reviewers ?? [];
  const requested = reviewers.map((who) => ({ requestedReviewer: { __typename: 'User', ...user(data, who) } }));
  const timeline = [
    { __typename: 'PullRequestCommit', commit: { oid: `c0ffee${pull.number}`, committedDate: pull.opened } },
    ...reviewers.map((who) => ({ __typename: 'ReviewRequestedEvent', createdAt: minutes(pull.opened, 2), requestedReviewer: { __typename: 'User', ...user(data, who) } })),
    ...(pull.review === 'APPROVED' ? [{ __typename: 'PullRequestReview', state: 'APPROVED', submittedAt: minutes(pull.opened, 240), author: user(data, pull.author === 'marcus' ? 'priya' : 'marcus') }] : []),
  ];
  return {
    __typename: 'PullRequest', number: pull.number, title: pull.title, url: `https://github.com/${REPO.owner}/${REPO.repo}/pull/${pull.number}`,
    createdAt: pull.opened, updatedAt: pull.merged ?? minutes(pull.opened, 240), closedAt: pull.merged ?? null,
    author: user(data, pull.author), assignees: { nodes: [] }, labels: { nodes: pull.labels.map((name) => ({ name })) },
    pullState: pull.merged ? 'MERGED' : 'OPEN', isDraft: false, mergedAt: pull.merged ?? null, reviewDecision: pull.review,
    mergeable: pull.merged ? 'UNKNOWN' : 'MERGEABLE', baseRefName: 'main', headRefName: pull.branch,
    reviewRequests: { nodes: requested }, commits: { nodes: [{ commit: headCommit(pull) }] }, body: pull.body,
    baseRef: { associatedPullRequests: { nodes: [] } }, closingIssuesReferences: { nodes: [] },
    timelineItems: { nodes: timeline }, lastEditedAt: null,
  };
}

/** The open issue #208 as the batched items query answers it. */
export function issueNode(data) {
  const { issue } = data;
  return {
    __typename: 'Issue', number: issue.number, title: issue.title, url: `https://github.com/${REPO.owner}/${REPO.repo}/issues/${issue.number}`,
    body: 'SDK v5 sends the gateway\'s retry header; our client drops it.', createdAt: issue.opened, updatedAt: issue.opened, closedAt: null,
    author: user(data, issue.author), assignees: { nodes: [user(data, issue.author)] }, labels: { nodes: [] },
    issueState: 'OPEN', stateReason: null, blockedBy: { nodes: [] }, dependencyEvents: { nodes: [] },
  };
}

/**
 * An issue or pull request as REST's `GET /repos/{owner}/{repo}/issues/{n}` answers it, read
 * without a token: no reviews and no checks, which REST's issue answer does not hold.
 */
export function restIssue(data, number) {
  const pull = data.pulls.find((p) => p.number === number);
  const it = pull ?? (data.issue.number === number ? data.issue : undefined);
  if (!it) return undefined;
  const page = `https://github.com/${REPO.owner}/${REPO.repo}/${pull ? 'pull' : 'issues'}/${number}`;
  const login = data.people[it.author].login;
  return {
    number, title: it.title, html_url: page, state: pull?.merged ? 'closed' : 'open', state_reason: null,
    body: pull ? pull.body : issueNode(data).body, created_at: it.opened, updated_at: pull?.merged ?? it.opened, closed_at: pull?.merged ?? null,
    user: { login, html_url: `https://github.com/${login}` }, assignees: pull ? [] : [{ login, html_url: `https://github.com/${login}` }],
    labels: (pull?.labels ?? []).map((name) => ({ name })),
    ...(pull ? { draft: false, pull_request: { merged_at: pull.merged ?? null } } : {}),
  };
}

/** Every GitHub node of the demo by number. */
export function githubNodes(data) {
  return new Map([...data.pulls.map((pull) => [pull.number, pullNode(data, pull)]), [data.issue.number, issueNode(data)]]);
}

const jiraTime = (iso) => iso.replace('Z', '+0000');

/** A Jira issue as `issue/bulkfetch` answers it. */
export function jiraIssue(data, issue) {
  const blocker = issue.blockedBy ? data.jira.find((other) => other.key === issue.blockedBy) : undefined;
  const statusOf = (it) => ({ name: it.status, statusCategory: { key: it.category, name: it.status } });
  return {
    id: issue.id, key: issue.key, self: `https://acme.atlassian.net/rest/api/3/issue/${issue.id}`,
    fields: {
      summary: issue.summary, status: { ...statusOf(issue), id: issue.id }, created: jiraTime(issue.created), updated: jiraTime(issue.moved),
      resolutiondate: issue.category === 'done' ? jiraTime(issue.moved) : null,
      assignee: jiraUser(data, issue.assignee), reporter: jiraUser(data, 'priya'), labels: [], project: { key: 'PAY', name: 'Payments' },
      [FLAGGED_FIELD]: issue.flaggedAt ? [{ value: 'Impediment' }] : null,
      issuelinks: blocker ? [{ id: `1${issue.id}`, type: { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' }, inwardIssue: { id: blocker.id, key: blocker.key, fields: { summary: blocker.summary, status: statusOf(blocker) } } }] : [],
    },
  };
}

/** An issue's history as `changelog/bulkfetch` answers it: its moves, link and flag. */
export function jiraChangelog(data, issue) {
  const author = jiraUser(data, issue.assignee);
  const histories = [
    ...(issue.status === 'To Do' ? [] : [{ id: `${issue.id}1`, author, created: jiraTime(issue.moved), items: [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from: '1', fromString: 'To Do', to: '3', toString: issue.status }] }]),
    ...(issue.blockedBy ? [{ id: `${issue.id}2`, author, created: jiraTime(issue.linkedAt), items: [{ field: 'Link', fieldtype: 'jira', fieldId: 'issuelinks', from: null, fromString: null, to: issue.blockedBy, toString: `This issue is blocked by ${issue.blockedBy}` }] }] : []),
    ...(issue.flaggedAt ? [{ id: `${issue.id}3`, author, created: jiraTime(issue.flaggedAt), items: [{ field: 'Flagged', fieldtype: 'custom', fieldId: FLAGGED_FIELD, from: null, fromString: null, to: '[10019]', toString: 'Impediment' }] }] : []),
  ];
  return { issueId: issue.id, changeHistories: histories };
}

/** The Jira site's field list: the Flagged field, as FlowLens looks it up. */
export const JIRA_FIELDS = [
  { id: FLAGGED_FIELD, name: 'Flagged', custom: true },
  { id: 'summary', name: 'Summary', custom: false },
  { id: 'status', name: 'Status', custom: false },
];
