import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY } from '../flow/time';
import type { FlowState } from '../flow/model';
import type { TeamItem } from './summary-types';
import { changeCounts, changeText, finishWord, goneKeys, sinceLast, snapshotOf, SNAPSHOT_LIMITS, type Finish, type LookedItem, type LookSnapshot } from './since-last';

const AT = Date.parse('2026-11-24T10:02:00Z');
const pay = (n: number) => `jira:acme.atlassian.net/PAY-${n}`;
const pr = (n: number) => `github:octo-org/api#${n}`;

const looked = (key: string, state: FlowState, blockers?: string[]): LookedItem => ({ key, state, ...(blockers ? { blockers } : {}), title: `Title of ${key}`, url: `https://example.test/${key.length}` });
const snap = (items: LookedItem[], extra: Partial<LookSnapshot> = {}): LookSnapshot => ({ at: AT, items, ...extra });

const row = (key: string, extra: Partial<TeamItem> = {}): TeamItem => ({
  key, source: key.startsWith('jira:') ? 'jira' : 'github', title: `Title of ${key}`, url: 'https://acme.atlassian.net/browse/PAY-1',
  state: 'flowing', ageMs: DAY, people: [], holdsUp: 0, blockedMs: 0, blockedByCluster: {}, ...extra,
});

describe('snapshotOf', () => {
  it('keeps each row\'s key, state, own blockers, title and link, in the summary\'s order', () => {
    const summary = { items: [row(pay(1), { state: 'blocked', blockers: [pay(4)], cause: 'long words' }), row(pr(3), { state: 'waiting', url: 'https://github.com/octo-org/api/pull/3' })] };
    expect(snapshotOf(summary, AT)).toEqual({
      at: AT,
      items: [
        { key: pay(1), state: 'blocked', blockers: [pay(4)], title: `Title of ${pay(1)}`, url: 'https://acme.atlassian.net/browse/PAY-1' },
        { key: pr(3), state: 'waiting', title: `Title of ${pr(3)}`, url: 'https://github.com/octo-org/api/pull/3' },
      ],
    });
  });

  it('stays within its bounds, and says when it left rows out', () => {
    const many = Array.from({ length: SNAPSHOT_LIMITS.items + 5 }, (_, i) => row(pay(i + 1)));
    const long = row(pay(0), { title: 'x'.repeat(500), url: `https://acme.atlassian.net/browse/${'y'.repeat(3000)}`, blockers: Array.from({ length: 30 }, (_, i) => pay(100 + i)) });
    const got = snapshotOf({ items: [long, ...many] }, AT);
    expect(got.items).toHaveLength(SNAPSHOT_LIMITS.items);
    expect(got.partial).toBe(true);
    const [first] = got.items;
    expect(first!.title).toHaveLength(SNAPSHOT_LIMITS.title);
    expect(first!.title.endsWith('…')).toBe(true);
    // A link cut short would lead elsewhere: it is left out instead.
    expect(first!.url).toBe('');
    expect(first!.blockers).toHaveLength(SNAPSHOT_LIMITS.blockers);
    expect(snapshotOf({ items: many.slice(0, 3) }, AT)).not.toHaveProperty('partial');
  });
});

