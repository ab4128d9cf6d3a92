import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FlowView } from '../lib/flow-view';
import type { Request } from '../lib/protocol';
import { fakeClient } from '../lib/testing/fake-client';
import type { TeamItem, TeamSummaryAnswer } from '../lib/team/summary-types';
import type { SyncStatus } from '../lib/team/team-state';
import { render as renderNow } from 'preact';
import { FlowCard } from './FlowCard';
import { pointsText, Popup, StatusList } from './Popup';
import { DAY } from '../lib/flow/time';
import { headOf } from '../lib/team/first-paint';

const NOW = Date.parse('2026-11-20T09:00:00Z');

const row = (n: number, extra: Partial<TeamItem> = {}): TeamItem => ({
  key: `jira:acme.atlassian.net/PAY-${n}`, source: 'jira', title: `Ticket ${n}`, url: `https://acme.atlassian.net/browse/PAY-${n}`,
  state: 'flowing', ageMs: n * DAY, people: ['Priya'], holdsUp: 0, blockedMs: 0, blockedByCluster: {}, ...extra,
});

const blocked = row(1, {
  state: 'blocked', since: '2026-11-17T09:00:00Z', title: 'Refund <b>flow</b> | v2', cause: 'Blocked since Tue 17 Nov: blocked by OPS-9.', cluster: 'external',
  owner: 'Priya', move: { text: 'Ask the OPS team for a date.', level: 'P3' }, blockedMs: 3 * DAY, blockedByCluster: { external: 3 * DAY }, holdsUp: 2,
});
const waiting = row(2, {
  key: 'github:octo-org/api#2', source: 'github', url: 'https://github.com/octo-org/api/pull/2', state: 'waiting', since: '2026-11-19T09:00:00Z',
  cause: 'Waiting for review from @carol since Thu 19 Nov.', owner: 'bob', people: ['bob', 'carol'], move: { text: 'Ask @carol for a review.', level: 'P2' },
  blockedMs: DAY, blockedByCluster: { review: DAY },
});

const sync: SyncStatus = { configured: true, running: false, lastGoodAt: NOW - 3_600_000, lastErrors: [] };
const answer = (items: TeamItem[], status: Partial<SyncStatus> = {}): TeamSummaryAnswer => ({
  summary: {
    at: NOW, items, people: ['bob', 'carol', 'Priya'],
    clusters: [{ cluster: 'external', blockedMs: 3 * DAY, items: 1 }, { cluster: 'review', blockedMs: DAY, items: 1 }],
    percentiles: { p50: 2 * DAY, p70: 4 * DAY, p85: 6 * DAY, p95: 10 * DAY, sample: 20 },
    criticalPath: { steps: [{ key: 'jira:acme.atlassian.net/OPS-9', title: 'OPS-9' }, { key: blocked.key, title: blocked.title, url: blocked.url }], ageMs: 5 * DAY },
    topHolders: [{ key: blocked.key, title: blocked.title, url: blocked.url, holdsUp: 2 }],
  },
  sync: { ...sync, ...status },
});

/** The count tiles' text: "1 blocked". */
const tiles = () => [...screen.getByTestId('counts').querySelectorAll('button')].map((button) => button.textContent);

/** The types of the requests sent, in order. */
const types = (sent: readonly Request[]) => sent.map((request) => request.type);
/** The team requests sent, in order, but the looks ("Since you last looked" sends one per summary shown). */
const teamAsks = (sent: readonly Request[]) => types(sent).filter((t) => t.startsWith('team/') && t !== 'team/looked');

const time = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const exporter = () => ({ copy: vi.fn(async (_text: string) => {}), download: vi.fn() });

afterEach(cleanup);

