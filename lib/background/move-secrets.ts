/**
 * Tokens live in the extension origin's IndexedDB (lib/storage/secrets.ts). Any an older version
 * (or a test) left in `storage.local`, which content scripts can read, move there at the worker's
 * start and whenever they appear; and where the browser offers it, `storage.local` is closed to
 * content scripts altogether.
 */

/** What the move needs: the secrets' own move, a watch on where older versions kept them, the browser's switch. */
export interface MoveSecretsDeps {
  moveLegacy: () => Promise<void>;
  /** Calls its argument whenever secrets are written to `storage.local`. */
  watchLegacy: (callback: () => void) => unknown;
  closeLocalStorage: () => Promise<boolean>;
}

/** Moves the secrets now and on every later write; a failed move is told on the console and tried again on the next. */
export function moveSecretsOutOfLocalStorage(deps: MoveSecretsDeps): void {
  const move = () => void deps.moveLegacy().catch((error: unknown) => console.warn('FlowLens could not move its tokens out of storage.local yet:', error));
  move();
  deps.watchLegacy(move);
  void deps.closeLocalStorage();
}
