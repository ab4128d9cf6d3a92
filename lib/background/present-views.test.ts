import { describe, expect, it, vi } from 'vitest';
import { analyzeItem } from '../flow/analyze';
import type { WorkItem } from '../flow/model';
import { DEFAULT_SETTINGS } from '../storage/settings';
import { presentViews } from './present-views';

// Every analysis passes through, counted: an item is analysed once, its drift included.
vi.mock('../flow/analyze', async (original) => {
  const actual = await original<typeof import('../flow/analyze')>();
  return { ...actual, analyzeItem: vi.fn(actual.analyzeItem) };
});
import { blockedBy, pullItem } from '../flow/testing/items';
import { haveShared, sharedJson, sharedTitle } from '../../tests/support/shared';
import { validIssues } from '../providers/jira/issue-fields';
import { jiraToItem } from '../providers/jira/to-work-item';

const CLOUD = 'fixtures/real-api/jira-cloud';

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
    const [view] = presentViews([shown(waiting)], { neighbours: new Map([[blocker.key, { item: blocker }]]), settings: DEFAULT_SETTINGS, now: NOW });
    expect(view).toMatchObject({ key: waiting.key, blockers: 0, totalBlockedMs: 2 * 86_400_000 });
    expect(view!.state).not.toBe('blocked');
    expect(view!.upstream).toEqual([{ key: blocker.key, title: 'Ticket 2', state: 'done', open: false }]);
  });

  it('keeps the blocker open when the cache knows it is open', () => {
    const [view] = presentViews([shown(waiting)], { neighbours: new Map([[blocker.key, { item: { ...blocker, state: 'open', signals: { status: 'In Progress' } } }]]), settings: DEFAULT_SETTINGS, now: NOW });
    expect(view).toMatchObject({ state: 'blocked', since: '2026-11-10T00:00:00.000Z', blockers: 1 });
  });
});

describe('presentViews shows each item only its own host’s items', () => {
  // Private github.com issues in the cache, and an Enterprise Server issue (cached before its
  // answers were bound to its host) whose links name them, with titles of its own choosing.
  const secret = (n: number) => pullItem(n, { key: `github:victim/private#${n}`, kind: 'issue', title: `SECRET plan ${n}`, url: `https://github.com/victim/private/issues/${n}`, state: 'open' });
  const ghe = pullItem(7, {
    key: 'github:ghe.corp.example/team/svc#7', kind: 'issue', title: 'Hostile', url: 'https://ghe.corp.example/team/svc/issues/7', container: 'team/svc',
    upstream: [1, 2].map((n) => blockedBy(`github:victim/private#${n}`, '2026-11-12T09:00:00Z', { open: undefined })),
    downstream: [{ key: 'github:victim/private#3', kind: 'blocked-by' }],
  });
  const neighbours = new Map([1, 2, 3].map((n) => [secret(n).key, { item: secret(n) }] as const));

  it('leaves another host’s items out of the label, the cause and the card', () => {
    const [view] = presentViews([shown(ghe)], { neighbours, settings: DEFAULT_SETTINGS, now: NOW });
    expect(JSON.stringify(view)).not.toMatch(/SECRET|victim/);
    expect(view).toMatchObject({ key: ghe.key, blockers: 0, upstream: [], holdsUp: 0 });
  });

  it('analyses items of several hosts asked together each with its own host’s items', () => {
    const mine = pullItem(5, { upstream: [blockedBy('github:octo-org/api#6')] });
    const blocker = pullItem(6, { title: 'Private blocker' });
    const other = { ...ghe, upstream: [blockedBy(mine.key, '2026-11-12T09:00:00Z', { open: undefined })], downstream: [] };
    const [own, hostile] = presentViews([shown(mine), shown(other)], { neighbours: new Map([[blocker.key, { item: blocker }]]), settings: DEFAULT_SETTINGS, now: NOW });
    expect(own?.upstream).toEqual([{ key: blocker.key, title: 'Private blocker', state: 'flowing', open: true }]);
    expect(JSON.stringify(hostile)).not.toMatch(/octo-org|Private blocker|Change 5/);
  });

  it('keeps a Jira issue’s links on its own site only', () => {
    const jira = item(1, { upstream: [blockedBy('jira:acme.atlassian.net/PAY-2'), blockedBy('jira:other.atlassian.net/SEC-1'), blockedBy('github:victim/private#1')] });
    const [view] = presentViews([shown(jira)], { neighbours: new Map([...neighbours, ['jira:other.atlassian.net/SEC-1', { item: item(1, { key: 'jira:other.atlassian.net/SEC-1', title: 'SECRET other site' }) }]]), settings: DEFAULT_SETTINGS, now: NOW });
    expect(view!.upstream?.map((up) => up.key)).toEqual(['jira:acme.atlassian.net/PAY-2']);
    expect(JSON.stringify(view)).not.toMatch(/SECRET|victim|other\.atlassian/);
  });
});

