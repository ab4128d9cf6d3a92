/**
 * What the options page may do with settings and secrets. It is an extension page, so it may
 * write tokens; it reads back only which hosts have one, never the token itself.
 */
import { loadSecrets, loadSettings, sanitizeSettings, secretsItem, settingsItem, type Settings } from './settings';

/** Settings and the hosts that have a GitHub token. */
export interface StoredState {
  settings: Settings;
  githubTokenHosts: string[];
}

/** The operations of the options page. */
export const settingsStore = {
  async load(): Promise<StoredState> {
    const [settings, secrets] = await Promise.all([loadSettings(), loadSecrets()]);
    return { settings, githubTokenHosts: Object.keys(secrets.githubTokens) };
  },
  async saveSettings(next: unknown): Promise<Settings> {
    const clean = sanitizeSettings(next);
    await settingsItem.setValue(clean);
    return clean;
  },
  /** Stores a token for a host, or removes it with `null`. */
  async setGithubToken(host: string, token: string | null): Promise<void> {
    const secrets = await loadSecrets();
    const githubTokens = { ...secrets.githubTokens };
    if (token) githubTokens[host] = token.trim();
    else delete githubTokens[host];
    await secretsItem.setValue({ ...secrets, githubTokens });
  },
};
