import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
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

  describe('a file with changes to confirm', () => {
    const changes = [
      { id: 'github-token:github.com', text: 'Replaces the GitHub token for github.com.' },
      { id: 'pullsOnJira', text: 'Turns on “Show the pull requests that name a Jira ticket on Jira pages”.' },
      { id: 'notifications', text: 'Turns on desktop notifications.' },
    ];
    const message = 'This file changes what FlowLens reads, shows or signs in with. Nothing is imported until you say which of these changes to make:';

    function choose(store: ReturnType<typeof memoryStore>['store'], onImported = vi.fn()) {
      store.importSettings.mockResolvedValueOnce({ ok: false, message, confirm: changes } as never);
      store.importSettings.mockResolvedValueOnce({ ok: true, notes: [], settings: freshSettings(), githubTokenHosts: ['github.com'], jiraCredentialSites: [] } as never);
      render(<TransferSection store={store} onImported={onImported} />);
      const input = screen.getByLabelText('Import settings from a file') as HTMLInputElement;
      Object.defineProperty(input, 'files', { value: [new File(['{"settings":{}}'], 'shared.json')], configurable: true });
      fireEvent.change(input);
      return onImported;
    }

    it('lists them and applies nothing until the user answers', async () => {
      const { store } = memoryStore();
      const onImported = choose(store);
      const asked = await screen.findByTestId('import-confirm');
      expect(within(asked).getByText(`shared.json: ${message}`)).toBeTruthy();
      expect(within(asked).getAllByRole('listitem').map((li) => li.textContent)).toEqual(changes.map((change) => change.text));
      expect(store.importSettings.mock.calls).toEqual([['{"settings":{}}']]);
      expect(onImported).not.toHaveBeenCalled();
    });

    it('makes them all once confirmed, asking for the notifications permission in the click', async () => {
      const { store } = memoryStore();
      const onImported = choose(store);
      fireEvent.click(await screen.findByRole('button', { name: 'Import with these changes' }));
      expect(store.requestNotifications).toHaveBeenCalledTimes(1);
      await waitFor(() => expect(screen.getByTestId('import-result').textContent).toBe('Imported shared.json.'));
      expect(store.importSettings.mock.calls[1]).toEqual(['{"settings":{}}', changes.map((change) => change.id)]);
      expect(onImported).toHaveBeenCalledTimes(1);
      expect(screen.queryByTestId('import-confirm')).toBeNull();
    });

    it('keeps notifications off when the browser’s permission is refused, and says so', async () => {
      const { store } = memoryStore();
      store.requestNotifications.mockResolvedValueOnce(false);
      choose(store);
      fireEvent.click(await screen.findByRole('button', { name: 'Import with these changes' }));
      await waitFor(() => expect(screen.getByTestId('import-result').textContent).toBe('Imported shared.json, except:Notifications stay off: the browser’s permission was not given.'));
      expect(store.importSettings.mock.calls[1]).toEqual(['{"settings":{}}', ['github-token:github.com', 'pullsOnJira']]);
    });

    it('imports the rest without them, or nothing on cancel', async () => {
      const { store } = memoryStore();
      choose(store);
      fireEvent.click(await screen.findByRole('button', { name: 'Import without them' }));
      await waitFor(() => expect(store.importSettings.mock.calls[1]).toEqual(['{"settings":{}}', []]));
      expect(store.requestNotifications).not.toHaveBeenCalled();
      cleanup();
      const other = memoryStore();
      const onImported = choose(other.store);
      fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
      expect(screen.getByTestId('import-result').textContent).toBe('Nothing was imported.');
      expect(other.store.importSettings).toHaveBeenCalledTimes(1);
      expect(onImported).not.toHaveBeenCalled();
    });
  });
});
