/**
 * How FlowLens signs in to one Jira site: the user's own Jira session (the default), an API
 * token with the account's email (Jira Cloud), or a personal access token (Data Center). The
 * token is written to FlowLens's secrets database (the extension origin's IndexedDB) and never
 * shown again; "Test connection" asks the site who the user is.
 */
import { useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { JiraAccessCheck } from '../../lib/status';
import type { JiraCredential } from '../../lib/storage/settings';
import type { SecretOutcome } from '../../lib/storage/settings-store';

/** Props of the form. */
export interface JiraCredentialFormProps {
  site: string;
  hasCredential: boolean;
  send: Client;
  setCredential: (site: string, credential: JiraCredential | null) => Promise<SecretOutcome>;
  onNotice: (text: string) => void;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether a site is Jira Cloud (API token + email) rather than Data Center (PAT). */
export const isCloud = (site: string) => /\.atlassian\.net$/.test(site);

function accessText(check: JiraAccessCheck): string {
  const via = check.via === 'token' ? 'the saved token' : 'your Jira session';
  return `Connected as ${check.displayName} with ${via} (Jira ${check.deployment === 'cloud' ? 'Cloud' : 'Data Center'}).`;
}

/** The credential form of one site. */
export function JiraCredentialForm({ site, hasCredential, send, setCredential, onNotice }: JiraCredentialFormProps) {
  const [error, setError] = useState('');
  const { check, test, forget } = useAccessCheck(send, site);
  const cloud = isCloud(site);
  const id = `jira-cred-${site.replace(/[^a-z0-9]/g, '-')}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const credential = readCredential(form, cloud);
    if (typeof credential === 'string') return setError(credential);
    const saved = await setCredential(site, credential);
    if (!saved.ok) return setError(saved.message);
    setError('');
    form.reset();
    onNotice(`Jira credential saved for ${site}.`);
    await test();
  };
  const useSession = async () => {
    const removed = await setCredential(site, null);
    if (!removed.ok) return setError(removed.message);
    forget();
    onNotice(`FlowLens now reads ${site} with your Jira session.`);
  };
  return (
    <form class="group" onSubmit={submit} noValidate data-testid={`jira-credential-${site}`}>
      <fieldset>
        <legend>Sign-in for {site}</legend>
        <p>{hasCredential ? `${cloud ? 'An API token' : 'A personal access token'} is saved for ${site}.` : `FlowLens uses your Jira session on ${site}.`}</p>
        <CredentialInputs cloud={cloud} invalid={error !== ''} errorId={`${id}-error`} />
        <button type="submit">Save {cloud ? 'API token' : 'personal access token'}</button>
        {hasCredential ? (
          <button type="button" onClick={() => void useSession()}>
            Use my Jira session instead
          </button>
        ) : null}
        <button type="button" onClick={() => void test()}>
          Test connection
        </button>
        <p id={`${id}-error`} class="error" aria-live="polite">
          {error}
        </p>
        {check ? (
          <p role="status" class={check.ok ? '' : 'error'} data-testid="jira-access">
            {check.text}
          </p>
        ) : null}
      </fieldset>
    </form>
  );
}

/** What "Test connection" last said of a site; `test` asks again, `forget` clears it. */
function useAccessCheck(send: Client, site: string) {
  const [check, setCheck] = useState<{ ok: boolean; text: string }>();
  const test = async () => {
    setCheck({ ok: true, text: 'Checking…' });
    const answer = await send({ type: 'jira/check-access', host: site });
    setCheck(answer.ok ? { ok: true, text: accessText(answer.data) } : { ok: false, text: answer.error.message });
  };
  return { check, test, forget: () => setCheck(undefined) };
}

/** The credential the form holds, or what is missing from it. */
function readCredential(form: HTMLFormElement, cloud: boolean): JiraCredential | string {
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | null;
  const token = field('token')?.value.trim() ?? '';
  const email = field('email')?.value.trim() ?? '';
  if (cloud && !EMAIL.test(email)) return 'Enter the email address of your Atlassian account.';
  if (!token) return cloud ? 'Paste an API token from id.atlassian.com (Security → API tokens).' : 'Paste a personal access token (your Jira profile → Personal Access Tokens).';
  return cloud ? { kind: 'cloud-token', email, token } : { kind: 'pat', token };
}

/** The email (Cloud only) and token fields, never filled from what is saved. */
function CredentialInputs({ cloud, invalid, errorId }: { cloud: boolean; invalid: boolean; errorId: string }) {
  return (
    <>
      {cloud ? (
        <label class="field">
          Atlassian account email
          <input name="email" type="email" autocomplete="off" aria-invalid={invalid ? 'true' : 'false'} aria-describedby={errorId} />
        </label>
      ) : null}
      <label class="field">
        {cloud ? 'API token' : 'Personal access token'}
        <input name="token" type="password" autocomplete="off" spellcheck={false} aria-invalid={invalid ? 'true' : 'false'} aria-describedby={errorId} />
      </label>
    </>
  );
}