describe('Popup', () => {
  it('paints the cached summary first, then syncs and paints again', async () => {
    let synced = false;
    let releaseSync = () => {};
    const { send, sent } = fakeClient({
      'team/summary': () => ({ ok: true, data: synced ? answer([blocked, waiting, row(3)], { lastGoodAt: NOW }) : answer([blocked, row(3)]) }),
      'team/sync': () => new Promise((resolve) => (releaseSync = () => { synced = true; resolve({ ok: true, data: { ...sync, lastGoodAt: NOW } }); })),
    });
    render(<Popup send={send} exporter={exporter()} now={() => NOW} time={time} />);
    await screen.findByText('Syncing…');
    expect(screen.getAllByTestId('stuck-item').map((li) => li.dataset.key)).toEqual([blocked.key]);
    expect(screen.getByTestId('sync-line').textContent).toContain('Last synced 08:00.');
    releaseSync();
    await waitFor(() => expect(screen.getAllByTestId('stuck-item')).toHaveLength(2));
    expect(screen.getAllByTestId('stuck-item').map((li) => li.dataset.key)).toEqual([blocked.key, waiting.key]);
    expect(screen.getByTestId('sync-line').textContent).toBe('Last synced 09:00.');
    expect(teamAsks(sent)).toEqual(['team/summary', 'team/sync', 'team/summary']);
  });

  it('paints from the answer the page asked for before rendering, without asking again', async () => {
    const { send, sent } = fakeClient({ 'team/summary': () => ({ ok: true, data: answer([blocked]) }) });
    const first = Promise.resolve({ ok: true as const, data: answer([blocked, waiting]) });
    render(<Popup send={send} first={first} exporter={exporter()} now={() => NOW} time={time} />);
    await screen.findByText(/Could not sync/);
    expect(screen.getAllByTestId('stuck-item')).toHaveLength(2);
    expect(teamAsks(sent)).toEqual(['team/sync']);
  });

  it('paints the kept copy\'s head at once, marked as such, then the whole copy, then the answer', async () => {
    let answerNow: (value: { ok: true; data: TeamSummaryAnswer }) => void = () => {};
    const first = new Promise<{ ok: true; data: TeamSummaryAnswer }>((resolve) => (answerNow = resolve));
    const { send, sent } = fakeClient({ 'team/sync': () => new Promise(() => {}), 'team/looked': () => ({ ok: true, data: {} }) });
    const copy = { ...answer([blocked]), summary: { ...answer([blocked]).summary, at: NOW - 2 * 3_600_000 } };
    let readCopy = () => {};
    const whole = new Promise<TeamSummaryAnswer>((resolve) => (readCopy = () => resolve(copy)));
    render(<Popup send={send} first={first} head={headOf(copy)} readCopy={() => whole} exporter={exporter()} now={() => NOW} time={time} />);
    expect(screen.getAllByTestId('stuck-item').map((li) => li.dataset.key)).toEqual([blocked.key]);
    expect(screen.getByTestId('summary-copy').textContent).toBe('As of 07:00; updating…');
    expect(screen.getByTestId('sync-line').textContent).toContain('Last synced 08:00.');
    // The head is no look: only a whole summary is kept as the last one seen.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(types(sent)).not.toContain('team/looked');
    expect(screen.queryByTestId('aging-chart')).toBeNull();
    readCopy();
    await screen.findByTestId('aging-chart');
    expect(screen.getByTestId('summary-copy')).toBeTruthy();
    await waitFor(() => expect(types(sent)).toContain('team/looked'));
    answerNow({ ok: true, data: answer([blocked, waiting]) });
    await waitFor(() => expect(screen.getAllByTestId('stuck-item')).toHaveLength(2));
    expect(screen.queryByTestId('summary-copy')).toBeNull();
  });

  it('keeps a fresh answer that came at once for after the head is painted, so the first paint is not delayed', async () => {
    const { send } = fakeClient({ 'team/sync': () => new Promise(() => {}) });
    const copy = answer([blocked]);
    let framed = false;
    requestAnimationFrame(() => (framed = true));
    render(<Popup send={send} first={Promise.resolve({ ok: true, data: answer([blocked, waiting]) })} head={headOf(copy)} readCopy={async () => copy} exporter={exporter()} now={() => NOW} time={time} />);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(framed).toBe(false);
    expect(screen.getAllByTestId('stuck-item')).toHaveLength(1);
    await waitFor(() => expect(screen.getAllByTestId('stuck-item')).toHaveLength(2));
    expect(framed).toBe(true);
  });

  it('keeps the summary shown when the fresh answer names the same one, and takes its sync status', async () => {
    const { send } = fakeClient({ 'team/sync': () => new Promise(() => {}) });
    const copy = answer([blocked]);
    copy.summary.id = 'summary-1';
    // The same summary, reused by the background; its rows differ here only to show which is on screen.
    const fresh = answer([blocked, waiting], { lastGoodAt: NOW });
    fresh.summary.id = 'summary-1';
    render(<Popup send={send} first={Promise.resolve({ ok: true, data: fresh })} head={headOf(copy)} readCopy={async () => copy} exporter={exporter()} now={() => NOW} time={time} />);
    await waitFor(() => expect(screen.queryByTestId('summary-copy')).toBeNull());
    expect(screen.getByTestId('sync-line').textContent).toContain('Last synced 09:00.');
    expect(screen.getAllByTestId('stuck-item').map((li) => li.dataset.key)).toEqual([blocked.key]);
  });

  it('takes the fresh summary when it names another one', async () => {
    const { send } = fakeClient({ 'team/sync': () => new Promise(() => {}) });
    const copy = answer([blocked]);
    copy.summary.id = 'summary-1';
    const fresh = answer([blocked, waiting], { lastGoodAt: NOW });
    fresh.summary.id = 'summary-2';
    render(<Popup send={send} first={Promise.resolve({ ok: true, data: fresh })} head={headOf(copy)} readCopy={async () => copy} exporter={exporter()} now={() => NOW} time={time} />);
    await waitFor(() => expect(screen.getAllByTestId('stuck-item')).toHaveLength(2));
    expect(screen.getByTestId('sync-line').textContent).toContain('Last synced 09:00.');
  });

  it('paints what fits a popup in the first frame (10 rows, the counts of every item), then the other rows and the charts', async () => {
    const { send } = fakeClient({ 'team/sync': () => new Promise(() => {}) });
    const many = Array.from({ length: 40 }, (_, i) => row(i + 10, { state: i < 36 ? 'blocked' : 'waiting', since: '2026-11-17T09:00:00Z' }));
    const copy = answer(many);
    // Preact's own render, not the testing library's (which runs effects at once, as if painted).
    const root = document.body.appendChild(document.createElement('div'));
    try {
      renderNow(<Popup send={send} first={new Promise(() => {})} head={headOf(copy)} readCopy={async () => copy} exporter={exporter()} now={() => NOW} time={time} />, root);
      expect(screen.getAllByTestId('stuck-item')).toHaveLength(10);
      expect(tiles()).toEqual(['36 blocked', '4 waiting', '0 failing']);
      expect(screen.getByRole('heading', { name: /Blocked, waiting and failing/ }).textContent).toContain('40 of 40 open');
      expect(screen.queryByTestId('aging-chart')).toBeNull();
      await waitFor(() => expect(screen.getAllByTestId('stuck-item')).toHaveLength(30));
      expect(screen.getByTestId('aging-chart')).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Show all 40' })).toBeTruthy();
    } finally {
      renderNow(null, root);
      root.remove();
    }
  });

  it('keeps a state filter chosen while only the head is shown, and applies it once the whole copy is read', async () => {
    const { send } = fakeClient({ 'team/sync': () => new Promise(() => {}) });
    const copy = answer([blocked, waiting, row(3)]);
    let readCopy = () => {};
    const whole = new Promise<TeamSummaryAnswer>((resolve) => (readCopy = () => resolve(copy)));
    render(<Popup send={send} first={new Promise(() => {})} head={headOf(copy)} readCopy={() => whole} exporter={exporter()} now={() => NOW} time={time} />);
    fireEvent.click(screen.getByRole('button', { name: /1 waiting/ }));
    expect(screen.getByRole('button', { name: /1 waiting/ }).getAttribute('aria-pressed')).toBe('true');
    readCopy();
    await waitFor(() => expect(screen.getAllByTestId('stuck-item').map((li) => li.dataset.key)).toEqual([waiting.key]));
    expect(screen.getByRole('heading', { name: /Blocked, waiting and failing/ }).textContent).toContain('1 of 1 open');
  });

  it('paints the head alone when the whole copy is gone, until the answer comes', async () => {
    let answerNow: (value: { ok: true; data: TeamSummaryAnswer }) => void = () => {};
    const first = new Promise<{ ok: true; data: TeamSummaryAnswer }>((resolve) => (answerNow = resolve));
    const { send } = fakeClient({ 'team/sync': () => new Promise(() => {}) });
    render(<Popup send={send} first={first} head={headOf(answer([blocked]))} readCopy={async () => undefined} exporter={exporter()} now={() => NOW} time={time} />);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.getAllByTestId('stuck-item')).toHaveLength(1);
    answerNow({ ok: true, data: answer([blocked, waiting]) });
    await waitFor(() => expect(screen.getAllByTestId('stuck-item')).toHaveLength(2));
  });

  it('shows each stuck item with its cause, owner, move and level, as text, linking to it in a new tab', async () => {
    const { send } = fakeClient({ 'team/summary': () => ({ ok: true, data: answer([blocked, waiting]) }), 'team/sync': () => ({ ok: true, data: sync }) });
    render(<Popup send={send} exporter={exporter()} now={() => NOW} time={time} />);
    const [first] = await screen.findAllByTestId('stuck-item');
    const link = within(first!).getByRole('link', { name: 'PAY-1 Refund <b>flow</b> | v2' });
    expect(link.getAttribute('href')).toBe(blocked.url);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(first!.querySelector('b')).toBeNull();
    // One line: the state, the item, how long, the cause and the next move (this row has no short forms: the sentences, cut to fit).
    expect(first!.querySelector('.line')!.textContent).toBe('BlockedPAY-13 dBlocked since Tue 17 Nov: blocked by OPS-9.→Next: Ask the OPS team for a date.▾');
    expect(screen.queryByTestId('stuck-detail')).toBeNull();
    // It opens to the whole of it.
    fireEvent.click(within(first!).getByRole('button', { name: 'More about PAY-1' }));
    const detail = within(first!).getByTestId('stuck-detail');
    expect(detail.querySelector('.meta')!.textContent).toBe('Blocked for 3 d · Priya · holds up 2');
    expect(detail.textContent).toContain('Blocked since Tue 17 Nov: blocked by OPS-9.');
    expect(detail.textContent).toContain('Level 3 Ask the OPS team for a date.');
    expect(within(first!).getByRole('button', { name: 'More about PAY-1' }).getAttribute('aria-expanded')).toBe('true');
    expect(tiles()).toEqual(['1 blocked', '1 waiting', '0 failing']);
    expect(screen.getByTestId('oldest').textContent).toBe('3 d oldest PAY-1: Refund <b>flow</b> | v2, blocked');
  });

  it('says each row in a few words when the summary has them: the card head’s cause and the move’s short form', async () => {
    const short = { ...blocked, headCause: 'waits on OPS-9 (another team)', move: { ...blocked.move!, short: 'talk to the OPS team' } };
    const { send } = fakeClient({ 'team/summary': () => ({ ok: true, data: answer([short]) }), 'team/sync': () => ({ ok: true, data: sync }) });
    render(<Popup send={send} exporter={exporter()} now={() => NOW} time={time} />);
    const [first] = await screen.findAllByTestId('stuck-item');
    expect(first!.querySelector('.line')!.textContent).toBe('BlockedPAY-13 dwaits on OPS-9 (another team)→Next: talk to the OPS team▾');
    expect(first!.querySelector('.line')!.getAttribute('title')).toBe('PAY-1 Refund <b>flow</b> | v2\nBlocked for 3 d · waits on OPS-9 (another team)\nNext: talk to the OPS team');
  });

  it('renders no href that is not https, whatever the summary holds', async () => {
    // A summary copy or answer with script URLs (the background builds safe ones; the popup is the last line).
    const bad = row(1, { state: 'blocked', since: '2026-11-17T09:00:00Z', url: 'javascript:alert(1)', holdsUp: 1 });
    const hostile = answer([bad, { ...waiting, url: 'data:text/html,<script>alert(2)</script>' }]);
    hostile.summary.criticalPath = { steps: [{ key: 'jira:acme.atlassian.net/OPS-9', title: 'OPS-9', url: 'javascript:alert(3)' }, { key: bad.key, title: bad.title, url: 'http://acme.atlassian.net/browse/PAY-1' }], ageMs: DAY };
    hostile.summary.topHolders = [{ key: bad.key, title: bad.title, url: 'vbscript:x', holdsUp: 1 }];
    const { send } = fakeClient({ 'team/summary': () => ({ ok: true, data: hostile }), 'team/sync': () => ({ ok: true, data: sync }) });
    render(<Popup send={send} exporter={exporter()} now={() => NOW} time={time} />);
    await screen.findAllByTestId('stuck-item');
    await screen.findByTestId('critical-path');
    const hrefs = [...document.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs.filter((href) => !href?.startsWith('https://') && href !== '/options.html')).toEqual([]);
    expect(screen.getAllByTestId('stuck-item')[0]!.querySelector('.key')!.textContent).toBe('PAY-1 Ticket 1');
  });

  it('keeps the cached summary and says why when the sync fails', async () => {
    const { send } = fakeClient({ 'team/summary': () => ({ ok: true, data: answer([blocked], { lastErrors: [{ message: 'Jira said 401.', at: NOW - 60_000, source: 'acme.atlassian.net' }] }) }) });
    render(<Popup send={send} exporter={exporter()} now={() => NOW} time={time} />);
    expect((await screen.findByText(/Could not sync/)).textContent).toBe('Could not sync: Not built yet.');
    expect(screen.getByTestId('sync-line').textContent).toContain('acme.atlassian.net: Jira said 401. (08:59)');
    expect(screen.getAllByTestId('stuck-item')).toHaveLength(1);
    expect(screen.queryByText('Syncing…')).toBeNull();
  });

  it('filters by person, source and state', async () => {
    const { send } = fakeClient({ 'team/summary': () => ({ ok: true, data: answer([blocked, waiting, row(3)]) }), 'team/sync': () => ({ ok: true, data: sync }) });
    render(<Popup send={send} exporter={exporter()} now={() => NOW} time={time} />);
    await screen.findAllByTestId('stuck-item');
    const person = screen.getByLabelText('Person') as HTMLSelectElement;
    expect([...person.options].map((o) => o.textContent)).toEqual(['Everyone', 'bob', 'carol', 'Priya']);
    fireEvent.change(person, { target: { value: 'carol' } });
    expect(screen.getAllByTestId('stuck-item').map((li) => li.dataset.key)).toEqual([waiting.key]);
    expect(tiles()).toEqual(['0 blocked', '1 waiting', '0 failing']);
    expect(screen.getByTestId('cluster-chart').textContent).toContain('Review: 1 d blocked over 1 item');
    expect(screen.getByTestId('cluster-chart').textContent).not.toContain('Another team');
    fireEvent.change(person, { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: 'jira' } });
    fireEvent.change(screen.getByLabelText('State'), { target: { value: 'flowing' } });
    expect(screen.queryAllByTestId('stuck-item')).toHaveLength(0);
    expect(screen.getByText('Nothing is blocked, waiting or failing.')).toBeTruthy();
    // The counts follow the person and source filters, not the state one: each is that filter's toggle.
    expect(tiles()).toEqual(['1 blocked', '0 waiting', '0 failing']);
    expect(screen.getByTestId('oldest').textContent).toBe('— oldest nothing stuck');
  });

  it('sets the state filter from a count, and every section follows it', async () => {
    const { send } = fakeClient({ 'team/summary': () => ({ ok: true, data: answer([blocked, waiting, row(3)]) }), 'team/sync': () => ({ ok: true, data: sync }) });
    render(<Popup send={send} exporter={exporter()} now={() => NOW} time={time} />);
    await screen.findAllByTestId('stuck-item');
    const waitingTile = screen.getByRole('button', { name: '1 waiting' });
    fireEvent.click(waitingTile);
    expect(waitingTile.getAttribute('aria-pressed')).toBe('true');
    expect((screen.getByLabelText('State') as HTMLSelectElement).value).toBe('waiting');
    expect(screen.getAllByTestId('stuck-item').map((li) => li.dataset.key)).toEqual([waiting.key]);
    expect(screen.getByTestId('oldest').textContent).toBe('1 d oldest #2: Ticket 2, waiting');
    expect(screen.getByTestId('cluster-chart').textContent).not.toContain('Another team');
    expect([...screen.getByTestId('aging-chart').querySelectorAll('[data-glyph]')].map((g) => g.getAttribute('data-glyph'))).toEqual(['waiting']);
    // The graph parts are the shown items': PAY-1's chain and holders are not.
    expect(screen.queryByTestId('critical-path')).toBeNull();
    expect(screen.getByText('No item shown waits on another.')).toBeTruthy();
    fireEvent.click(waitingTile);
    expect(waitingTile.getAttribute('aria-pressed')).toBe('false');
    expect(screen.getAllByTestId('stuck-item')).toHaveLength(2);
  });

  it('names each state as the badge’s card does (the popup said “Unknown” where the card says “Flow state unknown”)', async () => {
    const { send } = fakeClient({ 'team/summary': () => ({ ok: true, data: answer([blocked, row(3, { state: 'unknown' })]) }), 'team/sync': () => ({ ok: true, data: sync }) });
    render(<Popup send={send} exporter={exporter()} now={() => NOW} time={time} />);
    await screen.findAllByTestId('stuck-item');
    const options = [...(screen.getByLabelText('State') as HTMLSelectElement).options].slice(1);
    const inPopup = options.map((option) => [option.value, option.textContent]);
    cleanup();
    const inCard = options.map((option) => {
      render(<FlowCard id="c" view={{ key: 'github:o/r#1', url: '', title: '', state: option.value as FlowView['state'], blockers: 0, text: '', label: '' }} now={NOW} onClose={() => {}} />);
      const heading = screen.getByRole('dialog').querySelector('header strong')!.textContent;
      cleanup();
      return [option.value, heading];
    });
    expect(inPopup).toEqual(inCard);
    expect(inPopup.at(-1)).toEqual(['unknown', 'Unknown']);
  });

  it('exports the filtered summary as Markdown, to the clipboard and as a file', async () => {
    const { send } = fakeClient({ 'team/summary': () => ({ ok: true, data: answer([blocked, waiting]) }), 'team/sync': () => ({ ok: true, data: sync }) });
    const out = exporter();
    render(<Popup send={send} exporter={out} now={() => NOW} time={time} />);
    await screen.findAllByTestId('stuck-item');
    fireEvent.change(screen.getByLabelText('Person'), { target: { value: 'bob' } });
    fireEvent.click(screen.getByRole('button', { name: 'Copy as Markdown' }));
    await screen.findByText('Copied the summary as Markdown.');
    const text = out.copy.mock.calls[0]![0];
    expect(text).toContain('Filtered by person bob.');
    expect(text).toContain('| [octo-org/api#2 Ticket 2](https://github.com/octo-org/api/pull/2) | Waiting | 1 d |');
    expect(text).not.toContain('| [PAY-1');
    fireEvent.click(screen.getByRole('button', { name: 'Download .md' }));
    expect(out.download).toHaveBeenCalledWith(text, 'flowlens-team-2026-11-20.md');
  });

  it('says when the clipboard is refused', async () => {
    const { send } = fakeClient({ 'team/summary': () => ({ ok: true, data: answer([blocked]) }), 'team/sync': () => ({ ok: true, data: sync }) });
    render(<Popup send={send} exporter={{ copy: () => Promise.reject(new Error('denied')), download: vi.fn() }} now={() => NOW} time={time} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Copy as Markdown' }));
    await screen.findByText('The browser did not allow copying; use Download instead.');
  });

  it('draws blocked time per cause and the aging chart, with text alternatives', async () => {
    const { send } = fakeClient({ 'team/summary': () => ({ ok: true, data: answer([blocked, waiting, row(12)]) }), 'team/sync': () => ({ ok: true, data: sync }) });
    render(<Popup send={send} exporter={exporter()} now={() => NOW} time={time} />);
    const clusters = await screen.findByTestId('cluster-chart');
    expect(clusters.querySelectorAll('rect')).toHaveLength(2);
    expect(within(clusters).getByRole('list').textContent).toBe('Another team: 3 d blocked over 1 itemReview: 1 d blocked over 1 item');
    expect(screen.getByTestId('blocked-time-kind').textContent).toBe('Counts calendar time.');
    const aging = screen.getByTestId('aging-chart');
    // A glyph per item, each its state's shape (components/StateGlyph.tsx), not a dot told apart by colour alone: one path of them per state.
    expect([...aging.querySelectorAll('[data-glyph]')].map((glyph) => [glyph.getAttribute('data-glyph'), glyph.getAttribute('data-count')]).sort()).toEqual([['blocked', '1'], ['flowing', '1'], ['waiting', '1']]);
    expect(aging.querySelectorAll('.percentiles line')).toHaveLength(4);
    expect(screen.getByText(/1 of 3 open items are older than 85% of the 20 items finished recently \(6 d\)\./)).toBeTruthy();
    const details = screen.getByText('Ages as a table').closest('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    const rows = within(await screen.findByTestId('aging-table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['PAY-12Flowing12 dpast 95th', 'octo-org/api#2Waiting2 dpast 50th', 'PAY-1Blocked1 dbelow 50th']);
    expect(screen.getByTestId('critical-path').textContent).toBe('OPS-9PAY-1 Refund <b>flow</b> | v2');
    expect(screen.getByTestId('top-holders').textContent).toBe('PAY-1 Refund <b>flow</b> | v2 holds up 2 items');
  });

  it('says where the finished items’ time went, as bars and a table, once five have finished', async () => {
    const withShares = answer([blocked, waiting]);
    withShares.summary.timeShares = { sample: 12, medians: { review: 0.35, neither: 0.4, author: 0.1 } };
    const { send } = fakeClient({ 'team/summary': () => ({ ok: true, data: withShares }), 'team/sync': () => ({ ok: true, data: sync }) });
    render(<Popup send={send} exporter={exporter()} now={() => NOW} time={time} />);
    const chart = await screen.findByTestId('time-shares');
    expect(chart.querySelectorAll('rect')).toHaveLength(3);
    expect(within(screen.getByTestId('time-shares-table')).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['Neither40 %', 'Waiting for review35 %', 'The author to act10 %']);
    expect(chart.querySelector('figcaption')!.textContent).toMatch(/^Median share of each kind of time in the lives of the 12 items the team finished in the last 90 days/);
    cleanup();
    const { send: none } = fakeClient({ 'team/summary': () => ({ ok: true, data: answer([blocked]) }), 'team/sync': () => ({ ok: true, data: sync }) });
    render(<Popup send={none} exporter={exporter()} now={() => NOW} time={time} />);
    await screen.findByText('Appears once five items have finished.');
  });

  it('says what to configure, linking to the options page, and does not sync, when no team source is set', async () => {
    const { send, sent } = fakeClient({ 'team/summary': () => ({ ok: true, data: answer([], { configured: false, lastGoodAt: undefined }) }) });
    render(<Popup send={send} exporter={exporter()} now={() => NOW} time={time} />);
    const empty = await screen.findByTestId('empty-state');
    expect(empty.textContent).toContain('FlowLens has no team to summarise yet.');
    expect(within(empty).getByRole('link', { name: 'Options' }).getAttribute('href')).toBe('/options.html');
    expect(types(sent)).not.toContain('team/sync');
  });

  it('shows the background error when the summary cannot be read', async () => {
    const { send } = fakeClient({ 'team/summary': () => ({ ok: false, error: { code: 'bad-response', message: 'FlowLens failed: disk full' } }) });
    render(<Popup send={send} exporter={exporter()} now={() => NOW} time={time} />);
    expect((await screen.findByRole('alert')).textContent).toBe('FlowLens failed: disk full');
  });
});

