/**
 * GitHub on the options page: a token per host (github.com and each Enterprise Server host),
 * checked against GitHub on save, and Enterprise Server hosts added with a runtime permission.
 * Removing a host removes its token too: a token is kept only for a host FlowLens reads.
 */
import { useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { TokenCheck } from '../../lib/status';
import type { SecretOutcome } from '../../lib/storage/settings-store';
import { HostListForm } from './HostListForm';
import { Section } from './fields';
import type { OptionsStore } from './types';

// Classic (ghp_), fine-grained (github_pat_) and OAuth/app tokens (gho_, ghu_, ghs_).
const TOKEN_SHAPE = /^(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})$/;

/** Props of the section. */
export interface GithubSectionProps {
  hosts: string[];
  tokenHosts: string[];
  /** Why tokens can be neither seen nor changed here; the token fields say it instead. */
  secretsProblem?: string | undefined;
  send: Client;
  store: OptionsStore;
  onHosts: (hosts: string[]) => Promise<string | undefined>;
  /** Updates the hosts that have a token, from the latest list (several changes may come at once). */
  onTokenHosts: (update: (hosts: string[]) => string[]) => void;
  onNotice: (text: string) => void;
}

/** Saves (or, with `null`, removes) a host's token. */
export type SetToken = (host: string, token: string | null) => Promise<SecretOutcome>;

/** Tokens for github.com and every added host, and the form to add a host. */
export function GithubSection(props: GithubSectionProps) {
  const setToken: SetToken = async (host, token) => {
    const outcome = await props.store.setGithubToken(host, token);
    if (outcome.ok) props.onTokenHosts((hosts) => (token ? [...new Set([...hosts, host])] : hosts.filter((h) => h !== host)));
    return outcome;
  };
  return (
    <Section id="github" title="GitHub">
      {props.secretsProblem ? (
        <p class="error" role="alert" data-testid="github-secrets-problem">
          GitHub tokens cannot be shown or changed here. {props.secretsProblem}
        </p>
      ) : null}
      {['github.com', ...props.hosts].map((host) => (
        <TokenField key={host} host={host} hasToken={props.tokenHosts.includes(host)} problem={props.secretsProblem} send={props.send} setToken={setToken} onNotice={props.onNotice} />
      ))}
      <AddHost {...props} setToken={setToken} />
    </Section>
  );
}

function AddHost(props: GithubSectionProps & { setToken: SetToken }) {
  // A removed host's token goes with it, once the list without it is saved.
  const onHosts = async (hosts: string[]) => {
    const problem = await props.onHosts(hosts);
    if (problem) return problem;
    for (const host of props.tokenHosts.filter((h) => h !== 'github.com' && !hosts.includes(h))) {
      const removed = await props.setToken(host, null);
      if (!removed.ok) return removed.message;
    }
    return undefined;
  };
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
      onHosts={onHosts}
      onNotice={props.onNotice}
    />
  );
}

/** Props of one host's token field. */
export interface TokenFieldProps {
  host: string;
  hasToken: boolean;
  problem?: string | undefined;
  send: Client;
  setToken: SetToken;
  onNotice: (text: string) => void;
}

/** One host's token: saved, then tested at once against GitHub, which names the login or its reason. */
export function TokenField({ host, hasToken, problem, send, setToken, onNotice }: TokenFieldProps) {
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
    const saved = await setToken(host, token);
    if (!saved.ok) return setError(saved.message);
    setError('');
    input.value = '';
    onNotice(`GitHub token saved for ${host}.`);
    await test();
  };
  const remove = async () => {
    const removed = await setToken(host, null);
    if (!removed.ok) return setError(removed.message);
    setError('');
    setCheck(undefined);
    onNotice(`GitHub token removed for ${host}.`);
  };
  if (problem) return null;
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
            <button type="button" onClick={() => void remove()}>
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
