import { deleteDB } from 'idb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRouter, type RouterDeps } from '../background/router';
import { openCache } from './cache';
import { idbSecretStore, openSecretsDb, openSecretStore, PRIVATE, SecretsUnavailableError, type SecretStore } from './secret-store';
import { closeLocalStorageToContentScripts, createSecrets, secrets as pageSecrets, watchLegacySecrets } from './secrets';
import { NO_SECRETS } from './settings';
import { settingsStore } from './settings-store';

const GITHUB = { githubTokens: { 'github.com': 'ghp_old' }, jiraCredentials: { 'jira.corp.example': { kind: 'pat' as const, token: 'pat-old' } } };

let dbName = '';
let count = 0;
beforeEach(() => {
  fakeBrowser.reset();
  dbName = `secrets-test-${(count += 1)}`;
});

/** The secrets of a context over this test's database (`wrap` can break the store). */
function context(options: { isPrivate?: boolean; wrap?: (store: SecretStore) => SecretStore } = {}) {
  const isPrivate = () => options.isPrivate ?? false;
  const wrap = options.wrap ?? ((store: SecretStore) => store);
  return createSecrets({ isPrivate, open: () => openSecretStore({ isPrivate, open: async () => wrap(idbSecretStore(await openSecretsDb(dbName))) }) });
}

/** What `storage.local` holds, as text (for "no token in it" checks). */
const localText = async () => JSON.stringify(await fakeBrowser.storage.local.get(null));

/** What older versions wrote: the value, and WXT's version record beside it. */
const writeLegacy = (value: unknown) => fakeBrowser.storage.local.set({ secrets: value, secrets$: { v: 1 } });

/** A store whose writes fail like a full disk. */
const failingWrites = (store: SecretStore): SecretStore => ({
  read: store.read,
  update: async () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  },
});

describe('where secrets live', () => {
  it('keeps a token the options page saves out of storage.local and storage.sync', async () => {
    const page = context();
    await page.change((s) => ({ ...s, githubTokens: { 'github.com': 'ghp_secret' } }));
    expect(await localText()).not.toContain('ghp_secret');
    expect(JSON.stringify(await fakeBrowser.storage.sync.get(null))).not.toContain('ghp_secret');
    expect((await page.load()).githubTokens).toEqual({ 'github.com': 'ghp_secret' });
  });

  it('is read by another context of the extension (the background), from the same database', async () => {
    await context().change((s) => ({ ...s, githubTokens: { 'ghe.corp.example': 'ghp_ghe' } }));
    const background = context();
    const seen: string[] = [];
    const fetch = async (_url: string, init?: RequestInit) => {
      seen.push(new Headers(init?.headers).get('authorization') ?? '');
      return new Response(JSON.stringify({ login: 'ana' }), { status: 200, headers: { 'x-oauth-scopes': 'repo' } });
    };
    const route = createRouter({ self: { id: 'flowlens', origin: 'chrome-extension://flowlens' }, loadSecrets: background.load, fetch, now: () => 0 } as unknown as RouterDeps);
    const answer = await route({ type: 'github/check-token', host: 'ghe.corp.example' }, { id: 'flowlens', url: 'chrome-extension://flowlens/options.html' });
    expect(answer).toMatchObject({ ok: true, data: { login: 'ana' } });
    expect(seen).toEqual(['Bearer ghp_ghe']);
  });

  it('validates what it reads, dropping a malformed entry alone', async () => {
    const db = await openSecretsDb(dbName);
    await db.put('secrets', { githubTokens: { 'github.com': ' ghp_a ', 'bad host': 'ghp_b' }, jiraCredentials: { 'acme.atlassian.net': { kind: 'cloud-token', email: 'nope', token: 't' }, 'jira.corp': { kind: 'pat', token: 'p' } } }, 'secrets');
    db.close();
    expect(await context().load()).toEqual({ githubTokens: { 'github.com': 'ghp_a' }, jiraCredentials: { 'jira.corp': { kind: 'pat', token: 'p' } } });
  });

  it('survives "Clear cache" and the cache being deleted and rebuilt', async () => {
    const page = context();
    await page.change(() => GITHUB);
    const cache = await openCache({ name: `${dbName}-cache` });
    await cache.write('item', [{ key: 'github:octo-org/api#1', value: {} }], 0);
    await cache.clear();
    await deleteDB(`${dbName}-cache`);
    expect(await context().load()).toEqual(GITHUB);
  });
});

