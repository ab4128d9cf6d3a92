// Fault drills: what happens when the user does not wait for FlowLens.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { giveGithubToken, launch, readBadges, waitForBadges, watchErrors } from './harness.mjs';

const TOKEN = 'ghp_drill0000000000000000000000000000000';

describe('fault drills', () => {
  let browser;
  let release;
  beforeEach(async () => {
    browser = await launch();
    await giveGithubToken(browser, TOKEN);
    // GitHub answers only when the drill says so.
    let open;
    const gate = new Promise((resolve) => (open = resolve));
    release = open;
    await browser.context.route('https://api.github.com/graphql', async (route) => {
      await gate;
      return route.fallback();
    });
  });
  afterEach(() => browser?.close());

  it('puts no badge on the page the tab moved to while GitHub was answering', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto('https://github.com/octo-org/api/pulls');
    await page.waitForFunction(() => document.querySelectorAll('flowlens-badge').length === 5);
    // The single-page app moves to the repository's home before GitHub has answered.
    await page.evaluate(() => {
      history.pushState({}, '', '/octo-org/api');
      document.querySelector('main, body').replaceChildren(Object.assign(document.createElement('p'), { textContent: 'README' }));
    });
    await page.waitForFunction(() => document.querySelectorAll('flowlens-badge').length === 0, null, { timeout: 5_000 });
    release();
    // The background makes the request: wait until the fake GitHub has answered it, then a while.
    while (!browser.api.requests.some((r) => r.path === '/graphql')) await page.waitForTimeout(50);
    await page.waitForTimeout(500);
    assert.equal(await page.locator('flowlens-badge').count(), 0);
    assert.deepEqual(errors, []);
  });

  it('asks GitHub once when two tabs want the same items at the same time', async () => {
    const [first, second] = await Promise.all([browser.context.newPage(), browser.context.newPage()]);
    await Promise.all([first.goto('https://github.com/octo-org/api/pulls'), second.goto('https://github.com/octo-org/api/pulls')]);
    await Promise.all([first, second].map((page) => page.waitForFunction(() => document.querySelectorAll('flowlens-badge').length === 5)));
    // Both tabs have asked (their badges are mounted and waiting) before GitHub answers anything.
    await first.waitForTimeout(300);
    release();
    await Promise.all([waitForBadges(first, 5), waitForBadges(second, 5)]);
    // One batch for the five rows and one for the two items they wait on (#90, octo-org/web#14),
    // each asked once for both tabs.
    const asked = browser.api.requests.filter((r) => r.path === '/graphql').map((r) => Object.entries(r.variables).filter(([name]) => name.startsWith('n')).map(([, n]) => n).sort((a, b) => a - b));
    assert.deepEqual(asked, [[101, 102, 103, 104, 105], [14, 90]]);
    assert.deepEqual(await readBadges(first), await readBadges(second));
  });
});
