// End to end: the options page of the built extension in Chromium. Validation in place, the
// permission asked for a Jira Data Center host, settings kept across a reload, and a settings
// file exported and imported again.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { launch, readSecrets, watchErrors } from './harness.mjs';

/**
 * Chromium's permission prompt cannot be answered headless: the page's `chrome.permissions`
 * records what it is asked and grants it, before any script of the page runs.
 */
function fakePermissionPrompt() {
  const granted = new Set();
  window.__permissionRequests = [];
  const answer = (value, args) => {
    const callback = typeof args.at(-1) === 'function' ? args.at(-1) : undefined;
    if (callback) return void callback(value);
    return Promise.resolve(value);
  };
  globalThis.chrome.permissions.request = (...args) => {
    const [asked] = args;
    window.__permissionRequests.push(asked);
    for (const origin of asked.origins ?? []) granted.add(origin);
    return answer(true, args);
  };
  globalThis.chrome.permissions.contains = (...args) => answer((args[0].origins ?? []).every((origin) => granted.has(origin)), args);
  globalThis.chrome.permissions.remove = (...args) => {
    for (const origin of args[0].origins ?? []) granted.delete(origin);
    return answer(true, args);
  };
}

describe('options page', () => {
  let browser;
  let page;
  let errors;
  beforeEach(async () => {
    browser = await launch();
    page = await browser.context.newPage();
    errors = watchErrors(page);
    await page.addInitScript(fakePermissionPrompt);
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await page.getByRole('heading', { name: 'FlowLens options' }).waitFor();
  });
  afterEach(() => browser?.close());

  const errorOf = async (field) => page.locator(`#${(await field.getAttribute('aria-describedby')).split(' ').at(-1)}`);

  it('shows invalid input in place and keeps the last valid value stored', async () => {
    const repos = page.getByLabel('GitHub repositories, one per line');
    await repos.fill('octo-org/api');
    await repos.blur();
    await page.getByTestId('team-repos-saved').getByText('Saved.').waitFor();
    await repos.fill('octo-org/api\nnot a repo');
    await repos.blur();
    const error = await errorOf(repos);
    await assert.doesNotReject(error.getByText('“not a repo”: enter a repository as owner/name, or host/owner/name for GitHub Enterprise Server.').waitFor());
    assert.equal(await repos.getAttribute('aria-invalid'), 'true');
    assert.equal(await repos.inputValue(), 'octo-org/api\nnot a repo', 'the typed text stays');
    const stored = await browser.worker.evaluate(() => globalThis.chrome.storage.sync.get('settings'));
    assert.deepEqual(stored.settings.team.githubRepos, ['octo-org/api'], 'the last valid value stays stored');

    // JQL for a Data Center site FlowLens may not read yet is refused before asking any server.
    const jql = page.getByTestId('jira-queries');
    await jql.getByLabel('Site', { exact: true }).fill('jira.corp.example');
    await jql.getByLabel('JQL').fill('project = PAY');
    await jql.getByRole('button', { name: 'Add' }).click();
    await jql.getByText('Add jira.corp.example under Jira sites first, so FlowLens may read it.').waitFor();
    assert.equal(await jql.getByLabel('JQL').getAttribute('aria-invalid'), 'true');

    // JQL the Jira site rejects: its own words next to the field, and nothing stored.
    await jql.getByLabel('Site', { exact: true }).fill('acme.atlassian.net');
    await jql.getByLabel('JQL').fill('project = PAY AND team = Payments');
    await jql.getByRole('button', { name: 'Add' }).click();
    await jql.getByText("Jira says: Field 'team' does not exist or you do not have permission to view it.").waitFor();
    assert.equal(await jql.getByLabel('JQL').getAttribute('aria-invalid'), 'true');
    assert.deepEqual((await browser.worker.evaluate(() => globalThis.chrome.storage.sync.get('settings'))).settings.team.jiraQueries, []);
    // A JQL it accepts is saved.
    await jql.getByLabel('JQL').fill('project = PAY AND statusCategory != Done');
    await jql.getByRole('button', { name: 'Add' }).click();
    await jql.getByText('Jira accepts this JQL.').waitFor();
    await page.waitForFunction(async () => (await globalThis.chrome.storage.sync.get('settings')).settings.team.jiraQueries.length === 1);
    assert.deepEqual((await browser.worker.evaluate(() => globalThis.chrome.storage.sync.get('settings'))).settings.team.jiraQueries, [{ site: 'acme.atlassian.net', jql: 'project = PAY AND statusCategory != Done' }]);
    assert.ok(browser.jira.requests.some((r) => r.path === '/rest/api/3/jql/parse'), 'Jira was asked');

    await page.locator('summary', { hasText: 'Advanced' }).click();
    const amber = page.getByLabel('Amber after (hours blocked or waiting)');
    await amber.fill('100');
    await amber.blur();
    await (await errorOf(amber)).getByText('Amber must not come after red (72 hours).').waitFor();
    assert.deepEqual(errors, []);
  });

  it('asks for the permission of a Data Center host inside the click, then offers its sign-in', async () => {
    await page.locator('#jira').getByLabel('Jira site', { exact: true }).fill('https://Jira.Corp.Example/browse/PAY-1');
    await page.getByRole('button', { name: 'Add site' }).click();
    await page.getByTestId('notice').getByText('Added jira.corp.example.').waitFor();
    const asked = await page.evaluate(() => window.__permissionRequests);
    assert.deepEqual(asked, [{ origins: ['https://jira.corp.example/*'] }]);
    const stored = await browser.worker.evaluate(() => globalThis.chrome.storage.sync.get('settings'));
    assert.deepEqual(stored.settings.jiraSites, ['jira.corp.example']);
    // A Data Center site signs in with a personal access token, not an email and API token.
    const signIn = page.getByTestId('jira-credential-jira.corp.example');
    await signIn.getByLabel('Personal access token').waitFor();
    assert.equal(await signIn.getByLabel('Atlassian account email').count(), 0);

    // A Jira Cloud site is granted by the manifest: no prompt.
    await page.locator('#jira').getByLabel('Jira site', { exact: true }).fill('acme.atlassian.net');
    await page.getByRole('button', { name: 'Add site' }).click();
    await page.getByTestId('notice').getByText('Added acme.atlassian.net.').waitFor();
    assert.equal((await page.evaluate(() => window.__permissionRequests)).length, 1);
    assert.deepEqual(errors, []);
  });

  it('removes an Enterprise Server host’s token with it, and keeps the permission while the host is a Jira site too', async () => {
    const host = 'git.corp.example';
    const github = page.locator('#github');
    const jira = page.locator('#jira');
    const allowed = () => page.evaluate((h) => globalThis.chrome.permissions.contains({ origins: [`https://${h}/*`] }), host);
    await github.getByLabel('GitHub Enterprise Server host').fill(host);
    await github.getByRole('button', { name: 'Add host' }).click();
    await page.getByTestId('notice').getByText(`Added ${host}. Save a token for it below to read private repositories.`).waitFor();
    await jira.getByLabel('Jira site', { exact: true }).fill(host);
    await jira.getByRole('button', { name: 'Add site' }).click();
    await page.getByTestId('notice').getByText(`Added ${host}.`, { exact: true }).waitFor();
    const field = page.getByTestId(`github-host-${host}`);
    await field.getByLabel(`Personal access token for ${host}`).fill('ghp_enterprise0000000000000000000000000000');
    await field.getByRole('button', { name: 'Save token' }).click();
    await field.getByText(`A token is saved for ${host}.`).waitFor();
    assert.deepEqual((await readSecrets(browser.worker)).githubTokens, { [host]: 'ghp_enterprise0000000000000000000000000000' });

    await github.getByRole('button', { name: `Remove ${host}` }).click();
    await page.getByTestId('notice').getByText(`Removed ${host}.`).waitFor();
    assert.deepEqual((await readSecrets(browser.worker)).githubTokens, {}, 'the host’s token went with it');
    assert.equal(await allowed(), true, 'still a Jira site: its permission stays');
    assert.equal(await field.count(), 0);

    await jira.getByRole('button', { name: `Remove ${host}` }).click();
    await page.waitForFunction((h) => globalThis.chrome.permissions.contains({ origins: [`https://${h}/*`] }).then((has) => !has), host);
    const stored = await browser.worker.evaluate(() => globalThis.chrome.storage.sync.get('settings'));
    assert.deepEqual([stored.settings.githubHosts, stored.settings.jiraSites], [[], []]);
    assert.deepEqual(errors, []);
  });

  it('keeps every kind of setting across a reload', async () => {
    const members = page.getByLabel('Members, one per line');
    await members.fill('alice\nbob');
    await members.blur();
    await page.getByTestId('team-members-saved').getByText('Saved.').waitFor();
    await page.locator('summary', { hasText: 'Advanced' }).click();
    await page.getByLabel('Saturday').check();
    const ttl = page.getByLabel('Refresh items older than (minutes)');
    await ttl.fill('30');
    await ttl.press('Enter');
    await page.getByTestId('rules-P2').getByLabel('Ask reviewer').uncheck();
    await page.getByLabel('Show the Jira tickets a pull request names on GitHub pages').check();
    await page.waitForFunction(async () => (await globalThis.chrome.storage.sync.get('settings')).settings?.jiraOnGithub === true);
    await page.reload();
    await page.getByRole('heading', { name: 'FlowLens options' }).waitFor();
    await page.locator('summary', { hasText: 'Advanced' }).click();
    assert.equal(await page.getByLabel('Members, one per line').inputValue(), 'alice\nbob');
    assert.equal(await page.getByLabel('Saturday').isChecked(), true);
    assert.equal(await page.getByLabel('Refresh items older than (minutes)').inputValue(), '30');
    assert.equal(await page.getByTestId('rules-P2').getByLabel('Ask reviewer').isChecked(), false);
    assert.equal(await page.getByLabel('Show the Jira tickets a pull request names on GitHub pages').isChecked(), true);
    assert.deepEqual(errors, []);
  });

  it('exports the settings to a file and imports them back', async () => {
    const members = page.getByLabel('Members, one per line');
    await members.fill('alice');
    await members.blur();
    await page.getByTestId('team-members-saved').getByText('Saved.').waitFor();
    await page.getByLabel('Personal access token for github.com').fill('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
    await page.getByRole('button', { name: 'Save token' }).click();
    await page.getByText('A token is saved for github.com.').waitFor();

    await page.locator('summary', { hasText: 'Advanced' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export settings' }).click()]);
    assert.match(download.suggestedFilename(), /^flowlens-settings-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await download.path();
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(exported.format, 'flowlens-settings');
    assert.deepEqual(exported.settings.team.members, ['alice']);
    assert.equal(exported.secrets, undefined, 'tokens stay out unless asked for');
    assert.doesNotMatch(readFileSync(file, 'utf8'), /ghp_/);

    await members.fill('carol');
    await members.blur();
    await page.waitForFunction(async () => (await globalThis.chrome.storage.sync.get('settings')).settings?.team.members[0] === 'carol');
    await page.getByLabel('Import settings from a file').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: readFileSync(file) });
    await page.getByTestId('import-result').getByText(`Imported ${download.suggestedFilename()}.`).waitFor();
    // The field shows the imported value once the page has the imported settings (a moment after the result line).
    const field = await members.elementHandle();
    await page.waitForFunction((element) => element.value === 'alice', field, { timeout: 5_000 }).catch(() => undefined);
    assert.equal(await members.inputValue(), 'alice');
    const stored = await browser.worker.evaluate(() => globalThis.chrome.storage.sync.get('settings'));
    assert.deepEqual(stored.settings.team.members, ['alice']);

    await page.getByLabel('Import settings from a file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"flowlens-settings","settings":{"cacheTtlMinutes":-4,"members":1}}') });
    await page.getByTestId('import-result').getByText('Imported broken.json, except:').waitFor();
    const notes = await page.getByTestId('import-result').locator('li').allTextContents();
    assert.deepEqual(notes, ['Ignored unknown settings: members.', 'cacheTtlMinutes: -4 is not valid, so 5 applies.']);
    assert.deepEqual(errors, []);
  });
});
