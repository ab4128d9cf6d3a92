import { render } from 'preact';
import { Options } from '@/components/Options';
import { extensionClient } from '@/lib/extension-client';
import { settingsStore } from '@/lib/storage/settings-store';
import '@/components/pages.css';

render(<Options send={extensionClient()} store={settingsStore} />, document.getElementById('app')!);
