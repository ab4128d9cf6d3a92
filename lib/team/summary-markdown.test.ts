import { describe, expect, it } from 'vitest';
import { fastestMs } from '../../tests/support/timing';
import { escapeMarkdown, summaryMarkdown } from './summary-markdown';
import type { TeamItem, TeamSummary } from './summary-types';
import { DAY } from '../flow/time';

const NOW = Date.parse('2026-11-20T09:00:00Z');

const row = (n: number, extra: Partial<TeamItem> = {}): TeamItem => ({
  key: `jira:acme.atlassian.net/PAY-${n}`, source: 'jira', title: `Ticket ${n}`, url: `https://acme.atlassian.net/browse/PAY-${n}`,
  state: 'flowing', ageMs: n * DAY, people: ['Priya'], holdsUp: 0, blockedMs: 0, blockedByCluster: {}, ...extra,
});

const summary: TeamSummary = {
  at: NOW,
  items: [
    row(1, {
      state: 'blocked', since: '2026-11-17T09:00:00Z', title: 'Pay | refund\nflow [v2]', cause: 'Blocked since Tue 17 Nov: blocked by OPS-9.', cluster: 'external',
      owner: 'Priya', move: { text: 'Ask the OPS team for a date.', level: 'P3', tag: 'Level 3 · Integrates upstream dependencies' }, blockedMs: 3 * DAY, blockedByCluster: { external: 3 * DAY },
    }),
    row(2, { key: 'github:octo-org/api#2', source: 'github', url: 'https://github.com/octo-org/api/pull/2', state: 'waiting', since: '2026-11-19T09:00:00Z', cause: 'Waiting for review from @carol since Thu 19 Nov.', owner: 'bob', people: ['bob', 'carol'] }),
    row(12),
  ],
  people: ['bob', 'carol', 'Priya'],
  clusters: [{ cluster: 'external', blockedMs: 3 * DAY, items: 1 }],
  percentiles: { p50: 2 * DAY, p70: 4 * DAY, p85: 6 * DAY, p95: 10 * DAY, sample: 20 },
  criticalPath: { steps: [{ key: 'jira:acme.atlassian.net/OPS-9', title: 'OPS-9' }, { key: 'jira:acme.atlassian.net/PAY-1', title: 'Pay | refund', url: 'https://acme.atlassian.net/browse/PAY-1' }], ageMs: 5 * DAY },
  topHolders: [{ key: 'jira:acme.atlassian.net/OPS-9', title: 'OPS-9', holdsUp: 1 }],
};

describe('escapeMarkdown', () => {
  it('keeps a title on one line and inside its table cell', () => {
    expect(escapeMarkdown('Fix | pipes\r\nand\nnewlines')).toBe('Fix \\| pipes and newlines');
    expect(escapeMarkdown('[x](javascript:alert(1)) <img> *a* _b_ `c`')).toBe('\\[x\\](javascript:alert(1)) \\<img\\> \\*a\\* \\_b\\_ \\`c\\`');
  });

  it('folds each run of white space that holds a line break into one space, and keeps the others', () => {
    expect(escapeMarkdown('a \t\r\n \n b  c\u00a0\nd\te')).toBe('a b  c d\te');
  });

  // Timed like the Jira sprint strings (lib/providers/jira/sprints.test.ts): the fastest of five
  // runs under 10 ms. `/\s*[\r\n]+\s*/g` tried every space of a run as a start and ran to the
  // end of the run from each: 140-150 ms for a title of 20,000 spaces, which an API may send.
  it('escapes a title of 20,000 spaces and a letter in under 10 ms', () => {
    const title = `${' '.repeat(20_000)}x`;
    expect(fastestMs(() => escapeMarkdown(title))).toBeLessThan(10);
    expect(escapeMarkdown(title)).toBe('x');
  });
});

