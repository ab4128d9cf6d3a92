/**
 * What the options page edits and what it may ask of storage and permissions. The entrypoint
 * passes `lib/storage/settings-store` (with the permission helpers) in as `OptionsStore`, so the
 * compiler checks these shapes against the stored settings.
 */
/** The team: its sources, its people and what it owns. */
export interface TeamSettings {
  githubRepos: string[];
  githubQueries: { host: string; query: string }[];
  jiraQueries: { site: string; jql: string }[];
  members: string[];
  me: string[];
  containers: string[];
}

/** Every setting of FlowLens. */
export interface EditableSettings {
  githubHosts: string[];
  jiraSites: string[];
  blockingLabels: string[];
  blockedStatuses: string[];
  blockedByLinks: string[];
  cacheTtlMinutes: number;
  jiraOnGithub: boolean;
  pullsOnJira: boolean;
  team: TeamSettings;
  syncMinutes: number;
  workingDays: number[];
  nonWorkingDates: string[];
  badgeThresholds: { warnHours: number; alertHours: number };
  rules: { disabled: string[]; custom: unknown[] };
  notifications: { enabled: boolean; blockedLongerThanHours: number; upstreamResolved: boolean };
}

/** Settings and which hosts have a credential (never the credential). */
export interface LoadedState {
  settings: EditableSettings;
  githubTokenHosts: string[];
  jiraCredentialSites: string[];
  /** Why this page can neither see nor change tokens (a private window, IndexedDB failing). */
  secretsProblem?: string;
}

/** A Jira credential: email + API token on Cloud, a personal access token on Data Center. */
export type JiraCredential = { kind: 'cloud-token'; email: string; token: string } | { kind: 'pat'; token: string };

/** A change an import makes only with the user's yes (lib/storage/settings-transfer). */
export interface ImportChange {
  id: string;
  text: string;
}

/** A done-or-why answer. */
export type Outcome = { ok: true } | { ok: false; message: string };

/** What the page needs from storage and permissions (lib/storage/settings-store, lib/host-permissions). */
export interface OptionsStore {
  load(): Promise<LoadedState>;
  saveSettings(next: EditableSettings): Promise<{ ok: true; settings: EditableSettings } | { ok: false; message: string }>;
  setGithubToken(host: string, token: string | null): Promise<Outcome>;
  setJiraCredential(site: string, credential: JiraCredential | null): Promise<Outcome>;
  exportSettings(includeSecrets: boolean): Promise<string>;
  /** Without `accepted`, a file with changes only the user may allow applies nothing and lists them in `confirm`. */
  importSettings(text: string, accepted?: readonly string[]): Promise<({ ok: true; notes: string[] } & LoadedState) | { ok: false; message: string } | { ok: false; message: string; confirm: ImportChange[] }>;
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
export type Save = (patch: Partial<EditableSettings> | ((current: EditableSettings) => Partial<EditableSettings>)) => Promise<string | undefined>;
