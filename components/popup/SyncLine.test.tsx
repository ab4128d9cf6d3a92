import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../lib/team/team-state';
import { listedProblems, SyncLine } from './SyncLine';

const NOW = Date.parse('2026-11-20T09:00:00Z');
const time = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const sync = (lastErrors: SyncStatus['lastErrors']): SyncStatus => ({ configured: true, running: false, lastGoodAt: NOW - 600_000, lastErrors });
const fixButton = () => screen.queryByRole('button', { name: 'Fix in settings' });

afterEach(cleanup);

describe('the sync line’s "Fix in settings" (review leftover 6)', () => {
  it('is not offered for a rate limit or a network failure, which the settings do not fix', () => {
    const limited = { message: 'GitHub rate limit reached until 10:00 UTC.', at: NOW - 60_000, source: 'octo-org/api' };
    const onFix = vi.fn();
    render(<SyncLine sync={sync([limited])} syncing={false} syncError={{ code: 'offline', message: 'Could not reach GitHub (Failed to fetch).' }} time={time} onFix={onFix} />);
    expect(screen.getAllByTestId('sync-problem').map((li) => li.textContent)).toEqual([`octo-org/api: ${limited.message} (08:59)`]);
    expect(screen.getByRole('status').textContent).toBe('Could not sync: Could not reach GitHub (Failed to fetch).');
    expect(fixButton()).toBeNull();
  });

  it('is offered once for a set-up problem among others, and opens the settings', () => {
    const lastErrors = [
      { message: 'GitHub rate limit reached until 10:00 UTC.', at: NOW - 60_000, source: 'octo-org/api' },
      { message: 'GitHub denied access (403): Resource not accessible by integration.', at: NOW - 60_000, source: 'octo-org/web', setup: true as const },
    ];
    const onFix = vi.fn();
    render(<SyncLine sync={sync(lastErrors)} syncing={false} time={time} onFix={onFix} />);
    expect(screen.getAllByTestId('sync-problem')).toHaveLength(2);
    fireEvent.click(fixButton()!);
    expect(onFix).toHaveBeenCalledOnce();
  });

  it('is offered when the sync itself failed for a set-up reason, though no source listed one', () => {
    render(<SyncLine sync={sync([])} syncing={false} syncError={{ code: 'unauthorized', message: 'No GitHub token is saved for github.com.' }} time={time} onFix={() => {}} />);
    expect(fixButton()).not.toBeNull();
  });

  it('keeps a problem a set-up one when any of the sources that share its words said so', () => {
    const words = 'GitHub refused the credentials (401). Check the token in FlowLens options.';
    expect(listedProblems([{ message: words, at: NOW - 120_000, source: 'octo-org/api' }, { message: words, at: NOW, source: 'octo-org/web', setup: true }])).toEqual([
      { sources: ['octo-org/api', 'octo-org/web'], message: words, at: NOW, setup: true },
    ]);
  });
});
