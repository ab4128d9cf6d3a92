/**
 * The one fake background for tests of the UI and the content side: the real client
 * (lib/client.ts) over a transport that answers each request type as the test scripts it and
 * records every request sent. A type the test did not script is answered with a failure, so a
 * test that forgot one sees it on screen.
 */
import { createClient, type Client } from '../client';
import type { Request } from '../protocol';

/**
 * How the fake answers each request type. An answer is usually the type's `ResponseFor`, but
 * may be anything (a promise that never settles, a hostile value), as a broken background's could.
 */
export type FakeAnswers = { [T in Request['type']]?: (request: Extract<Request, { type: T }>) => unknown };

/** The answer to a request type the test did not script. */
export const NOT_SCRIPTED = { ok: false, error: { code: 'bad-request', message: 'Not built yet.' } } as const;

/** A client whose background answers as `answers` say; `sent` lists every request, in order. */
export function fakeClient(answers: FakeAnswers = {}): { send: Client; sent: Request[] } {
  const sent: Request[] = [];
  const send = createClient(async (request) => {
    sent.push(request);
    const answer = answers[request.type] as ((request: Request) => unknown) | undefined;
    return answer ? answer(request) : NOT_SCRIPTED;
  });
  return { send, sent };
}
