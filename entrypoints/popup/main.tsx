import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { extensionClient } from '@/lib/extension-client';
import '@/components/pages.css';

const send = extensionClient();
// Ask for the summary before the first render, so the answer is on its way while Preact starts.
const first = send({ type: 'team/summary' });
render(<Popup send={send} first={first} />, document.getElementById('app')!);
