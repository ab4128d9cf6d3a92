/**
 * The notifications' browser side: the click listener (registered at the worker's start, and
 * again once the optional permission is granted, since the API only exists with it), and the
 * notifier the sync calls after each run.
 */
import { browser } from 'wxt/browser';
import type { FlowCache } from '../storage/cache';
import { createTeamNotifier, notificationUrl, type NotifyApi } from './team-notify';

/** Starts listening for clicks; returns the after-sync step. */
export function startNotifications(deps: { cache: () => Promise<FlowCache>; now: () => number }) {
  const origin = new URL(browser.runtime.getURL('/')).origin;
  let listening = false;
  const listen = () => {
    if (listening || !browser.notifications) return;
    listening = true;
    browser.notifications.onClicked.addListener((id) => {
      const url = notificationUrl(id, origin);
      if (!url) return;
      void browser.tabs.create({ url });
      void browser.notifications.clear(id);
    });
  };
  listen();
  browser.permissions.onAdded.addListener(listen);
  const api: NotifyApi = {
    granted: () => browser.permissions.contains({ permissions: ['notifications'] }),
    create: (id, options) => browser.notifications.create(id, options),
  };
  return createTeamNotifier({ ...deps, api, iconUrl: browser.runtime.getURL('/icon/128.png'), summaryUrl: browser.runtime.getURL('/popup.html') });
}
