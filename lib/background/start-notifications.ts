/**
 * The notifications' browser side: the click listener (registered at the worker's start, and
 * again once the optional permission is granted, since the API only exists with it), and the
 * notifier the sync calls after each run.
 */
import { browser } from 'wxt/browser';
import { parseKey } from '../item-key';
import type { FlowCache } from '../storage/cache';
import type { FlowService } from './flow-service';
import { createTeamNotifier, notificationUrl, type NotifyApi } from './team-notify';

/** Starts listening for clicks; returns the after-sync step. */
export function startNotifications(deps: { cache: () => Promise<FlowCache>; now: () => number; flow: FlowService }) {
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
  // Blockers are read as a badge reads them: cached, fresh within the TTL, under the rate-limit holds.
  const refresh = async (keys: string[]) => void (await deps.flow.refresh(keys.flatMap((key) => parseKey(key) ?? [])));
  return createTeamNotifier({ cache: deps.cache, now: deps.now, refresh, api, iconUrl: browser.runtime.getURL('/icon/128.png'), summaryUrl: browser.runtime.getURL('/popup.html') });
}
