import { describe, expect, it } from 'vitest';
import { analyzeItem } from './analyze';
import { driftShort, driftText } from './cause-text';
import { NORM_MIN_SAMPLE, namesTickets, noTicket, pairDrift, repoKeyOf, ticketNorms, type NormPull } from './drift';
import { defaultFlowSettings } from './flow-settings';
import { shortKey } from './item-names';
import type { WorkItem } from './model';
import { blockedBy, jiraItem, pullItem } from './testing/items';
import { haveJiraFixtures, jiraFixtureItem, jiraFixturesTitle } from './testing/jira-fixture';

const settings = defaultFlowSettings;
const now = Date.parse('2026-11-20T12:00:00Z');
const ms = (iso: string) => Date.parse(iso);

/** PAY-7 as the Jira provider builds a done ticket: category done, state closed, resolved. */
const doneTicket = (n: number, resolvedAt: string): WorkItem => jiraItem(n, { state: 'closed', resolvedAt, signals: { status: 'Done', statusCategory: 'done' } });
/** octo-org/api#n as the GitHub provider builds a merged pull request naming `mentions`. */
const merged = (n: number, at: string, mentions = ['PAY-7']): WorkItem => pullItem(n, { state: 'merged', resolvedAt: at, mentions, timeline: [{ type: 'created', at: '2026-11-10T09:00:00Z' }, { type: 'merged', at }] });

describe('a pull request merged while its ticket is not done', () => {
  const pull = merged(12, '2026-11-12T10:00:00Z');
  const ticket = jiraItem(7);

  it('is drift on the pull request and on the ticket, in the same words from either side', () => {
    const fromPull = pairDrift(pull, [ticket], now);
    const fromTicket = pairDrift(ticket, [pull], now);
    expect(fromPull).toEqual([{ kind: 'merged-not-done', pull: pull.key, ticket: ticket.key, status: 'In Progress', at: '2026-11-12T10:00:00.000Z' }]);
    expect(fromTicket).toEqual(fromPull);
    expect(driftText(fromPull[0]!, shortKey)).toBe('octo-org/api#12 was merged Thu 12 Nov; PAY-7 is still in In Progress.');
    expect(driftShort(fromPull[0]!, shortKey)).toBe('octo-org/api#12 merged, PAY-7 not done');
  });

  it('is the usual lag, not drift, within a day of the merge', () => {
    expect(pairDrift(pull, [ticket], ms('2026-11-13T09:59:00Z'))).toEqual([]);
    expect(pairDrift(pull, [ticket], ms('2026-11-13T10:00:00Z'))).toHaveLength(1);
  });

  it('is no drift once the ticket is done, nor while another pull request for it is still open', () => {
    expect(pairDrift(pull, [doneTicket(7, '2026-11-12T11:00:00Z')], now)).toEqual([]);
    expect(pairDrift(ticket, [pull, pullItem(13, { mentions: ['PAY-7'] })], now)).toEqual([]);
  });

  it('names the last merged pull request of a ticket several were merged for', () => {
    const earlier = merged(11, '2026-11-05T10:00:00Z');
    expect(pairDrift(ticket, [earlier, pull], now).map((d) => d.kind === 'merged-not-done' && d.pull)).toEqual([pull.key]);
  });

  it('is no drift for a pull request closed unmerged: it delivered nothing', () => {
    expect(pairDrift(pullItem(14, { state: 'closed', resolvedAt: '2026-11-12T10:00:00Z', mentions: ['PAY-7'] }), [ticket], now)).toEqual([]);
    expect(pairDrift(ticket, [pullItem(14, { state: 'closed', resolvedAt: '2026-11-12T10:00:00Z' })], now)).toEqual([]);
  });
});

describe('a ticket done while its pull request is still open', () => {
  const pull = pullItem(20, { mentions: ['PAY-8'] });
  const ticket = doneTicket(8, '2026-11-12T16:00:00Z');

  it('is drift on both, with when the ticket was done', () => {
    const drift = pairDrift(pull, [ticket], now);
    expect(drift).toEqual([{ kind: 'done-still-open', pull: pull.key, ticket: ticket.key, at: '2026-11-12T16:00:00.000Z' }]);
    expect(pairDrift(ticket, [pull], now)).toEqual(drift);
    expect(driftText(drift[0]!, shortKey)).toBe('PAY-8 was done Thu 12 Nov; octo-org/api#20 is still open.');
  });

  it('is no drift while another ticket the pull request names is still open: it may be that one’s work', () => {
    expect(pairDrift(pull, [ticket, jiraItem(9)], now)).toEqual([]);
  });

  it('waits a day after the ticket was done', () => {
    expect(pairDrift(pull, [ticket], ms('2026-11-13T15:00:00Z'))).toEqual([]);
  });

  it('reads only the other source: a pull request beside a pull request is no pair', () => {
    expect(pairDrift(pull, [merged(21, '2026-11-01T00:00:00Z')], now)).toEqual([]);
  });
});

