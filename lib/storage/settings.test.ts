import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  sanitizeSecrets,
  sanitizeSettings,
  settingsItem,
} from './settings';

beforeEach(() => fakeBrowser.reset());

describe('settings', () => {
  it('gives the defaults on a fresh install', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.cacheTtlMinutes).toBe(5);
    expect(DEFAULT_SETTINGS.jiraOnGithub).toBe(false);
    expect(DEFAULT_SETTINGS.pullsOnJira).toBe(false);
  });

  it('keeps valid fields and entries when others are broken', () => {
    const settings = sanitizeSettings({
      githubHosts: ['GIT.Example.com ', 'not a host!', 42, 'ghe.corp:8443'],
      blockingLabels: 'blocked',
      cacheTtlMinutes: -3,
      jiraOnGithub: true,
      somethingUnknown: 1,
    });
    expect(settings.githubHosts).toEqual(['git.example.com', 'ghe.corp:8443']);
    expect(settings.blockingLabels).toEqual(DEFAULT_SETTINGS.blockingLabels);
    expect(settings.cacheTtlMinutes).toBe(5);
    expect(settings.jiraOnGithub).toBe(true);
    expect(settings.pullsOnJira).toBe(false);
    expect(settings).not.toHaveProperty('somethingUnknown');
  });

  it('treats garbage as "no settings" rather than failing', () => {
    expect(sanitizeSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(sanitizeSettings('{"x":1}')).toEqual(DEFAULT_SETTINGS);
  });

  it('round-trips through sync storage with its version recorded', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, jiraSites: ['acme.atlassian.net'] });
    expect((await loadSettings()).jiraSites).toEqual(['acme.atlassian.net']);
    const raw = await fakeBrowser.storage.sync.get(null);
    expect(raw['settings$']).toEqual({ v: 3 });
  });

  it('migrates version-1 settings to version 3 without losing a field', async () => {
    await fakeBrowser.storage.sync.set({
      settings: { githubHosts: ['ghe.corp'], blockingLabels: ['waiting'], cacheTtlMinutes: 30, crossSource: true },
      settings$: { v: 1 },
    });
    await settingsItem.migrate();
    const settings = await loadSettings();
    expect(settings).toMatchObject({ githubHosts: ['ghe.corp'], blockingLabels: ['waiting'], cacheTtlMinutes: 30, jiraOnGithub: true, pullsOnJira: false });
    expect(settings.syncMinutes).toBe(15);
    expect(settings.team.githubRepos).toEqual([]);
    expect((await fakeBrowser.storage.sync.get('settings$'))['settings$']).toEqual({ v: 3 });
  });

  it('migrates version 2’s one cross-source switch to what its words offered: Jira tickets on GitHub pages', async () => {
    const v2 = { ...DEFAULT_SETTINGS, jiraSites: ['acme.atlassian.net'], syncMinutes: 30 } as Record<string, unknown>;
    delete v2.jiraOnGithub;
    delete v2.pullsOnJira;
    for (const crossSource of [true, false]) {
      fakeBrowser.reset();
      await fakeBrowser.storage.sync.set({ settings: { ...v2, crossSource }, settings$: { v: 2 } });
      await settingsItem.migrate();
      const raw = (await fakeBrowser.storage.sync.get('settings'))['settings'];
      expect(raw).toEqual({ ...DEFAULT_SETTINGS, jiraSites: ['acme.atlassian.net'], syncMinutes: 30, jiraOnGithub: crossSource, pullsOnJira: false });
      expect(raw).not.toHaveProperty('crossSource');
    }
  });

  it('keeps the valid parts of the team and of nested settings', () => {
    const settings = sanitizeSettings({
      team: { githubRepos: ['octo-org/api', 'not a repo', 'ghe.corp/platform/core'], jiraQueries: [{ site: 'acme.atlassian.net', jql: 'project = PAY' }, { site: 'x', jql: '' }], members: 'alice' },
      badgeThresholds: { warnHours: 80, alertHours: 10 },
      workingDays: [5, 1, 1, 3],
      notifications: { enabled: true, blockedLongerThanHours: 'long' },
    });
    expect(settings.team.githubRepos).toEqual(['octo-org/api', 'ghe.corp/platform/core']);
    expect(settings.team.jiraQueries).toEqual([{ site: 'acme.atlassian.net', jql: 'project = PAY' }]);
    expect(settings.team.members).toEqual([]);
    expect(settings.badgeThresholds).toEqual(DEFAULT_SETTINGS.badgeThresholds);
    expect(settings.workingDays).toEqual([1, 3, 5]);
    expect(settings.notifications).toEqual({ enabled: true, blockedLongerThanHours: 48, upstreamResolved: true });
  });

  it('validates what a hand-edited store holds', async () => {
    await fakeBrowser.storage.sync.set({ settings: { cacheTtlMinutes: 'soon', jiraSites: ['ok.atlassian.net', ''] } });
    const settings = await loadSettings();
    expect(settings.cacheTtlMinutes).toBe(5);
    expect(settings.jiraSites).toEqual(['ok.atlassian.net']);
  });
});

describe('secrets', () => {
  // Where they are stored (not storage.local, not storage.sync) is tested in secrets.test.ts.
  it('drop one malformed credential, keep the rest', () => {
    const secrets = sanitizeSecrets({
      githubTokens: { 'github.com': ' ghp_a ', 'bad host': 'ghp_b', 'ghe.corp': '' },
      jiraCredentials: {
        'acme.atlassian.net': { kind: 'cloud-token', email: 'me@acme.dev', token: 't' },
        'broken.atlassian.net': { kind: 'cloud-token', email: 'not-an-email', token: 't' },
        'jira.corp': { kind: 'pat', token: 'p' },
      },
    });
    expect(secrets.githubTokens).toEqual({ 'github.com': 'ghp_a' });
    expect(Object.keys(secrets.jiraCredentials).sort()).toEqual(['acme.atlassian.net', 'jira.corp']);
  });
});
