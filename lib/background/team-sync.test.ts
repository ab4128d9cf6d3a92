import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { FlowError } from '../flow-error';
import { pullItem } from '../flow/testing/items';
import type { Fetched } from '../providers/outcome';
import { DEFAULT_SETTINGS, loadSettings, settingsItem, type Settings } from '../storage/settings';
import { loadTeamState, teamStateItem } from '../team/team-state';
import type { ReadPage, SourcePage } from './team-pages';
import type { TeamSource } from './team-sources';
import { createTeamSync, MAX_NORM_PULLS, MAX_PAGES_PER_SOURCE, PAGES_PER_MINUTE, RUN_EXPIRES_MS, SLICE_MS, TEAM_SYNC_ALARM, TEAM_SYNC_CONTINUE_ALARM, type AlarmsApi } from './team-sync';
import { HOUR, MINUTE } from '../flow/time';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const alarms = fakeBrowser.alarms as unknown as AlarmsApi;

async function configure(team: Partial<Settings['team']>, extra: Partial<Settings> = {}) {
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, ...extra, team: { ...DEFAULT_SETTINGS.team, ...team } });
}

const fetched = (n: number, extra: Parameters<typeof pullItem>[1] = {}): Fetched => ({ item: pullItem(n, extra) });
const pageOf = (numbers: number[], next?: string): SourcePage => ({ items: new Map(numbers.map((n) => [`github:octo-org/api#${n}`, fetched(n)])), ...(next ? { next } : {}) });
const empty: SourcePage = { items: new Map() };

/** A reader answering each source's pages from `pages` (by part, then cursor), recording every call. */
function reader(pages: Record<string, Record<string, SourcePage | Promise<SourcePage>>>) {
  const calls: { source: string; cursor: string | undefined }[] = [];
  const read: ReadPage = async (source: TeamSource, cursor) => {
    calls.push({ source: source.label, cursor });
    return (await pages[source.label]?.[cursor ?? 'first']) ?? empty;
  };
  return { read, calls };
}

