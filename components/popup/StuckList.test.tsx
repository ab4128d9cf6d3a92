import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { TeamItem } from '../../lib/team/summary-types';
import { StuckList } from './StuckList';

const NOW = Date.parse('2026-11-20T09:00:00Z');
const row = (n: number, extra: Partial<TeamItem>): TeamItem => ({
  key: `jira:acme.atlassian.net/PAY-${n}`, source: 'jira', title: `Ticket ${n}`, url: `https://acme.atlassian.net/browse/PAY-${n}`,
  state: 'blocked', ageMs: 9 * 86_400_000, people: [], holdsUp: 0, blockedMs: 0, blockedByCluster: {}, ...extra,
});

describe('StuckList rows', () => {
  it('gives every row a duration: from the recorded start, else a lower bound and why', () => {
    const why = 'start not recorded; blocked at least since it was first seen, Tue 17 Nov';
    render(
      <StuckList
        at={NOW}
        items={[
          row(1, { since: '2026-11-03T09:00:00Z' }),
          row(2, { bound: { notAfter: '2026-11-17T08:00:00Z', why } }),
          row(3, {}),
        ]}
      />,
    );
    // The row says how long in its line, and the rest when it is opened.
    expect(screen.getAllByTestId('stuck-for').map((cell) => cell.textContent)).toEqual(['17 d', '≥ 3 d', '?start not recorded']);
    for (const button of screen.getAllByRole('button')) fireEvent.click(button);
    const rows = screen.getAllByTestId('stuck-item').map((li) => li.querySelector('.meta')!.textContent);
    // Days always, even past two weeks: "17 d", not "2w".
    expect(rows[0]).toBe('Blocked for 17 d');
    expect(rows[1]).toBe(`Blocked for ≥ 3 d (${why})`);
    // Neither a start nor a bound: it says so rather than showing nothing.
    expect(rows[2]).toBe('Blocked (start not recorded)');
  });
});
