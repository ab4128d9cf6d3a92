import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DAY } from '../../lib/flow/time';
import type { Request } from '../../lib/protocol';
import { fakeClient } from '../../lib/testing/fake-client';
import type { LookSnapshot } from '../../lib/team/since-last';
import type { TeamItem, TeamSummaryAnswer } from '../../lib/team/summary-types';
import type { SyncStatus } from '../../lib/team/team-state';
import { Popup } from '../Popup';
import { FIRST_CHANGES, lookedTime, SinceLast } from './SinceLast';

const NOW = Date.parse('2026-11-24T10:30:00Z');
const LOOKED = Date.parse('2026-11-24T10:02:00Z');
const pay = (n: number) => `jira:acme.atlassian.net/PAY-${n}`;

const row = (n: number, extra: Partial<TeamItem> = {}): TeamItem => ({
  key: pay(n), source: 'jira', title: `Ticket ${n}`, url: `https://acme.atlassian.net/browse/PAY-${n}`,
  state: 'flowing', ageMs: n * DAY, people: ['Priya'], holdsUp: 0, blockedMs: 0, blockedByCluster: {}, ...extra,
});
const blocked1 = row(1, { state: 'blocked', since: '2026-11-24T08:00:00Z', blockers: [pay(4)], headCause: 'waits on PAY-4', cause: 'Blocked since today: blocked by PAY-4.' });

const sync: SyncStatus = { configured: true, running: false, lastGoodAt: NOW - 60_000, lastErrors: [] };
const answer = (items: TeamItem[], at = NOW): TeamSummaryAnswer => ({
  summary: { at, items, people: ['Priya'], clusters: [], criticalPath: { steps: [], ageMs: 0 }, topHolders: [] },
  sync,
});

/** A look as the popup kept it. */
const look = (rows: [number, TeamItem['state'], string[]?][], at = LOOKED): LookSnapshot => ({
  at, items: rows.map(([n, state, blockers]) => ({ key: pay(n), state, ...(blockers ? { blockers } : {}), title: `Ticket ${n}`, url: `https://acme.atlassian.net/browse/PAY-${n}` })),
});

const looks = (sent: readonly Request[]) => sent.filter((r): r is Extract<Request, { type: 'team/looked' }> => r.type === 'team/looked');
const exporter = () => ({ copy: vi.fn(async (_text: string) => {}), download: vi.fn() });
const time = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const lookTime = (ms: number) => `Tue ${time(ms)}`;

afterEach(cleanup);

describe('Since you last looked, in the popup', () => {
  it('lists what changed since the last look: newly blocked, unblocked, done, new blockers, each linked to its item', async () => {
    const before = look([[1, 'flowing'], [2, 'blocked'], [3, 'blocked', [pay(8)]], [7, 'waiting'], [9, 'flowing']]);
    const { send, sent } = fakeClient({
      'team/summary': () => ({ ok: true, data: answer([blocked1, row(3, { state: 'blocked', blockers: [pay(8), pay(6)] }), row(2, { state: 'waiting' })]) }),
      'team/sync': () => new Promise(() => {}),
      // PAY-7 was resolved; PAY-9 merely left the team's sources.
      'team/looked': () => ({ ok: true, data: { before, finished: { [pay(7)]: 'closed' } } }),
    });
    render(<Popup send={send} exporter={exporter()} now={() => NOW} time={time} lookTime={lookTime} />);
    const section = await screen.findByRole('region', { name: 'Since you last looked (Tue 10:02)' });
    expect(within(section).getByText('1 newly blocked · 1 with new blockers · 1 unblocked · 1 done')).toBeTruthy();
    const entries = within(section).getAllByRole('listitem');
    expect(entries.map((li) => li.textContent)).toEqual([
      'PAY-1blocked (was flowing): waits on PAY-4',
      'PAY-3now waits on PAY-6 too',
      'PAY-2no longer blocked, now waiting',
      'PAY-7done',
    ]);
    // The link names the item as the rows do, opens its own page in a new tab.
    const link = within(entries[3]!).getByRole('link', { name: 'PAY-7 Ticket 7' });
    expect(link.getAttribute('href')).toBe('https://acme.atlassian.net/browse/PAY-7');
    expect(link.getAttribute('target')).toBe('_blank');
    // What the popup showed is kept as the next look, and the background is asked nothing else.
    const [kept] = looks(sent);
    expect(kept!.seen).toEqual({ at: NOW, items: [
      { key: pay(1), state: 'blocked', blockers: [pay(4)], title: 'Ticket 1', url: 'https://acme.atlassian.net/browse/PAY-1' },
      { key: pay(3), state: 'blocked', blockers: [pay(8), pay(6)], title: 'Ticket 3', url: 'https://acme.atlassian.net/browse/PAY-3' },
      { key: pay(2), state: 'waiting', title: 'Ticket 2', url: 'https://acme.atlassian.net/browse/PAY-2' },
    ] });
    expect(kept).not.toHaveProperty('gone');
  });

  it('says so in one quiet line when nothing changed, and on the first look ever', async () => {
    const quiet = async (data: unknown) => {
      const { send } = fakeClient({ 'team/summary': () => ({ ok: true, data: answer([blocked1]) }), 'team/sync': () => new Promise(() => {}), 'team/looked': () => ({ ok: true, data }) });
      render(<Popup send={send} exporter={exporter()} now={() => NOW} time={time} lookTime={lookTime} />);
      const line = await screen.findByTestId('since-last');
      expect(line.tagName).toBe('P');
      expect(screen.queryByRole('region', { name: /Since you last looked/ })).toBeNull();
      const text = line.textContent;
      cleanup();
      return text;
    };
    expect(await quiet({ before: look([[1, 'blocked', [pay(4)]]]), finished: {} })).toBe('Nothing changed since you last looked (Tue 10:02).');
    expect(await quiet({ finished: {} })).toBe('What changes from now on will show here the next time you open FlowLens.');
    // A look at an empty list (no team yet) is none to compare with: the blocked item is not "new".
    expect(await quiet({ before: look([]), finished: {} })).toBe('What changes from now on will show here the next time you open FlowLens.');
  });

  it('compares the summary a sync brings in with the same last look, and asks how the items that left since ended', async () => {
    let synced = false;
    let releaseSync = () => {};
    const before = look([[1, 'flowing'], [5, 'waiting']]);
    const { send, sent } = fakeClient({
      'team/summary': () => ({ ok: true, data: synced ? answer([blocked1], NOW + 1000) : answer([blocked1, row(5, { state: 'waiting' })]) }),
      'team/sync': () => new Promise((resolve) => (releaseSync = () => { synced = true; resolve({ ok: true, data: sync }); })),
      // Each look is answered with the one kept before it: the first with the last popup's, the next with this one's.
      'team/looked': (request) => {
        const first = looks(sent).length === 1;
        return { ok: true, data: first ? { before, finished: {} } : { before: looks(sent)[0]!.seen, finished: request.gone?.includes(pay(5)) ? { [pay(5)]: 'closed' } : {} } };
      },
    });
    render(<Popup send={send} exporter={exporter()} now={() => NOW} time={time} lookTime={lookTime} />);
    await screen.findByRole('region', { name: /Since you last looked/ });
    expect(screen.getAllByTestId('since-item').map((li) => li.dataset.key)).toEqual([pay(1)]);
    releaseSync();
    await waitFor(() => expect(screen.getAllByTestId('since-item').map((li) => li.dataset.key)).toEqual([pay(1), pay(5)]));
    expect(screen.getAllByTestId('since-item')[1]!.dataset.kind).toBe('done');
    expect(looks(sent).map((r) => r.gone)).toEqual([undefined, [pay(5)]]);
  });

  it('shows nothing of it when the last look cannot be read, and nothing before there are items', async () => {
    // The look is not scripted: the fake background answers it with a failure.
    const { send, sent } = fakeClient({ 'team/summary': () => ({ ok: true, data: answer([blocked1]) }), 'team/sync': () => new Promise(() => {}) });
    render(<Popup send={send} exporter={exporter()} now={() => NOW} time={time} />);
    await screen.findAllByTestId('stuck-item');
    await waitFor(() => expect(looks(sent)).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByTestId('since-last')).toBeNull();
    cleanup();
    const empty = fakeClient({ 'team/summary': () => ({ ok: true, data: { ...answer([]), sync: { ...sync, configured: false } } }), 'team/looked': () => ({ ok: true, data: { finished: {} } }) });
    render(<Popup send={empty.send} exporter={exporter()} now={() => NOW} time={time} />);
    await screen.findByTestId('empty-state');
    await waitFor(() => expect(looks(empty.sent)).toHaveLength(1));
    expect(screen.queryByTestId('since-last')).toBeNull();
  });
});

