/**
 * The options page: every setting saves as it changes (no save button to forget), each field
 * validated in place. Tokens are written, never read back: the page shows only which hosts
 * have one.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Client } from '../../lib/messaging';
import type { PublicStatus } from '../../lib/status';
import { StatusList } from '../Popup';
import { ListField, NumberField } from './fields';
import { GithubSection } from './GithubSection';
import { JiraSection } from './JiraSection';

/** The settings fields this page edits. */
export interface EditableSettings {
  cacheTtlMinutes: number;
  blockingLabels: string[];
  githubHosts: string[];
  jiraSites: string[];
  crossSource: boolean;
  [other: string]: unknown;
}

/** What the page needs from storage and permissions (lib/storage/settings-store, lib/host-permissions). */
export interface OptionsStore {
  load(): Promise<{ settings: EditableSettings; githubTokenHosts: string[] }>;
  saveSettings(next: EditableSettings): Promise<EditableSettings>;
  setGithubToken(host: string, token: string | null): Promise<void>;
  /** Asks for a host permission; must be called first thing in a click handler. */
  requestHost(host: string): Promise<boolean>;
  releaseHost(host: string): Promise<void>;
}

/** Props of the options page. */
export interface OptionsProps {
  send: Client;
  store: OptionsStore;
}

/** The options page. */
export function Options({ send, store }: OptionsProps) {
  const [settings, setSettings] = useState<EditableSettings>();
  const [tokenHosts, setTokenHosts] = useState<string[]>([]);
  const [status, setStatus] = useState<PublicStatus>();
  const [notice, setNotice] = useState('');
  const refreshStatus = () => send({ type: 'status/get' }).then((a) => a.ok && setStatus(a.data));
  useEffect(() => {
    void store.load().then(({ settings: loaded, githubTokenHosts }) => {
      setSettings(loaded);
      setTokenHosts(githubTokenHosts);
    });
    void refreshStatus();
  }, [store]);
  if (!settings) return <main class="page" aria-busy="true">Loading…</main>;
  const save = async (patch: Partial<EditableSettings>) => {
    setSettings(await store.saveSettings({ ...settings, ...patch }));
    setNotice('Saved.');
  };
  return (
    <main class="page options">
      <h1>FlowLens options</h1>
      <p role="status" class="notice">{notice}</p>
      <GithubSection
        hosts={settings.githubHosts}
        tokenHosts={tokenHosts}
        send={send}
        store={store}
        onHosts={(githubHosts) => save({ githubHosts })}
        onTokenHosts={setTokenHosts}
        onNotice={setNotice}
      />
      <JiraSection
        sites={settings.jiraSites}
        crossSource={settings.crossSource}
        store={store}
        onSites={(jiraSites) => save({ jiraSites })}
        onCrossSource={(crossSource) => save({ crossSource })}
        onNotice={setNotice}
      />
      <NumberField label="Refresh items older than (minutes)" value={settings.cacheTtlMinutes} min={1} max={1440} onSave={(n) => save({ cacheTtlMinutes: n })} />
      <ListField label="Labels that mean blocked (comma-separated)" value={settings.blockingLabels} onSave={(list) => save({ blockingLabels: list })} />
      <section>
        <h2>Cache</h2>
        {status ? <StatusList status={status} /> : null}
        <button
          type="button"
          onClick={async () => {
            const answer = await send({ type: 'cache/clear' });
            setNotice(answer.ok ? `Cleared ${answer.data.cleared} cached items.` : answer.error.message);
            void refreshStatus();
          }}
        >
          Clear cache
        </button>
      </section>
    </main>
  );
}
