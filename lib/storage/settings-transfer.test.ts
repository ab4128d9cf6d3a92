import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { secrets } from './secrets';
import { DEFAULT_SETTINGS, loadSettings, NO_SECRETS, settingsItem, type Secrets, type Settings } from './settings';
import { saveErrorMessage, settingsStore } from './settings-store';
import { EXPORT_FORMAT, exportDocument, readImport } from './settings-transfer';

beforeEach(async () => {
  fakeBrowser.reset();
  await secrets.change(() => NO_SECRETS);
});

/** Stores secrets where the options page keeps them. */
const storeSecrets = (value: Secrets) => secrets.change(() => value);

const custom: Settings = {
  ...DEFAULT_SETTINGS,
  jiraSites: ['jira.corp.example'],
  team: { ...DEFAULT_SETTINGS.team, githubRepos: ['octo-org/api'], jiraQueries: [{ site: 'acme.atlassian.net', jql: 'project = PAY' }] },
  badgeThresholds: { warnHours: 8, alertHours: 40 },
};

describe('export', () => {
  it('leaves the tokens out unless asked for', async () => {
    await settingsItem.setValue(custom);
    await storeSecrets({ githubTokens: { 'github.com': 'ghp_secret' }, jiraCredentials: { 'jira.corp.example': { kind: 'pat', token: 'pat-secret' } } });
    const without = await settingsStore.exportSettings(false);
    expect(without).not.toContain('ghp_secret');
    expect(without).not.toContain('pat-secret');
    expect(JSON.parse(without)).toMatchObject({ format: EXPORT_FORMAT, version: 2, settings: custom });
    const withTokens = JSON.parse(await settingsStore.exportSettings(true));
    expect(withTokens.secrets.githubTokens).toEqual({ 'github.com': 'ghp_secret' });
  });
});

