/**
 * The secrets as the background and the options page use them: read and changed in the secrets
 * database (`secret-store.ts`), and moved there from `storage.local`, where earlier builds of
 * FlowLens kept them and where content scripts can read them too.
 *
 * The move never loses a token: it writes them into the database first and removes the old copy
 * only once that write is on disk; a failed write leaves them where they were, and until they are
 * moved they are still read from there. Nothing ever writes a token to `storage.local` again.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { NO_SECRETS, sanitizeSecrets, type Secrets } from './settings';
import { openSecretStore, type SecretStore } from './secret-store';

/** Where earlier builds kept the secrets (with WXT's version record under `secrets$`). */
export const LEGACY_KEY = 'local:secrets';

/** What the secrets need from the world; swapped in tests. */
export interface SecretsDeps {
  /** Opens the store; rejects with a SecretsUnavailableError. */
  open: () => Promise<SecretStore>;
  /** Whether this context is private (Firefox private windows): nothing is kept there. */
  isPrivate: () => boolean;
}

/** The entries of `newer` win host by host; hosts only `older` has are kept. */
function merge(older: Secrets, newer: Secrets): Secrets {
  return {
    githubTokens: { ...older.githubTokens, ...newer.githubTokens },
    jiraCredentials: { ...older.jiraCredentials, ...newer.jiraCredentials },
  };
}

/** Runs an operation on the secret store. */
type WithStore = <T>(operation: (store: SecretStore) => Promise<T>) => Promise<T>;

/**
 * The store, opened once; a failure to open is not remembered, so the next use tries again.
 * `withStore` runs an operation on it, and when that fails (say, the browser closed the
 * connection) opens the store anew once.
 */
function storeOpenedOnce(open: () => Promise<SecretStore>): { store: () => Promise<SecretStore>; withStore: WithStore } {
  let opening: Promise<SecretStore> | undefined;
  const store = () => (opening ??= open().catch((error: unknown) => ((opening = undefined), Promise.reject(error))));
  async function withStore<T>(operation: (store: SecretStore) => Promise<T>): Promise<T> {
    const used = store();
    try {
      return await operation(await used);
    } catch (error) {
      if (opening !== used) throw error;
      opening = undefined;
      return operation(await store());
    }
  }
  return { store, withStore };
}

/**
 * One move of the secrets an older version left in `storage.local` into the database. A value
 * found there is the latest its writer made (an older FlowLens, a test), so its entries win host
 * by host; hosts only the database has are kept.
 */
async function moveLegacyOnce(deps: SecretsDeps, withStore: WithStore): Promise<void> {
  const found = await storage.getItem<unknown>(LEGACY_KEY);
  if (found == null) return;
  if (deps.isPrivate()) return; // Kept where they are: a private context keeps nothing.
  await withStore((store) => store.update((kept) => merge(kept, sanitizeSecrets(found))));
  // Written and on disk: only now the old copy goes, unless something rewrote it meanwhile
  // (then that change event moves it again).
  const now = await storage.getItem<unknown>(LEGACY_KEY);
  if (JSON.stringify(now) === JSON.stringify(found)) await storage.removeItem(LEGACY_KEY, { removeMeta: true });
}

/** Secrets not moved yet (a failed move), or none. */
async function leftBehind(): Promise<Secrets | undefined> {
  const found = await storage.getItem<unknown>(LEGACY_KEY);
  return found == null ? undefined : sanitizeSecrets(found);
}

/** Every token and credential: the database's, and any not moved out of `storage.local` yet. */
async function readAll(deps: SecretsDeps, withStore: WithStore): Promise<Secrets> {
  const kept = deps.isPrivate() ? NO_SECRETS : await withStore((store) => store.read());
  const left = await leftBehind();
  return left ? merge(kept, left) : kept;
}

/** Why the store cannot be opened, or `undefined` when it can. */
async function openProblem(store: () => Promise<SecretStore>): Promise<string | undefined> {
  try {
    await store();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The secrets of one context (the background, or an options page). */
export function createSecrets(deps: SecretsDeps) {
  const { store, withStore } = storeOpenedOnce(deps.open);
  let moving: Promise<void> = Promise.resolve();

  /** Moves the secrets an older version left in `storage.local` into the database (moveLegacyOnce); moves run one at a time. */
  function moveLegacy(): Promise<void> {
    const run = moving.then(() => moveLegacyOnce(deps, withStore));
    moving = run.catch(() => undefined);
    return run;
  }

  return {
    moveLegacy,

    /**
     * Every token and credential, validated. Rejects when the database cannot be read: tokens
     * may be in it, and going on without them would fail in ways that do not say why.
     */
    async load(): Promise<Secrets> {
      await moving;
      return readAll(deps, withStore);
    },

    /**
     * Changes the stored secrets; rejects with a SecretsUnavailableError (whose message says
     * why) when they cannot be kept here, and writes nothing then.
     */
    async change(edit: (current: Secrets) => Secrets): Promise<Secrets> {
      // What an older version left is moved first, so a removal here cannot come back from there.
      await moveLegacy();
      return withStore((store) => store.update(edit));
    },

    /** Why this context cannot keep secrets, or `undefined` when it can. */
    problem: (): Promise<string | undefined> => openProblem(store),
  };
}

/** Whether this context is private: Firefox private windows, or Firefox always in private browsing. */
const isPrivate = () => browser.extension?.inIncognitoContext === true;

/** The secrets of this context: the background's, or the options page's (both the extension origin). */
export const secrets = createSecrets({ isPrivate, open: () => openSecretStore({ isPrivate }) });

/** Calls `callback` whenever an older version (or a test) writes secrets to `storage.local`. */
export function watchLegacySecrets(callback: () => void): () => void {
  return storage.watch<unknown>(LEGACY_KEY, (value) => {
    if (value != null) callback();
  });
}

/**
 * Defence in depth where the browser offers it (Chrome 140 and later): closes `storage.local` to
 * content scripts altogether, so whatever still lives there (the team state, and tokens an older
 * version left until they are moved) is out of their reach too. Firefox has no such switch for
 * `storage.local` (https://bugzilla.mozilla.org/show_bug.cgi?id=1724754); there the secrets
 * database alone keeps tokens from content scripts. FlowLens's content scripts never use storage.
 */
export async function closeLocalStorageToContentScripts(): Promise<boolean> {
  const local = browser.storage.local as { setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };
  if (typeof local.setAccessLevel !== 'function') return false;
  try {
    await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch {
    return false;
  }
}