describe('moving the secrets an older version left in storage.local', () => {
  it('moves them into the database and only then removes them, version record included', async () => {
    await writeLegacy(GITHUB);
    const background = context();
    await background.moveLegacy();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await context().load()).toEqual(GITHUB);
  });

  it('keeps what the database had; the moved entries win host by host', async () => {
    const background = context();
    await background.change(() => ({ githubTokens: { 'github.com': 'ghp_db', 'ghe.corp.example': 'ghp_ghe' }, jiraCredentials: {} }));
    await writeLegacy(GITHUB);
    await background.moveLegacy();
    expect(await background.load()).toEqual({ githubTokens: { 'github.com': 'ghp_old', 'ghe.corp.example': 'ghp_ghe' }, jiraCredentials: GITHUB.jiraCredentials });
  });

  it('loses nothing when the write fails: they stay where they were and are still read from there', async () => {
    await writeLegacy(GITHUB);
    const broken = context({ wrap: failingWrites });
    await expect(broken.moveLegacy()).rejects.toThrow(/quota/);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ secrets: GITHUB, secrets$: { v: 1 } });
    expect(await broken.load()).toEqual(GITHUB);
    // A later start, with a disk that takes the write, moves them.
    await context().moveLegacy();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await context().load()).toEqual(GITHUB);
  });

  it('leaves a value rewritten during the move for the next move', async () => {
    await writeLegacy(GITHUB);
    const rewritten = { ...GITHUB, githubTokens: { 'github.com': 'ghp_newer' } };
    const racing = context({
      wrap: (store) => ({
        read: store.read,
        update: async (change) => {
          await fakeBrowser.storage.local.set({ secrets: rewritten });
          return store.update(change);
        },
      }),
    });
    await racing.moveLegacy();
    expect((await fakeBrowser.storage.local.get('secrets')).secrets).toEqual(rewritten);
    await context().moveLegacy();
    expect(await context().load()).toEqual(rewritten);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('moves them whenever they appear in storage.local (an older version or a test wrote them)', async () => {
    const background = context();
    const stop = watchLegacySecrets(() => void background.moveLegacy());
    await fakeBrowser.storage.local.set({ secrets: GITHUB });
    await vi.waitFor(async () => expect(await fakeBrowser.storage.local.get(null)).toEqual({}));
    expect(await background.load()).toEqual(GITHUB);
    stop();
  });

  it('moves the old copy before a change, so a token removed now cannot come back from there', async () => {
    await writeLegacy(GITHUB);
    const page = context();
    await page.change((s) => ({ ...s, githubTokens: {} }));
    expect(await page.load()).toEqual({ githubTokens: {}, jiraCredentials: GITHUB.jiraCredentials });
    expect(await localText()).not.toContain('ghp_old');
  });

  it('validates the old copy too, as it always was', async () => {
    await writeLegacy({ githubTokens: { 'github.com': 'ghp_ok', 'not a host': 'x' }, jiraCredentials: 'garbage' });
    const background = context();
    await background.moveLegacy();
    expect(await background.load()).toEqual({ githubTokens: { 'github.com': 'ghp_ok' }, jiraCredentials: {} });
  });
});

