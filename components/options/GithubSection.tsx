/**
 * GitHub on the options page: a token per host (github.com and each Enterprise Server host),
 * checked against GitHub on save, and Enterprise Server hosts added with a runtime permission.
 */
import { useState } from 'preact/hooks';
import type { Client } from '../../lib/messaging';
import type { TokenCheck } from '../../lib/status';
import { HostListForm } from './HostListForm';
import { Section } from './fields';
import type { OptionsStore } from './types';

// Classic (ghp_), fine-grained (github_pat_) and OAuth/app tokens (gho_, ghu_, ghs_).
const TOKEN_SHAPE = /^(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})$/;

/** Props of the section. */
export interface GithubSectionProps {
  hosts: string[];
  tokenHosts: string[];
  send: Client;
  store: OptionsStore;
  onHosts: (hosts: string[]) => Promise<string | undefined>;
  onTokenHosts: (hosts: string[]) => void;
  onNotice: (text: string) => void;
}

/** Tokens for github.com and every added host, and the form to add a host. */
export function GithubSection(props: GithubSectionProps) {
  const setToken = async (host: string, token: string | null) => {
    await props.store.setGithubToken(host, token);
    props.onTokenHosts(token ? [...new Set([...props.tokenHosts, host])] : props.tokenHosts.filter((h) => h !== host));
  };
  return (
    <Section id="github" title="GitHub">
      {['github.com', ...props.hosts].map((host) => (
        <TokenField key={host} host={host} hasToken={props.tokenHosts.includes(host)} send={props.send} setToken={setToken} onNotice={props.onNotice} />
      ))}
      <AddHost {...props} />
    </Section>
  );
}

function AddHost(props: GithubSectionProps) {
  return (
    <HostListForm
      name="host"
      label="GitHub Enterprise Server host"
      placeholder="github.example.com"
      addLabel="Add host"
      hosts={props.hosts}
      invalid="Enter an Enterprise Server host name, like github.example.com."
      refuse={(host) => host === 'github.com'}
      added={(host) => `Added ${host}. Save a token for it below to read private repositories.`}
      denied={(host) => `FlowLens needs permission to read ${host} to badge its pages.`}
      store={props.store}
      onHosts={props.onHosts}
      onNotice={props.onNotice}
    />
  );
}

interface TokenFieldProps {
  host: string;
  hasToken: boolean;
  send: Client;
  setToken: (host: string, token: string | null) => Promise<void>;
  onNotice: (text: string) => void;
}

function TokenField({ host, hasToken, send, setToken, onNotice }: TokenFieldProps) {
  const [error, setError] = useState('');
  const [check, setCheck] = useState<TokenCheck | string>();
  const errorId = `token-error-${host}`;
  const test = async () => {
    setCheck('Checking…');
    const answer = await send({ type: 'github/check-token', host });
    setCheck(answer.ok ? answer.data : answer.error.message);
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('token') as HTMLInputElement;
    const token = input.value.trim();
    if (!TOKEN_SHAPE.test(token)) return setError('This does not look like a GitHub token (ghp_…, github_pat_…).');
    setError('');
    await setToken(host, token);
    input.value = '';
    onNotice(`GitHub token saved for ${host}.`);
    await test();
  };
  return (
    <div class="host" data-testid={`github-host-${host}`}>
      <p>{hasToken ? `A token is saved for ${host}.` : host === 'github.com' ? 'No token: FlowLens reads public data only, within GitHub’s limit of 60 requests an hour.' : `No token for ${host}.`}</p>
      <form onSubmit={submit}>
        <label>
          Personal access token for {host}
          <input name="token" type="password" autocomplete="off" spellcheck={false} aria-invalid={error ? 'true' : 'false'} aria-describedby={errorId} />
        </label>
        <button type="submit">Save token</button>
        {hasToken ? (
          <>
            <button type="button" onClick={test}>
              Test connection
            </button>
            <button
              type="button"
              onClick={async () => {
                await setToken(host, null);
                setCheck(undefined);
                onNotice(`GitHub token removed for ${host}.`);
              }}
            >
              Remove token
            </button>
          </>
        ) : null}
        <p id={errorId} class="error" role="alert">
          {error}
        </p>
      </form>
      {check ? <TokenReport check={check} /> : null}
    </div>
  );
}

function TokenReport({ check }: { check: TokenCheck | string }) {
  if (typeof check === 'string') return <p role="status" data-testid="token-check">{check}</p>;
  const kind = check.kind === 'fine-grained' ? 'fine-grained token' : check.kind === 'classic' ? 'classic token' : 'token';
  const expiry = check.expiresAt ? `, expires ${check.expiresAt.slice(0, 10)}` : ', no expiry';
  const scopes = check.scopes ? `; scopes: ${check.scopes.join(', ') || 'none'}` : '';
  return (
    <div role="status" data-testid="token-check">
      <p>
        Connected as @{check.login} ({kind}
        {expiry}
        {scopes}).
      </p>
      {check.warnings.map((warning) => (
        <p class="error" key={warning}>
          {warning}
        </p>
      ))}
    </div>
  );
}
