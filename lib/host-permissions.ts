/**
 * Runtime host permissions for hosts the user adds (optional_host_permissions in the manifest).
 * `request` must run inside the click that asked for it: call it before any other await.
 */
import { browser } from 'wxt/browser';

const origins = (host: string) => ({ origins: [`https://${host}/*`] });

/** Asks the user to let FlowLens read `host`; true when granted. */
export function requestHost(host: string): Promise<boolean> {
  return browser.permissions.request(origins(host));
}

/** Gives the permission for `host` back. */
export async function releaseHost(host: string): Promise<void> {
  await browser.permissions.remove(origins(host));
}
