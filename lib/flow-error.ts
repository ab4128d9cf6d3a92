/**
 * Errors as values: every failure the user may see has a code (for tests and styling) and a
 * sentence that says what happened and what to do. Nothing here throws.
 */

/** Why something could not be shown. */
export type FlowErrorCode =
  | 'bad-request'
  | 'forbidden'
  | 'no-answer'
  | 'extension-reloaded'
  | 'offline'
  | 'timeout'
  | 'unauthorized'
  | 'sso-required'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'bad-response';

/** A failure, ready to show. */
export interface FlowError {
  code: FlowErrorCode;
  message: string;
  /** When a retry makes sense (rate limits), as epoch milliseconds. */
  retryAt?: number;
  /** A page that fixes it (SSO authorisation, the options page). */
  helpUrl?: string;
  /**
   * Said by the provider that built the error: it is FlowLens's set-up's, not the item's, and is
   * fixed in FlowLens's settings: a token that lacks access (GitHub's 403 to a request with a
   * token, however GitHub words it), or a team query the site refused. 'unauthorized' and
   * 'sso-required' are set-up errors by their code alone (lib/flow-view.ts, `isSetupError`).
   */
  setup?: true;
}

/** Narrows an unknown thrown value to a message, for the rare place that must catch. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
