/** Turns validated GitHub answers into the shared WorkItem model. */
import type { FlowEvent, ItemLink, Person, WorkItem } from '../../flow/model';
import { formatKey, type GithubRef } from '../../item-key';
import { own } from '../../own';
import { bodyLinks } from './body-links';
import { nativeBlockers } from './dependencies';
import { jiraMentions } from './jira-mentions';
import type { GraphIssue, GraphPull, RestIssue } from './schema';
import { actorOf, checkEvents, citedOn, failingChecks, loginId, timelineEvents } from './timeline';

type Nodes<T> = { nodes?: (T | null | undefined)[] | null | undefined } | null | undefined;

function present<T>(list: Nodes<T>): T[] {
  return (list?.nodes ?? []).filter((node): node is T => node != null);
}

function person(actor: { login: string; url?: string | undefined; html_url?: string | undefined }): Person {
  const url = actor.url ?? actor.html_url;
  return { id: loginId(actor.login), name: actor.login, ...(url ? { url } : {}) };
}

function reviewers(pull: GraphPull): Person[] {
  return present(pull.reviewRequests).flatMap(({ requestedReviewer }) => {
    const person = actorOf(requestedReviewer);
    return person ? [person] : [];
  });
}

/** What every item is made of; its creation is cited by its author and its page. */
function base(ref: GithubRef, { title, url, createdAt }: { title: string; url: string; createdAt: string }, author?: Person) {
  return {
    key: formatKey(ref),
    source: 'github' as const,
    title,
    url,
    createdAt,
    container: `${ref.owner}/${ref.repo}`.toLowerCase(),
    timeline: [{ type: 'created' as const, at: createdAt, url, ...(author ? { by: author } : {}) }] as FlowEvent[],
    upstream: [] as ItemLink[],
    downstream: [] as ItemLink[],
  };
}

/** A PR or issue elsewhere on the same host, as a link. */
function linkTo(ref: GithubRef, node: { number: number; title?: string | undefined; url: string; repository: { nameWithOwner: string } }, kind: ItemLink['kind'], open?: boolean): ItemLink {
  const [owner = '', repo = ''] = node.repository.nameWithOwner.split('/');
  const key = formatKey({ source: 'github', host: ref.host, owner, repo, number: node.number });
  return { key, kind, url: node.url, ...(node.title ? { title: node.title } : {}), ...(open !== undefined ? { open } : {}) };
}

/**
 * "Depends on #N" links of a body, with what GitHub says of the body's age: a body never edited
 * (`lastEditedAt: null`) reads as it was written when the item was opened, so its links date
 * from then; an edited one held them no later than its last edit. Without the field, nothing.
 */
function writtenLinks(ref: GithubRef, node: { body?: string | null | undefined; lastEditedAt?: string | null | undefined; createdAt: string }): ItemLink[] {
  const links = bodyLinks(node.body, ref.host, ref.owner, ref.repo);
  if (node.lastEditedAt === null) return links.map((link) => ({ ...link, at: node.createdAt }));
  if (typeof node.lastEditedAt === 'string') return links.map((link) => ({ ...link, seenAt: node.lastEditedAt! }));
  return links;
}

/** Upstream of a PR: the open PR its base branch belongs to (stacked), then body references. */
function pullUpstream(ref: GithubRef, pull: GraphPull): ItemLink[] {
  const stackedOn = present(pull.baseRef?.associatedPullRequests).map((node) => linkTo(ref, node, 'stacked-on', true));
  const written = writtenLinks(ref, pull).filter((link) => !stackedOn.some((s) => s.key === link.key));
  return [...stackedOn, ...written];
}

const CHECKS: Record<string, 'success' | 'failure' | 'pending'> = {
  SUCCESS: 'success',
  FAILURE: 'failure',
  ERROR: 'failure',
  PENDING: 'pending',
  EXPECTED: 'pending',
};

