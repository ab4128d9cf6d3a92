import { describe, expect, it } from 'vitest';
import { acceptRequest } from '../messaging';
import { FlowCache } from '../storage/cache';
import { memoryRecordStore } from '../storage/record-store';
import type { WorkItem } from '../flow/model';
import type { TeamItem } from '../team/summary-types';
import { SNAPSHOT_LIMITS, snapshotOf, type LookSnapshot } from '../team/since-last';
import { createLookedAnswer, LOOKED_KEY, readLook } from './looked-answer';

const NOW = Date.parse('2026-11-24T10:02:00Z');
const self = { id: 'flowlens-id', origin: 'chrome-extension://flowlens-id' };
const popup = { id: 'flowlens-id', url: 'chrome-extension://flowlens-id/popup.html' };
const contentScript = { id: 'flowlens-id', url: 'https://github.com/octo-org/api/pulls', tab: { id: 3 } };

const pr = (n: number) => `github:octo-org/api#${n}`;
const look = (at: number, rows: [string, LookSnapshot['items'][number]['state']][]): LookSnapshot => ({ at, items: rows.map(([key, state]) => ({ key, state, title: `Title ${key}`, url: 'https://github.com/octo-org/api/pull/1' })) });

/** A cached item of `key` in the `state` its source gave. */
const cachedItem = (key: string, state: WorkItem['state']) => ({ key, value: { item: { key, state } as WorkItem } });

function setUp() {
  const cache = new FlowCache(memoryRecordStore());
  let now = NOW;
  const looked = createLookedAnswer({ cache: async () => cache, now: () => now });
  return { cache, looked, later: (ms: number) => (now += ms) };
}

describe('team/looked', () => {
  it('answers no look the first time, then the one kept before, and keeps each new one', async () => {
    const { cache, looked } = setUp();
    const first = look(NOW, [[pr(1), 'blocked']]);
    expect(await looked(first)).toEqual({ ok: true, data: { finished: {} } });
    const second = look(NOW + 60_000, [[pr(1), 'flowing']]);
    expect(await looked(second)).toEqual({ ok: true, data: { before: first, finished: {} } });
    expect((await cache.read('looked', [LOOKED_KEY], NOW, Infinity)).get(LOOKED_KEY)?.value).toEqual(second);
  });

  it('says from the cache how the items that left ended, and of the keys asked about: merged or closed, never open', async () => {
    const { cache, looked } = setUp();
    await cache.write('item', [cachedItem(pr(1), 'merged'), cachedItem(pr(2), 'open'), cachedItem(pr(3), 'closed'), cachedItem(pr(9), 'closed')], NOW);
    await looked(look(NOW, [[pr(1), 'waiting'], [pr(2), 'flowing'], [pr(3), 'blocked'], [pr(4), 'flowing'], [pr(5), 'flowing']]));
    // PAY-2 left the sources but is open; #4 the cache does not hold; #9 was not in the look but is asked about.
    const got = await looked(look(NOW + 1, [[pr(5), 'flowing']]), [pr(9)]);
    expect(got).toMatchObject({ ok: true, data: { finished: { [pr(1)]: 'merged', [pr(3)]: 'closed', [pr(9)]: 'closed' } } });
  });

  it('keeps the looks in the order they came, when two are sent at once', async () => {
    const { cache, looked } = setUp();
    const [a, b] = [look(NOW, [[pr(1), 'blocked']]), look(NOW + 1, [[pr(2), 'blocked']])];
    const [first, second] = await Promise.all([looked(a), looked(b)]);
    expect(first).toEqual({ ok: true, data: { finished: {} } });
    expect(second).toEqual({ ok: true, data: { before: a, finished: {} } });
    expect((await cache.read('looked', [LOOKED_KEY], NOW, Infinity)).get(LOOKED_KEY)?.value).toEqual(b);
  });

  it('goes with "Clear cache": the look holds titles', async () => {
    const { cache, looked } = setUp();
    await looked(look(NOW, [[pr(1), 'blocked']]));
    await cache.clear();
    expect(await looked(look(NOW + 1, []))).toEqual({ ok: true, data: { finished: {} } });
  });
});

describe('readLook: the stored look, validated', () => {
  it('drops a broken row alone and marks the look partial, so no row is taken for new', () => {
    const stored = { at: NOW, items: [{ key: pr(1), state: 'blocked', title: 'A', url: '' }, { key: pr(2), state: 'stuck', title: 'B', url: '' }, 'junk'] };
    expect(readLook(stored)).toEqual({ at: NOW, items: [{ key: pr(1), state: 'blocked', title: 'A', url: '' }], partial: true });
  });

  it('lets a broken `partial` fall back alone', () => {
    expect(readLook({ at: NOW, items: [], partial: 'yes' })).toEqual({ at: NOW, items: [] });
  });

  it.each([[undefined], [null], ['text'], [{ items: [] }], [{ at: -1, items: [] }], [{ at: NOW, items: 'many' }]])('takes %j for no look', (stored) => {
    expect(readLook(stored)).toBeUndefined();
  });
});

describe('team/looked at the message boundary', () => {
  const row = (n: number, extra: Partial<TeamItem> = {}): TeamItem => ({
    key: `github:octo-org/api#${n}`, source: 'github', title: 'x'.repeat(400), url: `https://github.com/octo-org/api/pull/${n}`, state: 'blocked', ageMs: 0, people: [], holdsUp: 0, blockedMs: 0, blockedByCluster: {},
    blockers: Array.from({ length: 40 }, (_, i) => `github:octo-org/api#${1000 + i}`), ...extra,
  });

  it('accepts the largest look the popup makes, from an extension page only', () => {
    const seen = snapshotOf({ items: Array.from({ length: SNAPSHOT_LIMITS.items + 10 }, (_, i) => row(i + 1)) }, NOW);
    expect(acceptRequest({ type: 'team/looked', seen }, popup, self)).toEqual({ ok: true, data: { type: 'team/looked', seen } });
    expect(acceptRequest({ type: 'team/looked', seen }, contentScript, self)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it.each([
    ['too many rows', { at: NOW, items: Array.from({ length: SNAPSHOT_LIMITS.items + 1 }, () => ({ key: pr(1), state: 'blocked', title: '', url: '' })) }],
    ['a state that is none', { at: NOW, items: [{ key: pr(1), state: 'error', title: '', url: '' }] }],
    ['a title too long', { at: NOW, items: [{ key: pr(1), state: 'blocked', title: 'x'.repeat(SNAPSHOT_LIMITS.title + 1), url: '' }] }],
    ['no time', { items: [] }],
  ])('refuses a look with %s', (_, seen) => {
    expect(acceptRequest({ type: 'team/looked', seen }, popup, self)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
