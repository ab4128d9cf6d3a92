// End to end: a Jira Cloud issue view, read with the user's own Jira session.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { giveGithubToken, launch, pageHtml, readBadges, waitForBadges, watchErrors } from './harness.mjs';

const JIRA_API = resolve(import.meta.dirname, '../fixtures/jira/api');
/** A Jira issue the project wrote by hand (tests/fixtures/jira/api), as the bulk fetch returns it. */
const issueFixture = (path) => JSON.parse(readFileSync(resolve(JIRA_API, path), 'utf8'));

/**
 * Answers the issue bulk fetch in place of the harness (the route registered last wins):
 * `answer(keys)` gives the status and body; the keys asked are kept in `asked`.
 */
async function answerBulkFetch(context, answer) {
  const asked = [];
  await context.route('https://acme.atlassian.net/rest/api/3/issue/bulkfetch', (route) => {
    const keys = route.request().postDataJSON()?.issueIdsOrKeys ?? [];
    asked.push(keys);
    const { status, body } = answer(keys);
    return route.fulfill({ status, contentType: 'application/json;charset=UTF-8', body: JSON.stringify(body) });
  });
  return asked;
}

describe('Jira Cloud issue view', () => {
  let browser;
  beforeEach(async () => {
    browser = await launch();
  });
  afterEach(() => browser?.close());

  it('badges the issue with its open blocker, asking Jira once with the session cookies', async () => {
    // Atlassian sets its session cookie SameSite=None; Secure, so it travels with the extension's requests.
    await browser.context.addCookies([{ name: 'tenant.session.token', value: 'session-abc', domain: 'acme.atlassian.net', path: '/', secure: true, httpOnly: true, sameSite: 'None' }]);
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto('https://acme.atlassian.net/browse/PAY-42');
    await waitForBadges(page, 1);
    const [badge] = await readBadges(page);
    assert.equal(badge.key, 'jira:acme.atlassian.net/PAY-42');
    assert.equal(badge.blockers, '1', 'PAY-40 is open and blocks PAY-42');
    assert.ok(badge.inHeading, 'the badge sits at the end of the summary heading');
    assert.equal(badge.state, 'blocked');
    // The changelog (epoch-number date) says PAY-40 was linked as a blocker at 2026-11-14T10:30Z.
    assert.equal(badge.since, new Date(1794652200000).toISOString());
    assert.match(badge.label, /^blocked \d+ [mhd] 1 blocker: Jira issue blocked for \d+ [mhd], 1 open blocker\. FlowLens: Blocked since Sat 14 Nov: blocked by PAY-40 \(Upgrade the card gateway SDK\)\./);
    const calls = browser.jira.requests.filter((r) => r.path === '/rest/api/3/issue/bulkfetch');
    assert.equal(calls.length, 1);
    // A first visit of the site: its fields, the issue and its history; statuses and link types come with the issue.
    assert.deepEqual(browser.jira.requests.map((r) => r.path).sort(), ['/rest/api/3/changelog/bulkfetch', '/rest/api/3/field', '/rest/api/3/issue/bulkfetch']);
    assert.match(calls[0].headers.cookie ?? '', /tenant\.session\.token=session-abc/);
    assert.equal(calls[0].headers.authorization, undefined);
    assert.ok(calls[0].fromWorker, 'the background makes the request, not the page');
    assert.deepEqual(errors, []);
  });

  it('says so on the badge when the Jira session has expired', async () => {
    browser.jira.mode = 'logged-out';
    const page = await browser.context.newPage();
    await page.goto('https://acme.atlassian.net/browse/PAY-42');
    await waitForBadges(page, 1);
    const [badge] = await readBadges(page);
    assert.equal(badge.state, 'error');
    assert.match(badge.label, /logged out of Jira at acme\.atlassian\.net/);
    // A logged-out Jira is FlowLens's set-up, not the ticket's: the badge says "set up", the page says it once.
    assert.equal(badge.text, 'set up');
    await page.getByTestId('flowlens-setup-notice').waitFor();
    assert.equal(await page.locator('flowlens-notice').count(), 1);
    assert.match(await page.getByTestId('flowlens-setup-notice').innerText(), /logged out of Jira at acme\.atlassian\.net/);
  });

  it('shows the rate limit and when it ends', async () => {
    browser.jira.mode = 'rate-limited';
    const page = await browser.context.newPage();
    await page.goto('https://acme.atlassian.net/browse/PAY-42');
    await waitForBadges(page, 1);
    assert.match((await readBadges(page))[0].label, /Jira rate limit reached until \d\d:\d\d UTC\.$/);
  });

  it('badges every card of a board once, in one batch', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto('https://acme.atlassian.net/jira/software/projects/PAY/boards/3');
    await waitForBadges(page, 4);
    const badges = await readBadges(page);
    assert.deepEqual(badges.map((b) => b.key), ['PAY-40', 'PAY-43', 'PAY-42', 'PAY-44'].map((k) => `jira:acme.atlassian.net/${k}`));
    assert.deepEqual(badges.map((b) => b.state), ['error', 'error', 'blocked', 'error'], 'only PAY-42 has a hand-written issue; the fake Jira leaves the others out');
    assert.match(badges[0].label, /PAY-40 does not exist, or you cannot see it in Jira\./);
    assert.equal(browser.jira.requests.filter((r) => r.path === '/rest/api/3/issue/bulkfetch').length, 1, 'four cards, one bulk fetch');
    // The board unmounts a card on scroll and mounts it again: its badge comes back, once.
    await page.evaluate(() => {
      const card = document.querySelectorAll('[data-testid="platform-board-kit.ui.card.card"]')[2];
      const parent = card.parentElement;
      const copy = card.cloneNode(true);
      copy.querySelectorAll('flowlens-badge').forEach((badge) => badge.remove());
      card.remove();
      setTimeout(() => parent.append(copy), 50);
    });
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="platform-board-kit.ui.card.card"]')].every((card) => card.querySelectorAll('flowlens-badge[data-flow-state]').length === 1) && document.querySelectorAll('flowlens-badge').length === 4);
    assert.equal(browser.jira.requests.filter((r) => r.path === '/rest/api/3/issue/bulkfetch').length, 1, 'the remounted card is painted from the cache');
    assert.deepEqual(errors, []);
  });

  it('lists the pull requests that name the ticket, with their state, once allowed', async () => {
    await giveGithubToken(browser);
    await browser.worker.evaluate(async () => {
      const { settings } = await globalThis.chrome.storage.sync.get('settings');
      await globalThis.chrome.storage.sync.set({ settings: { ...settings, jiraSites: ['acme.atlassian.net'], pullsOnJira: true }, 'settings$': { v: 3 } });
    });
    const page = await browser.context.newPage();
    await page.goto('https://acme.atlassian.net/browse/PAY-42');
    await waitForBadges(page, 1);
    const badge = page.locator('h1 flowlens-badge');
    await badge.getByTestId('flowlens-badge-button').click();
    // The first answer comes from the cache; the refresh adds the pull requests.
    await badge.getByTestId('flowlens-related').waitFor();
    assert.match(await badge.getByTestId('flowlens-related').innerText(), /octo-org\/api#106 PAY-42: Retry 3-D Secure challenges \(waiting\)/);
    assert.match(await badge.locator('section[aria-label="Pull requests"] h3').innerText(), /Pull requests/);
  });

  it('searches GitHub for no ticket of a Jira site the user has not added, allowed or not', async () => {
    await browser.worker.evaluate(async () => {
      await globalThis.chrome.storage.local.set({ secrets: { githubTokens: { 'github.com': 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' }, jiraCredentials: {} } });
      const { settings } = await globalThis.chrome.storage.sync.get('settings');
      await globalThis.chrome.storage.sync.set({ settings: { ...settings, jiraSites: [], pullsOnJira: true }, 'settings$': { v: 3 } });
    });
    const page = await browser.context.newPage();
    await page.goto('https://acme.atlassian.net/browse/PAY-42');
    await waitForBadges(page, 1);
    // The badge's state comes with the refresh, which would have searched GitHub if it were to.
    assert.equal((await readBadges(page))[0].state, 'blocked');
    assert.deepEqual(browser.api.requests.filter((r) => r.variables?.q0?.includes('is:pr')), []);
    await page.locator('h1 flowlens-badge').getByTestId('flowlens-badge-button').click();
    assert.equal(await page.locator('h1 flowlens-badge').getByTestId('flowlens-related').count(), 0);
  });

  it('says which cards the user may not see when Jira leaves them out, and badges the rest', async () => {
    // Jira Cloud drops issues the user has no permission to browse from the bulk fetch, without
    // an issueError (its documented behaviour): PAY-40 and PAY-43 are in a project the user
    // cannot browse; PAY-42 and PAY-44 come back.
    const visible = { 'PAY-42': issueFixture('issues/PAY-42.json'), 'PAY-44': issueFixture('permissions/PAY-44.json') };
    const asked = await answerBulkFetch(browser.context, (keys) => ({ status: 200, body: { expand: 'schema,names', issues: keys.flatMap((key) => (visible[key] ? [visible[key]] : [])), issueErrors: [] } }));
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto('https://acme.atlassian.net/jira/software/projects/PAY/boards/3');
    await waitForBadges(page, 4);
    const badges = Object.fromEntries((await readBadges(page)).map((b) => [b.key.split('/').pop(), b]));
    assert.deepEqual(asked, [['PAY-40', 'PAY-43', 'PAY-42', 'PAY-44']], 'one bulk fetch for the four cards');
    for (const key of ['PAY-40', 'PAY-43']) {
      assert.equal(badges[key].state, 'error');
      assert.match(badges[key].label, new RegExp(`${key} does not exist, or you cannot see it in Jira\\.`));
    }
    assert.equal(badges['PAY-42'].state, 'blocked');
    assert.notEqual(badges['PAY-44'].state, 'error');
    assert.doesNotMatch(badges['PAY-44'].label, /cannot see it/);
    // The card of a hidden issue says the same, as an alert.
    const hidden = page.locator('flowlens-badge[data-flow-key="jira:acme.atlassian.net/PAY-43"]');
    await hidden.getByTestId('flowlens-badge-button').click();
    assert.match(await hidden.getByRole('alert').innerText(), /PAY-43 does not exist, or you cannot see it in Jira\./);
    assert.deepEqual(errors, []);
  });

  it('explains a 403 from Jira on the badge', async () => {
    // A 403 as Jira Cloud sends it when the account may not use this site's Jira.
    await answerBulkFetch(browser.context, () => ({ status: 403, body: { errorMessages: ['You do not have permission to view these issues.'], errors: {} } }));
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto('https://acme.atlassian.net/browse/PAY-42');
    await waitForBadges(page, 1);
    const [badge] = await readBadges(page);
    assert.equal(badge.state, 'error');
    assert.equal(badge.label, 'FlowLens could not load this item: Jira at acme.atlassian.net denied access (403): You do not have permission to view these issues. Your Jira account may lack permission to browse this project; ask a Jira admin.');
    assert.deepEqual(errors, []);
  });
});

/** Each badge with the element before it and where it stands, in document order. */
function readPlacement(page, container) {
  return page.$$eval('flowlens-badge', (hosts, container) => hosts.map((host) => {
    const box = host.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const before = host.previousElementSibling;
    return {
      key: host.getAttribute('data-flow-key').split('/').pop(),
      before: before && { tag: before.localName, testId: before.getAttribute('data-testid'), text: [...before.childNodes].filter((node) => node.nodeType === 3).map((node) => node.textContent).join('').trim() },
      inLink: Boolean(host.closest('a')),
      container: host.closest(container) ? [...document.querySelectorAll(container)].indexOf(host.closest(container)) : -1,
      size: [box.width, box.height],
      // What a click at the badge's centre lands on: the badge's host, or whatever covers it.
      onTop: document.elementFromPoint(x, y) === host,
    };
  }), container);
}

const BUSINESS_BOARD = 'https://acme.atlassian.net/jira/core/projects/MKT/board';
const BUSINESS_CARD = '[data-testid="board.content.cell.card"]';

/**
 * Opens the business board in `page` and checks its badges: one per card after the key div, each
 * on top where it stands; a click, Enter and Space open FlowLens's card and leave the board
 * where it is; a re-rendered card gets its badge back once; and a click beside the badge opens
 * the issue (the overlay link does cover the card).
 */
async function checkBusinessBoard(page) {
  const errors = watchErrors(page);
  await page.goto(BUSINESS_BOARD);
  await waitForBadges(page, 6);
  const placed = await readPlacement(page, BUSINESS_CARD);
  assert.deepEqual(placed.map((b) => b.key), ['MKT-1', 'MKT-2', 'MKT-5', 'MKT-3', 'MKT-6', 'MKT-4']);
  assert.deepEqual(placed.map((b) => b.container), [0, 1, 2, 3, 4, 5], 'one badge in each card');
  for (const badge of placed) {
    assert.deepEqual(badge.before, { tag: 'div', testId: null, text: badge.key }, `${badge.key}: after the key div of the footer`);
    assert.equal(badge.inLink, false);
    assert.ok(badge.size[0] > 0 && badge.size[1] > 0, `${badge.key}: the badge has a box`);
    assert.ok(badge.onTop, `${badge.key}: the badge, not the overlay link, is under the pointer at its centre`);
  }
  // A mouse click at the badge's centre opens the FlowLens card; the board stays.
  const first = page.locator('flowlens-badge').first();
  const box = await first.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await first.getByTestId('flowlens-card').waitFor();
  assert.equal(page.url(), BUSINESS_BOARD);
  // The open card reaches over the next card, and stays above that card's overlay link.
  const over = await page.evaluate((selector) => {
    const host = document.querySelector('flowlens-badge');
    const card = host.shadowRoot.querySelector('[data-testid="flowlens-card"]').getBoundingClientRect();
    const next = document.querySelectorAll(selector)[1].getBoundingClientRect();
    const x = Math.max(card.left, next.left) + 10;
    const y = Math.max(card.top, next.top) + 10;
    return { overlaps: x < Math.min(card.right, next.right) && y < Math.min(card.bottom, next.bottom), onTop: document.elementFromPoint(x, y) === host };
  }, BUSINESS_CARD);
  assert.deepEqual(over, { overlaps: true, onTop: true });
  await first.getByRole('button', { name: 'Close' }).click();
  await first.getByTestId('flowlens-card').waitFor({ state: 'detached' });
  // Enter and Space on a badge open its card too, not the issue.
  for (const [index, key] of [[2, 'Enter'], [3, 'Space']]) {
    const badge = page.locator('flowlens-badge').nth(index);
    await badge.getByTestId('flowlens-badge-button').focus();
    await page.keyboard.press(key);
    await badge.getByTestId('flowlens-card').waitFor();
    assert.equal(page.url(), BUSINESS_BOARD, `${key} leaves the board where it is`);
    // Pressed again, it closes the card.
    await page.keyboard.press(key);
    await badge.getByTestId('flowlens-card').waitFor({ state: 'detached' });
  }
  // Were the card itself to open the issue on a click anywhere in it (Jira's own handlers are not
  // known to us), a click on the badge, or Enter on it, would still not reach it.
  await page.evaluate((selector) => {
    const card = document.querySelectorAll(selector)[1];
    card.addEventListener('click', () => location.assign(card.querySelector('a').href));
  }, BUSINESS_CARD);
  const second = page.locator('flowlens-badge').nth(1);
  const secondBox = await second.boundingBox();
  await page.mouse.click(secondBox.x + secondBox.width / 2, secondBox.y + secondBox.height / 2);
  await second.getByTestId('flowlens-card').waitFor();
  await page.keyboard.press('Enter');
  await second.getByTestId('flowlens-card').waitFor({ state: 'detached' });
  assert.equal(page.url(), BUSINESS_BOARD);
  // The board re-renders a card: its badge comes back, once, after the key.
  await page.evaluate((selector) => {
    const item = document.querySelectorAll(selector)[4].parentElement;
    const copy = item.cloneNode(true);
    copy.querySelectorAll('flowlens-badge').forEach((badge) => badge.remove());
    item.replaceWith(copy);
  }, BUSINESS_CARD);
  await page.waitForFunction((selector) => [...document.querySelectorAll(selector)].every((c) => c.querySelectorAll('flowlens-badge[data-flow-state]').length === 1) && document.querySelectorAll('flowlens-badge').length === 6, BUSINESS_CARD);
  const again = (await readPlacement(page, BUSINESS_CARD))[4];
  assert.deepEqual([again.before, again.onTop], [{ tag: 'div', testId: null, text: 'MKT-6' }, true]);
  assert.deepEqual(errors, []);
  // The overlay link does cover the card: a click on the summary opens the issue.
  await page.getByText('Spring campaign brief').click({ force: true });
  await page.waitForURL('https://acme.atlassian.net/browse/MKT-1');
}

describe('Jira Cloud markup of 2026', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  it('badges each linked and child issue line card once, right after its key', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto('https://acme.atlassian.net/browse/PAY-50');
    // The issue's heading and its five line cards.
    await waitForBadges(page, 6);
    const card = '[data-testid="issue-line-card.card-container"]';
    const placed = await readPlacement(page, card);
    assert.deepEqual(placed.map((b) => b.key), ['PAY-50', 'PAY-42', 'PAY-40', 'PAY-51', 'PAY-52', 'PAY-53']);
    assert.equal(await page.locator('h1 flowlens-badge').count(), 1);
    const cards = placed.slice(1);
    assert.deepEqual(cards.map((b) => b.container), [0, 1, 2, 3, 4], 'one badge in each line card');
    for (const badge of cards) {
      assert.deepEqual(badge.before, { tag: 'a', testId: 'issue.issue-view.views.common.issue-line-card.issue-line-card-view.key', text: badge.key });
    }
    assert.deepEqual(placed.filter((b) => b.inLink), []);
    assert.equal((await readBadges(page)).find((b) => b.key.endsWith('/PAY-42')).state, 'blocked', 'PAY-42 is read like everywhere else');
    // Jira re-renders a line card: its badge comes back, once.
    await page.evaluate((card) => {
      const item = document.querySelectorAll(card)[3].parentElement;
      const copy = item.cloneNode(true);
      copy.querySelectorAll('flowlens-badge').forEach((badge) => badge.remove());
      item.replaceWith(copy);
    }, card);
    await page.waitForFunction((card) => [...document.querySelectorAll(card)].every((c) => c.querySelectorAll('flowlens-badge[data-flow-state]').length === 1) && document.querySelectorAll('flowlens-badge').length === 6, card);
    assert.deepEqual(errors, []);
  });

  it('badges each business board card once, visible above its overlay link, and opens the FlowLens card without leaving the board', async () => {
    const page = await browser.context.newPage();
    await checkBusinessBoard(page);
  });

  it('keeps the business board badges above an overlay link raised with a z-index of its own', async () => {
    // How Jira stacks the overlay link is not known: the same board with the link raised (z-index: 1).
    const page = await browser.context.newPage();
    const raised = pageHtml('jira/pages/board-business.html').replace('> a { position: absolute; inset: 0; border-radius: 4px; }', '> a { position: absolute; inset: 0; border-radius: 4px; z-index: 1; }');
    assert.match(raised, /z-index: 1; \}/);
    await page.route(BUSINESS_BOARD, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: raised }));
    await checkBusinessBoard(page);
  });

  it('badges the list view and the issue navigator by their key cells', async () => {
    for (const url of ['https://acme.atlassian.net/jira/software/projects/PAY/list', 'https://acme.atlassian.net/issues/?jql=project%20%3D%20PAY']) {
      const page = await browser.context.newPage();
      const errors = watchErrors(page);
      await page.goto(url);
      await waitForBadges(page, 4);
      const placed = await readPlacement(page, 'tr[data-testid="native-issue-table.ui.issue-row"]');
      assert.deepEqual(placed.map((b) => b.key), ['PAY-40', 'PAY-42', 'PAY-43', 'PAY-44']);
      assert.deepEqual(placed.map((b) => b.container), [0, 1, 2, 3]);
      for (const badge of placed) assert.deepEqual(badge.before, { tag: 'a', testId: 'native-issue-table.common.ui.issue-cells.issue-key.issue-key-cell', text: badge.key });
      assert.deepEqual(errors, []);
      await page.close();
    }
  });
});

