// End to end in Debian's Chromium with the built extension and a token: a GitHub Projects table
// (tests/fixtures/github/pages/project-table.html, hand-written after GitHub's markup of October
// 2026). Each issue and pull request row is badged once, right after its title link, through the
// same batched GraphQL as a list; a draft item gets none; a row the table renders again (rows
// are virtualised) gets its badge back; the badge opens and closes from the keyboard.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { giveGithubToken, launch, readBadges, waitForBadges, watchErrors } from './harness.mjs';

const PROJECT = 'https://github.com/orgs/octo-org/projects/7';
const KEYS = ['github:octo-org/api#101', 'github:octo-org/api#102', 'github:octo-org/web#12'];

describe('a GitHub Projects table, with a token', () => {
  let browser;
  before(async () => {
    browser = await launch();
    await giveGithubToken(browser);
  });
  after(() => browser?.close());

  it('badges each issue and pull request row once, after its title, in one batch, and no draft', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(PROJECT);
    const heights = await page.$$eval('[role="row"]', (rows) => rows.map((row) => row.getBoundingClientRect().height));
    await waitForBadges(page, 3);
    const badges = await readBadges(page);
    assert.deepEqual(badges.map((b) => b.key), KEYS);
    console.log(`# Projects table badges: ${badges.map((b) => `${b.key.split('/').pop()} ${b.text}`).join('; ')}`);
    assert.ok(badges.every((b) => b.state && b.state !== 'error'), `states read: ${badges.map((b) => b.state)}`);
    // Right after the title link, before GitHub's " #N"; the rows keep their height.
    const places = await page.$$eval('flowlens-badge', (hosts) => hosts.map((host) => ({
      after: host.previousElementSibling?.tagName, cell: host.parentElement?.getAttribute('role'), next: host.nextElementSibling?.textContent,
    })));
    assert.deepEqual(places, [[' #101'], [' #102'], [' #12']].map(([next]) => ({ after: 'A', cell: 'rowheader', next })));
    assert.deepEqual(await page.$$eval('[role="row"]', (rows) => rows.map((row) => row.getBoundingClientRect().height)), heights);
    assert.equal(await page.locator('[aria-rowindex="5"] flowlens-badge').count(), 0, 'the draft item has no badge');
    // The three rows (and anything they wait on) in batched GraphQL: within ceil(3/50) + 2.
    const graph = browser.api.requests.filter((r) => r.path === '/graphql');
    assert.ok(graph.length >= 1 && graph.length <= 3, `${graph.length} GraphQL requests`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('gives a row the table renders again its badge back, once', async () => {
    const page = await browser.context.newPage();
    await page.goto(PROJECT);
    await waitForBadges(page, 3);
    // Scrolled out and back: the virtualised table drops the row and renders it afresh.
    await page.evaluate(() => {
      const row = document.querySelector('[aria-rowindex="4"]');
      const fresh = row.cloneNode(true);
      fresh.querySelectorAll('flowlens-badge').forEach((host) => host.remove());
      row.remove();
      document.querySelector('[aria-rowindex="3"]').after(fresh);
    });
    await page.waitForFunction(() => {
      const hosts = document.querySelectorAll('[aria-rowindex="4"] flowlens-badge');
      return hosts.length === 1 && hosts[0].shadowRoot !== null && hosts[0].hasAttribute('data-flow-state');
    }, null, { timeout: 10_000 });
    assert.deepEqual((await readBadges(page)).map((b) => b.key), KEYS);
    await page.close();
  });

  it('opens a row’s card from the keyboard and closes it with Escape', async () => {
    const page = await browser.context.newPage();
    await page.goto(PROJECT);
    await waitForBadges(page, 3);
    const host = page.locator('[aria-rowindex="2"] flowlens-badge');
    await host.getByTestId('flowlens-badge-button').focus();
    await page.keyboard.press('Enter');
    const card = host.getByTestId('flowlens-card');
    await card.waitFor();
    assert.match(await card.innerText(), /Add retry to payment webhook/);
    // GitHub gives no history of an item's status in a project: the card says so, makes up nothing.
    assert.match(await card.getByTestId('flowlens-project-column').innerText(), /not known: GitHub gives FlowLens no history of an item’s status in a project/);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    await page.close();
  });
});

describe('a GitHub Projects board, with a token', () => {
  // tests/fixtures/github/pages/project-board.html: three issue and pull request cards, a draft,
  // and a card out of view whose content is not rendered yet.
  const BOARD = 'https://github.com/users/alice/projects/3';
  let browser;
  before(async () => {
    browser = await launch();
    await giveGithubToken(browser);
  });
  after(() => browser?.close());

  it('badges each card once at its title, none for the draft, and a card once its content renders', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(BOARD);
    await waitForBadges(page, 3);
    assert.deepEqual((await readBadges(page)).map((b) => b.key), ['github:octo-org/web#12', 'github:octo-org/api#101', 'github:octo-org/api#90']);
    const places = await page.$$eval('flowlens-badge', (hosts) => hosts.map((host) => [host.parentElement?.tagName, host.closest('[data-board-card-id]')?.getAttribute('data-board-card-id')]));
    // Inside the title's h3, after its link; #90's linked pull request (a field) gets none.
    assert.deepEqual(places, [['H3', '32'], ['H3', '33'], ['H3', '34']]);
    assert.equal(await page.locator('[data-board-card-id="31"] flowlens-badge').count(), 0, 'the draft has no badge');
    // Scrolled into view, the last card renders its content: it gets its badge, once.
    await page.evaluate(() => {
      const card = document.querySelector('[data-board-card-id="35"]');
      card.removeAttribute('data-test-out-of-view');
      card.append(document.createRange().createContextualFragment('<div><div data-testid="board-card-header">api #102</div><h3><a href="https://github.com/octo-org/api/pull/102"><span>Bump idb from 8.0.3 to 8.0.4</span></a></h3></div>'));
    });
    await waitForBadges(page, 4);
    assert.equal(await page.locator('[data-board-card-id="35"] flowlens-badge').count(), 1);
    // The card opens from the keyboard and says what it cannot know of the column.
    const host = page.locator('[data-board-card-id="33"] flowlens-badge');
    await host.getByTestId('flowlens-badge-button').focus();
    await page.keyboard.press('Enter');
    const card = host.getByTestId('flowlens-card');
    await card.waitFor();
    assert.match(await card.getByTestId('flowlens-project-column').innerText(), /not known/);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
