/** An in-memory OptionsStore for the options page's tests (the background is lib/testing/fake-client.ts). */
import { vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/storage/settings';
import type { SecretOutcome, StoredState } from '../../lib/storage/settings-store';
import type { OptionsStore } from './types';

/** The settings a fresh install has: a copy of lib/storage/settings.ts's defaults, for a test to change. */
export function freshSettings(): Settings {
  return structuredClone(DEFAULT_SETTINGS);
}

/** A store kept in memory; `saved` lists every settings value written. */
export function memoryStore(initial: Partial<StoredState> = {}) {
  const state: StoredState = { settings: freshSettings(), githubTokenHosts: [], jiraCredentialSites: [], ...initial };
  const saved: Settings[] = [];
  const store = {
    load: vi.fn(async () => structuredClone(state)),
    saveSettings: vi.fn(async (next: Settings) => {
      state.settings = structuredClone(next);
      saved.push(state.settings);
      return { ok: true as const, settings: structuredClone(next) };
    }),
    setGithubToken: vi.fn(async (): Promise<SecretOutcome> => ({ ok: true })),
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
