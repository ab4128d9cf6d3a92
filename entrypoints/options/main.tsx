import { render } from 'preact';
import { Options } from '@/components/options/Options';
import type { OptionsStore } from '@/components/options/types';
import { extensionClient } from '@/lib/extension-client';
import { hostGranted, releaseHost, requestHost } from '@/lib/host-permissions';
import { requestNotifications } from '@/lib/notification-permission';
import { settingsStore } from '@/lib/storage/settings-store';
import '@/components/pages.css';

const store: OptionsStore = { ...settingsStore, requestHost, releaseHost, hostGranted, requestNotifications };
render(<Options send={extensionClient()} store={store} />, document.getElementById('app')!);