describe('sinceLast', () => {
  it('lists the newly blocked, the items waiting on new ones, the unblocked and the done, in that order', () => {
    const before = snap([looked(pay(1), 'flowing'), looked(pay(2), 'blocked', [pay(9)]), looked(pay(3), 'blocked', [pay(8)]), looked(pr(4), 'waiting'), looked(pr(5), 'flowing'), looked(pay(6), 'waiting')]);
    const now = snap([looked(pay(3), 'blocked', [pay(8), pay(7)]), looked(pay(1), 'blocked', [pay(9)]), looked(pay(2), 'flowing'), looked(pay(6), 'waiting')]);
    const changes = sinceLast(before, now, { [pr(4)]: 'merged' });
    expect(changes.map((c) => [c.kind, c.item.key])).toEqual([
      ['blocked', pay(1)],
      ['new-blockers', pay(3)],
      ['unblocked', pay(2)],
      ['done', pr(4)],
    ]);
    expect(changes[0]).toMatchObject({ was: 'flowing' });
    expect(changes[1]).toMatchObject({ added: [pay(7)], dropped: [] });
    // The unblocked item says what it is now; the done one is named as it was.
    expect(changes[2]!.item.state).toBe('flowing');
    expect(changes[3]!.item).toEqual(before.items[3]);
  });

  it('does not call an item done that merely left the list: the cache must know it ended', () => {
    const before = snap([looked(pr(4), 'waiting'), looked(pr(5), 'blocked')]);
    expect(sinceLast(before, snap([]), {})).toEqual([]);
    expect(sinceLast(before, snap([]), { [pr(5)]: 'closed' })).toEqual([{ kind: 'done', item: before.items[1], how: 'closed' }]);
    // A key the cache speaks of is only a key: an inherited name is not an answer.
    expect(sinceLast(snap([looked('constructor', 'flowing')]), snap([]), {})).toEqual([]);
  });

  it('lists an item new in the list only when it is blocked, and not when the last snapshot left rows out', () => {
    const now = snap([looked(pay(1), 'blocked', [pay(4)]), looked(pay(2), 'waiting')]);
    expect(sinceLast(snap([]), now)).toEqual([{ kind: 'blocked', item: now.items[0] }]);
    expect(sinceLast(snap([], { partial: true }), now)).toEqual([]);
  });

  it('leaves out what only looks like news: blocked before and after with the same or fewer blockers, waiting to failing', () => {
    const before = snap([looked(pay(1), 'blocked', [pay(4), pay(5)]), looked(pay(2), 'waiting'), looked(pay(3), 'blocked')]);
    const now = snap([looked(pay(1), 'blocked', [pay(5)]), looked(pay(2), 'failing'), looked(pay(3), 'blocked')]);
    expect(sinceLast(before, now)).toEqual([]);
  });

  it('says which blockers replaced which', () => {
    const before = snap([looked(pay(1), 'blocked', [pay(4)])]);
    const now = snap([looked(pay(1), 'blocked', [pay(5)])]);
    expect(sinceLast(before, now)).toEqual([{ kind: 'new-blockers', item: now.items[0], added: [pay(5)], dropped: [pay(4)] }]);
  });

  const states = fc.constantFrom<FlowState>('blocked', 'waiting', 'failing', 'flowing', 'unknown');
  const keys = fc.constantFrom(...Array.from({ length: 8 }, (_, i) => pay(i + 1)));
  const items = fc.uniqueArray(fc.record({ key: keys, state: states, blockers: fc.option(fc.uniqueArray(keys, { minLength: 1, maxLength: 3 }), { nil: undefined }) }), { selector: (item) => item.key, maxLength: 8 })
    .map((list) => list.map(({ key, state, blockers }) => looked(key, state, blockers)));
  const snapshots = fc.record({ items, partial: fc.option(fc.constant(true as const), { nil: undefined }) }).map(({ items: list, partial }) => snap(list, partial ? { partial } : {}));
  const finished = fc.dictionary(keys, fc.constantFrom<Finish>('merged', 'closed'));

  it('finds nothing between a snapshot and itself, whatever the cache knows', () => {
    fc.assert(fc.property(snapshots, finished, (s, ended) => sinceLast(s, s, ended).length === 0));
  });

  it('lists each item at most once, each from one side: done items from the last look only, the rest from now', () => {
    fc.assert(
      fc.property(snapshots, snapshots, finished, (before, now, ended) => {
        const changes = sinceLast(before, now, ended);
        const listed = changes.map((c) => c.item.key);
        expect(new Set(listed).size).toBe(listed.length);
        const thenKeys = new Set(before.items.map((i) => i.key));
        const nowKeys = new Set(now.items.map((i) => i.key));
        for (const change of changes) {
          if (change.kind === 'done') {
            expect(thenKeys.has(change.item.key) && !nowKeys.has(change.item.key)).toBe(true);
            expect(ended[change.item.key]).toBe(change.how);
          } else {
            expect(now.items).toContain(change.item);
          }
          if (change.kind === 'blocked') expect(change.item.state).toBe('blocked');
          if (change.kind === 'unblocked') expect(before.items.find((i) => i.key === change.item.key)?.state).toBe('blocked');
        }
        // Every item that left and that the cache knows ended is listed as done.
        const done = goneKeys(before, now).filter((key) => ended[key]);
        expect(changes.filter((c) => c.kind === 'done').map((c) => c.item.key)).toEqual(done);
      }),
    );
  });

  it('lists every item whose state went to or from blocked', () => {
    fc.assert(
      fc.property(snapshots, snapshots, (before, now) => {
        const listed = new Set(sinceLast(before, now).map((c) => c.item.key));
        const then = new Map(before.items.map((i) => [i.key, i.state]));
        for (const item of now.items) {
          const was = then.get(item.key);
          if (was !== undefined && (was === 'blocked') !== (item.state === 'blocked')) expect(listed.has(item.key)).toBe(true);
        }
      }),
    );
  });
});

