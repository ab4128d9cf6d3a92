/**
 * What the options page may do with settings and secrets. It is an extension page, in the
 * extension's origin, so it writes tokens into the secrets database itself (`secrets.ts`): they
 * never travel in a message. It reads back only which hosts have one, never the token itself (an
 * export with "include tokens" ticked is the one exception, and the user asks for it).
 */
import { messageOf } from '../flow-error';
import { secrets as stored } from './secrets';
import { loadSettings, NO_SECRETS, sanitizeSecrets, sanitizeSettings, settingsItem, type JiraCredential, type Secrets, type Settings } from './settings';
import { applyImport, changesToConfirm, exportDocument, readImport, type ImportChange } from './settings-transfer';

/** Settings and the hosts that have a credential. */
export interface StoredState {
  settings: Settings;
  githubTokenHosts: string[];
  jiraCredentialSites: string[];
  /** Why tokens cannot be read or saved from this page (a private window, IndexedDB failing). */
  secretsProblem?: string;
}

/** A change to a token: done, or why not. */
export type SecretOutcome = { ok: true } | { ok: false; message: string };

/** A save: the settings as stored, or why they were not. */
export type SaveResult = { ok: true; settings: Settings } | { ok: false; message: string };

/**
 * An import: the state after it and what was left out; or why nothing was applied, which may be
 * that it holds changes only the user can allow (`confirm`: ask, then import again with the ids
 * the user accepted).
 */
export type ImportOutcome = ({ ok: true; notes: string[] } & StoredState) | { ok: false; message: string } | { ok: false; message: string; confirm: ImportChange[] };

/** `storage.sync` refuses an item over 8 KB (QUOTA_BYTES_PER_ITEM) and bursts of writes. */
export function saveErrorMessage(error: unknown): string {
  const text = messageOf(error);
  if (/quota|QUOTA_BYTES/i.test(text)) {
    if (/WRITE_OPERATIONS/i.test(text)) return 'Not saved: the browser limits how often synced settings may change. Wait a minute and change it again.';
    return 'Not saved: the browser syncs at most 8 KB of settings, and these are larger. Shorten a list or remove custom moves, then try again.';
  }
  return `Not saved: ${text}`;
}

async function storeSettings(next: unknown): Promise<SaveResult> {
  const clean = sanitizeSettings(next);
  try {
    await settingsItem.setValue(clean);
    return { ok: true, settings: clean };
  } catch (error) {
    return { ok: false, message: saveErrorMessage(error) };
  }
}

function hostsOf(secrets: Secrets) {
  return { githubTokenHosts: Object.keys(secrets.githubTokens), jiraCredentialSites: Object.keys(secrets.jiraCredentials) };
}

/** Writes a change to the secrets; says why in words when it could not. */
async function updateSecrets(change: (secrets: Secrets) => Secrets): Promise<SecretOutcome> {
  try {
    await stored.change(change);
  } catch (error) {
    return { ok: false, message: `Not saved: ${messageOf(error)}` };
  }
  return { ok: true };
}

/** The hosts with a credential, or why this page cannot know. */
async function secretHosts(): Promise<Omit<StoredState, 'settings'>> {
  try {
    return hostsOf(await stored.load());
  } catch (error) {
    return { ...hostsOf(NO_SECRETS), secretsProblem: messageOf(error) };
  }
}

/** The operations of the options page. */
export const settingsStore = {
  async load(): Promise<StoredState> {
    const [settings, { secretsProblem, ...hosts }, problem] = await Promise.all([loadSettings(), secretHosts(), stored.problem()]);
    const why = problem ?? secretsProblem;
    return { settings, ...hosts, ...(why ? { secretsProblem: why } : {}) };
  },
  saveSettings: storeSettings,
  /** Stores a token for a host, or removes it with `null`. */
  async setGithubToken(host: string, token: string | null): Promise<SecretOutcome> {
    return updateSecrets((secrets) => {
      const githubTokens = { ...secrets.githubTokens };
      if (token) githubTokens[host] = token.trim();
      else delete githubTokens[host];
      return { ...secrets, githubTokens };
    });
  },
  /** Stores a Jira credential for a site, or removes it with `null` (the Jira session is used then). */
  async setJiraCredential(site: string, credential: JiraCredential | null): Promise<SecretOutcome> {
    if (credential) {
      const checked = sanitizeSecrets({ jiraCredentials: { [site]: credential } }).jiraCredentials[site];
      if (!checked) return { ok: false, message: 'This credential is not complete: check the email and the token.' };
    }
    return updateSecrets((secrets) => {
      const jiraCredentials = { ...secrets.jiraCredentials };
      if (credential) jiraCredentials[site] = credential;
      else delete jiraCredentials[site];
      return { ...secrets, jiraCredentials };
    });
  },
  /** The settings file's text; tokens only when asked for. */
  async exportSettings(includeSecrets: boolean): Promise<string> {
    const [settings, secrets] = await Promise.all([loadSettings(), includeSecrets ? stored.load() : undefined]);
    return JSON.stringify(exportDocument(settings, includeSecrets ? secrets : undefined, Date.now()), null, 2);
  },
  /**
   * Applies a settings file: its settings replace the stored ones, its tokens are added to them.
   * Without `accepted`, a file with changes to confirm (changesToConfirm) applies nothing and
   * says which; with it, only the accepted ones of those changes are made.
   */
  async importSettings(text: string, accepted?: readonly string[]): Promise<ImportOutcome> {
    const read = readImport(text);
    if (!read.ok) return read;
    // The tokens stored now, to tell which the file would add or replace (none readable: none stored).
    const current = { settings: await loadSettings(), secrets: await stored.load().catch(() => NO_SECRETS) };
    const confirm = changesToConfirm(current, read);
    if (confirm.length > 0 && accepted === undefined) return { ok: false, message: 'This file changes what FlowLens reads, shows or signs in with. Nothing is imported until you say which of these changes to make:', confirm };
    const next = applyImport(current, read, accepted ?? []);
    const saved = await storeSettings(next.settings);
    if (!saved.ok) return saved;
    const { tokens } = next;
    const wrote = Object.keys(tokens.githubTokens).length + Object.keys(tokens.jiraCredentials).length > 0
      ? await updateSecrets((secrets) => ({
          githubTokens: { ...secrets.githubTokens, ...tokens.githubTokens },
          jiraCredentials: { ...secrets.jiraCredentials, ...tokens.jiraCredentials },
        }))
      : { ok: true as const };
    const notes = [...read.notes, ...next.notes, ...(wrote.ok ? [] : [`The file’s tokens were left out. ${wrote.message}`])];
    const { secretsProblem: _, ...hosts } = await secretHosts();
    return { ok: true, notes, settings: saved.settings, ...hosts };
  },
};
