import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openWelcomeOnInstall } from './welcome';

describe('openWelcomeOnInstall', () => {
  beforeEach(() => fakeBrowser.reset());

  // The fake browser starts with one blank tab, of no URL.
  const openTabs = async () => (await fakeBrowser.tabs.query({})).flatMap((tab) => (tab.url ? [tab.url] : []));

  it('opens the welcome page once when FlowLens is installed', async () => {
    openWelcomeOnInstall();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await expect.poll(openTabs).toEqual([fakeBrowser.runtime.getURL('/welcome.html')]);
  });

  it('opens nothing on an update, a browser update or a shared module’s update', async () => {
    openWelcomeOnInstall();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.9.0' });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'chrome_update' });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'shared_module_update', id: 'other-extension' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await openTabs()).toEqual([]);
  });
});
