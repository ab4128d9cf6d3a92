import { describe, expect, it } from 'vitest';
import type { WorkItem } from '../flow/model';
import { DEFAULT_SETTINGS } from '../storage/settings';
import { presentViews } from './present-views';

const NOW = Date.parse('2026-11-20T00:00:00Z');
const item = (n: number, extra: Partial<WorkItem> = {}): WorkItem => ({
  key: `jira:acme.atlassian.net/PAY-${n}`, source: 'jira', kind: 'jira-issue', title: `Ticket ${n}`, url: '', state: 'open',
  assignees: [], requestedReviewers: [], createdAt: '2026-11-01T00:00:00Z', container: 'PAY', signals: { status: 'In Progress' },
  timeline: [{ type: 'created', at: '2026-11-01T00:00:00Z' }], upstream: [], downstream: [], ...extra,
});
const shown = (value: WorkItem) => ({ hit: { value: { item: value }, fetchedAt: NOW, fresh: true } });

describe('presentViews', () => {
  // PAY-1 was linked as blocked by PAY-2 on 10 Nov; the cache knows PAY-2 was resolved on 12 Nov.
  const waiting = item(1, { upstream: [{ key: 'jira:acme.atlassian.net/PAY-2', kind: 'blocked-by', at: '2026-11-10T00:00:00Z' }] });
  const blocker = item(2, { state: 'closed', resolvedAt: '2026-11-12T00:00:00Z', signals: { status: 'Done', statusCategory: 'done' } });

  it('ends a blocked interval when the cached blocker was resolved', () => {
    const [view] = presentViews([shown(waiting)], new Map([[blocker.key, { item: blocker }]]), DEFAULT_SETTINGS, NOW);
    expect(view).toMatchObject({ key: waiting.key, blockers: 0, totalBlockedMs: 2 * 86_400_000 });
    expect(view!.state).not.toBe('blocked');
    expect(view!.upstream).toEqual([{ key: blocker.key, title: 'Ticket 2', state: 'done', open: false }]);
  });

  it('keeps the blocker open when the cache knows it is open', () => {
    const [view] = presentViews([shown(waiting)], new Map([[blocker.key, { item: { ...blocker, state: 'open', signals: { status: 'In Progress' } } }]]), DEFAULT_SETTINGS, NOW);
    expect(view).toMatchObject({ state: 'blocked', since: '2026-11-10T00:00:00.000Z', blockers: 1 });
  });
});
