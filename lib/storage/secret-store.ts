/**
 * Where tokens live: a database of their own in the extension origin's IndexedDB. Only the
 * background and the extension's own pages run in that origin; a content script that opens
 * IndexedDB gets the web page's databases, not ours
 * (https://developer.chrome.com/docs/extensions/develop/concepts/storage-and-cookies). Not
 * `storage.local`, which browsers also hand to content scripts
 * (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/storage/StorageArea/setAccessLevel);
 * and not the item cache's database, so "Clear cache", its eviction and its rebuild after a
 * failure never touch a token.
 *
 * There is no fallback: where this database cannot be used, tokens are neither kept in memory
 * (they would vanish when the background stops) nor put back in `storage.local`; the store
 * refuses with a sentence that says why.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { sanitizeSecrets, type Secrets } from './settings';

/** The database's name: not the cache's (`flowlens-cache`). */
export const SECRETS_DB = 'flowlens-secrets';

/** The one record: every token and credential, validated entry by entry when read. */
const RECORD = 'secrets';

/** The typed schema `idb` checks our calls against. */
interface SecretsDb extends DBSchema {
  secrets: { key: string; value: unknown };
}

/** Current schema version; bump it and add a block to `upgrade` for every change. */
const VERSION = 1;

/** The secrets could not be read or written where they live; the message says why. */
export class SecretsUnavailableError extends Error {
  override name = 'SecretsUnavailableError';
}

/** Tokens and credentials at rest. */
export interface SecretStore {
  /** What is stored, validated: a malformed entry is dropped alone. */
  read(): Promise<Secrets>;
  /** Applies `change` in one transaction; resolves once the result is written to disk. */
  update(change: (current: Secrets) => Secrets): Promise<Secrets>;
}

/** Opens (and migrates) the secrets database. Rejects when IndexedDB is unavailable or blocked. */
export async function openSecretsDb(name = SECRETS_DB): Promise<IDBPDatabase<SecretsDb>> {
  const db = await openDB<SecretsDb>(name, VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) db.createObjectStore('secrets');
    },
  });
  // A newer version of FlowLens wants to upgrade: let it, instead of blocking it forever.
  db.addEventListener('versionchange', () => db.close());
  return db;
}

/** A store over the secrets database. */
export function idbSecretStore(db: IDBPDatabase<SecretsDb>): SecretStore {
  return {
    read: async () => sanitizeSecrets(await db.get('secrets', RECORD)),
    async update(change) {
      // "strict": the write is on disk before this resolves, so a migration may then delete the old copy.
      const tx = db.transaction('secrets', 'readwrite', { durability: 'strict' });
      const next = sanitizeSecrets(change(sanitizeSecrets(await tx.store.get(RECORD))));
      await Promise.all([tx.store.put(next, RECORD), tx.done]);
      return next;
    },
  };
}

/** How to open the store; `open` and `isPrivate` are swapped in tests. */
export interface OpenSecretStoreOptions {
  open?: () => Promise<SecretStore>;
  /** Firefox private contexts keep a separate, session-only IndexedDB (see `PRIVATE`). */
  isPrivate: () => boolean;
  /** Firefox private windows have left `indexedDB.open` pending forever: give up after this. */
  timeoutMs?: number;
}

/**
 * Why no token is kept in a private context. Firefox gives extension pages in a private window,
 * and the whole extension when it always uses private browsing, an IndexedDB of their own that
 * the normal one cannot see and that is forgotten when the private session ends
 * (https://github.com/w3c/webextensions/issues/534). A token saved there would vanish silently.
 */
export const PRIVATE =
  'This is a private browsing window: Firefox keeps what FlowLens stores here apart and forgets it when the private session ends, so FlowLens keeps no token here. Open FlowLens options in a normal window to save or remove a token (with Firefox set never to remember history, FlowLens cannot keep tokens).';

/** Opens the store, or rejects with a SecretsUnavailableError that says why. */
export async function openSecretStore(options: OpenSecretStoreOptions): Promise<SecretStore> {
  if (options.isPrivate()) throw new SecretsUnavailableError(PRIVATE);
  const { timeoutMs = 3000 } = options;
  const open = options.open ?? (async () => idbSecretStore(await openSecretsDb()));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`it did not open within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([open(), timeout]);
  } catch (error) {
    // Never deleted and rebuilt like the cache: it holds the only copy of the user's tokens.
    throw new SecretsUnavailableError(`FlowLens could not open the IndexedDB database that holds its tokens (${error instanceof Error ? error.message : String(error)}).`);
  } finally {
    clearTimeout(timer);
  }
}
