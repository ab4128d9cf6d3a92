import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { createClient } from '@/lib/client';
import { pageApi, takePopupStart } from '@/lib/team/popup-start';
import '@/components/pages.css';

// The popup's first paint has a budget of 100 ms, so this page loads no polyfill, validator or
// storage library, and its two first reads were started by /popup-early.js in the page's head.
const api = pageApi();
const start = takePopupStart();
const send = createClient((message) => api.runtime.sendMessage(message));
const first = createClient(() => start.first)({ type: 'team/summary' });
void start.copy.then((copy) => render(<Popup send={send} first={first} {...(copy ? { copy } : {})} />, document.getElementById('app')!));
