import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { grantedByManifest, releaseHost } from './host-permissions';

const manifest = ['https://github.com/*', 'https://api.github.com/*', 'https://*.atlassian.net/*'];

describe('grantedByManifest', () => {
  it('knows the hosts the manifest grants', () => {
    expect(grantedByManifest('acme.atlassian.net', manifest)).toBe(true);
    expect(grantedByManifest('github.com', manifest)).toBe(true);
  });

  it('asks for everything else, look-alikes included', () => {
    expect(grantedByManifest('jira.corp.example', manifest)).toBe(false);
    expect(grantedByManifest('evilatlassian.net', manifest)).toBe(false);
    expect(grantedByManifest('github.com.evil.example', manifest)).toBe(false);
  });
});

describe('releaseHost', () => {
  /** A browser with this manifest whose `permissions.remove` is recorded. */
  function permissions() {
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'FlowLens', version: '0.1.0', host_permissions: manifest });
    return vi.spyOn(fakeBrowser.permissions, 'remove').mockResolvedValue(true as never);
  }

  it('gives the permission back once no list holds the host', async () => {
    const remove = permissions();
    expect(await releaseHost('jira.corp.example', async () => ({ githubHosts: ['ghe.corp.example'], jiraSites: [] }))).toBe(true);
    expect(remove).toHaveBeenCalledWith({ origins: ['https://jira.corp.example/*'] });
  });

  it('keeps it while the other list still holds the host', async () => {
    const remove = permissions();
    expect(await releaseHost('corp.example', async () => ({ githubHosts: [], jiraSites: ['corp.example'] }))).toBe(false);
    expect(await releaseHost('corp.example', async () => ({ githubHosts: ['corp.example'], jiraSites: [] }))).toBe(false);
    expect(remove).not.toHaveBeenCalled();
  });

  it('never gives back what the manifest grants', async () => {
    const remove = permissions();
    expect(await releaseHost('acme.atlassian.net', async () => ({ githubHosts: [], jiraSites: [] }))).toBe(false);
    expect(remove).not.toHaveBeenCalled();
  });
});
