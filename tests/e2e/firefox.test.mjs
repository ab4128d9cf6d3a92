// End to end in Firefox ESR with the built Firefox extension (`.output/firefox-mv3`, made by
// `npm run build:firefox` or `npm run lint:firefox`): the same content scripts and background as
// in Chromium, badging the hand-written GitHub and Jira page fixtures. Playwright cannot drive
// Debian's Firefox (it lacks the WebDriver BiDi commands Playwright needs); puppeteer-core can,
// and installs the extension as a temporary add-on.
//
// The pages are answered from those fixtures; every other request goes through a proxy on a
// closed port, so the background cannot reach GitHub or Jira and each badge must say so. That
// keeps the run the same with or without a network, and checks the error path end to end.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
// The page fixtures, and a reader that uses only what Playwright and Puppeteer pages share ($$eval).
import { nearRowsBadged, pageHtml, readBadges, tallBoard } from './harness.mjs';
import { launchWithRdp, OFFLINE, waitForTabs } from './firefox-rdp.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const EXTENSION = join(ROOT, '.output/firefox-mv3');

const GITHUB_LIST = 'https://github.com/octo-org/api/pulls';
const JIRA_BOARD = 'https://acme.atlassian.net/jira/software/projects/PAY/boards/3';
const JIRA_ISSUE = 'https://acme.atlassian.net/browse/PAY-42';
const TALL_BOARD = 'https://github.com/octo-org/tall/pulls';
const SERVED = {
  [GITHUB_LIST]: 'github/pages/pulls-legacy.html',
  [JIRA_BOARD]: 'jira/pages/board-cloud.html',
  [JIRA_ISSUE]: 'jira/pages/issue-view.html',
};

/** Waits until `n` badges carry a state. */
function waitForBadges(page, n) {
  return page.waitForFunction((count) => {
    const hosts = [...document.querySelectorAll('flowlens-badge')];
    return hosts.length === count && hosts.every((host) => host.hasAttribute('data-flow-state'));
  }, { timeout: 20_000 }, n);
}

const skip = existsSync(FIREFOX) ? false : `no Firefox at ${FIREFOX} (apt-get install -y firefox-esr, or set FIREFOX_PATH)`;

