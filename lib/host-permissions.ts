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

/** The lists of hosts FlowLens reads beyond its manifest: one host may be in both. */
export interface HostLists {
  githubHosts: readonly string[];
  jiraSites: readonly string[];
}

/**
 * Gives the permission for `host` back, unless a list still holds it (a host removed from the
 * Enterprise Server list may still be a Jira site, and the other way round) or the manifest
 * grants it. `lists` are read after the removal was saved. Resolves to whether it was given back.
 */
export async function releaseHost(host: string, lists: () => Promise<HostLists>): Promise<boolean> {
  if (grantedByManifest(host, browser.runtime.getManifest().host_permissions ?? [])) return false;
  const { githubHosts, jiraSites } = await lists();
  if (githubHosts.includes(host) || jiraSites.includes(host)) return false;
  return browser.permissions.remove(origins(host));
}

/** Whether FlowLens may read `host` now (the user can take a permission back in the browser). */
export function hostGranted(host: string): Promise<boolean> {
  if (grantedByManifest(host, browser.runtime.getManifest().host_permissions ?? [])) return Promise.resolve(true);
  return browser.permissions.contains(origins(host));
}
