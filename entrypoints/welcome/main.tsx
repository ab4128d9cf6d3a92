import { render } from 'preact';
import { Welcome } from '@/components/welcome/Welcome';
import { extensionClient } from '@/lib/extension-client';
import { settingsStore } from '@/lib/storage/settings-store';
import '@/components/pages.css';

render(<Welcome send={extensionClient()} store={settingsStore} />, document.getElementById('app')!);
