import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { analyzeItem } from '../../flow/analyze';
import { defaultFlowSettings } from '../../flow/flow-settings';
import type { GithubRef } from '../../item-key';
import { graphIssue, graphPull } from './schema';
import { blockerNode, dependencyEvent, issueNode, pullNode } from './testing/nodes';
import { issueToItem, pullToItem, restToItem } from './to-work-item';

// The hand-written GraphQL node of octo-org/api#101 (a fixture), as our query asks for it.
const node = (n: number) => v.parse(graphPull, JSON.parse(readFileSync(resolve(`tests/fixtures/github/api/graphql/octo-org/api/${n}.json`), 'utf8')));
const ref = (number: number): GithubRef => ({ source: 'github', host: 'github.com', owner: 'octo-org', repo: 'api', number });

describe('pullToItem on a hand-written pull request fixture', () => {
  const item = pullToItem(ref(101), node(101));
  const PAGE = 'https://github.com/octo-org/api/pull/101';

  it('turns the timeline into flow events and skips event types it does not know', () => {
    expect(item.timeline.filter((e) => e.type !== 'check')).toEqual([
      // The opening is cited by its author; events the fixture gives no anchor or actor are seen on the item's page.
      { type: 'created', at: '2026-11-10T09:00:00Z', by: { id: 'alice', name: 'alice', url: 'https://github.com/alice' }, url: PAGE },
      { type: 'commit', at: '2026-11-10T08:55:00Z', sha: 'a1b2c3d', url: PAGE },
      { type: 'review-requested', at: '2026-11-10T09:01:00Z', reviewer: { id: 'bob', name: 'bob', url: 'https://github.com/bob' }, url: PAGE },
      { type: 'labeled', at: '2026-11-14T16:20:00Z', label: 'blocked', url: PAGE },
    ]);
  });

  it('keeps every check run, reruns included, with the head sha and whether it is required', () => {
    const checks = item.timeline.filter((e) => e.type === 'check');
    expect(checks.map((c) => `${c.name} ${c.conclusion} ${c.required}`)).toEqual([
      'test (20) failure true',
      'test (20) failure true',
      'lint failure false',
      'lint success false',
      'deploy/preview success false',
    ]);
    expect(checks.every((c) => c.sha === 'a1b2c3d')).toBe(true);
    // lint failed then passed on a rerun: only test (20) is failing now.
    expect(item.signals.failingChecks).toEqual(['test (20)']);
  });

  it('reads dependencies from the body and the issues it closes', () => {
    // The fixture's body was never edited (lastEditedAt null): the link dates from the opening.
    expect(item.upstream).toEqual([{ key: 'github:octo-org/web#14', kind: 'depends-on', at: '2026-11-10T09:00:00Z' }]);
    expect(item.downstream).toEqual([
      { key: 'github:octo-org/api#90', kind: 'depends-on', url: 'https://github.com/octo-org/api/issues/90', open: true },
    ]);
  });

  it('sees a PR stacked on another open PR through its base branch', () => {
    expect(pullToItem(ref(103), node(103)).upstream).toEqual([
      { key: 'github:octo-org/api#101', kind: 'stacked-on', url: 'https://github.com/octo-org/api/pull/101', title: 'Add retry to payment webhook', open: true },
    ]);
  });
});

// Issue answers below are hand-written in the shape the items query asks for (items-query.ts).
const web13: GithubRef = { source: 'github', host: 'github.com', owner: 'octo-org', repo: 'web', number: 13 };
const issue = (extra: Record<string, unknown>, ref = web13) => issueToItem(ref, v.parse(graphIssue, issueNode(ref.number, extra)));
const WEB13 = 'https://github.com/octo-org/web/issues/13';
const linkEvents = (item: ReturnType<typeof issue>) => item.timeline.filter((e) => e.type === 'link-added' || e.type === 'link-removed');
const NOW = Date.parse('2026-11-20T12:00:00Z');

