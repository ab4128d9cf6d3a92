/** HostScriptApi over the real `scripting` and `permissions` APIs. */
import { browser } from 'wxt/browser';
import type { HostScriptApi } from './host-scripts';

/** The browser's registration and permission calls. */
export const browserHostApi: HostScriptApi = {
  getRegistered: () => browser.scripting.getRegisteredContentScripts(),
  unregister: (ids) => browser.scripting.unregisterContentScripts({ ids }),
  register: (scripts) => browser.scripting.registerContentScripts(scripts),
  hasOrigin: (origin) => browser.permissions.contains({ origins: [origin] }),
};
