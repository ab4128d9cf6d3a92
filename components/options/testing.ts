/** An in-memory OptionsStore and a scripted background for the options page's tests. */
import { vi } from 'vitest';
import type { Client, Request, ResponseData } from '../../lib/messaging';
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

type Answers = { [T in Request['type']]?: (request: Extract<Request, { type: T }>) => { ok: true; data: ResponseData[T] } | { ok: false; error: { code: 'bad-request' | 'offline' | 'server'; message: string } } };

/** A background that answers as scripted, and "Not built yet." otherwise; `sent` lists requests. */
export function scriptedClient(answers: Answers = {}) {
  const sent: Request[] = [];
  const send = vi.fn(async (request: Request) => {
    sent.push(request);
    const answer = (answers as Record<string, (r: Request) => unknown>)[request.type];
    return answer ? answer(request) : { ok: false, error: { code: 'bad-request', message: 'Not built yet.' } };
  }) as unknown as Client;
  return { send, sent };
}