describe('import', () => {
  it('round-trips an export, tokens included, once the user confirms the token and the site it adds', async () => {
    const text = JSON.stringify(exportDocument(custom, { githubTokens: { 'ghe.corp': 'ghp_abc' }, jiraCredentials: {} }, 0));
    await storeSecrets({ githubTokens: { 'github.com': 'ghp_kept' }, jiraCredentials: {} });
    const asked = await settingsStore.importSettings(text);
    expect(asked).toMatchObject({ ok: false, confirm: [{ id: 'jira-site:jira.corp.example', text: 'Adds the Jira site jira.corp.example.' }, { id: 'github-token:ghe.corp', text: 'Adds a GitHub token for ghe.corp.' }] });
    const outcome = await settingsStore.importSettings(text, ['jira-site:jira.corp.example', 'github-token:ghe.corp']);
    expect(outcome).toMatchObject({ ok: true, notes: [], githubTokenHosts: ['github.com', 'ghe.corp'], jiraCredentialSites: [] });
    expect(await loadSettings()).toEqual(custom);
    expect((await secrets.load()).githubTokens).toEqual({ 'github.com': 'ghp_kept', 'ghe.corp': 'ghp_abc' });
  });

  describe('of a file that would replace tokens, add sites or turn opt-ins on', () => {
    const stored = { githubTokens: { 'github.com': 'ghp_mine' }, jiraCredentials: { 'acme.atlassian.net': { kind: 'cloud-token' as const, email: 'me@acme.dev', token: 'atl-mine' } } };
    const file = JSON.stringify(
      exportDocument(
        { ...DEFAULT_SETTINGS, syncMinutes: 30, jiraOnGithub: true, pullsOnJira: true, notifications: { enabled: true, blockedLongerThanHours: 12, upstreamResolved: false }, jiraSites: ['acme.atlassian.net', 'evil.atlassian.net'] },
        { githubTokens: { 'github.com': 'ghp_theirs' }, jiraCredentials: { 'acme.atlassian.net': { kind: 'cloud-token', email: 'them@evil.dev', token: 'atl-theirs' } } },
        0,
      ),
    );
    const changes = [
      { id: 'jiraOnGithub', text: 'Turns on “Show the Jira tickets a pull request names on GitHub pages”.' },
      { id: 'pullsOnJira', text: 'Turns on “Show the pull requests that name a Jira ticket on Jira pages”.' },
      { id: 'notifications', text: 'Turns on desktop notifications.' },
      { id: 'jira-site:evil.atlassian.net', text: 'Adds the Jira site evil.atlassian.net.' },
      { id: 'github-token:github.com', text: 'Replaces the GitHub token for github.com.' },
      { id: 'jira-credential:acme.atlassian.net', text: 'Replaces the Jira credential for acme.atlassian.net.' },
    ];
    beforeEach(async () => {
      await settingsItem.setValue({ ...DEFAULT_SETTINGS, jiraSites: ['acme.atlassian.net'] });
      await storeSecrets(stored);
    });

    it('applies nothing and lists every such change until the user answers', async () => {
      expect(await settingsStore.importSettings(file)).toEqual({ ok: false, message: expect.stringMatching(/^This file changes what FlowLens reads, shows or signs in with\. Nothing is imported until/), confirm: changes });
      expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, jiraSites: ['acme.atlassian.net'] });
      expect(await secrets.load()).toEqual(stored);
    });

    it('imports the rest without them, keeping the tokens and leaving the opt-ins off, and says so', async () => {
      const outcome = await settingsStore.importSettings(file, []);
      expect(outcome).toMatchObject({ ok: true, notes: changes.map((change) => `Not applied without your confirmation: ${change.text}`) });
      expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, syncMinutes: 30, jiraSites: ['acme.atlassian.net'], notifications: { enabled: false, blockedLongerThanHours: 12, upstreamResolved: false } });
      expect(await secrets.load()).toEqual(stored);
    });

    it('makes exactly the changes the user accepted', async () => {
      await settingsStore.importSettings(file, ['pullsOnJira', 'jira-credential:acme.atlassian.net']);
      expect(await loadSettings()).toMatchObject({ jiraOnGithub: false, pullsOnJira: true, notifications: { enabled: false }, jiraSites: ['acme.atlassian.net'] });
      expect(await secrets.load()).toEqual({ ...stored, jiraCredentials: { 'acme.atlassian.net': { kind: 'cloud-token', email: 'them@evil.dev', token: 'atl-theirs' } } });
      await settingsStore.importSettings(file, changes.map((change) => change.id));
      expect(await loadSettings()).toMatchObject({ jiraOnGithub: true, pullsOnJira: true, notifications: { enabled: true }, jiraSites: ['acme.atlassian.net', 'evil.atlassian.net'] });
      expect((await secrets.load()).githubTokens).toEqual({ 'github.com': 'ghp_theirs' });
    });

    it('asks nothing for a file that only turns things off or holds the tokens already stored', async () => {
      await settingsItem.setValue({ ...DEFAULT_SETTINGS, jiraSites: ['acme.atlassian.net'], jiraOnGithub: true, notifications: { ...DEFAULT_SETTINGS.notifications, enabled: true } });
      const same = JSON.stringify(exportDocument({ ...DEFAULT_SETTINGS, jiraSites: ['acme.atlassian.net'] }, stored, 0));
      expect(await settingsStore.importSettings(same)).toMatchObject({ ok: true, notes: [] });
      expect(await loadSettings()).toMatchObject({ jiraOnGithub: false, notifications: { enabled: false } });
    });
  });

  it('says what it dropped and keeps the rest', () => {
    const result = readImport(
      JSON.stringify({
        format: EXPORT_FORMAT,
        settings: {
          githubHosts: ['ghe.corp', 'not a host!'],
          cacheTtlMinutes: -1,
          team: { githubRepos: ['octo-org/api', 'nope'], members: ['alice'] },
          badgeThresholds: { warnHours: 90, alertHours: 10 },
          rules: { disabled: [], custom: [{ id: 'Bad Id', text: 'x', skillId: 'p2-blockers', when: {} }] },
          theme: 'dark',
        },
        secrets: { githubTokens: { 'github.com': 'ghp_ok', 'bad host': 'ghp_x' }, jiraCredentials: { 'acme.atlassian.net': { kind: 'cloud-token', email: 'nope', token: 't' } } },
      }),
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.settings.githubHosts).toEqual(['ghe.corp']);
    expect(result.settings.team.githubRepos).toEqual(['octo-org/api']);
    expect(result.settings.team.members).toEqual(['alice']);
    expect(result.secrets?.githubTokens).toEqual({ 'github.com': 'ghp_ok' });
    expect(result.notes).toEqual([
      'Ignored unknown settings: theme.',
      'githubHosts: dropped 1 of 2 entries that were not valid.',
      'cacheTtlMinutes: -1 is not valid, so 5 applies.',
      'team.githubRepos: dropped 1 of 2 entries that were not valid.',
      'badgeThresholds.warnHours: 90 is not valid, so 24 applies.',
      'badgeThresholds.alertHours: 10 is not valid, so 72 applies.',
      'Rules: Move 1: An id is lower-case letters, digits and dashes.',
      'Dropped the GitHub token for bad host: not valid.',
      'Dropped the Jira credential for acme.atlassian.net: not valid.',
    ]);
  });

  it('refuses files that are not FlowLens settings, applying nothing', async () => {
    await settingsItem.setValue(custom);
    expect(await settingsStore.importSettings('not json')).toEqual({ ok: false, message: 'This file is not JSON: choose a file FlowLens exported.' });
    expect(readImport('[1,2]')).toMatchObject({ ok: false });
    expect(readImport('{"format":"other-tool","settings":{}}')).toEqual({ ok: false, message: 'This is not a FlowLens settings file (its format is "other-tool").' });
    expect(await loadSettings()).toEqual(custom);
  });

  it('reads the one cross-source switch of an older file as the opt-in it offered', () => {
    const result = readImport(JSON.stringify({ format: EXPORT_FORMAT, version: 2, settings: { syncMinutes: 30, crossSource: true } }));
    expect(result).toMatchObject({ ok: true, notes: [], settings: { syncMinutes: 30, jiraOnGithub: true, pullsOnJira: false } });
  });

  it('takes a bare settings object too', () => {
    const result = readImport(JSON.stringify({ syncMinutes: 30 }));
    expect(result).toMatchObject({ ok: true, notes: [] });
    if (result.ok) expect(result.settings.syncMinutes).toBe(30);
  });
});