describe('Confluence and admin pages of a Jira Cloud site', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  /** Serves the page fixture `name` at `url` in `page` (a page's route wins over the harness's). */
  const serve = (page, url, name) => page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: pageHtml(name) }));

  it('badges the issues a Confluence page links by their keys, after each key, in one bulk fetch', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    const url = 'https://acme.atlassian.net/wiki/spaces/PAY/pages/510460716/Release+plan';
    await serve(page, url, 'jira/pages/confluence-page.html');
    const asked = await answerBulkFetch(browser.context, (keys) => ({ status: 200, body: { issues: keys.filter((key) => key === 'PAY-42').map(() => issueFixture('issues/PAY-42.json')), issueErrors: [] } }));
    await page.goto(url);
    await waitForBadges(page, 5);
    const badges = await readBadges(page);
    assert.deepEqual(badges.map((b) => b.key), ['PAY-42', 'PAY-42', 'PAY-40', 'PAY-43', 'PAY-44'].map((k) => `jira:acme.atlassian.net/${k}`));
    assert.deepEqual(badges.map((b) => b.state), ['blocked', 'blocked', 'error', 'error', 'error'], 'only PAY-42 has a hand-written issue');
    const before = await page.$$eval('flowlens-badge', (hosts) => hosts.map((host) => [host.previousElementSibling?.localName, host.previousElementSibling?.textContent.trim(), Boolean(host.closest('a'))]));
    assert.deepEqual(before, badges.map((b) => ['a', b.key.split('/').pop(), false]), 'each badge right after its key link, none inside a link');
    // Another site's issue, the summary and icon links and the project link cost nothing.
    assert.deepEqual(asked, [['PAY-42', 'PAY-40', 'PAY-43', 'PAY-44']]);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('reads nothing on an admin page, and reads the board once the app moves there', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    const admin = 'https://acme.atlassian.net/jira/settings/projects';
    // Issue markup on an admin page (here a board's) is not read there.
    await serve(page, admin, 'jira/pages/board-cloud.html');
    const asked = await answerBulkFetch(browser.context, () => ({ status: 200, body: { issues: [], issueErrors: [] } }));
    await page.goto(admin);
    await page.waitForTimeout(1_500);
    assert.equal(await page.locator('flowlens-badge').count(), 0);
    assert.deepEqual(asked, [], 'no issue asked of Jira');
    // The single-page app moves on to the board itself and renders it: its cards are read.
    await page.evaluate((html) => {
      history.pushState({}, '', '/jira/software/projects/PAY/boards/3');
      document.body.replaceWith(document.adoptNode(new DOMParser().parseFromString(html, 'text/html').body));
    }, pageHtml('jira/pages/board-cloud.html'));
    await waitForBadges(page, 4);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