describe('presentViews links', () => {
  it('gives related items and errors only links to their own hosts’ pages', () => {
    const pull = pullItem(5, { url: 'javascript:alert(1)' });
    const ticket = item(42, { url: 'data:text/html,<script>alert(1)</script>' });
    const related = { keysByItem: new Map([[pull.key, [ticket.key]]]), items: new Map([[ticket.key, { item: ticket }]]) };
    const error = { code: 'sso-required' as const, message: 'Authorise it.', helpUrl: 'javascript:alert(document.cookie)' };
    const [view] = presentViews([{ ...shown(pull), error }], { neighbours: new Map(), settings: DEFAULT_SETTINGS, now: NOW, related });
    expect(view).toMatchObject({ url: 'https://github.com/octo-org/api/issues/5', related: [{ key: ticket.key, url: 'https://acme.atlassian.net/browse/PAY-42' }], error: { code: 'sso-required', message: 'Authorise it.' } });
    expect(JSON.stringify(view)).not.toMatch(/javascript:|data:/);
  });
});

describe('presentViews: drift, only through what the user joined', () => {
  // octo-org/api#12 was merged on 12 Nov naming PAY-7, which is still In Progress.
  const merged = pullItem(12, { state: 'merged', resolvedAt: '2026-11-12T10:00:00Z', mentions: ['PAY-7'] });
  const ticket = item(7);
  const related = (from: WorkItem, to: WorkItem) => ({ keysByItem: new Map([[from.key, [to.key]]]), items: new Map([[to.key, { item: to }]]) });

  it('gives the card of each side the drift line, its head and its move', () => {
    const [pullView] = presentViews([shown(merged)], { neighbours: new Map(), settings: DEFAULT_SETTINGS, now: NOW, related: related(merged, ticket) });
    expect(pullView!.conditions).toEqual([{ kind: 'drift', text: 'Drift: octo-org/api#12 was merged Thu 12 Nov; PAY-7 is still in In Progress', url: 'https://github.com/octo-org/api/pull/12' }]);
    expect(pullView!.headCause).toBe('octo-org/api#12 merged, PAY-7 not done');
    expect(pullView!.moves?.[0]).toMatchObject({ level: 'P3', tag: 'Level 3 · Communicates so as not to block others' });
    const [ticketView] = presentViews([shown(ticket)], { neighbours: new Map(), settings: DEFAULT_SETTINGS, now: NOW, related: related(ticket, merged) });
    expect(ticketView!.conditions?.map((c) => c.text)).toEqual(['Drift: octo-org/api#12 was merged Thu 12 Nov; PAY-7 is still in In Progress']);
  });

  it('analyses an item with pairs once, its drift included, even when another shown item asks for its state first', () => {
    // PAY-8 waits on PAY-7, which a merged pull request names: PAY-8's view reads PAY-7's state.
    const waiting = item(8, { upstream: [blockedBy(ticket.key, '2026-11-10T09:00:00Z')] });
    vi.mocked(analyzeItem).mockClear();
    const views = presentViews([shown(waiting), shown(ticket)], { neighbours: new Map(), settings: DEFAULT_SETTINGS, now: NOW, related: related(ticket, merged) });
    expect(views[1]!.conditions?.map((c) => c.text)).toEqual(['Drift: octo-org/api#12 was merged Thu 12 Nov; PAY-7 is still in In Progress']);
    const analysed = vi.mocked(analyzeItem).mock.calls.map(([analysedItem]) => analysedItem.key);
    expect(analysed.filter((key) => key === ticket.key)).toHaveLength(1);
  });

  it('has none without related items (an opt-in off, a site not the user’s), and no habit without the norms', () => {
    const [view] = presentViews([shown(merged), shown(pullItem(40))], { neighbours: new Map(), settings: DEFAULT_SETTINGS, now: NOW });
    expect(view!.conditions).toBeUndefined();
    expect(presentViews([shown(pullItem(40))], { neighbours: new Map(), settings: DEFAULT_SETTINGS, now: NOW, ticketNorms: new Map([['github:octo-org/api', { named: 9, sample: 10 }]]) })[0]!.headCause).toBe('names no Jira ticket');
    expect(presentViews([shown(pullItem(40))], { neighbours: new Map(), settings: DEFAULT_SETTINGS, now: NOW })[0]!.headCause).toBeUndefined();
  });
});

describe.skipIf(!haveShared(CLOUD))(sharedTitle('presentViews: a real Jira Cloud issue done while a pull request naming it is open', CLOUD), () => {
  it('EE-17, built by the Jira provider, done 22 Jul 2020: the open pull request’s card says so', () => {
    const raw = sharedJson<Record<string, unknown>>(CLOUD, 'devlake-cloud-EE-17-agile-issue-with-changelog.jsonb.json');
    const [issue] = validIssues([raw]);
    const ee17 = jiraToItem('merico.atlassian.net', issue!, new Set(['is blocked by']));
    expect(ee17).toMatchObject({ state: 'closed', resolvedAt: '2020-07-22T07:25:29.104Z' });
    const pull = pullItem(30, { mentions: ['EE-17'], createdAt: '2020-07-01T00:00:00Z' });
    const related = { keysByItem: new Map([[pull.key, [ee17.key]]]), items: new Map([[ee17.key, { item: ee17 }]]) };
    const [view] = presentViews([shown(pull)], { neighbours: new Map(), settings: DEFAULT_SETTINGS, now: Date.parse('2020-08-01T00:00:00Z'), related });
    expect(view!.conditions?.map((c) => c.text)).toEqual(['Drift: EE-17 was done Wed 22 Jul; octo-org/api#30 is still open']);
    expect(view!.moves?.[0]).toMatchObject({ level: 'P3', skill: 'Frames symptoms of reduced flow in terms of customer impact' });
  });
});
