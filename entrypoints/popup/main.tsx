import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { createClient } from '@/lib/client';
import { firstFrame, readSummaryCopy, type CopyArea } from '@/lib/team/first-paint';
import '@/components/pages.css';

// The popup's first paint has a budget of 100 ms, so this page loads no polyfill, validator or
// storage library: MV3 gives extension pages a promise-based API, `browser` in Firefox and
// `chrome` in Chrome, and the popup needs two calls of it.
interface PageApi {
  runtime: { id?: string; sendMessage(message: unknown): Promise<unknown>; openOptionsPage(): Promise<void> };
  storage: { session: CopyArea };
}
const scope = globalThis as { browser?: PageApi; chrome?: PageApi };
const api = (scope.browser?.runtime?.id ? scope.browser : scope.chrome)!;

// The first frame paints the kept copy's head, or the answer asked for before rendering; the whole
// copy is read once it is painted (lib/team/first-paint.ts).
const send = createClient((message) => api.runtime.sendMessage(message));
void firstFrame(api.storage.session, () => send({ type: 'team/summary' })).then((frame) => render(<Popup send={send} {...frame} readCopy={() => readSummaryCopy(api.storage.session)} openOptions={() => void api.runtime.openOptionsPage()} />, document.getElementById('app')!));