describe('the time of a "depends on" a body states', () => {
  const written = (lastEditedAt: string | null | undefined) => {
    const { lastEditedAt: _, ...rest } = node(101);
    return pullToItem(ref(101), { ...rest, ...(lastEditedAt === undefined ? {} : { lastEditedAt }) }).upstream;
  };

  it('dates it from the opening when GitHub says the body was never edited', () => {
    // #101 was opened 2026-11-10T09:00:00Z; lastEditedAt null: the phrase was there from the start.
    expect(written(null)).toEqual([{ key: 'github:octo-org/web#14', kind: 'depends-on', at: node(101).createdAt }]);
  });

  it('bounds it by the last edit when the body was edited, and says nothing when GitHub did not say', () => {
    expect(written('2026-11-12T08:00:00Z')).toEqual([{ key: 'github:octo-org/web#14', kind: 'depends-on', seenAt: '2026-11-12T08:00:00Z' }]);
    expect(written(undefined)).toEqual([{ key: 'github:octo-org/web#14', kind: 'depends-on' }]);
  });
});

describe('pullToItem: who made each event and where it is seen', () => {
  it('reads the actor and the event’s own url (its anchor on the page) where GitHub sends them, else the pull request’s page', () => {
    // Hand-written nodes in the shape of the query (items-query.ts): a label by carol (no url in
    // the schema for it), a review by bob with its url, and a merge by carol with its url.
    const page = 'https://github.com/octo-org/api/pull/8';
    const cited = pullToItem(ref(8), v.parse(graphPull, pullNode(8, {
      timelineItems: { nodes: [
        { __typename: 'LabeledEvent', createdAt: '2026-11-16T09:00:00Z', actor: { login: 'carol' }, label: { name: 'blocked' } },
        { __typename: 'PullRequestReview', createdAt: '2026-11-16T10:00:00Z', submittedAt: '2026-11-16T10:00:00Z', reviewState: 'APPROVED', author: { login: 'bob', url: 'https://github.com/bob' }, url: `${page}#pullrequestreview-77` },
        { __typename: 'MergedEvent', createdAt: '2026-11-16T11:00:00Z', actor: { login: 'Carol' }, url: `${page}#event-99` },
      ] },
    })));
    expect(cited.timeline.filter((e) => e.type !== 'check' && e.type !== 'created' && e.type !== 'commit')).toEqual([
      { type: 'labeled', at: '2026-11-16T09:00:00Z', label: 'blocked', by: { id: 'carol', name: 'carol' }, url: page },
      { type: 'reviewed', at: '2026-11-16T10:00:00Z', by: { id: 'bob', name: 'bob', url: 'https://github.com/bob' }, verdict: 'approved', url: `${page}#pullrequestreview-77` },
      { type: 'merged', at: '2026-11-16T11:00:00Z', by: { id: 'carol', name: 'Carol' }, url: `${page}#event-99` },
    ]);
  });
});

