/** Turns validated GitHub answers into the shared WorkItem model. */
import type { Person, WorkItem } from '../../flow/model';
import { formatKey, type GithubRef } from '../../item-key';
import type { GraphIssue, GraphPull, RestIssue } from './schema';

type Nodes<T> = { nodes?: (T | null | undefined)[] | null | undefined } | null | undefined;

function present<T>(list: Nodes<T>): T[] {
  return (list?.nodes ?? []).filter((node): node is T => node != null);
}

function person(actor: { login: string; url?: string | undefined; html_url?: string | undefined }): Person {
  const url = actor.url ?? actor.html_url;
  return { id: actor.login, name: actor.login, ...(url ? { url } : {}) };
}

function reviewers(pull: GraphPull): Person[] {
  return present(pull.reviewRequests).flatMap(({ requestedReviewer: r }) => {
    if (!r) return [];
    const id = r.login ?? (r.slug ? `team:${r.slug}` : undefined);
    return id ? [{ id, name: r.login ?? r.name ?? r.slug ?? id, ...(r.url ? { url: r.url } : {}) }] : [];
  });
}

function base(ref: GithubRef, title: string, url: string, createdAt: string) {
  return {
    key: formatKey(ref),
    source: 'github' as const,
    title,
    url,
    createdAt,
    container: `${ref.owner}/${ref.repo}`.toLowerCase(),
    timeline: [{ type: 'created' as const, at: createdAt }],
    upstream: [],
    downstream: [],
  };
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
  const rollup = present(pull.commits)[0]?.commit.statusCheckRollup?.state;
  const requested = reviewers(pull);
  return {
    ...base(ref, pull.title, pull.url, pull.createdAt),
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
      checks: rollup ? (CHECKS[rollup] ?? 'pending') : 'none',
      labels: present(pull.labels).map((l) => l.name),
    },
  };
}

/** A GraphQL issue as a WorkItem. */
export function issueToItem(ref: GithubRef, issue: GraphIssue): WorkItem {
  return {
    ...base(ref, issue.title, issue.url, issue.createdAt),
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
    ...base(ref, issue.title, issue.html_url, issue.created_at),
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
