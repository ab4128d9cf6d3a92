import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { extensionClient } from '@/lib/extension-client';
import { loadSummaryCopy } from '@/lib/team/summary-copy';
import '@/components/pages.css';

const send = extensionClient();
// Ask for the summary before the first render, so the answer is on its way while Preact starts,
// and paint the last summary kept in session storage meanwhile (it answers in a few ms).
const first = send({ type: 'team/summary' });
void loadSummaryCopy().then((copy) => render(<Popup send={send} first={first} {...(copy ? { copy } : {})} />, document.getElementById('app')!));
