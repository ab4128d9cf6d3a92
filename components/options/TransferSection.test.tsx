import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshSettings, memoryStore } from './testing';
import { TransferSection } from './TransferSection';

afterEach(cleanup);

describe('import and export', () => {
  it('downloads the settings as a JSON file, tokens only when ticked', async () => {
    const { store } = memoryStore();
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:flowlens'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(`${this.download} ${this.href}`);
    });
    render(<TransferSection store={store} onImported={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export settings' }));
    await waitFor(() => expect(names).toHaveLength(1));
    expect(names[0]).toMatch(/^flowlens-settings-\d{4}-\d{2}-\d{2}\.json blob:flowlens$/);
    expect(store.exportSettings).toHaveBeenLastCalledWith(false);
    expect(JSON.parse(await blobs[0]!.text()).settings).toEqual(freshSettings());
    fireEvent.click(screen.getByLabelText('Include tokens'));
    expect(screen.getByText(/plain text: anyone with the file can use them/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Export settings' }));
    await waitFor(() => expect(store.exportSettings).toHaveBeenLastCalledWith(true));
  });

  it('applies an imported file and says what it left out', async () => {
    const { store } = memoryStore();
    const imported = { ...freshSettings(), syncMinutes: 30 };
    store.importSettings.mockResolvedValueOnce({ ok: true, notes: ['githubHosts: dropped 1 of 2 entries that were not valid.'], settings: imported, githubTokenHosts: [], jiraCredentialSites: [] } as never);
    const onImported = vi.fn();
    render(<TransferSection store={store} onImported={onImported} />);
    const input = screen.getByLabelText('Import settings from a file') as HTMLInputElement;
    const file = new File(['{"settings":{}}'], 'team.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
    await waitFor(() => expect(screen.getByTestId('import-result').textContent).toBe('Imported team.json, except:githubHosts: dropped 1 of 2 entries that were not valid.'));
    expect(store.importSettings).toHaveBeenCalledWith('{"settings":{}}');
    expect(onImported).toHaveBeenCalledWith({ settings: imported, githubTokenHosts: [], jiraCredentialSites: [] });
  });

  it('applies nothing from a file it cannot read', async () => {
    const { store } = memoryStore();
    store.importSettings.mockResolvedValueOnce({ ok: false, message: 'This file is not JSON: choose a file FlowLens exported.' });
    const onImported = vi.fn();
    render(<TransferSection store={store} onImported={onImported} />);
    const input = screen.getByLabelText('Import settings from a file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['nope'], 'x.json')], configurable: true });
    fireEvent.change(input);
    await waitFor(() => expect(screen.getByTestId('import-result').textContent).toBe('Nothing was imported. This file is not JSON: choose a file FlowLens exported.'));
    expect(onImported).not.toHaveBeenCalled();
  });
});
