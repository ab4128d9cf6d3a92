import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { createClient } from '@/lib/client';
import { readKeptCopy, type CopyArea } from '@/lib/team/kept-copy-read';
import '@/components/pages.css';

// The popup's first paint has a budget of 100 ms, so this page loads no polyfill, validator or
// storage library: MV3 gives extension pages a promise-based API, `browser` in Firefox and
// `chrome` in Chrome, and the popup needs two calls of it.
interface PageApi {
  runtime: { id?: string; sendMessage(message: unknown): Promise<unknown> };
  storage: { session: CopyArea };
}
const scope = globalThis as { browser?: PageApi; chrome?: PageApi };
const api = (scope.browser?.runtime?.id ? scope.browser : scope.chrome)!;

// The last summary kept in session storage is the first paint; the popup asks for the fresh one
// once that frame is painted (components/Popup.tsx). Without a copy it is asked for before Preact
// renders.
const send = createClient((message) => api.runtime.sendMessage(message));
void readKeptCopy(api.storage.session).then((copy) =>
  render(<Popup send={send} {...(copy ? { copy } : { first: send({ type: 'team/summary' }) })} />, document.getElementById('app')!),
);
