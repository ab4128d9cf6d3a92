import { describe, expect, it } from 'vitest';
import type { WorkItem } from './flow/model';
import { errorView, toFlowView } from './flow-view';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const item: WorkItem = {
  key: 'github:octo-org/api#7',
  source: 'github',
  kind: 'pull',
  title: 'Fix it',
  url: 'https://github.com/octo-org/api/pull/7',
  state: 'open',
  assignees: [],
  requestedReviewers: [],
  createdAt: '2026-11-17T12:00:00Z',
  container: 'octo-org/api',
  signals: {},
  timeline: [],
  upstream: [
    { key: 'github:octo-org/api#1', kind: 'depends-on', open: true },
    { key: 'github:octo-org/api#2', kind: 'depends-on', open: false },
    { key: 'github:octo-org/api#3', kind: 'blocked-by' },
  ],
  downstream: [],
};

describe('toFlowView', () => {
  it('says how long an open item has been open, and that its flow state is unknown', () => {
    const view = toFlowView(item, NOW, NOW - 1000);
    expect(view).toMatchObject({ state: 'unknown', text: 'open 3d', fetchedAt: NOW - 1000 });
    expect(view.since).toBeUndefined();
    expect(view.label).toBe('Pull request open for 3 days. FlowLens: flow state unknown. Show details.');
  });

  it('counts upstream items not known to be closed as blockers', () => {
    expect(toFlowView(item, NOW, NOW).blockers).toBe(2);
  });

  it('marks closed and merged items done since they were resolved', () => {
    const merged = toFlowView({ ...item, state: 'merged', resolvedAt: '2026-11-19T00:00:00Z' }, NOW, NOW);
    expect(merged).toMatchObject({ state: 'done', since: '2026-11-19T00:00:00Z', text: 'merged' });
  });

  it('does not invent an age from an unparseable date', () => {
    expect(toFlowView({ ...item, createdAt: 'yesterday' }, NOW, NOW)).toMatchObject({ text: 'open', label: expect.stringMatching(/^Pull request open\. /) });
  });
});

describe('errorView', () => {
  it('is an error badge whose label carries the message', () => {
    expect(errorView('github:a/b#1', '', { code: 'offline', message: 'No network.' })).toMatchObject({
      state: 'error',
      text: '!',
      label: 'FlowLens could not load this item: No network.',
    });
  });
});