describe('saving', () => {
  it('says plainly when sync storage is full, and keeps the stored value', async () => {
    await settingsItem.setValue(custom);
    vi.spyOn(settingsItem, 'setValue').mockRejectedValueOnce(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));
    const result = await settingsStore.saveSettings({ ...custom, syncMinutes: 60 });
    expect(result).toEqual({ ok: false, message: saveErrorMessage(new Error('QUOTA_BYTES_PER_ITEM quota exceeded')) });
    if (!result.ok) expect(result.message).toMatch(/8 KB/);
    expect((await loadSettings()).syncMinutes).toBe(15);
  });

  it('stores Jira credentials in the secrets database and reports only the sites', async () => {
    expect(await settingsStore.setJiraCredential('acme.atlassian.net', { kind: 'cloud-token', email: 'me@acme.dev', token: 'atl-1' })).toEqual({ ok: true });
    expect(await settingsStore.setJiraCredential('jira.corp.example', { kind: 'pat', token: '' })).toMatchObject({ ok: false });
    expect((await settingsStore.load()).jiraCredentialSites).toEqual(['acme.atlassian.net']);
    expect(JSON.stringify(await fakeBrowser.storage.sync.get(null))).not.toContain('atl-1');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('atl-1');
    await settingsStore.setJiraCredential('acme.atlassian.net', null);
    expect((await secrets.load()).jiraCredentials).toEqual({});
  });
});
