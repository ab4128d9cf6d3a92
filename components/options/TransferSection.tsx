/**
 * Settings to and from a file: export downloads them as JSON (tokens only when ticked, with a
 * warning), import validates a file, says what it left out, and applies the rest.
 */
import { useState } from 'preact/hooks';
import { offerDownload } from '../download';
import { Section } from './fields';
import type { LoadedState, OptionsStore } from './types';

/** Props of the section. */
export interface TransferSectionProps {
  store: Pick<OptionsStore, 'exportSettings' | 'importSettings'>;
  onImported: (state: LoadedState) => void;
}

/** The import/export section. */
export function TransferSection({ store, onImported }: TransferSectionProps) {
  const [withTokens, setWithTokens] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string; notes: string[] }>();
  const exportNow = async () => {
    offerDownload(`flowlens-settings-${new Date().toISOString().slice(0, 10)}.json`, await store.exportSettings(withTokens), 'application/json');
  };
  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    const outcome = await store.importSettings(await file.text());
    input.value = '';
    if (!outcome.ok) return setResult({ ok: false, text: `Nothing was imported. ${outcome.message}`, notes: [] });
    const { notes, settings, githubTokenHosts, jiraCredentialSites } = outcome;
    onImported({ settings, githubTokenHosts, jiraCredentialSites });
    setResult({ ok: true, text: notes.length ? `Imported ${file.name}, except:` : `Imported ${file.name}.`, notes });
  };
  return (
    <Section id="transfer" title="Import and export">
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
      <fieldset class="group">
        <legend>Import</legend>
        <label class="field">
          Import settings from a file
          <input type="file" accept="application/json,.json" aria-describedby="import-result" onChange={(e) => void importFile(e.currentTarget as HTMLInputElement)} />
        </label>
        <p class="hint">The file’s settings replace the current ones; its tokens, if any, are added.</p>
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
      </fieldset>
    </Section>
  );
}