describe('a marker left in place after what the item waited on was done', () => {
  // PAY-9 was flagged on 5 Nov, waiting on PAY-6; PAY-6 was done on 12 Nov; the flag stayed.
  const flagged = (extra: Partial<WorkItem> = {}) =>
    jiraItem(9, {
      signals: { status: 'In Progress', flagged: true },
      timeline: [{ type: 'created', at: '2026-11-01T09:00:00Z' }, { type: 'flagged', at: '2026-11-05T09:00:00Z' }],
      upstream: [blockedBy('jira:acme.atlassian.net/PAY-6', '2026-11-05T09:00:00Z', { open: false, resolvedAt: '2026-11-12T14:00:00Z' })],
      ...extra,
    });

  it('keeps the item blocked by its flag and says the flag was never cleared, and since when', () => {
    const analysis = analyzeItem(flagged(), { settings }, now);
    expect(analysis.state).toBe('blocked');
    expect(analysis.drift).toEqual([{ kind: 'stale-marker', marker: { kind: 'flagged' }, blockers: ['jira:acme.atlassian.net/PAY-6'], at: '2026-11-12T14:00:00.000Z' }]);
    expect(driftText(analysis.drift[0]!, shortKey)).toBe('PAY-6 was done Thu 12 Nov; the flag was never cleared.');
    expect(analysis.moves[0]).toMatchObject({ rule: 'clear-stale-marker', level: 'P2', skillId: 'p2-blockers', text: 'Clear the flag on PAY-9: PAY-6, which it waited on, was done on Thu 12 Nov. If something else holds it up, write that down instead.' });
  });

  it('names a blocked status and a blocking label the same way', () => {
    const status = analyzeItem(flagged({ signals: { status: 'Blocked' }, timeline: [{ type: 'status', at: '2026-11-05T09:00:00Z', to: 'Blocked' }] }), { settings }, now);
    expect(driftShort(status.drift[0]!, shortKey)).toBe('status Blocked left after PAY-6 was done');
    const label = pullItem(3, { signals: { ...pullItem(3).signals, labels: ['blocked'] }, upstream: [blockedBy('github:octo-org/api#2', '2026-11-10T09:00:00Z', { open: false, resolvedAt: '2026-11-11T09:00:00Z' })] });
    expect(driftText(analyzeItem(label, { settings }, now).drift[0]!, shortKey)).toBe('octo-org/api#2 was done Wed 11 Nov; the label “blocked” was never cleared.');
  });

  it('is no drift while any item it waits on is open or unread, nor for a marker with nothing named', () => {
    const open = flagged();
    open.upstream = [...open.upstream, blockedBy('jira:acme.atlassian.net/PAY-5')];
    expect(analyzeItem(open, { settings }, now).drift).toEqual([]);
    const unread = flagged();
    unread.upstream = [...unread.upstream, { key: 'jira:acme.atlassian.net/OPS-1', kind: 'blocked-by' }];
    expect(analyzeItem(unread, { settings }, now).drift).toEqual([]);
    expect(analyzeItem(flagged({ upstream: [] }), { settings }, now).drift).toEqual([]);
  });

  it('is no drift when the flag was raised after the blocker was done: it is about something else', () => {
    const later = flagged({ timeline: [{ type: 'created', at: '2026-11-01T09:00:00Z' }, { type: 'flagged', at: '2026-11-14T09:00:00Z' }] });
    expect(analyzeItem(later, { settings }, now).drift).toEqual([]);
  });

  it('is no drift for a link to a done item with no marker: the item is not blocked by it', () => {
    const bare = flagged({ signals: { status: 'In Progress' }, timeline: [{ type: 'created', at: '2026-11-01T09:00:00Z' }] });
    const analysis = analyzeItem(bare, { settings }, now);
    expect(analysis.state).not.toBe('blocked');
    expect(analysis.drift).toEqual([]);
  });

  it('counts the items it waits on that were all done, and when the last was', () => {
    const two = flagged();
    two.upstream = [...two.upstream, blockedBy('jira:acme.atlassian.net/PAY-4', '2026-11-05T09:00:00Z', { open: false, resolvedAt: '2026-11-10T09:00:00Z' })];
    expect(driftText(analyzeItem(two, { settings }, now).drift[0]!, shortKey)).toBe('PAY-6 and PAY-4 were done, the last Thu 12 Nov; the flag was never cleared.');
  });
});

