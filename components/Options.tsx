/**
 * The options page: every setting saves as it changes (no save button to forget), each field
 * validated in place. Tokens are written, never read back: the page shows only which hosts
 * have one.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Client } from '../lib/messaging';
import type { PublicStatus, TokenCheck } from '../lib/status';
import { StatusList } from './Popup';

/** The settings fields this page edits. */
export interface EditableSettings {
  cacheTtlMinutes: number;
  blockingLabels: string[];
  [other: string]: unknown;
}

/** What the page needs from storage (implemented by lib/storage/settings-store). */
export interface OptionsStore {
  load(): Promise<{ settings: EditableSettings; githubTokenHosts: string[] }>;
  saveSettings(next: EditableSettings): Promise<EditableSettings>;
  setGithubToken(host: string, token: string | null): Promise<void>;
}

/** Props of the options page. */
export interface OptionsProps {
  send: Client;
  store: OptionsStore;
}

// Classic (ghp_), fine-grained (github_pat_) and OAuth/app tokens (gho_, ghu_, ghs_).
const TOKEN_SHAPE = /^(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})$/;

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
      <TokenField hasToken={tokenHosts.includes('github.com')} send={send} store={store} onChange={(hosts) => setTokenHosts(hosts)} onNotice={setNotice} />
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

function TokenField(props: { hasToken: boolean; send: Client; store: OptionsStore; onChange: (hosts: string[]) => void; onNotice: (text: string) => void }) {
  const [error, setError] = useState('');
  const [check, setCheck] = useState<TokenCheck | string>();
  const test = async () => {
    setCheck('Checking…');
    const answer = await props.send({ type: 'github/check-token', host: 'github.com' });
    setCheck(answer.ok ? answer.data : answer.error.message);
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('token') as HTMLInputElement;
    const token = input.value.trim();
    if (!TOKEN_SHAPE.test(token)) return setError('This does not look like a GitHub token (ghp_…, github_pat_…).');
    setError('');
    await props.store.setGithubToken('github.com', token);
    input.value = '';
    props.onChange(['github.com']);
    props.onNotice('GitHub token saved.');
    await test();
  };
  return (
    <section>
      <h2>GitHub</h2>
      <p>{props.hasToken ? 'A token is saved for github.com.' : 'No token: FlowLens reads public data only, within GitHub’s limit of 60 requests an hour.'}</p>
      <form onSubmit={submit}>
        <label>
          Personal access token
          <input name="token" type="password" autocomplete="off" spellcheck={false} aria-invalid={error ? 'true' : 'false'} aria-describedby="token-error" />
        </label>
        <button type="submit">Save token</button>
        {props.hasToken ? (
          <>
            <button type="button" onClick={test}>
              Test connection
            </button>
            <button
              type="button"
              onClick={async () => {
                await props.store.setGithubToken('github.com', null);
                props.onChange([]);
                setCheck(undefined);
                props.onNotice('GitHub token removed.');
              }}
            >
              Remove token
            </button>
          </>
        ) : null}
        <p id="token-error" class="error" role="alert">{error}</p>
      </form>
      {check ? <TokenReport check={check} /> : null}
    </section>
  );
}

function TokenReport({ check }: { check: TokenCheck | string }) {
  if (typeof check === 'string') return <p role="status" data-testid="token-check">{check}</p>;
  const expiry = check.expiresAt ? `, expires ${check.expiresAt.slice(0, 10)}` : ', no expiry';
  return (
    <div role="status" data-testid="token-check">
      <p>
        Connected as @{check.login} ({check.kind === 'fine-grained' ? 'fine-grained token' : check.kind === 'classic' ? 'classic token' : 'token'}
        {expiry}
        {check.scopes ? `; scopes: ${check.scopes.join(', ') || 'none'}` : ''}).
      </p>
      {check.warnings.map((warning) => (
        <p class="error" key={warning}>
          {warning}
        </p>
      ))}
    </div>
  );
}

function NumberField(props: { label: string; value: number; min: number; max: number; onSave: (value: number) => void }) {
  const [error, setError] = useState('');
  return (
    <label class="field">
      {props.label}
      <input
        type="number"
        min={props.min}
        max={props.max}
        value={props.value}
        aria-invalid={error ? 'true' : 'false'}
        onChange={(event) => {
          const value = Number((event.currentTarget as HTMLInputElement).value);
          const ok = Number.isInteger(value) && value >= props.min && value <= props.max;
          setError(ok ? '' : `Enter a whole number from ${props.min} to ${props.max}.`);
          if (ok) props.onSave(value);
        }}
      />
      <span class="error" role="alert">{error}</span>
    </label>
  );
}

function ListField(props: { label: string; value: string[]; onSave: (value: string[]) => void }) {
  return (
    <label class="field">
      {props.label}
      <input
        type="text"
        value={props.value.join(', ')}
        onChange={(event) => {
          const list = (event.currentTarget as HTMLInputElement).value.split(',').map((s) => s.trim()).filter(Boolean);
          props.onSave(list);
        }}
      />
    </label>
  );
}