describe('issueToItem with GitHub’s native dependencies', () => {
  it('dates a blocker by its latest BlockedByAddedEvent after the last removal (added, removed, re-added)', () => {
    const item = issue({
      blockedBy: { nodes: [blockerNode(3)] },
      dependencyEvents: { nodes: [
        dependencyEvent('added', '2026-11-02T09:00:00Z', 3),
        dependencyEvent('removed', '2026-11-05T09:00:00Z', 3),
        dependencyEvent('added', '2026-11-09T15:30:00Z', 3),
      ] },
    });
    expect(item.upstream).toEqual([
      { key: 'github:octo-org/api#3', kind: 'blocked-by', title: 'Blocker 3', url: 'https://github.com/octo-org/api/issues/3', open: true, at: '2026-11-09T15:30:00Z' },
    ]);
    expect(linkEvents(item)).toEqual([
      // GitHub gives a dependency event no anchor: each is seen on the issue's page.
      { type: 'link-added', at: '2026-11-02T09:00:00Z', link: { key: 'github:octo-org/api#3', kind: 'blocked-by', open: true }, url: WEB13 },
      { type: 'link-removed', at: '2026-11-05T09:00:00Z', key: 'github:octo-org/api#3', url: WEB13 },
      { type: 'link-added', at: '2026-11-09T15:30:00Z', link: { key: 'github:octo-org/api#3', kind: 'blocked-by', open: true }, url: WEB13 },
    ]);
    // The flow core replays them: blocked while linked, not in the gap, blocked since the re-add.
    const analysis = analyzeItem(item, { settings: defaultFlowSettings }, NOW);
    expect(analysis.intervals.map((i) => [i.state, i.start, i.end])).toEqual([
      ['blocked', '2026-11-02T09:00:00.000Z', '2026-11-05T09:00:00.000Z'],
      ['blocked', '2026-11-09T15:30:00.000Z', undefined],
    ]);
    expect(analysis).toMatchObject({ state: 'blocked', since: '2026-11-09T15:30:00.000Z' });
  });

  it('gives a blocker no time when no add event tells it, or a removal came after the latest add', () => {
    const item = issue({
      blockedBy: { nodes: [blockerNode(4), blockerNode(5)] },
      dependencyEvents: { nodes: [dependencyEvent('added', '2026-11-02T09:00:00Z', 5), dependencyEvent('removed', '2026-11-03T09:00:00Z', 5)] },
    });
    expect(item.upstream.map((link) => [link.key, link.open, 'at' in link])).toEqual([
      ['github:octo-org/api#4', true, false],
      ['github:octo-org/api#5', true, false],
    ]);
  });

  it('reads a closed blocker as resolved when GitHub says since when, and as closed at an unknown time otherwise', () => {
    const closed = { state: 'CLOSED', closedAt: '2026-11-12T08:00:00Z' };
    const item = issue({
      blockedBy: { nodes: [blockerNode(6, 'octo-org/api', closed), blockerNode(7, 'octo-org/api', { state: 'CLOSED', closedAt: null })] },
      dependencyEvents: { nodes: [dependencyEvent('added', '2026-11-02T09:00:00Z', 6, 'octo-org/api', closed)] },
    });
    expect(item.upstream).toEqual([
      { key: 'github:octo-org/api#6', kind: 'blocked-by', title: 'Blocker 6', url: 'https://github.com/octo-org/api/issues/6', open: false, resolvedAt: '2026-11-12T08:00:00Z', at: '2026-11-02T09:00:00Z' },
      { key: 'github:octo-org/api#7', kind: 'blocked-by', title: 'Blocker 7', url: 'https://github.com/octo-org/api/issues/7', open: false },
    ]);
    // Blocked from the link until the blocker closed; flowing since.
    const analysis = analyzeItem(item, { settings: defaultFlowSettings }, NOW);
    expect(analysis.intervals.map((i) => [i.state, i.start, i.end])).toEqual([['blocked', '2026-11-02T09:00:00.000Z', '2026-11-12T08:00:00.000Z']]);
    expect(analysis.state).toBe('flowing');
  });

  it('keys blockers in another repository on the host the query went to, whatever their URL says', () => {
    const ghes: GithubRef = { source: 'github', host: 'git.corp.example', owner: 'team', repo: 'app', number: 13 };
    const item = issue({
      url: 'https://git.corp.example/team/app/issues/13',
      blockedBy: { nodes: [blockerNode(4, 'platform/infra', { url: 'https://elsewhere.example/platform/infra/issues/4' })] },
      dependencyEvents: { nodes: [dependencyEvent('added', '2026-11-06T10:00:00Z', 4, 'platform/infra')] },
    }, ghes);
    expect(item.upstream.map((link) => [link.key, link.at])).toEqual([['github:git.corp.example/platform/infra#4', '2026-11-06T10:00:00Z']]);
    expect(linkEvents(item).map((e) => (e.type === 'link-added' ? e.link.key : e.key))).toEqual(['github:git.corp.example/platform/infra#4']);
  });

  it('drops an odd blocker or event and keeps the others and the issue', () => {
    const item = issue({
      blockedBy: { nodes: [
        blockerNode(3),
        blockerNode(8, 'octo-org/api', { repository: null }),
        blockerNode(9, 'not a repository'),
        { ...blockerNode(10), number: 'ten' },
        null,
      ] },
      dependencyEvents: { nodes: [
        dependencyEvent('added', '2026-11-02T09:00:00Z', 3),
        { __typename: 'BlockedByAddedEvent', createdAt: '2026-11-02T10:00:00Z', blockingIssue: null },
        dependencyEvent('added', 'yesterday', 8),
        dependencyEvent('added', '2026-11-02T11:00:00', 9),
        { __typename: 'BlockingAddedEvent', createdAt: '2026-11-02T12:00:00Z', blockedIssue: { number: 12 } },
      ] },
    });
    expect(item.upstream.map((link) => link.key)).toEqual(['github:octo-org/api#3']);
    expect(linkEvents(item)).toEqual([{ type: 'link-added', at: '2026-11-02T09:00:00Z', link: { key: 'github:octo-org/api#3', kind: 'blocked-by', open: true }, url: WEB13 }]);
  });

  it('reads dependency fields that are not connections as absent, without spoiling the issue', () => {
    const parsed = v.safeParse(graphIssue, issueNode(13, { blockedBy: 'nope', dependencyEvents: { nodes: 'nope' } }));
    expect(parsed.success).toBe(true);
    expect(parsed.success && [parsed.output.blockedBy, parsed.output.dependencyEvents]).toEqual([null, null]);
  });

  it('counts a body reference to a native blocker once, as the native link', () => {
    const item = issue({ body: 'Depends on octo-org/api#3 and octo-org/api#4', blockedBy: { nodes: [blockerNode(3)] }, dependencyEvents: { nodes: [] } });
    expect(item.upstream.map((link) => [link.key, link.kind])).toEqual([
      ['github:octo-org/api#3', 'blocked-by'],
      ['github:octo-org/api#4', 'depends-on'],
    ]);
  });

  it('without the dependency fields (a host that lacks them) has only what the body says', () => {
    const item = issue({ body: 'Depends on octo-org/api#3' });
    expect(item.upstream).toEqual([{ key: 'github:octo-org/api#3', kind: 'depends-on' }]);
    expect(linkEvents(item)).toEqual([]);
  });

  it('never dates a link read over REST: REST issues carry no time for a dependency', () => {
    const item = restToItem(web13, { number: 13, title: 'T', html_url: 'https://github.com/octo-org/web/issues/13', state: 'open', created_at: '2026-11-01T10:00:00Z', body: 'Blocked by octo-org/api#3' });
    expect(item.upstream.every((link) => link.at === undefined)).toBe(true);
  });
});

