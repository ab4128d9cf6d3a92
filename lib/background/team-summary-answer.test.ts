import { describe, expect, it } from 'vitest';
import { blockedBy, jiraItem, pullItem } from '../flow/testing/items';
import type { WorkItem } from '../flow/model';
import { openCache } from '../storage/cache';
import { DEFAULT_SETTINGS, type Settings } from '../storage/settings';
import { EMPTY_TEAM_STATE, hasTeamSources, syncStatusOf, type TeamState } from '../team/team-state';
import { createTeamSummaryAnswer } from './team-summary-answer';
import { DAY, HOUR } from '../flow/time';
import { shortKey } from '../flow/item-names';

const NOW = Date.parse('2026-11-20T09:00:00Z');
let db = 0;

async function setup(items: WorkItem[], state: Partial<TeamState>, settings: Settings = DEFAULT_SETTINGS, nextAt?: number, hosts: string[] = ['github.com']) {
  const full = { ...EMPTY_TEAM_STATE, ...state };
  // The sync reports its own status; here it is what the sync would say of this state.
  const syncStatus = async () => syncStatusOf(full, hasTeamSources(settings.team), nextAt);
  const cache = await openCache({ name: `team-summary-${++db}` });
  expect(cache.backend).toBe('indexeddb');
  await cache.write('item', items.map((item) => ({ key: item.key, value: { item } })), NOW - 60_000);
  return createTeamSummaryAnswer({ cache: async () => cache, loadSettings: async () => settings, loadTeamState: async () => full, now: () => NOW, syncStatus, githubHosts: async () => hosts });
}

const withTeam = (team: Partial<Settings['team']>): Settings => ({ ...DEFAULT_SETTINGS, team: { ...DEFAULT_SETTINGS.team, ...team } });

