/** Test support: small WorkItems to build scenarios from, with only what a test changes spelled out. */
import type { ItemLink, WorkItem } from '../model';

/** A Jira issue `PAY-n` in progress since 1 Nov 2026, owned by Priya. */
export function jiraItem(n: number | string, extra: Partial<WorkItem> = {}): WorkItem {
  const key = typeof n === 'number' ? `PAY-${n}` : n;
  return {
    key: `jira:acme.atlassian.net/${key}`, source: 'jira', kind: 'jira-issue', title: `Ticket ${key}`, url: `https://acme.atlassian.net/browse/${key}`,
    state: 'open', assignees: [{ id: 'a1', name: 'Priya' }], requestedReviewers: [], createdAt: '2026-11-01T09:00:00Z', container: key.split('-')[0]!,
    signals: { status: 'In Progress' }, timeline: [{ type: 'created', at: '2026-11-01T09:00:00Z' }], upstream: [], downstream: [], ...extra,
  };
}

/** A pull request `octo-org/api#n` opened 10 Nov 2026 by alice, with every signal GitHub gives set to "fine". */
export function pullItem(n: number, extra: Partial<WorkItem> = {}): WorkItem {
  return {
    key: `github:octo-org/api#${n}`, source: 'github', kind: 'pull', title: `Change ${n}`, url: `https://github.com/octo-org/api/pull/${n}`,
    state: 'open', assignees: [{ id: 'alice', name: 'alice' }], author: { id: 'alice', name: 'alice' }, requestedReviewers: [],
    createdAt: '2026-11-10T09:00:00Z', container: 'octo-org/api',
    signals: { draft: false, reviewDecision: null, pendingReviewers: [], mergeable: 'mergeable', checks: 'success', failingChecks: [], labels: [] },
    timeline: [{ type: 'created', at: '2026-11-10T09:00:00Z' }], upstream: [], downstream: [], ...extra,
  };
}

/** An open "is blocked by" link to `key` (a full key), made at `at`. */
export function blockedBy(key: string, at = '2026-11-05T09:00:00Z', extra: Partial<ItemLink> = {}): ItemLink {
  return { key, kind: 'blocked-by', open: true, at, ...extra };
}