describe('answer values named like what every object inherits', () => {
  // `constructor`, `toString`, `__proto__` are properties of every plain object: a lookup table
  // must not answer them with a function, which would become an event's type or a check's
  // conclusion (and could not even be cached: IndexedDB refuses to clone a function).
  const odd = pullToItem(ref(7), v.parse(graphPull, pullNode(7, {
    timelineItems: { nodes: [
      { __typename: 'constructor', createdAt: '2026-11-16T12:00:00Z' },
      { __typename: 'PullRequestReview', createdAt: '2026-11-16T12:00:00Z', submittedAt: '2026-11-16T12:00:00Z', reviewState: 'toString', author: { __typename: 'User', login: 'bob' } },
    ] },
    commits: { nodes: [{ commit: {
      oid: 'abc', statusCheckRollup: { state: 'valueOf' },
      checkSuites: { nodes: [{ checkRuns: { nodes: [{ name: 'build', status: 'COMPLETED', conclusion: 'constructor', completedAt: '2026-11-16T12:00:00Z' }] } }] },
      status: { contexts: [{ context: 'ci/legacy', state: 'hasOwnProperty', createdAt: '2026-11-16T12:00:00Z' }] },
    } }] },
  })));

  it('reads them as unknown values, never as functions', () => {
    expect(odd.timeline.filter((event) => event.type !== 'check')).toEqual([{ type: 'created', at: '2026-11-15T12:00:00Z', by: { id: 'alice', name: 'alice', url: 'https://github.com/alice' }, url: 'https://github.com/octo-org/api/pull/7' }]);
    expect(odd.timeline.filter((event) => event.type === 'check').map((check) => [check.name, check.conclusion])).toEqual([['build', 'neutral'], ['ci/legacy', 'pending']]);
    expect(odd.signals.checks).toBe('pending');
    expect(() => structuredClone(odd)).not.toThrow();
  });
});
