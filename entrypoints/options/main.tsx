import { render } from 'preact';
import { Options } from '@/components/options/Options';
import type { OptionsStore } from '@/components/options/types';
import { extensionClient } from '@/lib/extension-client';
import { hostGranted, releaseHost, requestHost } from '@/lib/host-permissions';
import { requestNotifications } from '@/lib/notification-permission';
import { loadSettings } from '@/lib/storage/settings';
import { settingsStore } from '@/lib/storage/settings-store';
import '@/components/pages.css';

const store: OptionsStore = {
  ...settingsStore,
  requestHost,
  // Checked against the lists as saved: the host may still be in the other one.
  releaseHost: async (host) => void (await releaseHost(host, loadSettings)),
  hostGranted,
  requestNotifications,
};
render(<Options send={extensionClient()} store={store} />, document.getElementById('app')!);
