// End to end: where secrets go, and what the host page can see. Every request the browser makes
// is recorded (pages, APIs, and the ones aborted because they lead elsewhere), with its headers.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { giveSecrets, inContentScript, launch, readSecrets, waitForBadges, watchErrors } from './harness.mjs';

const GITHUB_TOKEN = 'ghp_securitydrill000000000000000000000000';
const JIRA_TOKEN = 'ATATT3xSecurityDrillToken';
const JIRA_BASIC = `Basic ${Buffer.from(`me@acme.dev:${JIRA_TOKEN}`).toString('base64')}`;
const ISSUES = resolve(import.meta.dirname, '../fixtures/jira/api/issues');
const GRAPHQL = resolve(import.meta.dirname, '../fixtures/github/api/graphql');

/** `value` with every URL in it (`url`, `detailsUrl`, `targetUrl`…) replaced by `to`. */
function withUrls(value, to) {
  if (Array.isArray(value)) return value.map((entry) => withUrls(entry, to));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, /url$/i.test(key) && typeof entry === 'string' ? to : withUrls(entry, to)]));
}

/** Every href in the page and in its badges' shadow roots. */
function everyHref(page) {
  return page.evaluate(() => [document, ...[...document.querySelectorAll('flowlens-badge')].map((host) => host.shadowRoot)]
    .flatMap((root) => [...(root?.querySelectorAll('[href]') ?? [])].map((a) => ({ inBadge: root !== document, href: a.getAttribute('href') }))));
}

/** Text of the page and of every open shadow root in it. */
function everythingRendered(page) {
  return page.evaluate(() => {
    const parts = [document.documentElement.outerHTML];
    for (const host of document.querySelectorAll('flowlens-badge')) if (host.shadowRoot) parts.push(host.shadowRoot.innerHTML);
    return parts.join('\n');
  });
}

