import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { createClient } from '@/lib/client';
import { readSummaryCopy, type CopyArea } from '@/lib/team/summary-copy-read';
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

// The last summary kept in session storage is the first paint. The fresh summary is asked for
// once that frame is painted: computing it keeps the service worker busy, and on a two-core
// machine that took about 10 ms from the popup's first paint. Without a copy it is asked at once.
const copy = readSummaryCopy(api.storage.session);
const send = createClient((message) => api.runtime.sendMessage(message));
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
void copy.then((copy) => {
  const first = copy ? afterPaint().then(() => send({ type: 'team/summary' })) : send({ type: 'team/summary' });
  render(<Popup send={send} first={first} {...(copy ? { copy } : {})} />, document.getElementById('app')!);
});