describe('Firefox: the built extension badges the page fixtures', { skip }, () => {
  let browser;
  let page;
  const pageErrors = [];

  before(async () => {
    if (!existsSync(join(EXTENSION, 'manifest.json'))) throw new Error(`No Firefox build in ${EXTENSION}: run npm run build:firefox first.`);
    browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, extraPrefsFirefox: OFFLINE });
    await browser.installExtension(EXTENSION);
    // Installing opens the welcome tab in front, on a slow machine only after a new page has
    // opened, and a tab behind it gets no keyboard input in Firefox. Wait for that second tab
    // (WebDriver BiDi shows an extension page's address as about:blank), then open ours in front.
    await waitForTabs(browser, 2);
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url() === TALL_BOARD) return request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: tallBoard() });
      const file = SERVED[request.url()];
      if (file) return request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: pageHtml(file) });
      return request.continue();
    });
  });
  after(() => browser?.close());

  it('badges each row of a GitHub pull request list once, and says it could not reach GitHub', async () => {
    await page.goto(GITHUB_LIST);
    await waitForBadges(page, 5);
    const badges = await readBadges(page);
    assert.deepEqual(badges.map((badge) => badge.key), [101, 102, 103, 104, 105].map((n) => `github:octo-org/api#${n}`));
    for (const badge of badges) {
      assert.equal(badge.state, 'error');
      assert.equal(badge.since, null);
      assert.equal(badge.blockers, '0');
      assert.match(badge.label, /^FlowLens could not load this item: Could not reach GitHub \(.+\)\.$/);
    }
    // Each badge sits right after its row's title link, and the rows are the page's own.
    assert.equal(await page.evaluate(() => [...document.querySelectorAll('flowlens-badge')].every((host) => host.previousElementSibling?.matches('a.js-navigation-open'))), true);
    assert.equal(await page.evaluate(() => document.querySelectorAll('.js-issue-row').length), 5);
  });

  it('keeps exactly one live badge per row when the page renders a row again by cloning it', async () => {
    // The clone carries a copy of our badge without its shadow root: it must go, and a live one come.
    await page.evaluate(() => {
      const row = document.getElementById('issue_103');
      row.replaceWith(row.cloneNode(true));
    });
    await page.waitForFunction(() => {
      const badges = document.getElementById('issue_103').querySelectorAll('flowlens-badge');
      return badges.length === 1 && badges[0].shadowRoot !== null && badges[0].hasAttribute('data-flow-state');
    }, { timeout: 10_000 });
    assert.deepEqual((await readBadges(page)).map((badge) => badge.key), [101, 102, 103, 104, 105].map((n) => `github:octo-org/api#${n}`));
  });

  it('opens the detail card from the keyboard and closes it with Escape', async () => {
    await page.bringToFront();
    await page.evaluate(() => document.querySelector('flowlens-badge').shadowRoot.querySelector('button').focus());
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('flowlens-badge').shadowRoot.querySelector('[role="dialog"], .card') !== null, { timeout: 5_000 });
    const card = await page.evaluate(() => {
      const root = document.querySelector('flowlens-badge').shadowRoot;
      return { text: root.querySelector('.card').textContent, expanded: root.querySelector('button').getAttribute('aria-expanded') };
    });
    assert.equal(card.expanded, 'true');
    assert.match(card.text, /Could not reach GitHub/);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('flowlens-badge').shadowRoot.querySelector('.card') === null, { timeout: 5_000 });
  });

  it('on a page of 400 rows, mounts the badges of those within a screen wherever the page jumps to, and takes the far ones off', async () => {
    // No token here, and GitHub cannot be reached: the background answers a few rows at a time,
    // so what is held is that every near row has its badge, not that each is painted yet.
    await page.goto(TALL_BOARD);
    await page.waitForFunction(nearRowsBadged, { timeout: 20_000 }, false);
    const firstRow = 'flowlens-badge[data-flow-key="github:octo-org/long#1"]';
    assert.ok(await page.$(firstRow), 'the first row has its badge');
    for (const share of [1, 0.5, 0.87, 0.13]) {
      await page.evaluate((at) => scrollTo(0, at * (document.documentElement.scrollHeight - innerHeight)), share);
      await page.waitForFunction(nearRowsBadged, { timeout: 20_000 }, false);
    }
    // The first row is far above now: its badge is off again, and the page holds a few screens' worth.
    await page.waitForFunction((selector) => !document.querySelector(selector), { timeout: 20_000 }, firstRow);
    const mounted = await page.evaluate(() => document.querySelectorAll('flowlens-badge').length);
    assert.ok(mounted > 0 && mounted < 150, `mounted ${mounted} badges`);
  });

  it('badges each card of a Jira Cloud board once, and says it could not reach Jira', async () => {
    await page.goto(JIRA_BOARD);
    await waitForBadges(page, 4);
    const badges = await readBadges(page);
    assert.deepEqual(badges.map((badge) => badge.key), ['PAY-40', 'PAY-43', 'PAY-42', 'PAY-44'].map((key) => `jira:acme.atlassian.net/${key}`));
    for (const badge of badges) {
      assert.equal(badge.state, 'error');
      assert.match(badge.label, /^FlowLens could not load this item: Could not reach Jira \(.+\)\.$/);
    }
  });

  it('badges the Jira issue view at the end of its summary heading', async () => {
    await page.goto(JIRA_ISSUE);
    await waitForBadges(page, 1);
    const [badge] = await readBadges(page);
    assert.equal(badge.key, 'jira:acme.atlassian.net/PAY-42');
    assert.equal(badge.state, 'error');
    assert.equal(await page.evaluate(() => document.querySelector('flowlens-badge').parentElement?.matches('h1[data-testid="issue.views.issue-base.foundation.summary.heading"]')), true);
    assert.deepEqual(pageErrors, []);
  });
});

