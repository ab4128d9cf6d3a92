import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { TeamItem } from '../../lib/team/summary-types';
import { DriftList } from './DriftList';

const row = (n: number, extra: Partial<TeamItem> = {}): TeamItem => ({
  key: `jira:acme.atlassian.net/PAY-${n}`, source: 'jira', title: `Ticket ${n}`, url: `https://acme.atlassian.net/browse/PAY-${n}`,
  state: 'flowing', ageMs: 0, people: [], holdsUp: 0, blockedMs: 0, blockedByCluster: {}, ...extra,
});

const pay7 = row(7, {
  drift: [{ kind: 'merged-not-done', text: 'octo-org/api#12 was merged Thu 12 Nov; PAY-7 is still in In Progress.', short: 'octo-org/api#12 merged, PAY-7 not done', move: { text: 'Move PAY-7 on, or write on it what is left.', short: 'move PAY-7 on, or say what is left', level: 'P3', tag: 'Level 3 · Communicates so as not to block others' } }],
});

afterEach(cleanup);

describe('DriftList', () => {
  it('lists each drift with its item’s link, its few words and its move, and the sentence and rubric level for everyone', () => {
    render(<DriftList items={[row(1), pay7]} filtered={false} />);
    const items = screen.getAllByTestId('drift-item');
    expect(items.map((li) => li.dataset.kind)).toEqual(['merged-not-done']);
    const line = within(items[0]!);
    expect(line.getByRole('link', { name: 'PAY-7 Ticket 7' }).getAttribute('href')).toBe('https://acme.atlassian.net/browse/PAY-7');
    expect(items[0]!.querySelector('.drift-short')?.textContent).toBe('octo-org/api#12 merged, PAY-7 not done');
    // The few words are for the eye; a screen reader reads the sentence and the move in full, with its level.
    expect(items[0]!.querySelector('.drift-short')?.getAttribute('aria-hidden')).toBe('true');
    expect(items[0]!.querySelector('.drift-detail')?.textContent).toBe('octo-org/api#12 was merged Thu 12 Nov; PAY-7 is still in In Progress. Level 3 · Communicates so as not to block others Move PAY-7 on, or write on it what is left.');
  });

  it('says when there is none, of every item or of those shown', () => {
    render(<DriftList items={[row(1)]} filtered={false} />);
    expect(screen.getByText('No item has drifted between Jira and GitHub.')).toBeTruthy();
    cleanup();
    render(<DriftList items={[]} filtered />);
    expect(screen.getByText('No item shown has drifted between Jira and GitHub.')).toBeTruthy();
  });
});
