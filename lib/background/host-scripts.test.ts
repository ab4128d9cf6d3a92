import { describe, expect, it, vi } from 'vitest';
import { createHostScriptSync, syncHostScripts, type HostScriptApi } from './host-scripts';

function fakeApi(granted: string[], registered: string[] = []) {
  const state = { registered: registered.map((id) => ({ id })), calls: [] as string[] };
  const api: HostScriptApi = {
    getRegistered: async () => state.registered,
    unregister: async (ids) => {
      state.calls.push(`unregister ${ids.join(',')}`);
      state.registered = state.registered.filter((s) => !ids.includes(s.id));
    },
    register: async (scripts) => {
      state.calls.push(`register ${scripts.map((s) => `${s.id}=${s.matches.join('|')}`).join(' ')}`);
      state.registered.push(...scripts.map((s) => ({ id: s.id })));
    },
    hasOrigin: async (origin) => granted.includes(origin),
  };
  return { api, state };
}

describe('syncHostScripts', () => {
  it('registers the GitHub and Jira scripts for granted hosts and reports the others', async () => {
    const { api, state } = fakeApi(['https://git.corp.example/*', 'https://jira.corp.example/*']);
    const missing = await syncHostScripts(api, { github: ['git.corp.example', 'ghe.other.example'], jira: ['jira.corp.example'] });
    expect(missing).toEqual(['ghe.other.example']);
    expect(state.calls).toEqual([
      'register flowlens-hosts-github=https://git.corp.example/* flowlens-hosts-jira=https://jira.corp.example/*',
    ]);
  });

  it('replaces its own registrations and leaves others alone', async () => {
    const { api, state } = fakeApi([], ['flowlens-hosts-github', 'someone-else']);
    await syncHostScripts(api, { github: ['git.corp.example'], jira: [] });
    expect(state.calls).toEqual(['unregister flowlens-hosts-github']);
    expect(state.registered).toEqual([{ id: 'someone-else' }]);
  });

  it('leaves hosts the manifest covers to the manifest, so no page runs the script twice', async () => {
    const { api, state } = fakeApi(['https://acme.atlassian.net/*', 'https://jira.corp.example/*']);
    await syncHostScripts(api, { github: [], jira: ['acme.atlassian.net', 'jira.corp.example'] }, (host) => host.endsWith('.atlassian.net'));
    expect(state.calls).toEqual(['register flowlens-hosts-jira=https://jira.corp.example/*']);
  });
});

describe('createHostScriptSync', () => {
  const manifestHosts = () => ['https://github.com/*', 'https://*.atlassian.net/*'];

  it('registers the scripts for the hosts the settings add, less those the manifest grants', async () => {
    const { api, state } = fakeApi(['https://git.corp.example/*', 'https://acme.atlassian.net/*', 'https://jira.corp.example/*']);
    const sync = createHostScriptSync({ api, manifestHosts, loadSettings: async () => ({ githubHosts: ['git.corp.example'], jiraSites: ['acme.atlassian.net', 'jira.corp.example'] }) });
    await sync();
    expect(state.calls).toEqual(['register flowlens-hosts-github=https://git.corp.example/* flowlens-hosts-jira=https://jira.corp.example/*']);
  });

  it('says on the console when the scripts cannot be registered, and does not reject', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { api } = fakeApi(['https://git.corp.example/*']);
    const sync = createHostScriptSync({ api: { ...api, register: () => Promise.reject(new Error('no scripting')) }, manifestHosts, loadSettings: async () => ({ githubHosts: ['git.corp.example'], jiraSites: [] }) });
    await expect(sync()).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith('FlowLens could not register scripts for added hosts:', new Error('no scripting'));
  });
});
