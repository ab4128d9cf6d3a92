/** An in-memory OptionsStore for the options page's tests (the background is lib/testing/fake-client.ts). */
import { vi } from 'vitest';
import type { EditableSettings, LoadedState, OptionsStore, Outcome } from './types';

/** The settings a fresh install has (as lib/storage/settings.ts defaults them). */
export function freshSettings(): EditableSettings {
  return {
    githubHosts: [],
    jiraSites: [],
    blockingLabels: ['blocked', 'status: blocked', 'on hold'],
    blockedStatuses: ['Blocked', 'On Hold', 'Waiting for support'],
    blockedByLinks: ['is blocked by', 'depends on'],
    cacheTtlMinutes: 5,
    jiraOnGithub: false,
    pullsOnJira: false,
    team: { githubRepos: [], githubQueries: [], jiraQueries: [], members: [], me: [], containers: [] },
    syncMinutes: 15,
    workingDays: [1, 2, 3, 4, 5],
    nonWorkingDates: [],
    badgeThresholds: { warnHours: 24, alertHours: 72 },
    rules: { disabled: [], custom: [] },
    notifications: { enabled: false, blockedLongerThanHours: 48, upstreamResolved: true },
  };
}

/** A store kept in memory; `saved` lists every settings value written. */
export function memoryStore(initial: Partial<LoadedState> = {}) {
  const state: LoadedState = { settings: freshSettings(), githubTokenHosts: [], jiraCredentialSites: [], ...initial };
  const saved: EditableSettings[] = [];
  const store = {
    load: vi.fn(async () => structuredClone(state)),
    saveSettings: vi.fn(async (next: EditableSettings) => {
      state.settings = structuredClone(next);
      saved.push(state.settings);
      return { ok: true as const, settings: structuredClone(next) };
    }),
    setGithubToken: vi.fn(async (): Promise<Outcome> => ({ ok: true })),
    setJiraCredential: vi.fn(async () => ({ ok: true as const })),
    exportSettings: vi.fn(async (withSecrets: boolean) => JSON.stringify({ format: 'flowlens-settings', settings: state.settings, ...(withSecrets ? { secrets: {} } : {}) })),
    importSettings: vi.fn(async () => ({ ok: false as const, message: 'not scripted' })),
    requestHost: vi.fn(async () => true),
    releaseHost: vi.fn(async () => undefined),
    hostGranted: vi.fn(async () => true),
    requestNotifications: vi.fn(async () => true),
  } satisfies OptionsStore;
  return { store, state, saved };
}
