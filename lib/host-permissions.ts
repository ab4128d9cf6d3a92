/**
 * Runtime host permissions for hosts the user adds (optional_host_permissions in the manifest).
 * `request` must run inside the click that asked for it: call it before any other await.
 */
import { browser } from 'wxt/browser';

const origins = (host: string) => ({ origins: [`https://${host}/*`] });

/** Whether the manifest already grants `host` (e.g. any *.atlassian.net site): no prompt needed. */
export function grantedByManifest(host: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => {
    const glob = /^https:\/\/([^/]+)\/\*$/.exec(pattern)?.[1];
    if (!glob || glob === '*') return false;
    return glob.startsWith('*.') ? host.endsWith(glob.slice(1)) : host === glob;
  });
}

/** Asks the user to let FlowLens read `host`; true when granted (or granted already). */
export function requestHost(host: string): Promise<boolean> {
  if (grantedByManifest(host, browser.runtime.getManifest().host_permissions ?? [])) return Promise.resolve(true);
  return browser.permissions.request(origins(host));
}

/** Gives the permission for `host` back (never one the manifest grants). */
export async function releaseHost(host: string): Promise<void> {
  if (grantedByManifest(host, browser.runtime.getManifest().host_permissions ?? [])) return;
  await browser.permissions.remove(origins(host));
}

/** Whether FlowLens may read `host` now (the user can take a permission back in the browser). */
export function hostGranted(host: string): Promise<boolean> {
  if (grantedByManifest(host, browser.runtime.getManifest().host_permissions ?? [])) return Promise.resolve(true);
  return browser.permissions.contains(origins(host));
}
