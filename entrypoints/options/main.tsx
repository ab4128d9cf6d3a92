import { render } from 'preact';
import { Options } from '@/components/options/Options';
import { extensionClient } from '@/lib/extension-client';
import { releaseHost, requestHost } from '@/lib/host-permissions';
import { settingsStore } from '@/lib/storage/settings-store';
import '@/components/pages.css';

const store = { ...settingsStore, requestHost, releaseHost };
render(<Options send={extensionClient()} store={store} />, document.getElementById('app')!);