/** A GraphQL pull request as a WorkItem. */
export function pullToItem(ref: GithubRef, pull: GraphPull): WorkItem {
  const resolvedAt = pull.mergedAt ?? pull.closedAt ?? undefined;
  const head = present(pull.commits)[0]?.commit;
  const rollup = head?.statusCheckRollup?.state;
  const runs = present(head?.checkSuites).flatMap((suite) => present(suite.checkRuns));
  const checks = checkEvents(runs, head?.status?.contexts ?? [], head?.oid);
  const requested = reviewers(pull);
  const item = base(ref, pull, pull.author ? person(pull.author) : undefined);
  const mentions = jiraMentions(pull.title, pull.headRefName);
  return {
    ...item,
    ...(mentions.length > 0 ? { mentions } : {}),
    timeline: citedOn([...item.timeline, ...timelineEvents(present(pull.timelineItems)), ...checks], pull.url),
    upstream: pullUpstream(ref, pull),
    downstream: present(pull.closingIssuesReferences).map((node) => linkTo(ref, node, 'depends-on', node.issueState !== 'CLOSED')),
    kind: 'pull',
    state: pull.pullState === 'MERGED' ? 'merged' : pull.pullState === 'CLOSED' ? 'closed' : 'open',
    assignees: present(pull.assignees).map(person),
    ...(pull.author ? { author: person(pull.author) } : {}),
    requestedReviewers: requested,
    ...(resolvedAt ? { resolvedAt } : {}),
    ...(pull.updatedAt ? { updatedAt: pull.updatedAt } : {}),
    signals: {
      draft: pull.isDraft ?? false,
      reviewDecision: pull.reviewDecision ? (pull.reviewDecision.toLowerCase().replace('_', '-') as 'approved') : null,
      pendingReviewers: requested,
      mergeable: (pull.mergeable ?? 'UNKNOWN').toLowerCase() as 'mergeable',
      checks: rollup ? (own(CHECKS, rollup) ?? 'pending') : 'none',
      failingChecks: failingChecks(checks),
      labels: present(pull.labels).map((l) => l.name),
    },
  };
}

/**
 * A GraphQL issue as a WorkItem. Its native blockers (where the host's GraphQL has them) come
 * first; a body reference to the same issue adds nothing.
 */
export function issueToItem(ref: GithubRef, issue: GraphIssue): WorkItem {
  const item = base(ref, issue, issue.author ? person(issue.author) : undefined);
  const native = nativeBlockers(ref.host, issue.blockedBy?.nodes ?? [], issue.dependencyEvents?.nodes ?? []);
  const written = writtenLinks(ref, issue).filter((link) => !native.links.some((n) => n.key === link.key));
  return {
    ...item,
    timeline: citedOn([...item.timeline, ...timelineEvents(present(issue.timelineItems)), ...native.events], issue.url),
    upstream: [...native.links, ...written],
    kind: 'issue',
    state: issue.issueState === 'CLOSED' ? 'closed' : 'open',
    assignees: present(issue.assignees).map(person),
    ...(issue.author ? { author: person(issue.author) } : {}),
    requestedReviewers: [],
    ...(issue.closedAt ? { resolvedAt: issue.closedAt } : {}),
    ...(issue.updatedAt ? { updatedAt: issue.updatedAt } : {}),
    signals: { labels: present(issue.labels).map((l) => l.name) },
  };
}

/** A REST issue or pull request (used without a token) as a WorkItem; it knows less. */
export function restToItem(ref: GithubRef, issue: RestIssue): WorkItem {
  const mergedAt = issue.pull_request?.merged_at ?? undefined;
  const resolvedAt = mergedAt ?? issue.closed_at ?? undefined;
  return {
    ...base(ref, { title: issue.title, url: issue.html_url, createdAt: issue.created_at }, issue.user ? person(issue.user) : undefined),
    upstream: bodyLinks(issue.body, ref.host, ref.owner, ref.repo),
    kind: issue.pull_request ? 'pull' : 'issue',
    state: mergedAt ? 'merged' : issue.state,
    assignees: (issue.assignees ?? []).map(person),
    ...(issue.user ? { author: person(issue.user) } : {}),
    requestedReviewers: [],
    ...(resolvedAt ? { resolvedAt } : {}),
    ...(issue.updated_at ? { updatedAt: issue.updated_at } : {}),
    signals: {
      ...(issue.pull_request ? { draft: issue.draft ?? false } : {}),
      labels: (issue.labels ?? []).map((l) => (typeof l === 'string' ? l : l.name)),
    },
  };
}