describe(jiraFixturesTitle('a marker on a real Jira Cloud issue: SP-15, flagged, blocked by SP-14 (Done)'), () => {
  it.skipIf(!haveJiraFixtures)('is no drift as recorded: the flag came five days after SP-14 was done', () => {
    const analysis = analyzeItem(jiraFixtureItem('testdata__SP-15'), { settings }, ms('2022-04-25T20:30:51.748Z'));
    expect(analysis.state).toBe('blocked');
    expect(analysis.drift).toEqual([]);
  });

  it.skipIf(!haveJiraFixtures)('is a stale flag had SP-14 been done only the day after the flag', () => {
    const item = jiraFixtureItem('testdata__SP-15');
    item.upstream = item.upstream.map((link) => ({ ...link, resolvedAt: '2022-04-25T09:00:00.000Z' }));
    const analysis = analyzeItem(item, { settings }, ms('2022-04-26T09:00:00Z'));
    expect(analysis.drift.map((d) => driftText(d, shortKey))).toEqual(['SP-14 was done Mon 25 Apr; the flag was never cleared.']);
  });
});

describe('a pull request naming no ticket where its repository’s usually do', () => {
  const pulls = (named: number, of: number, repo = 'octo-org/api'): NormPull[] =>
    Array.from({ length: of }, (_, i) => ({ key: `github:${repo}#${100 + i}`, at: ms('2026-11-01T00:00:00Z') + i * 3_600_000, named: i < named }));

  it('takes each repository’s 20 most recent pull requests, each once', () => {
    const norms = ticketNorms([...pulls(25, 30), ...pulls(3, 3, 'octo-org/web'), { key: 'github:octo-org/api#100', at: 0, named: true }]);
    // The 20 most recent of api are #110–#129: of them #110–#124 named a ticket.
    expect(norms.get('github:octo-org/api')).toEqual({ named: 15, sample: 20 });
    expect(norms.get('github:octo-org/web')).toEqual({ named: 3, sample: 3 });
  });

  it('needs at least 80 % of at least 10', () => {
    expect(namesTickets({ named: 8, sample: 10 })).toBe(true);
    expect(namesTickets({ named: 7, sample: 10 })).toBe(false);
    expect(namesTickets({ named: NORM_MIN_SAMPLE - 1, sample: NORM_MIN_SAMPLE - 1 })).toBe(false);
    expect(namesTickets(undefined)).toBe(false);
  });

  it('is drift on an open pull request that names none, with its move', () => {
    const norm = ticketNorms(pulls(9, 10)).get(repoKeyOf('github:octo-org/api#40')!);
    const analysis = analyzeItem(pullItem(40), { settings, ticketNorm: norm! }, now);
    expect(analysis.drift).toEqual([{ kind: 'no-ticket', named: 9, sample: 10 }]);
    expect(driftText(analysis.drift[0]!, shortKey)).toBe('Names no Jira ticket, where 9 of the last 10 pull requests of its repository did.');
    expect(analysis.moves.find((m) => m.rule === 'name-the-ticket')).toMatchObject({ level: 'P3', skillId: 'p3-communicate', short: 'name its Jira ticket' });
  });

  it('is no drift for a pull request that names one, one that is merged, or an issue', () => {
    const norm = { named: 10, sample: 10 };
    expect(noTicket(pullItem(41, { mentions: ['PAY-1'] }), norm)).toEqual([]);
    expect(noTicket(merged(42, '2026-11-12T00:00:00Z', []), norm)).toEqual([]);
    expect(noTicket(pullItem(43, { kind: 'issue' }), norm)).toEqual([]);
  });
});

describe('drift without a pair', () => {
  it('is none when nothing of the other source is given', () => {
    expect(analyzeItem(merged(12, '2026-11-12T10:00:00Z'), { settings }, now).drift).toEqual([]);
    expect(analyzeItem(pullItem(40), { settings }, now).drift).toEqual([]);
  });
});