describe('SinceLast', () => {
  const many = Array.from({ length: FIRST_CHANGES + 3 }, (_, i) => ({ kind: 'blocked' as const, item: { key: pay(i + 1), state: 'blocked' as const, title: `Ticket ${i + 1}`, url: `https://acme.atlassian.net/browse/PAY-${i + 1}` }, was: 'flowing' as const }));

  it('shows the first changes, then all of them on "Show all", as a list of links reachable by keyboard', () => {
    render(<SinceLast since={{ at: LOOKED, changes: many }} items={[]} time={lookTime} />);
    expect(screen.getByRole('heading', { level: 2, name: 'Since you last looked (Tue 10:02)' })).toBeTruthy();
    expect(screen.getAllByRole('link')).toHaveLength(FIRST_CHANGES);
    for (const link of screen.getAllByRole('link')) expect(link.getAttribute('tabindex')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: `Show all ${many.length} changes` }));
    expect(screen.getAllByRole('link')).toHaveLength(many.length);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('links only to https pages, and names an item without one in text', () => {
    const change = { kind: 'done' as const, item: { key: pay(1), state: 'waiting' as const, title: 'Ticket 1', url: 'javascript:alert(1)' }, how: 'closed' as const };
    render(<SinceLast since={{ at: LOOKED, changes: [change] }} items={[]} time={lookTime} />);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByTestId('since-item').textContent).toBe('PAY-1 Ticket 1done');
  });

  it('reads keys as the rows do: `#7` when the rows and the changed items are of one repository', () => {
    const change = { kind: 'unblocked' as const, item: { key: 'github:octo-org/api#7', state: 'flowing' as const, title: 'Seven', url: 'https://github.com/octo-org/api/pull/7' } };
    render(<SinceLast since={{ at: LOOKED, changes: [change] }} items={[]} time={lookTime} />);
    expect(screen.getByRole('link', { name: 'octo-org/api#7 Seven' }).textContent).toBe('#7');
    cleanup();
    // A done pull request of another repository than the rows' reads with its repository.
    render(<SinceLast since={{ at: LOOKED, changes: [change] }} items={[{ ...row(1), key: 'github:octo-org/web#1', source: 'github' }]} time={lookTime} />);
    expect(screen.getByRole('link', { name: 'octo-org/api#7 Seven' }).textContent).toBe('api#7');
  });
});

describe('lookedTime', () => {
  it('says the weekday within the past week, else the date', () => {
    expect(lookedTime(LOOKED, NOW)).toBe(new Date(LOOKED).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' }));
    expect(lookedTime(LOOKED - 10 * DAY, NOW)).toBe(new Date(LOOKED - 10 * DAY).toLocaleString([], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }));
  });
});