describe('the popup’s problems, each said once (issue 15)', () => {
  it('lists a repeated failure once, with one button to fix it in settings', async () => {
    const refused = 'GitHub refused the credentials (401). Check the token in FlowLens options.';
    const lastErrors = [
      { message: refused, at: NOW - 120_000, source: 'octo-org/api' },
      { message: refused, at: NOW - 60_000, source: 'octo-org/web' },
      { message: refused, at: NOW - 60_000, source: 'octo-org/web' },
    ];
    const { send } = fakeClient({
      'team/summary': () => ({ ok: true, data: answer([blocked], { lastErrors }) }),
      'team/sync': () => ({ ok: false, error: { code: 'unauthorized', message: refused } }),
    });
    const openOptions = vi.fn();
    render(<Popup send={send} exporter={exporter()} now={() => NOW} time={time} openOptions={openOptions} />);
    await screen.findAllByTestId('stuck-item');
    await waitFor(() => expect(screen.queryByText('Syncing…')).toBeNull());
    expect(screen.getAllByTestId('sync-problem').map((li) => li.textContent)).toEqual([`octo-org/api, octo-org/web: ${refused} (08:59)`]);
    expect(screen.getByTestId('sync-line').textContent!.split(refused)).toHaveLength(2);
    const fix = screen.getAllByRole('button', { name: 'Fix in settings' });
    expect(fix).toHaveLength(1);
    fireEvent.click(fix[0]!);
    expect(openOptions).toHaveBeenCalledOnce();
  });
});

describe('the status’s GitHub points (issue 17)', () => {
  it('says what the last batch cost and what is left, as GitHub reported', () => {
    expect(pointsText({ host: 'github.com', cost: 12, remaining: 4988, at: 0 })).toBe('GitHub points (github.com): the last batch cost 12; 4,988 left.');
    render(<StatusList status={{ cacheBackend: 'indexeddb', cachedItems: 3, githubHostsWithToken: ['github.com'], markupMisses: [], githubPoints: [{ host: 'github.com', cost: 12, remaining: 4988, at: 0 }] }} />);
    expect(screen.getByTestId('github-points').textContent).toBe('GitHub points (github.com): the last batch cost 12; 4,988 left.');
  });
});
