import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Host permissions: GitHub.com and its API, and Jira Cloud sites (*.atlassian.net). Every other
// host (GitHub Enterprise Server, Jira Data Center) is an optional permission,
// requested at runtime from the options page, so the install prompt asks for as little as possible.
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'FlowLens',
    description:
      'Badges Jira tickets and GitHub pull requests with how long they have been blocked, what they wait on, and how to unblock them.',
    // scripting: content scripts for hosts the user adds at runtime (lib/background/host-scripts.ts).
    // alarms: the team sync runs every few minutes and must wake the service worker to do so
    // (timers die with the worker; lib/background/team-sync.ts).
    permissions: ['storage', 'scripting', 'alarms'],
    // notifications: opt-in desktop notifications after a sync, asked for by the options page
    // when the user turns them on (lib/background/team-notify.ts); without it none are shown.
    optional_permissions: ['notifications'],
    host_permissions: ['https://github.com/*', 'https://api.github.com/*', 'https://*.atlassian.net/*'],
    optional_host_permissions: ['https://*/*'],
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'; base-uri 'none'; frame-ancestors 'none'",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // FlowLens sends nothing to its makers or third parties: data goes only to the user's own GitHub and Jira.
            gecko: { id: 'flowlens@flowlens.dev', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
});