describe('team/summary', () => {
  it('summarises the open keys from the cache, with their cached upstream items, and the sync status', async () => {
    // PAY-1 waits on OPS-9, another team's item the cache holds but the team does not own; PAY-2 is not the team's.
    const ops = jiraItem('OPS-9', { title: 'Open the firewall' });
    const pay1 = jiraItem(1, { upstream: [blockedBy(ops.key, '2026-11-15T09:00:00Z')] });
    const summary = await setup([pay1, jiraItem(2), ops, pullItem(3)], {
      openKeys: [pay1.key, 'github:octo-org/api#3', 'jira:acme.atlassian.net/PAY-77'],
      cycleTimesMs: [1, 2, 3, 4, 5].map((d) => d * DAY),
      lastGoodAt: NOW - 5 * 60_000,
      lastErrors: [{ message: 'Jira said no', at: NOW - 60_000, source: 'jira:acme.atlassian.net' }],
    }, withTeam({ githubRepos: ['octo-org/api'] }), NOW + 10 * 60_000);
    const answer = await summary();
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const { summary: s, sync } = answer.data;
    // PAY-77 is not in the cache (yet): left out, not invented.
    expect(s.items.map((item) => [item.key, item.state])).toEqual([[pay1.key, 'blocked'], ['github:octo-org/api#3', 'flowing']]);
    // In working time, as the card counts it: not Sunday 15 Nov from 09:00, then Monday to Thursday and Friday to 09:00.
    expect(s.items[0]).toMatchObject({ cause: 'Blocked since Sun 15 Nov: blocked by OPS-9 (Open the firewall).', cluster: 'external', blockedMs: 4 * DAY + 9 * HOUR });
    expect(s.criticalPath.steps.map((step) => step.title)).toEqual(['Open the firewall', 'Ticket PAY-1']);
    expect(s.topHolders).toEqual([{ key: ops.key, title: 'Open the firewall', url: ops.url, holdsUp: 1 }]);
    expect(s.percentiles).toMatchObject({ p50: 3 * DAY, sample: 5 });
    expect(sync).toEqual({ configured: true, running: false, lastGoodAt: NOW - 5 * 60_000, nextAt: NOW + 10 * 60_000, lastErrors: [{ message: 'Jira said no', at: NOW - 60_000, source: 'jira:acme.atlassian.net' }] });
  });

  it('answers an empty summary, marked unconfigured, before any team source is set', async () => {
    const answer = await (await setup([jiraItem(1)], {}))();
    expect(answer).toEqual({ ok: true, data: { summary: { at: NOW, id: expect.any(String), items: [], people: [], clusters: [], criticalPath: { steps: [], ageMs: 0 }, topHolders: [] }, sync: { configured: false, running: false, lastErrors: [] } } });
  });

  it('reuses the last summary for a minute while the team state is unchanged, and sums up a new sync or a cleared cache at once', async () => {
    const cache = await openCache({ name: `team-summary-${++db}` });
    const first = jiraItem(1);
    await cache.write('item', [{ key: first.key, value: { item: first } }], NOW);
    let now = NOW;
    let state: TeamState = { ...EMPTY_TEAM_STATE, openKeys: [first.key], lastGoodAt: NOW };
    const summary = createTeamSummaryAnswer({ cache: async () => cache, loadSettings: async () => DEFAULT_SETTINGS, loadTeamState: async () => state, now: () => now, syncStatus: async () => syncStatusOf(state, false), githubHosts: async () => [] });
    const titles = async () => {
      const answer = await summary();
      return answer.ok ? answer.data.summary.items.map((item) => item.title) : [];
    };
    expect(await titles()).toEqual(['Ticket PAY-1']);
    const id = async () => {
      const answer = await summary();
      return answer.ok ? answer.data.summary.id : undefined;
    };
    // The reused summary keeps its name; one computed anew has another.
    const named = await id();
    expect(named).toMatch(/^[0-9a-f-]{36}$/);
    await cache.write('item', [{ key: first.key, value: { item: { ...first, title: 'Renamed' } } }], NOW);
    now += 30_000;
    expect(await titles()).toEqual(['Ticket PAY-1']);
    expect(await id()).toBe(named);
    now += 30_000;
    expect(await titles()).toEqual(['Renamed']);
    await cache.write('item', [{ key: first.key, value: { item: { ...first, title: 'Synced' } } }], now);
    state = { ...state, lastGoodAt: now };
    expect(await titles()).toEqual(['Synced']);
    // Computed anew within the same millisecond as the last: a name of its own all the same.
    const synced = await id();
    expect(synced).not.toBe(named);
    state = { ...state, lastGoodAt: now + 0.5 };
    expect(await id()).not.toBe(synced);
    // "Clear cache" within the minute: the summary no longer names what was cleared.
    await cache.clear();
    expect(await titles()).toEqual([]);
  });

  it('answers 500 items quickly', async () => {
    const items = Array.from({ length: 500 }, (_, i) =>
      jiraItem(i + 1, i % 3 === 0 && i > 0 ? { upstream: [blockedBy(`jira:acme.atlassian.net/PAY-${i}`, '2026-11-10T09:00:00Z')] } : {}),
    );
    const summary = await setup(items, { openKeys: items.map((item) => item.key) }, withTeam({ jiraQueries: [{ site: 'acme.atlassian.net', jql: 'project = PAY' }] }));
    const start = performance.now();
    const answer = await summary();
    const ms = performance.now() - start;
    console.log(`team/summary over 500 cached items (fake-indexeddb): ${ms.toFixed(1)} ms`);
    expect(answer.ok && answer.data.summary.items).toHaveLength(500);
    expect(answer.ok && answer.data.summary.items.filter((item) => item.state === 'blocked')).toHaveLength(166);
    // The real budget (100 ms in the browser) is measured by scripts/bench-browser.mjs; this guards against a blow-up.
    expect(ms).toBeLessThan(1000);
  });
});

