import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { WorkItem } from '../flow/model';
import { pullItem } from '../flow/testing/items';
import { FlowCache } from '../storage/cache';
import { memoryRecordStore } from '../storage/record-store';
import { DEFAULT_SETTINGS, type Settings } from '../storage/settings';
import { EMPTY_TEAM_STATE } from '../team/team-state';
import { createTeamNotifier, notificationUrl, type NotifyApi } from './team-notify';
import { HOUR } from '../flow/time';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const ON: Settings = { ...DEFAULT_SETTINGS, notifications: { enabled: true, blockedLongerThanHours: 48, upstreamResolved: true }, team: { ...DEFAULT_SETTINGS.team, me: ['Me'] } };

/** A pull request labelled "blocked" at `since`. */
function blockedPull(n: number, since: string, extra: Partial<WorkItem> = {}): WorkItem {
  const base = pullItem(n);
  return { ...base, signals: { ...base.signals, labels: ['blocked'] }, timeline: [...base.timeline, { type: 'labeled', at: since, label: 'blocked' }], ...extra };
}

type Created = { id: string; title: string; message: string };

function setup(granted = true, refresh?: (keys: string[]) => Promise<void>) {
  const cache = new FlowCache(memoryRecordStore());
  const created: Created[] = [];
  // The fake browser has notifications.create but no permissions.contains: both are injected here.
  const api: NotifyApi = {
    granted: async () => granted,
    create: async (id, options) => {
      created.push({ id, title: options.title, message: options.message });
      return fakeBrowser.notifications.create(id, options);
    },
  };
  let now = NOW;
  const notify = createTeamNotifier({ cache: async () => cache, now: () => now, api, iconUrl: 'chrome-extension://x/icon/128.png', summaryUrl: 'chrome-extension://x/popup.html', ...(refresh ? { refresh } : {}) });
  const put = (items: WorkItem[], at = now) => cache.write('item', items.map((item) => ({ key: item.key, value: { item } })), at);
  const sync = (openKeys: string[], settings = ON) => notify({ settings, previous: EMPTY_TEAM_STATE, state: { ...EMPTY_TEAM_STATE, openKeys } });
  return { created, put, sync, later: (ms: number) => (now += ms) };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('blocked-too-long notifications', () => {
  it('opens the item’s own page on a click, never a URL the answer chose', async () => {
    const { created, put, sync } = setup();
    const phishing = blockedPull(1, '2026-11-25T12:00:00Z', { url: 'https://evil.example/login' });
    const script = blockedPull(2, '2026-11-25T12:00:00Z', { url: 'javascript:alert(1)' });
    const ghe = blockedPull(3, '2026-11-25T12:00:00Z', { key: 'github:ghe.corp.example/team/svc#3', url: 'https://github.com/victim/private/issues/1' });
    await put([phishing, script, ghe]);
    await sync([phishing.key, script.key, ghe.key]);
    expect(created.map((c) => notificationUrl(c.id, 'chrome-extension://x'))).toEqual([
      'https://github.com/octo-org/api/issues/1', 'https://github.com/octo-org/api/issues/2', 'https://ghe.corp.example/team/svc/issues/3',
    ]);
  });

  it('tells once per blocked interval, and again when the item is blocked anew', async () => {
    const { created, put, sync, later } = setup();
    await put([blockedPull(1, '2026-11-25T12:00:00Z'), blockedPull(2, '2026-11-28T00:00:00Z')]);
    await sync(['github:octo-org/api#1', 'github:octo-org/api#2']);
    expect(created.map((c) => c.title)).toEqual(['Blocked for 3 days: Change 1']);
    expect(notificationUrl(created[0]!.id, 'chrome-extension://x')).toBe('https://github.com/octo-org/api/pull/1');
    later(HOUR);
    await sync(['github:octo-org/api#1', 'github:octo-org/api#2']);
    expect(created).toHaveLength(1);
    const base = blockedPull(1, '2026-11-25T12:00:00Z');
    const reblocked = { ...base, timeline: [...base.timeline, { type: 'unlabeled' as const, at: '2026-11-26T00:00:00Z', label: 'blocked' }, { type: 'labeled' as const, at: '2026-11-26T06:00:00Z', label: 'blocked' }] };
    await put([reblocked]);
    await sync(['github:octo-org/api#1']);
    expect(created.map((c) => c.title)).toEqual(['Blocked for 3 days: Change 1', 'Blocked for 2 days: Change 1']);
  });

  it('shows at most three, the last grouping the rest', async () => {
    const { created, put, sync } = setup();
    const items = [1, 2, 3, 4, 5].map((n) => blockedPull(n, '2026-11-20T12:00:00Z'));
    await put(items);
    await sync(items.map((i) => i.key));
    expect(created.map((c) => c.title)).toEqual(['Blocked for 8 days: Change 1', 'Blocked for 8 days: Change 2', 'And 3 more']);
    expect(notificationUrl(created[2]!.id, 'chrome-extension://x')).toBe('chrome-extension://x/popup.html');
    expect(Object.keys(fakeBrowser.notifications.getAllCreateOptions())).toHaveLength(3);
  });

  it('stays silent when turned off or when the permission is not granted', async () => {
    const off = setup();
    await off.put([blockedPull(1, '2026-11-20T12:00:00Z')]);
    await off.sync(['github:octo-org/api#1'], { ...ON, notifications: { ...ON.notifications, enabled: false } });
    expect(off.created).toEqual([]);
    const refused = setup(false);
    await refused.put([blockedPull(1, '2026-11-20T12:00:00Z')]);
    await expect(refused.sync(['github:octo-org/api#1'])).resolves.toBeUndefined();
    expect(refused.created).toEqual([]);
  });
});

describe('upstream-resolved notifications', () => {
  const blocker = pullItem(50, { title: 'Schema migration', assignees: [], author: { id: 'other', name: 'other' } });
  const mine = pullItem(2, { title: 'Payment retries', assignees: [{ id: 'me', name: 'Me' }], upstream: [{ key: blocker.key, kind: 'blocked-by', open: true }] });

  it('tells when a blocker of my item that was open last time is closed now', async () => {
    const { created, put, sync, later } = setup();
    await put([mine, blocker]);
    await sync([mine.key]);
    expect(created).toEqual([]);
    later(15 * 60_000);
    await put([{ ...blocker, state: 'merged', resolvedAt: '2026-11-28T12:05:00Z' }]);
    await sync([mine.key]);
    expect(created.map((c) => [c.title, c.message])).toEqual([['Schema migration is done', 'Payment retries can move.']]);
    expect(notificationUrl(created[0]!.id, 'chrome-extension://x')).toBe(mine.url);
    await sync([mine.key]);
    expect(created).toHaveLength(1);
  });

  it('reads blockers outside the team sources, so another team’s item closing is seen', async () => {
    const asked: string[][] = [];
    let merged = false;
    const refresh = async (keys: string[]) => {
      asked.push(keys);
      await put([merged ? { ...blocker, state: 'merged', resolvedAt: '2026-11-28T12:05:00Z' } : blocker]);
    };
    const { created, put, sync } = setup(true, refresh);
    const fromBody = { ...mine, upstream: [{ key: blocker.key, kind: 'depends-on' as const }] };
    await put([fromBody]);
    await sync([fromBody.key]);
    expect(asked).toEqual([[blocker.key]]);
    merged = true;
    await sync([fromBody.key]);
    expect(asked).toEqual([[blocker.key], [blocker.key]]);
    expect(created.map((c) => c.title)).toEqual(['Schema migration is done']);
  });

  it('says nothing of blockers of other people’s items', async () => {
    const { created, put, sync } = setup();
    const theirs = { ...mine, assignees: [{ id: 'bob', name: 'bob' }], author: { id: 'bob', name: 'bob' } };
    await put([theirs, blocker]);
    await sync([theirs.key]);
    await put([{ ...blocker, state: 'merged', resolvedAt: '2026-11-28T12:05:00Z' }]);
    await sync([theirs.key]);
    expect(created).toEqual([]);
  });
});

describe('notification clicks', () => {
  it('open only https pages and our own pages', () => {
    expect(notificationUrl('flowlens|1-0|https://github.com/a/b/pull/1', 'chrome-extension://x')).toBe('https://github.com/a/b/pull/1');
    expect(notificationUrl('flowlens|1-0|javascript:alert(1)', 'chrome-extension://x')).toBeUndefined();
    expect(notificationUrl('other|https://example.com', 'chrome-extension://x')).toBeUndefined();
  });
});
