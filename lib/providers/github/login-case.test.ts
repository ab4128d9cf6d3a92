/**
 * GitHub logins ignore case: "Alice" and "alice" are one account. FlowLens keys people by `id`
 * (conditions.ts), so GitHub people get a lower-cased id where they become Persons (timeline.ts
 * `actorOf`, to-work-item.ts), with the login as written for their name. The recorded answers
 * where logins differ only by case are in real-graphql-answers.test.ts (cli's hand-written
 * reviews, "def" and "DEF"; gh-dash's author "LinPr").
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { analyzeItem } from '../../flow/analyze';
import { defaultFlowSettings } from '../../flow/flow-settings';
import { graphPull } from './schema';
import { actorOf } from './timeline';
import { pullToItem } from './to-work-item';

const settings = defaultFlowSettings;

// Hand-written (no recording has it): the same person asked as "Alice" and reviewing as "alice".
describe('GitHub logins that differ only by case', () => {
  it('give one id and keep the login as written', () => {
    expect(actorOf({ login: 'Alice' })).toEqual({ id: 'alice', name: 'Alice' });
    expect(actorOf({ login: 'alice' })!.id).toBe(actorOf({ login: 'ALICE' })!.id);
    expect(actorOf({ slug: 'Platform', name: 'Platform' })).toEqual({ id: 'team:platform', name: 'Platform' });
  });

  it('are one person: the review ends the wait for the request', () => {
    const node = {
      __typename: 'PullRequest', number: 7, title: 'Case', url: 'https://github.com/octo-org/api/pull/7', createdAt: '2026-11-20T08:00:00Z', pullState: 'OPEN',
      reviewDecision: 'APPROVED', reviewRequests: { nodes: [] },
      timelineItems: { nodes: [
        { __typename: 'ReviewRequestedEvent', createdAt: '2026-11-20T09:00:00Z', requestedReviewer: { __typename: 'User', login: 'Alice' } },
        { __typename: 'PullRequestReview', createdAt: '2026-11-20T11:30:00Z', submittedAt: '2026-11-20T11:30:00Z', reviewState: 'APPROVED', author: { login: 'alice' } },
      ] },
    };
    const item = pullToItem({ source: 'github', host: 'github.com', owner: 'octo-org', repo: 'api', number: 7 }, v.parse(graphPull, node));
    const analysis = analyzeItem(item, { settings }, Date.parse('2026-11-20T12:00:00Z'));
    // Waiting 09:00 → 11:30 = 2 h 30 min, flowing since. Before: still "waiting for Alice" in the
    // replay, an open waiting interval of 3 h to now.
    expect(analysis.intervals.map((i) => [i.state, i.start, i.end])).toEqual([['waiting', '2026-11-20T09:00:00.000Z', '2026-11-20T11:30:00.000Z']]);
    expect(analysis.totalWaitingMs).toBe(2.5 * 3_600_000);
    expect(analysis.state).toBe('flowing');
  });
});