describe('secrets and the host page', () => {
  let browser;
  const seen = [];
  before(async () => {
    browser = await launch();
    // Registered last, so it sees every request first, then hands it to the fakes.
    await browser.context.route('**/*', async (route) => {
      const request = route.request();
      seen.push({ url: new URL(request.url()), authorization: (await request.allHeaders()).authorization });
      return route.fallback();
    });
    await browser.context.addCookies([{ name: 'tenant.session.token', value: 'session-abc', domain: 'acme.atlassian.net', path: '/', secure: true, httpOnly: true, sameSite: 'None' }]);
    await giveSecrets(browser.worker, { githubTokens: { 'github.com': GITHUB_TOKEN }, jiraCredentials: { 'acme.atlassian.net': { kind: 'cloud-token', email: 'me@acme.dev', token: JIRA_TOKEN } } });
    await browser.worker.evaluate(
      async () => {
        const { settings } = await globalThis.chrome.storage.sync.get('settings');
        await globalThis.chrome.storage.sync.set({ settings: { ...settings, jiraSites: ['acme.atlassian.net'], jiraOnGithub: true, pullsOnJira: true }, 'settings$': { v: 3 } });
      },
    );
  });
  after(() => browser?.close());

  it('sends each token only to the API host it belongs to, and never to a page', async () => {
    const github = await browser.context.newPage();
    await github.goto('https://github.com/octo-org/api/pulls');
    await waitForBadges(github, 5);
    // The PR card asks Jira for the ticket its branch names: both tokens are in use.
    await github.locator('#issue_101 flowlens-badge').getByTestId('flowlens-badge-button').click();
    await github.locator('#issue_101 flowlens-badge').getByTestId('flowlens-related').waitFor();
    const jira = await browser.context.newPage();
    await jira.goto('https://acme.atlassian.net/browse/PAY-42');
    await waitForBadges(jira, 1);

    const withAuth = seen.filter((request) => request.authorization);
    assert.ok(withAuth.some((r) => r.url.host === 'api.github.com'), 'the GitHub token was used');
    assert.ok(withAuth.some((r) => r.url.host === 'acme.atlassian.net'), 'the Jira token was used');
    for (const request of withAuth) {
      if (request.authorization.includes(GITHUB_TOKEN)) assert.equal(request.url.host, 'api.github.com', `GitHub token sent to ${request.url.href}`);
      else if (request.authorization === JIRA_BASIC) {
        assert.equal(request.url.host, 'acme.atlassian.net', `Jira token sent to ${request.url.href}`);
        assert.match(request.url.pathname, /^\/rest\//, 'the Jira token goes to the REST API only');
      } else assert.fail(`unexpected Authorization header on ${request.url.href}`);
    }
    for (const page of [github, jira]) {
      const rendered = await everythingRendered(page);
      assert.ok(!rendered.includes(GITHUB_TOKEN) && !rendered.includes(JIRA_TOKEN), 'no token reaches the page');
    }
  });

  it('renders HTML in titles as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.__flowlensPwned=1"><script>window.__flowlensPwned=2</script>Card payments';
    await browser.context.route('https://acme.atlassian.net/rest/api/3/issue/bulkfetch', (route) => {
      const keys = route.request().postDataJSON()?.issueIdsOrKeys ?? [];
      const issues = keys.flatMap((key) => {
        if (key !== 'PAY-42') return [];
        const issue = JSON.parse(readFileSync(join(ISSUES, `${key}.json`), 'utf8'));
        issue.fields.summary = hostile;
        issue.fields.issuelinks = issue.fields.issuelinks.map((link) => ({ ...link, inwardIssue: link.inwardIssue && { ...link.inwardIssue, fields: { ...link.inwardIssue.fields, summary: `${hostile} upstream` } } }));
        return [issue];
      });
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ issues, issueErrors: [] }) });
    });
    // Clear through an extension page: cache/clear is refused to anything else.
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.evaluate(() => globalThis.chrome.runtime.sendMessage({ type: 'cache/clear' }));
    await options.close();

    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto('https://acme.atlassian.net/browse/PAY-42');
    await waitForBadges(page, 1);
    const badge = page.locator('h1 flowlens-badge');
    await badge.getByTestId('flowlens-badge-button').click();
    const card = badge.getByTestId('flowlens-card');
    await card.waitFor();
    await page.waitForTimeout(200);
    assert.match(await card.innerText(), /<img src=x onerror="window.__flowlensPwned=1"><script>window.__flowlensPwned=2<\/script>Card payments upstream/);
    assert.equal(await page.evaluate(() => window.__flowlensPwned), undefined, 'nothing ran');
    assert.equal(await page.evaluate(() => document.querySelector('h1 flowlens-badge').shadowRoot.querySelectorAll('img, script').length), 0);
    assert.deepEqual(errors, []);
  });

  it('links a card only to its items’ own https pages, whatever URLs the answers hold', async () => {
    // Every URL GitHub's answers carry (items, stacked-on and blocking items, people, checks) is a script.
    await browser.context.route('https://api.github.com/graphql', async (route) => {
      const payload = route.request().postDataJSON();
      if (!/issueOrPullRequest/.test(payload?.query ?? '')) return route.fallback();
      const data = { rateLimit: { cost: 1, remaining: 4990, resetAt: new Date(Date.now() + 3600_000).toISOString() } };
      for (const [name, number] of Object.entries(payload.variables)) {
        if (!name.startsWith('n')) continue;
        const i = name.slice(1);
        const file = join(GRAPHQL, payload.variables[`o${i}`], payload.variables[`r${i}`], `${number}.json`);
        data[`i${i}`] = existsSync(file) ? { issueOrPullRequest: withUrls(JSON.parse(readFileSync(file, 'utf8')), 'javascript:window.__flowlensPwned=1') } : null;
      }
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ data }) });
    });
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.evaluate(() => globalThis.chrome.runtime.sendMessage({ type: 'cache/clear' }));
    await options.close();

    const page = await browser.context.newPage();
    await page.goto('https://github.com/octo-org/api/pulls');
    await waitForBadges(page, 5);
    // #103 is stacked on #101: its card links the item and the one it waits on.
    // One card at a time: an open card closes when another is opened, and lies over the rows below it.
    const links = [];
    for (const row of ['#issue_101', '#issue_103']) {
      await page.locator(`${row} flowlens-badge`).getByTestId('flowlens-badge-button').click();
      await page.locator(`${row} flowlens-badge`).getByTestId('flowlens-card').waitFor();
      links.push(...(await everyHref(page)).filter((link) => link.inBadge).map((link) => link.href));
      await page.keyboard.press('Escape');
      await page.locator(`${row} flowlens-badge`).getByTestId('flowlens-card').waitFor({ state: 'detached' });
    }
    assert.ok(links.includes('https://github.com/octo-org/api/issues/103'), `the item's own page, built from its key: ${links}`);
    assert.ok(links.includes('https://github.com/octo-org/api/issues/101'), `the upstream item's page, built from its key: ${links}`);
    // The Jira ticket #101 names is linked too (cross-source is on here), on its own site.
    for (const href of links) assert.match(href, /^https:\/\/(github\.com|acme\.atlassian\.net)\//, `a card links ${href}`);
    await page.close();
  });
});