describe('goneKeys', () => {
  it('names the keys of the last look that are not shown now', () => {
    expect(goneKeys(snap([looked(pay(1), 'flowing'), looked(pay(2), 'blocked')]), snap([looked(pay(2), 'flowing')]))).toEqual([pay(1)]);
  });
});

describe('change words', () => {
  it('says what changed after the item\'s name, its own repository\'s items as #208', () => {
    const blocked = { kind: 'blocked' as const, item: looked(pr(3), 'blocked', [pr(208), 'github:other/lib#9']), was: 'waiting' as const };
    expect(changeText(blocked)).toBe('blocked (was waiting): waits on #208, other/lib#9');
    expect(changeText(blocked, 'in status Blocked')).toBe('blocked (was waiting): in status Blocked');
    expect(changeText({ kind: 'blocked', item: looked(pay(1), 'blocked') })).toBe('blocked (new in the list)');
    expect(changeText({ kind: 'new-blockers', item: looked(pr(3), 'blocked', [pr(208), pr(209)]), added: [pr(209)], dropped: [] })).toBe('now waits on #209 too');
    expect(changeText({ kind: 'new-blockers', item: looked(pay(1), 'blocked', [pay(5)]), added: [pay(5)], dropped: [pay(4)] })).toBe('now waits on PAY-5, no longer on PAY-4');
    expect(changeText({ kind: 'unblocked', item: looked(pay(1), 'waiting') })).toBe('no longer blocked, now waiting');
    expect(changeText({ kind: 'done', item: looked(pr(3), 'waiting'), how: 'merged' })).toBe('merged');
    expect(changeText({ kind: 'done', item: looked(pay(1), 'blocked'), how: 'closed' })).toBe('done');
  });

  it('names how an item ended in its site\'s word', () => {
    expect([finishWord(pr(1), 'merged'), finishWord(pr(1), 'closed'), finishWord(pay(1), 'closed')]).toEqual(['merged', 'closed', 'done']);
  });

  it('counts the changes by kind, leaving out the kinds with none', () => {
    const changes = sinceLast(snap([looked(pay(1), 'flowing'), looked(pay(2), 'flowing'), looked(pay(3), 'waiting')]), snap([looked(pay(1), 'blocked'), looked(pay(2), 'blocked')]), { [pay(3)]: 'closed' });
    expect(changeCounts(changes)).toBe('2 newly blocked · 1 done');
    expect(changeCounts([])).toBe('');
  });
});