// The background is an event page here (`background.scripts`, _generated_background_page.html),
// not a service worker: the secrets database is opened from a document, in the same
// moz-extension:// origin as the options page.
describe('Firefox: tokens live in the extension origin’s IndexedDB', { skip }, () => {
  const OLD = 'ghp_olderversion0000000000000000000000000';
  const NEW = 'ghp_savedinfirefox000000000000000000000000';
  let browser;
  let rdp;
  let background;
  let options;

  /** What the background sees in storage.local, and in the secrets database. */
  const stored = () =>
    background.run(async () => {
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open('flowlens-secrets');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const secrets = await new Promise((resolve) => {
        const read = db.transaction('secrets').objectStore('secrets').get('secrets');
        read.onsuccess = () => resolve(read.result ?? null);
      });
      db.close();
      return { local: await browser.storage.local.get(null), secrets };
    });

  before(async () => {
    if (!existsSync(join(EXTENSION, 'manifest.json'))) throw new Error(`No Firefox build in ${EXTENSION}: run npm run build:firefox first.`);
    let addon;
    ({ browser, rdp, addon } = await launchWithRdp({ firefox: FIREFOX, extension: EXTENSION }));
    background = await addon.page('_generated_background_page.html');
    assert.equal(await background.run(async () => browser.extension.inIncognitoContext), false);
    // Tokens an older version kept in storage.local, where content scripts can read them.
    await background.run((token) => browser.storage.local.set({ secrets: { githubTokens: { 'github.com': token }, jiraCredentials: {} }, secrets$: { v: 1 } }), OLD);
    for (const deadline = Date.now() + 5000; (await stored()).local.secrets && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 100));
    await background.run(() => browser.runtime.openOptionsPage());
    options = await addon.page('options.html');
  });
  after(async () => {
    rdp?.close();
    await browser?.close();
  });

  it('moves the tokens an older version left in storage.local into the database', async () => {
    assert.deepEqual(await stored(), { local: {}, secrets: { githubTokens: { 'github.com': OLD }, jiraCredentials: {} } });
    const text = await options.run(async () => {
      for (const deadline = Date.now() + 5000; !document.body.textContent.includes('A token is saved for github.com.') && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
      return document.body.textContent;
    });
    assert.match(text, /A token is saved for github\.com\./);
  });

  it('saves a token from the options page into the database, not storage.local, and the background reads it', async () => {
    const check = await options.run(async (token) => {
      const host = document.querySelector('[data-testid="github-host-github.com"]');
      const input = host.querySelector('input[name="token"]');
      input.value = token;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      host.querySelector('form').requestSubmit();
      // Saving tests the connection: the background reads the token and tries GitHub, which this run cannot reach.
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
        const status = host.querySelector('[data-testid="token-check"]')?.textContent ?? '';
        if (status && status !== 'Checking…') return { status, local: await browser.storage.local.get(null) };
      }
      return { status: 'no answer' };
    }, NEW);
    assert.match(check.status, /Could not reach GitHub/, `the background read the token and used it: ${check.status}`);
    assert.deepEqual(check.local, {}, 'the options page wrote nothing to storage.local');
    assert.deepEqual(await stored(), { local: {}, secrets: { githubTokens: { 'github.com': NEW }, jiraCredentials: {} } });
  });

  it('keeps the secrets database out of a web page’s IndexedDB', async () => {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (request) => (request.url() === GITHUB_LIST ? request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: pageHtml(SERVED[GITHUB_LIST]) }) : request.continue()));
    await page.goto(GITHUB_LIST);
    await waitForBadges(page, 5);
    assert.deepEqual(await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name)), []);
  });
});