describe('team/summary: drift between Jira and GitHub, only for the pairs the user joined', () => {
  // octo-org/api#12 was merged on 12 Nov naming PAY-7, still In Progress; #20 is open naming PAY-8, done on 12 Nov;
  // #40 names no ticket, where 10 of the repository's last 10 pull requests did.
  const merged = pullItem(12, { state: 'merged', resolvedAt: '2026-11-12T10:00:00Z', mentions: ['PAY-7'] });
  const open = pullItem(20, { mentions: ['PAY-8'] });
  const bare = pullItem(40);
  const pay7 = jiraItem(7);
  const pay8 = jiraItem(8, { state: 'closed', resolvedAt: '2026-11-12T16:00:00Z', signals: { status: 'Done', statusCategory: 'done' } });
  const pulls = [merged, open, bare, ...Array.from({ length: 8 }, (_, i) => pullItem(100 + i, { mentions: [`PAY-${100 + i}`] }))];
  const state: Partial<TeamState> = {
    openKeys: [open.key, bare.key, pay7.key],
    bySource: { 'github:github.com:open:repo:octo-org/api is:open': { keys: [open.key, bare.key], cycleTimesMs: [], pulls: pulls.map((p, i) => ({ key: p.key, at: NOW - (i + 1) * DAY, named: (p.mentions ?? []).length > 0 })) } },
  };
  const joined = (change: Partial<Settings>): Settings => ({ ...withTeam({ githubRepos: ['octo-org/api'], jiraQueries: [{ site: 'acme.atlassian.net', jql: 'project = PAY' }] }), jiraSites: ['acme.atlassian.net'], ...change });
  const driftOf = async (settings: Settings, hosts = ['github.com']) => {
    const answer = await (await setup([...pulls, pay7, pay8], state, settings, undefined, hosts))();
    if (!answer.ok) throw new Error('no summary');
    return Object.fromEntries(answer.data.summary.items.map((item) => [shortKey(item.key), item.drift?.map((d) => d.text) ?? []]));
  };

  it('lists each drift on the row of the open item, with both opt-ins on', async () => {
    expect(await driftOf(joined({ jiraOnGithub: true, pullsOnJira: true }))).toEqual({
      'octo-org/api#20': ['PAY-8 was done Thu 12 Nov; octo-org/api#20 is still open.'],
      'octo-org/api#40': ['Names no Jira ticket, where 10 of the last 11 pull requests of its repository did.'],
      'PAY-7': ['octo-org/api#12 was merged Thu 12 Nov; PAY-7 is still in In Progress.'],
    });
  });

  it('pairs a pull request’s row only with Jira on GitHub, a ticket’s only with pull requests on Jira', async () => {
    const github = await driftOf(joined({ jiraOnGithub: true, pullsOnJira: false }));
    expect(github['PAY-7']).toEqual([]);
    expect(github['octo-org/api#20']).toHaveLength(1);
    const jira = await driftOf(joined({ jiraOnGithub: false, pullsOnJira: true }));
    expect(jira['PAY-7']).toHaveLength(1);
    expect(jira['octo-org/api#20']).toEqual([]);
    expect(jira['octo-org/api#40']).toEqual([]);
  });

  it('has no drift with the opt-ins off, without the Jira site added, or without a token for the host', async () => {
    const none = { 'octo-org/api#20': [], 'octo-org/api#40': [], 'PAY-7': [] };
    expect(await driftOf(joined({ jiraOnGithub: false, pullsOnJira: false }))).toEqual(none);
    expect(await driftOf(joined({ jiraOnGithub: true, pullsOnJira: true, jiraSites: [] }))).toEqual(none);
    // Another Jira site of the user's: PAY's tickets are not paired; the repository's habit is GitHub's own data.
    expect(await driftOf(joined({ jiraOnGithub: true, pullsOnJira: true, jiraSites: ['other.atlassian.net'] }))).toMatchObject({ 'octo-org/api#20': [], 'PAY-7': [] });
    expect(await driftOf(joined({ jiraOnGithub: true, pullsOnJira: true }), [])).toEqual(none);
  });
});