/** What a content script of FlowLens can find of the tokens: in storage.local, and in IndexedDB. */
async function whatAContentScriptSees(page, extensionId) {
  return inContentScript(page, extensionId, async () => {
    let local;
    try {
      local = JSON.stringify(await globalThis.chrome.storage.local.get(null));
    } catch (error) {
      local = `refused: ${error.message}`;
    }
    const databases = (await indexedDB.databases()).map((db) => db.name);
    return { local, databases };
  });
}

/** Every value the worker sees in storage.local, as text. */
const storageLocal = (browser) => browser.worker.evaluate(async () => JSON.stringify(await globalThis.chrome.storage.local.get(null)));

describe('where tokens are kept', () => {
  let browser;
  before(async () => {
    browser = await launch();
    await browser.worker.evaluate(async () => {
      const { settings } = await globalThis.chrome.storage.sync.get('settings');
      await globalThis.chrome.storage.sync.set({ settings: { ...settings, jiraSites: ['acme.atlassian.net'] }, 'settings$': { v: 3 } });
    });
  });
  after(() => browser?.close());

  it('keeps tokens saved on the options page out of storage.local and out of content scripts’ reach', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByLabel('Personal access token for github.com').fill(GITHUB_TOKEN);
    await options.getByRole('button', { name: 'Save token' }).click();
    await options.getByText('A token is saved for github.com.').waitFor();
    const signIn = options.getByTestId('jira-credential-acme.atlassian.net');
    await signIn.getByLabel('Atlassian account email').fill('me@acme.dev');
    await signIn.getByLabel('API token').fill(JIRA_TOKEN);
    await signIn.getByRole('button', { name: 'Save API token' }).click();
    await signIn.getByText('An API token is saved for acme.atlassian.net.').waitFor();

    const local = await storageLocal(browser);
    assert.ok(!local.includes(GITHUB_TOKEN) && !local.includes(JIRA_TOKEN), `storage.local holds no token: ${local}`);
    // They are in the extension origin's secrets database, and the background uses them.
    assert.deepEqual(await readSecrets(browser.worker), { githubTokens: { 'github.com': GITHUB_TOKEN }, jiraCredentials: { 'acme.atlassian.net': { kind: 'cloud-token', email: 'me@acme.dev', token: JIRA_TOKEN } } });
    const page = await browser.context.newPage();
    await page.goto('https://github.com/octo-org/api/pulls');
    await waitForBadges(page, 5);
    assert.ok(browser.api.requests.some((r) => r.headers.authorization === `Bearer ${GITHUB_TOKEN}`), 'the background read the token');

    // FlowLens's own content script on the page finds neither.
    const seen = await whatAContentScriptSees(page, browser.extensionId);
    assert.ok(!seen.local.includes(GITHUB_TOKEN) && !seen.local.includes(JIRA_TOKEN), `a content script reads no token: ${seen.local}`);
    // Chrome 140 and later: storage.local is closed to content scripts altogether (lib/storage/secrets.ts).
    assert.equal(seen.local, 'refused: Access to storage is not allowed from this context.');
    assert.ok(!seen.databases.includes('flowlens-secrets'), 'a content script’s IndexedDB is the page’s, without the secrets database');
  });

  it('moves tokens an older version left in storage.local, and uses them', async () => {
    const OLD = 'ghp_olderversion0000000000000000000000000';
    await browser.worker.evaluate((token) => globalThis.chrome.storage.local.set({ secrets: { githubTokens: { 'github.com': token }, jiraCredentials: {} }, secrets$: { v: 1 } }), OLD);
    await browser.worker.evaluate(async () => {
      const deadline = Date.now() + 5000;
      while ((await globalThis.chrome.storage.local.get(['secrets', 'secrets$'])).secrets && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    });
    assert.doesNotMatch(await storageLocal(browser), /secrets|ghp_/, 'nothing of them is left in storage.local');
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByText('A token is saved for github.com.').waitFor();
    const sent = browser.api.requests.length;
    await options.getByTestId('github-host-github.com').getByRole('button', { name: 'Test connection' }).click();
    await options.getByTestId('token-check').getByText(/Connected as @alice/).waitFor();
    assert.ok(browser.api.requests.slice(sent).some((r) => r.headers.authorization === `Bearer ${OLD}`), 'the moved token is the one in use');
  });
});