function sync(read: ReadPage, now = () => NOW) {
  return createTeamSync({ now, loadSettings, readPage: read, alarms });
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('team sync scheduling', () => {
  it('makes no alarm while no source is configured, and clears one left over', async () => {
    await alarms.create(TEAM_SYNC_ALARM, { periodInMinutes: 15 });
    await sync(reader({}).read).schedule();
    expect(await alarms.get(TEAM_SYNC_ALARM)).toBeUndefined();
  });

  it('syncs every syncMinutes once a source is set, and re-times the alarm when the setting changes', async () => {
    await configure({ githubRepos: ['octo-org/api'] });
    const teamSync = sync(reader({}).read);
    await teamSync.schedule();
    expect(await alarms.get(TEAM_SYNC_ALARM)).toMatchObject({ periodInMinutes: 15 });
    await configure({ githubRepos: ['octo-org/api'] }, { syncMinutes: 30 });
    await teamSync.schedule();
    expect(await alarms.get(TEAM_SYNC_ALARM)).toMatchObject({ periodInMinutes: 30 });
    await configure({ githubRepos: [] }, { syncMinutes: 30 });
    await teamSync.schedule();
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });

  it('first fires one period after the last good sync, or within a minute when overdue', async () => {
    await configure({ githubRepos: ['octo-org/api'] });
    await teamStateItem.setValue({ openKeys: [], cycleTimesMs: [], lastErrors: [], lastGoodAt: Date.now() - 5 * MINUTE });
    await sync(reader({}).read, Date.now).schedule();
    const soon = (await alarms.get(TEAM_SYNC_ALARM))!.scheduledTime - Date.now();
    expect(soon).toBeGreaterThan(9 * MINUTE);
    expect(soon).toBeLessThanOrEqual(10 * MINUTE + 1000);
    await alarms.clear(TEAM_SYNC_ALARM);
    await teamStateItem.setValue({ openKeys: [], cycleTimesMs: [], lastErrors: [] });
    await sync(reader({}).read, Date.now).schedule();
    expect((await alarms.get(TEAM_SYNC_ALARM))!.scheduledTime - Date.now()).toBeLessThanOrEqual(MINUTE + 1000);
  });

  it('moves the next sync a full period after a run started by hand, not a minute after it', async () => {
    await configure({ githubRepos: ['octo-org/api'] });
    const teamSync = sync(reader({}).read, Date.now);
    // Never synced: the first alarm is due within a minute.
    await teamSync.schedule();
    expect((await alarms.get(TEAM_SYNC_ALARM))!.scheduledTime - Date.now()).toBeLessThanOrEqual(MINUTE + 1000);
    // The popup syncs at once; the alarm moves with it.
    await teamSync.run();
    const next = (await alarms.get(TEAM_SYNC_ALARM))!;
    expect(next.periodInMinutes).toBe(15);
    expect(next.scheduledTime - Date.now()).toBeGreaterThan(14 * MINUTE);
    expect((await teamSync.status()).nextAt).toBe(next.scheduledTime);
  });

  it('tells the next sync time and whether a source is configured', async () => {
    await configure({ githubRepos: ['octo-org/api'] });
    const teamSync = sync(reader({}).read);
    await teamSync.schedule();
    const status = await teamSync.status();
    expect(status).toMatchObject({ configured: true, running: false, lastErrors: [] });
    expect(status.nextAt).toBe((await alarms.get(TEAM_SYNC_ALARM))!.scheduledTime);
  });
});

describe('team sync runs', () => {
  it('keeps the open items’ keys, the cycle times of finished ones, and when it ended', async () => {
    await configure({ githubRepos: ['octo-org/api'] });
    // #9 waited for bob's review from 1 Nov 12:00 until he approved on 2 Nov 12:00, then was merged on 3 Nov.
    const bob = { id: 'bob', name: 'bob' };
    const merged = fetched(9, {
      state: 'merged', createdAt: '2026-11-01T00:00:00Z', resolvedAt: '2026-11-03T00:00:00Z',
      timeline: [{ type: 'created', at: '2026-11-01T00:00:00Z' }, { type: 'review-requested', at: '2026-11-01T12:00:00Z', reviewer: bob }, { type: 'reviewed', at: '2026-11-02T12:00:00Z', by: bob, verdict: 'approved' }, { type: 'merged', at: '2026-11-03T00:00:00Z' }],
    });
    const abandoned = fetched(8, { state: 'closed', createdAt: '2026-11-01T00:00:00Z', resolvedAt: '2026-11-02T00:00:00Z' });
    const closedNow: Fetched = fetched(3, { state: 'closed' });
    const { read } = reader({
      'octo-org/api': { first: { items: new Map([...pageOf([1, 2]).items, ['github:octo-org/api#3', closedNow]]) } },
      'octo-org/api (finished)': { first: { items: new Map([['github:octo-org/api#9', merged], ['github:octo-org/api#8', abandoned]]) } },
    });
    const status = await sync(read).run();
    const state = await loadTeamState();
    expect(state.openKeys).toEqual(['github:octo-org/api#1', 'github:octo-org/api#2']);
    expect(state.cycleTimesMs).toEqual([2 * 24 * 60 * MINUTE]);
    // Where #9's two days went: one waiting for review, one neither (12 h before, 12 h after).
    expect(state.timeShares).toEqual([{ neither: 0.5, review: 0.5 }]);
    // The same stretches by length, the cards' pace yardstick: 12 h neither, 24 h review, 12 h neither.
    expect(state.stretchesMs).toEqual({ neither: [12 * 60 * MINUTE, 12 * 60 * MINUTE], review: [24 * 60 * MINUTE] });
    expect(state.lastGoodAt).toBe(NOW);
    expect(state.run).toBeUndefined();
    expect(status).toMatchObject({ configured: true, running: false, lastGoodAt: NOW, lastErrors: [] });
  });

  it('keeps each source’s most recent pull requests, open or finished, and whether each named a Jira ticket', async () => {
    await configure({ githubRepos: ['octo-org/api'] });
    const opened = (n: number, day: number, mentions?: string[]) => fetched(n, { createdAt: `2026-11-${String(day).padStart(2, '0')}T09:00:00Z`, ...(mentions ? { mentions } : {}) });
    const open = new Map(Array.from({ length: MAX_NORM_PULLS + 5 }, (_, i) => [`github:octo-org/api#${100 + i}`, opened(100 + i, 1 + (i % 20), i % 2 ? ['PAY-1'] : undefined)] as const));
    const { read } = reader({
      'octo-org/api': { first: { items: open } },
      'octo-org/api (finished)': { first: { items: new Map([['github:octo-org/api#9', fetched(9, { state: 'merged', createdAt: '2026-11-25T00:00:00Z', resolvedAt: '2026-11-26T00:00:00Z', mentions: ['PAY-2'] })]]) } },
    });
    await sync(read).run();
    const { bySource } = await loadTeamState();
    const pulls = Object.entries(bySource ?? {}).map(([id, result]) => [id.split(':')[2], result.pulls?.length, result.pulls?.[0]]);
    expect(pulls).toEqual([
      ['open', MAX_NORM_PULLS, { key: expect.stringMatching(/^github:octo-org\/api#1\d\d$/), at: Date.parse('2026-11-20T09:00:00Z'), named: true }],
      ['done', 1, { key: 'github:octo-org/api#9', at: Date.parse('2026-11-25T00:00:00Z'), named: true }],
    ]);
  });

  it('resumes a run stopped after page 1 of 3 at page 2, without losing page 1’s keys', async () => {
    await configure({ githubRepos: ['octo-org/api'] });
    const never = new Promise<SourcePage>(() => {});
    const first = reader({ 'octo-org/api': { first: pageOf([1, 2], 'p2'), p2: never } });
    void sync(first.read).run();
    await expect.poll(() => first.calls.length).toBe(2);
    // The worker stops here: what is stored is all the next worker has.
    const stored = (await loadTeamState()).run!;
    expect(stored.openKeys).toEqual(['github:octo-org/api#1', 'github:octo-org/api#2']);
    expect(stored.cursors[0]).toEqual({ source: 'github:github.com:open:repo:octo-org/api is:open', next: 'p2', done: false });

    const second = reader({ 'octo-org/api': { p2: pageOf([3], 'p3'), p3: pageOf([4]) } });
    const status = await sync(second.read, () => NOW + 20 * MINUTE).resume();
    expect(second.calls).toEqual([
      { source: 'octo-org/api', cursor: 'p2' },
      { source: 'octo-org/api', cursor: 'p3' },
      { source: 'octo-org/api (finished)', cursor: undefined },
    ]);
    const state = await loadTeamState();
    expect(state.openKeys).toEqual([1, 2, 3, 4].map((n) => `github:octo-org/api#${n}`));
    expect(state.run).toBeUndefined();
    expect(status?.lastGoodAt).toBe(NOW + 20 * MINUTE);
  });

  it('starts over when the stopped run is older than an hour, and resume() leaves it alone', async () => {
    await configure({ githubRepos: ['octo-org/api'] });
    const never = new Promise<SourcePage>(() => {});
    const first = reader({ 'octo-org/api': { first: pageOf([1], 'p2'), p2: never } });
    void sync(first.read).run();
    await expect.poll(() => first.calls.length).toBe(2);
    const later = () => NOW + RUN_EXPIRES_MS;
    expect(await sync(reader({}).read, later).resume()).toBeUndefined();
    const again = reader({ 'octo-org/api': { first: pageOf([5]) } });
    await sync(again.read, later).run();
    expect(again.calls[0]).toEqual({ source: 'octo-org/api', cursor: undefined });
    expect((await loadTeamState()).openKeys).toEqual(['github:octo-org/api#5']);
  });

  it('keeps a failing source’s previous keys, records its error, and completes the others', async () => {
    await configure({ githubRepos: ['octo-org/api', 'octo-org/web'] });
    const { read } = reader({ 'octo-org/api': { first: pageOf([1]) }, 'octo-org/web': { first: pageOf([7]) } });
    await sync(read).run();
    const refused: FlowError = { code: 'bad-request', message: 'GitHub did not accept the search.' };
    const later = NOW + 15 * MINUTE;
    const failing = reader({ 'octo-org/api': { first: pageOf([2]) }, 'octo-org/web': { first: { items: new Map(), error: refused } } });
    const status = await sync(failing.read, () => later).run();
    const state = await loadTeamState();
    expect(state.openKeys.sort()).toEqual(['github:octo-org/api#2', 'github:octo-org/api#7']);
    expect(state.lastErrors).toEqual([{ message: refused.message, at: later, source: 'octo-org/web' }]);
    expect(state.lastGoodAt).toBe(NOW);
    expect(status.lastErrors).toHaveLength(1);
  });

  it('keeps, through the stored state, which failures the settings fix and which pass by themselves (review leftover 6)', async () => {
    await configure({ githubRepos: ['octo-org/api', 'octo-org/web'] });
    const lacking: FlowError = { code: 'forbidden', message: 'GitHub denied access (403): Resource not accessible by integration.', setup: true };
    const limited: FlowError = { code: 'rate-limited', message: 'GitHub rate limit reached until 10:00 UTC.', retryAt: NOW + HOUR };
    const { read } = reader({ 'octo-org/api': { first: { items: new Map(), error: lacking } }, 'octo-org/web': { first: { items: new Map(), error: limited } } });
    const status = await sync(read).run();
    const kept = [{ message: lacking.message, at: NOW, source: 'octo-org/api', setup: true }, { message: limited.message, at: NOW, source: 'octo-org/web' }];
    expect((await loadTeamState()).lastErrors).toEqual(kept);
    expect(status.lastErrors).toEqual(kept);
  });

  it('keeps every key of a state saved before keys were kept per source when a source fails', async () => {
    await configure({ githubRepos: ['octo-org/api', 'octo-org/web'] });
    await teamStateItem.setValue({ openKeys: ['github:octo-org/web#5'], cycleTimesMs: [MINUTE], lastErrors: [], lastGoodAt: NOW - 60 * MINUTE });
    const refused: FlowError = { code: 'unauthorized', message: 'Add a GitHub token.' };
    const { read } = reader({ 'octo-org/api': { first: pageOf([2]) }, 'octo-org/web': { first: { items: new Map(), error: refused } } });
    await sync(read).run();
    const state = await loadTeamState();
    expect(state.openKeys.sort()).toEqual(['github:octo-org/api#2', 'github:octo-org/web#5']);
    expect(state.cycleTimesMs).toEqual([MINUTE]);
    expect(state.lastGoodAt).toBe(NOW - 60 * MINUTE);
    // And again: a second failure must not lose them either.
    await sync(read, () => NOW + 15 * MINUTE).run();
    expect((await loadTeamState()).openKeys.sort()).toEqual(['github:octo-org/api#2', 'github:octo-org/web#5']);
  });

  it('runs once for two callers', async () => {
    await configure({ githubRepos: ['octo-org/api'] });
    let release!: (page: SourcePage) => void;
    const { read, calls } = reader({ 'octo-org/api': { first: new Promise<SourcePage>((resolve) => (release = resolve)) } });
    const teamSync = sync(read);
    const one = teamSync.run();
    const two = teamSync.run();
    expect(two).toBe(one);
    await expect.poll(() => calls.length).toBe(1);
    expect((await teamSync.status()).running).toBe(true);
    release(pageOf([1]));
    expect(await two).toEqual(await one);
    expect(calls).toHaveLength(2);
    expect((await teamSync.status()).running).toBe(false);
  });

  it('reads at most MAX_PAGES_PER_SOURCE pages of a source, over several slices, and says the rest was cut', async () => {
    await configure({ githubRepos: ['octo-org/api'] });
    let n = 0;
    let clock = NOW;
    const read: ReadPage = async (source) => (source.part === 'open' ? pageOf([++n], `p${n + 1}`) : empty);
    const teamSync = sync(read, () => clock);
    // Each wake-up reads what the pace allows, then the follow-up alarm brings the next.
    for (let wake = 0; wake < 10 && (wake === 0 || (await loadTeamState()).run); wake++) {
      await teamSync.run();
      clock = Math.max(clock, (await loadTeamState()).run?.resumeAt ?? clock);
    }
    const state = await loadTeamState();
    expect(state.openKeys).toHaveLength(MAX_PAGES_PER_SOURCE);
    expect(state.lastErrors[0]!.message).toBe(`Read the first ${MAX_PAGES_PER_SOURCE} pages of “octo-org/api”; narrow the query to sync the rest.`);
    // Narrowing the query is done in the settings.
    expect(state.lastErrors[0]!.setup).toBe(true);
    expect(state.lastGoodAt).toBe(clock);
  });

  it('asks at most PAGES_PER_MINUTE pages in a wake-up, then waits for the pace with an alarm, not a sleep', async () => {
    await configure({ githubRepos: ['octo-org/api'] });
    let n = 0;
    const read: ReadPage = async (source) => (source.part === 'open' ? pageOf([++n], n < 30 ? `p${n + 1}` : undefined) : empty);
    let clock = NOW;
    const teamSync = sync(read, () => clock);
    const status = await teamSync.run();
    expect(n).toBe(PAGES_PER_MINUTE);
    const paused = (await loadTeamState()).run!;
    // The 21st page may be asked a minute after the 1st.
    expect(paused.resumeAt).toBe(NOW + MINUTE);
    expect((await alarms.get(TEAM_SYNC_CONTINUE_ALARM))?.scheduledTime).toBeGreaterThan(Date.now() + MINUTE - 1000);
    // The popup says a sync is under way, and "Sync now" does not jump the pace.
    expect(status).toMatchObject({ running: true, progress: { done: 0, total: 2 } });
    clock = NOW + 30_000;
    await teamSync.run();
    expect(n).toBe(PAGES_PER_MINUTE);
    clock = NOW + MINUTE;
    expect(await teamSync.resume()).toMatchObject({ running: false, lastGoodAt: NOW + MINUTE });
    expect(n).toBe(30);
    expect((await loadTeamState()).openKeys).toHaveLength(30);
    expect(await alarms.get(TEAM_SYNC_CONTINUE_ALARM)).toBeUndefined();
  });

  it('ends a wake-up after SLICE_MS of slow pages and continues at the next', async () => {
    await configure({ githubRepos: ['octo-org/api'] });
    let clock = NOW;
    let n = 0;
    // Each page takes 10 s to answer.
    const read: ReadPage = async (source) => {
      clock += 10_000;
      return source.part === 'open' ? pageOf([++n], n < 8 ? `p${n + 1}` : undefined) : empty;
    };
    const teamSync = sync(read, () => clock);
    await teamSync.run();
    // Pages are asked at 0, 10, 20, 30 and 40 s; none is begun at 45 s or later.
    expect(n).toBe(Math.ceil(SLICE_MS / 10_000));
    expect(clock - NOW).toBeLessThanOrEqual(SLICE_MS + 10_000);
    const { run } = await loadTeamState();
    expect(run?.resumeAt).toBe(clock + 30_000);
    clock = run!.resumeAt!;
    await teamSync.resume();
    expect((await loadTeamState()).openKeys).toHaveLength(8);
  });

  it('a follow-up alarm after the run ended starts no new run', async () => {
    await configure({ githubRepos: ['octo-org/api'] });
    const { read, calls } = reader({ 'octo-org/api': { first: pageOf([1]) } });
    const teamSync = sync(read);
    await teamSync.run();
    expect(await teamSync.resume()).toBeUndefined();
    expect(calls).toHaveLength(2);
  });

  it('does nothing without sources and says the sync is paused', async () => {
    const { read, calls } = reader({});
    expect(await sync(read).run()).toMatchObject({ configured: false, running: false });
    expect(calls).toEqual([]);
  });
});
