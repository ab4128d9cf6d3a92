/**
 * The typed client every UI uses to talk to the background. It takes the protocol's types from
 * lib/protocol.ts and nothing from the request schemas (lib/messaging.ts), so a page that only
 * sends, like the popup, does not load the validator.
 */
import type { FlowError } from './flow-error';
import type { Request, ResponseFor, Result } from './protocol';

/** How a content script or page sends a message; injected so tests and the UI mock can swap it. */
export type Transport = (message: Request) => Promise<unknown>;

/** The typed client: failures come back as `{ ok: false, error }`, never thrown. */
export function createClient(transport: Transport) {
  return async function send<R extends Request>(request: R): Promise<ResponseFor<R['type']>> {
    try {
      const answer = await transport(request);
      if (isResult(answer)) return answer as ResponseFor<R['type']>;
      return { ok: false, error: { code: 'no-answer', message: 'FlowLens did not answer. Reload the page.' } };
    } catch (error) {
      return { ok: false, error: transportError(error) };
    }
  };
}

/** The client type, for props and tests. */
export type Client = ReturnType<typeof createClient>;

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** "Extension context invalidated" means the extension was updated under a live page. */
function transportError(error: unknown): FlowError {
  const text = error instanceof Error ? error.message : String(error);
  if (/context invalidated/i.test(text)) {
    return { code: 'extension-reloaded', message: 'FlowLens was updated. Reload the page to see fresh badges.' };
  }
  return { code: 'no-answer', message: `FlowLens could not reach its background: ${text}` };
}
