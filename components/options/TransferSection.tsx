/**
 * Settings to and from a file: export downloads them as JSON (tokens only when ticked, with a
 * warning), import validates a file, says what it left out, and applies the rest. A file that
 * would replace or add a token, add a site, or turn a cross-source opt-in or notifications on
 * is applied only once the user has read those changes and said which to make (issue 13).
 */
import { useState } from 'preact/hooks';
import type { StoredState } from '../../lib/storage/settings-store';
import type { ImportChange } from '../../lib/storage/settings-transfer';
import { offerDownload } from '../download';
import { Section } from './fields';
import type { OptionsStore } from './types';

/** Props of the section. */
export interface TransferSectionProps {
  store: Pick<OptionsStore, 'exportSettings' | 'importSettings' | 'requestNotifications'>;
  onImported: (state: StoredState) => void;
}

/** A file waiting for the user's answer. */
interface Pending {
  name: string;
  text: string;
  message: string;
  changes: ImportChange[];
}

/** What an import said: done or not, and the notes on what it left out. */
interface ImportReport {
  ok: boolean;
  text: string;
  notes: string[];
}

const PERMISSION_REFUSED = 'Notifications stay off: the browser’s permission was not given.';

/** The import/export section. */
export function TransferSection({ store, onImported }: TransferSectionProps) {
  const { result, pending, apply, importFile, confirm, cancel } = useImport(store, onImported);
  return (
    <Section id="transfer" title="Import and export">
      <ExportSettings store={store} />
      <fieldset class="group">
        <legend>Import</legend>
        <label class="field">
          Import settings from a file
          <input type="file" accept="application/json,.json" aria-describedby="import-result" onChange={(e) => void importFile(e.currentTarget as HTMLInputElement)} />
        </label>
        <p class="hint">The file’s settings replace the current ones; its tokens, if any, are added. Tokens, sites, the GitHub and Jira opt-ins and notifications change only once you confirm them.</p>
        {pending ? <ConfirmImport pending={pending} onConfirm={() => confirm(pending)} onWithout={() => void apply(pending.name, pending.text, [])} onCancel={cancel} /> : null}
        <ImportResult result={result} />
      </fieldset>
    </Section>
  );
}

/** The export: a JSON file, tokens only when ticked, with a warning when they are. */
function ExportSettings({ store }: Pick<TransferSectionProps, 'store'>) {
  const [withTokens, setWithTokens] = useState(false);
  const exportNow = async () => {
    offerDownload(`flowlens-settings-${new Date().toISOString().slice(0, 10)}.json`, await store.exportSettings(withTokens), 'application/json');
  };
  return (
    <fieldset class="group">
      <legend>Export</legend>
      <label class="check">
        <input type="checkbox" checked={withTokens} onChange={(e) => setWithTokens((e.currentTarget as HTMLInputElement).checked)} aria-describedby="export-warning" />
        Include tokens
      </label>
      <p id="export-warning" class={withTokens ? 'error' : 'hint'}>
        {withTokens ? 'The file will hold your GitHub tokens and Jira credentials in plain text: anyone with the file can use them. Keep it private.' : 'Tokens and credentials stay out of the file.'}
      </p>
      <button type="button" onClick={() => void exportNow()}>
        Export settings
      </button>
    </fieldset>
  );
}

/** What an import said, and a file waiting for the user's answer; and the actions that change them. */
function useImport(store: TransferSectionProps['store'], onImported: TransferSectionProps['onImported']) {
  const [result, setResult] = useState<ImportReport>();
  const [pending, setPending] = useState<Pending>();
  const apply = async (name: string, text: string, accepted?: string[], extra: string[] = []) => {
    const outcome = await (accepted ? store.importSettings(text, accepted) : store.importSettings(text));
    if (!outcome.ok && 'confirm' in outcome) return setPending({ name, text, message: outcome.message, changes: outcome.confirm });
    setPending(undefined);
    if (!outcome.ok) return setResult({ ok: false, text: `Nothing was imported. ${outcome.message}`, notes: [] });
    const { settings, githubTokenHosts, jiraCredentialSites } = outcome;
    const notes = [...outcome.notes, ...extra];
    onImported({ settings, githubTokenHosts, jiraCredentialSites });
    setResult({ ok: true, text: notes.length ? `Imported ${name}, except:` : `Imported ${name}.`, notes });
  };
  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    const text = await file.text();
    input.value = '';
    setResult(undefined);
    await apply(file.name, text);
  };
  const confirm = (file: Pending) => {
    const ids = file.changes.map((change) => change.id);
    if (!ids.includes('notifications')) return void apply(file.name, file.text, ids);
    const withoutNotifications = () => apply(file.name, file.text, ids.filter((id) => id !== 'notifications'), [PERMISSION_REFUSED]);
    // Asked first thing in the click: the browser refuses a prompt that is not.
    void store.requestNotifications().then((granted) => (granted ? apply(file.name, file.text, ids) : withoutNotifications()), withoutNotifications);
  };
  const cancel = () => {
    setPending(undefined);
    setResult({ ok: false, text: 'Nothing was imported.', notes: [] });
  };
  return { result, pending, apply, importFile, confirm, cancel };
}

/** The changes a file would make that need the user's yes, and the three answers. */
function ConfirmImport(props: { pending: Pending; onConfirm: () => void; onWithout: () => void; onCancel: () => void }) {
  return (
    <div role="group" aria-labelledby="import-confirm-title" data-testid="import-confirm">
      <p id="import-confirm-title">
        {props.pending.name}: {props.pending.message}
      </p>
      <ul>
        {props.pending.changes.map((change) => (
          <li key={change.id}>{change.text}</li>
        ))}
      </ul>
      <button type="button" onClick={props.onConfirm}>
        Import with these changes
      </button>{' '}
      <button type="button" onClick={props.onWithout}>
        Import without them
      </button>{' '}
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}

/** What the last import did, and what it left out. */
function ImportResult({ result }: { result: ImportReport | undefined }) {
  return (
    <div id="import-result" role="status" data-testid="import-result">
      {result ? <p class={result.ok ? '' : 'error'}>{result.text}</p> : null}
      {result?.notes.length ? (
        <ul>
          {result.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
