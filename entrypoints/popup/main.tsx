import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { extensionClient } from '@/lib/extension-client';
import '@/components/pages.css';

render(<Popup send={extensionClient()} />, document.getElementById('app')!);