describe('summaryMarkdown', () => {
  const text = summaryMarkdown(summary, {}, NOW);
  const lines = text.split('\n');

  it('starts with the date and the headline counts', () => {
    expect(lines[0]).toBe('# FlowLens team summary, 2026-11-20 09:00 UTC');
    expect(text).toContain('**1 blocked, 1 waiting, 0 failing** of 3 open items.');
  });

  it('gives a blocked row whose start no source recorded its lower bound and why, never "?"', () => {
    const why = 'start not recorded; blocked at least since it was first seen, Tue 17 Nov';
    const bounded = { ...summary, items: [row(5, { state: 'blocked', bound: { notAfter: '2026-11-17T08:00:00Z', why } }), row(6, { state: 'waiting' })] };
    const out = summaryMarkdown(bounded, {}, NOW);
    expect(out).toContain(`| [PAY-5 Ticket 5](https://acme.atlassian.net/browse/PAY-5) | Blocked | ≥ 3 d (${why}) |`);
    expect(out).toContain('| Waiting | start not recorded |');
    expect(out).not.toContain('| ? |');
  });

  it('tables the blocked and waiting items with age, cause, owner, first move and link, escaped', () => {
    expect(text).toContain('| Item | State | For | Cause | Owner | First move |');
    expect(text).toContain(
      '| [PAY-1 Pay \\| refund flow \\[v2\\]](https://acme.atlassian.net/browse/PAY-1) | Blocked | 3 d | Blocked since Tue 17 Nov: blocked by OPS-9. | Priya | Level 3 · Integrates upstream dependencies: Ask the OPS team for a date. |',
    );
    expect(text).toContain('| [octo-org/api#2 Ticket 2](https://github.com/octo-org/api/pull/2) | Waiting | 1 d | Waiting for review from @carol since Thu 19 Nov. | bob |  |');
    // Every table row has exactly the columns of its header: no pipe leaked out of a title.
    const stuckRows = lines.filter((line) => / \| (Blocked|Waiting) \| /.test(line));
    expect(stuckRows).toHaveLength(2);
    for (const line of stuckRows) expect(line.split(/(?<!\\)\|/).length - 2).toBe(6);
  });

  it('says where finished items’ time went, when five have finished', () => {
    const withShares = summaryMarkdown({ ...summary, timeShares: { sample: 8, medians: { review: 0.35, neither: 0.42 } } }, {}, NOW);
    expect(withShares).toContain('## Where the time went\n\nMedian share of each kind of time in the lives of the 8 items finished in the last 90 days.\n\n| Kind of time | Median share |\n| --- | --- |\n| Neither | 42 % |\n| Waiting for review | 35 % |');
    expect(text).toContain('Too few finished items yet to say where their time went.');
  });

  it('adds clusters, aging against the percentiles and the critical path', () => {
    expect(text).toContain('Counts calendar time.\n\n| Cause | Blocked time | Items |');
    expect(text).toContain('| Another team | 3 d | 1 |');
    expect(text).toContain('Cycle time of 20 finished items: 50% within 2 d, 70% within 4 d, 85% within 6 d, 95% within 10 d.');
    expect(text).toContain('| [PAY-12 Ticket 12](https://acme.atlassian.net/browse/PAY-12) | 12 d | past 95th |');
    expect(text).toContain('| [octo-org/api#2 Ticket 2](https://github.com/octo-org/api/pull/2) | 2 d | past 50th |');
    expect(text).toContain('| [PAY-1 Pay \\| refund flow \\[v2\\]](https://acme.atlassian.net/browse/PAY-1) | 1 d | below 50th |');
    expect(text).toContain('OPS-9 OPS-9 → [PAY-1 Pay \\| refund](https://acme.atlassian.net/browse/PAY-1) (open 5 d)');
    expect(text).toContain('- OPS-9 OPS-9 holds up 1 item');
  });

  it('says when blocked time counts only working days, as the cards do', () => {
    expect(summaryMarkdown({ ...summary, blockedTime: 'working' }, {}, NOW)).toContain('Counts working time: only your working days, days off left out.\n\n| Cause | Blocked time | Items |');
  });

  it('follows the filters and says which', () => {
    const mine = summaryMarkdown(summary, { person: 'carol' }, NOW);
    expect(mine).toContain('Filtered by person carol.');
    expect(mine).toContain('**0 blocked, 1 waiting, 0 failing** of 1 open items.');
    expect(mine).not.toContain('refund flow');
    expect(mine).toContain('No blocked time recorded.');
  });

  it('links only web addresses', () => {
    const odd = summaryMarkdown({ ...summary, items: [row(1, { state: 'blocked', url: 'javascript:alert(1)', since: '2026-11-19T09:00:00Z' })] }, {}, NOW);
    expect(odd).toContain('| PAY-1 Ticket 1 | Blocked | 1 d |');
    expect(odd).not.toContain('javascript:');
  });

  it('links no http address either: only https pages', () => {
    const plain = summaryMarkdown({ ...summary, items: [row(1, { state: 'blocked', url: 'http://acme.atlassian.net/browse/PAY-1', since: '2026-11-19T09:00:00Z' })] }, {}, NOW);
    expect(plain).toContain('| PAY-1 Ticket 1 | Blocked | 1 d |');
    expect(plain).not.toContain('http://');
  });
});

describe('summaryMarkdown: Jira–GitHub drift', () => {
  const drifted: TeamSummary = {
    ...summary,
    items: [
      ...summary.items,
      row(7, { drift: [{ kind: 'merged-not-done', text: 'octo-org/api#12 was merged Thu 12 Nov; PAY-7 is still in In Progress.', short: 'octo-org/api#12 merged, PAY-7 not done', move: { text: 'Move PAY-7 on | or say what is left.', level: 'P3', tag: 'Level 3 · Communicates so as not to block others' } }] }),
      row(8, { key: 'github:octo-org/api#40', source: 'github', url: 'https://github.com/octo-org/api/pull/40', people: ['bob'], drift: [{ kind: 'no-ticket', text: 'Names no Jira ticket, where 9 of the last 10 pull requests of its repository did.', short: 'names no Jira ticket' }] }),
    ],
  };

  it('lists each drift with its item, its words and the move with its rubric level, escaped', () => {
    const lines = summaryMarkdown(drifted, {}, NOW).split('\n');
    const at = lines.indexOf('## Jira–GitHub drift');
    expect(lines.slice(at, at + 5)).toEqual([
      '## Jira–GitHub drift',
      '',
      '- [PAY-7 Ticket 7](https://acme.atlassian.net/browse/PAY-7): octo-org/api#12 was merged Thu 12 Nov; PAY-7 is still in In Progress. Next (Level 3 · Communicates so as not to block others): Move PAY-7 on \\| or say what is left.',
      '- [octo-org/api#40 Ticket 8](https://github.com/octo-org/api/pull/40): Names no Jira ticket, where 9 of the last 10 pull requests of its repository did.',
      '',
    ]);
  });

  it('follows the filters, and says when no item shown has drifted', () => {
    const jira = summaryMarkdown(drifted, { source: 'jira' }, NOW);
    expect(jira).toContain('- [PAY-7 Ticket 7]');
    expect(jira).not.toContain('octo-org/api#40 Ticket 8');
    expect(summaryMarkdown(drifted, { person: 'carol' }, NOW)).toContain('No item shown has drifted between Jira and GitHub.');
    expect(summaryMarkdown(summary, {}, NOW)).toContain('No item has drifted between Jira and GitHub.');
  });
});