describe('where the database cannot be used', () => {
  it('refuses to save in a private context, and keeps the old copy where it was', async () => {
    await writeLegacy(GITHUB);
    const privateWindow = context({ isPrivate: true });
    await privateWindow.moveLegacy();
    await expect(privateWindow.change(() => NO_SECRETS)).rejects.toThrow(new SecretsUnavailableError(PRIVATE));
    expect(await privateWindow.problem()).toBe(PRIVATE);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ secrets: GITHUB, secrets$: { v: 1 } });
    expect(await privateWindow.load()).toEqual(GITHUB);
  });

  it('says why when IndexedDB does not open, and never falls back to storage.local or memory', async () => {
    const broken = createSecrets({ isPrivate: () => false, open: () => openSecretStore({ isPrivate: () => false, open: () => Promise.reject(new Error('UnknownError')) }) });
    await expect(broken.change(() => GITHUB)).rejects.toThrow('FlowLens could not open the IndexedDB database that holds its tokens (UnknownError).');
    await expect(broken.load()).rejects.toThrow(SecretsUnavailableError);
    expect(await broken.problem()).toMatch(/could not open/);
    expect(await localText()).toBe('{}');
  });

  it('gives up on an open that never answers', async () => {
    const hung = openSecretStore({ isPrivate: () => false, open: () => new Promise<never>(() => undefined), timeoutMs: 10 });
    await expect(hung).rejects.toThrow('(it did not open within 10 ms)');
  });

  it('opens the database anew when the connection was closed under it', async () => {
    const connections: { close(): void }[] = [];
    const background = createSecrets({
      isPrivate: () => false,
      open: async () => {
        const db = await openSecretsDb(dbName);
        connections.push(db);
        return idbSecretStore(db);
      },
    });
    await background.change(() => GITHUB);
    connections[0]!.close();
    expect(await background.load()).toEqual(GITHUB);
    expect(connections).toHaveLength(2);
  });
});

describe('the options page', () => {
  beforeEach(() => pageSecrets.change(() => NO_SECRETS));

  it('saves and removes tokens there and learns only which hosts have one', async () => {
    const github = await settingsStore.setGithubToken('ghe.corp.example', 'ghp_page');
    const jira = await settingsStore.setJiraCredential('acme.atlassian.net', { kind: 'cloud-token', email: 'me@acme.dev', token: 'atl-page' });
    expect(await localText()).not.toMatch(/ghp_page|atl-page/);
    expect([github, jira]).toEqual([{ ok: true }, { ok: true }]);
    const loaded = await settingsStore.load();
    expect(loaded).toMatchObject({ githubTokenHosts: ['ghe.corp.example'], jiraCredentialSites: ['acme.atlassian.net'] });
    expect(JSON.stringify(loaded)).not.toMatch(/ghp_page|atl-page/);
    expect(await settingsStore.setGithubToken('ghe.corp.example', null)).toEqual({ ok: true });
    expect((await pageSecrets.load()).githubTokens).toEqual({});
  });

  it('says why a token was not saved', async () => {
    vi.spyOn(pageSecrets, 'change').mockRejectedValueOnce(new SecretsUnavailableError(PRIVATE));
    expect(await settingsStore.setGithubToken('github.com', 'ghp_x')).toEqual({ ok: false, message: `Not saved: ${PRIVATE}` });
  });

  it('says why it cannot show tokens, and still shows the settings', async () => {
    vi.spyOn(pageSecrets, 'problem').mockResolvedValueOnce(PRIVATE);
    expect(await settingsStore.load()).toMatchObject({ githubTokenHosts: [], secretsProblem: PRIVATE });
  });
});

describe('closing storage.local to content scripts (Chrome 140 and later)', () => {
  const local = fakeBrowser.storage.local as { setAccessLevel?: unknown };

  it('asks for trusted contexts only where the browser offers it', async () => {
    const setAccessLevel = vi.fn(async () => undefined);
    local.setAccessLevel = setAccessLevel;
    try {
      expect(await closeLocalStorageToContentScripts()).toBe(true);
      expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
    } finally {
      delete local.setAccessLevel;
    }
  });

  it('goes on without it where the browser has none, or refuses it for storage.local (Firefox)', async () => {
    expect(await closeLocalStorageToContentScripts()).toBe(false);
    local.setAccessLevel = async () => {
      throw new Error('setAccessLevel is only supported for storage.session');
    };
    try {
      expect(await closeLocalStorageToContentScripts()).toBe(false);
    } finally {
      delete local.setAccessLevel;
    }
  });
});
