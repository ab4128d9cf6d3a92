/**
 * The welcome page opens by itself once, when FlowLens is installed: never on an update or a
 * browser update, so a user who set it up is not shown it again. Registered at the worker's
 * start (docs/ARCHITECTURE.md, "Data's way"), as `runtime.onInstalled` fires only then.
 */
import { browser } from 'wxt/browser';

/** The welcome page, relative to the extension's root. */
export const WELCOME_PAGE = '/welcome.html';

/** What the listener needs of the browser: the install event and a way to open a tab. */
export interface WelcomeApi {
  onInstalled: { addListener(listener: (details: { reason: string }) => void): void };
  openTab(url: string): Promise<unknown>;
  url(path: string): string;
}

/** The browser's own runtime and tabs. */
export const browserWelcomeApi: WelcomeApi = {
  onInstalled: browser.runtime.onInstalled,
  openTab: (url) => browser.tabs.create({ url }),
  url: (path) => browser.runtime.getURL(path as '/welcome.html'),
};

/** Opens the welcome page in a tab on install (reason `install`), and on nothing else. */
export function openWelcomeOnInstall(api: WelcomeApi = browserWelcomeApi): void {
  api.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void api.openTab(api.url(WELCOME_PAGE)).catch(() => undefined);
  });
}
