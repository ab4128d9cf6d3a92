import { describe, expect, it } from 'vitest';
import { clusterOf, clusterOfCause, containerOf, flakyChecks } from './clusters';
import { parseFlowSettings } from './flow-settings';
import type { FlowEvent, WorkItem } from './model';
import { workingMs } from './working-time';

const item = (timeline: FlowEvent[] = [], labels: string[] = []): WorkItem => ({
  key: 'github:octo-org/api#1', source: 'github', kind: 'pull', title: 't', url: '', state: 'open', assignees: [], requestedReviewers: [],
  createdAt: '2026-11-01T00:00:00Z', container: 'octo-org/api', signals: { labels }, timeline, upstream: [], downstream: [],
});
const settings = parseFlowSettings({ teamContainers: ['octo-org/api', 'octo-org/web'] });

describe('clusters', () => {
  it('tells a dependency in the team from another team’s', () => {
    const link = (key: string) => ({ kind: 'blocked-by' as const, link: { key, kind: 'blocked-by' as const, open: true } });
    expect(clusterOfCause(link('github:octo-org/web#3'), item(), settings)).toBe('dependency');
    expect(clusterOfCause(link('github:payments/sdk#9'), item(), settings)).toBe('external');
    expect(clusterOfCause(link('jira:acme.atlassian.net/OPS-4'), item(), settings)).toBe('external');
  });

  it('reads decisions and environments from words, CI and conflicts from signals', () => {
    expect(clusterOfCause({ kind: 'flagged', detail: 'Waiting on product decision' }, item(), settings)).toBe('decision');
    expect(clusterOfCause({ kind: 'blocked-status', detail: 'Blocked – staging down' }, item(), settings)).toBe('environment');
    expect(clusterOfCause({ kind: 'checks-failing', detail: 'deploy/preview' }, item(), settings)).toBe('environment');
    expect(clusterOfCause({ kind: 'checks-failing', detail: 'unit tests' }, item(), settings)).toBe('ci');
    expect(clusterOfCause({ kind: 'conflict' }, item(), settings)).toBe('conflict');
    expect(clusterOfCause({ kind: 'flagged' }, item(), settings)).toBe('unknown');
  });

  it('reads a bare "blocked" marker by the upstream items it waits on when their state is unknown', () => {
    const labelled = { kind: 'blocking-label' as const, detail: 'blocked' };
    const waitingOn = (...links: WorkItem['upstream']) => ({ ...item([], ['blocked']), upstream: links });
    const unread = (key: string) => ({ key, kind: 'blocked-by' as const });
    expect(clusterOf([labelled], waitingOn(unread('github:payments/sdk#9')), settings)).toBe('external');
    expect(clusterOf([labelled], waitingOn(unread('github:octo-org/web#3')), settings)).toBe('dependency');
    // Closed, resolved or merely related items say nothing; nor does an item with no cause.
    expect(clusterOf([labelled], waitingOn({ ...unread('github:payments/sdk#9'), open: false }), settings)).toBe('unknown');
    expect(clusterOf([labelled], waitingOn({ ...unread('github:payments/sdk#9'), resolvedAt: '2026-11-03T00:00:00Z' }), settings)).toBe('unknown');
    expect(clusterOf([labelled], waitingOn({ ...unread('github:payments/sdk#9'), kind: 'child-of' }), settings)).toBe('unknown');
    expect(clusterOf([], waitingOn(unread('github:payments/sdk#9')), settings)).toBe('unknown');
    // A label's own words come first.
    expect(clusterOf([labelled], { ...waitingOn(unread('github:payments/sdk#9')), signals: { labels: ['blocked', 'needs-design'] } }, settings)).toBe('decision');
  });

  it('finds the container of a key', () => {
    expect(containerOf('github:git.corp.example/Team/Svc#7')).toBe('team/svc');
    expect(containerOf('jira:acme.atlassian.net/PAY-42')).toBe('PAY');
  });
});

describe('flaky checks', () => {
  const check = (at: string, conclusion: 'success' | 'failure', sha?: string): FlowEvent => ({ type: 'check', at, name: 'e2e', conclusion, ...(sha ? { sha } : {}) });

  it('are checks that failed, then passed on a rerun of the same commit', () => {
    expect(flakyChecks(item([check('2026-11-02T10:00:00Z', 'failure', 'abc'), check('2026-11-02T11:00:00Z', 'success', 'abc')]))).toEqual(['e2e']);
  });

  it('are not a failure fixed by a new commit, nor runs without a commit', () => {
    expect(flakyChecks(item([check('2026-11-02T10:00:00Z', 'failure', 'abc'), check('2026-11-02T11:00:00Z', 'success', 'def')]))).toEqual([]);
    expect(flakyChecks(item([check('2026-11-02T10:00:00Z', 'failure'), check('2026-11-02T11:00:00Z', 'success')]))).toEqual([]);
  });
});

describe('working time', () => {
  const calendar = parseFlowSettings({ nonWorkingDates: ['2026-12-25'] });
  it('skips weekends and the configured holidays', () => {
    // Thu 24 Dec 12:00 → Mon 28 Dec 12:00: 12 h on Thursday, Friday the 25th is a holiday,
    // the weekend does not count, 12 h on Monday = 24 h.
    expect(workingMs(Date.parse('2026-12-24T12:00:00Z'), Date.parse('2026-12-28T12:00:00Z'), calendar)).toBe(24 * 3_600_000);
  });

  it('is zero for an empty or reversed span', () => {
    expect(workingMs(10, 10, calendar)).toBe(0);
    expect(workingMs(10, 5, calendar)).toBe(0);
  });
});
