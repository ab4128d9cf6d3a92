/**
 * What the options page may ask of storage and permissions. The shapes it edits and gets back
 * are storage's own (lib/storage/settings and settings-store), imported as types. The entrypoint
 * passes `lib/storage/settings-store` (with the permission helpers) in as `OptionsStore`, so the
 * compiler checks the one against the other.
 */
import type { JiraCredential, Settings } from '../../lib/storage/settings';
import type { ImportOutcome, SaveResult, SecretOutcome, StoredState } from '../../lib/storage/settings-store';

/** What the page needs from storage and permissions (lib/storage/settings-store, lib/host-permissions). */
export interface OptionsStore {
  load(): Promise<StoredState>;
  saveSettings(next: Settings): Promise<SaveResult>;
  setGithubToken(host: string, token: string | null): Promise<SecretOutcome>;
  setJiraCredential(site: string, credential: JiraCredential | null): Promise<SecretOutcome>;
  exportSettings(includeSecrets: boolean): Promise<string>;
  /** Without `accepted`, a file with changes only the user may allow applies nothing and lists them in `confirm`. */
  importSettings(text: string, accepted?: readonly string[]): Promise<ImportOutcome>;
  /** Asks for a host permission; must be called first thing in a click handler. */
  requestHost(host: string): Promise<boolean>;
  /** Gives a host's permission back unless a list (Enterprise hosts, Jira sites) still holds it. */
  releaseHost(host: string): Promise<void>;
  hostGranted(host: string): Promise<boolean>;
  /** Asks for the notifications permission; must be called first thing in a click handler. */
  requestNotifications(): Promise<boolean>;
}

/**
 * Saves a change to the settings; resolves to a sentence when it could not be saved. A function
 * patch sees the settings as last saved (for changes inside a nested setting).
 */
export type Save = (patch: Partial<Settings> | ((current: Settings) => Partial<Settings>)) => Promise<string | undefined>;
