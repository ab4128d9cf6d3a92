// End to end: a long list holds the badges of a few screens, not one per row it was scrolled through.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, nearRowsBadged, tallBoard, watchErrors } from './harness.mjs';

/** 300 pull request rows of GitHub's list markup (as the browser benchmark's list), 40 px each: about 17 screens. */
function longList() {
  const rows = Array.from({ length: 300 }, (_, i) => `<div class="js-issue-row" id="issue_${i + 1}" style="height:40px"><a class="js-navigation-open" data-hovercard-type="pull_request" href="/octo-org/long/pull/${i + 1}">PR ${i + 1}</a></div>`);
  return `<!DOCTYPE html><html><head><title>Long list</title></head><body style="margin:0"><main>${rows.join('')}</main></body></html>`;
}

const badgeOf = (page, n) => page.locator(`flowlens-badge[data-flow-key="github:octo-org/long#${n}"]`);
const mounted = (page) => page.evaluate(() => document.querySelectorAll('flowlens-badge').length);

describe('a long list scrolled through', () => {
  let browser;
  before(async () => {
    browser = await launch();
    await browser.context.route('https://github.com/octo-org/long/pulls', (route) => route.fulfill({ contentType: 'text/html', body: longList() }));
    await browser.context.route('https://github.com/octo-org/tall/pulls', (route) => route.fulfill({ contentType: 'text/html', body: tallBoard() }));
  });
  after(() => browser?.close());

  it('paints every row within a screen wherever the page jumps to, on rows of three heights in two columns', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1000, height: 720 });
    const errors = watchErrors(page);
    await page.goto('https://github.com/octo-org/tall/pulls');
    await page.waitForFunction(nearRowsBadged);
    // Jumps, as a reader's End, Home, a link to a row or a dragged scrollbar make them.
    for (const share of [1, 0, 0.5, 0.13, 0.87, 0.31, 0.62, 0.05, 0.95]) {
      await page.evaluate((at) => scrollTo(0, at * (document.documentElement.scrollHeight - innerHeight)), share);
      await page.waitForFunction(nearRowsBadged, null, { timeout: 5_000 }).catch(() => assert.fail(`rows near ${share} of the way down were not all painted`));
    }
    assert.ok((await mounted(page)) < 150, `mounted ${await mounted(page)} badges`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('takes the badges of rows gone far off again, paints them once when they come back, and keeps one in use', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1000, height: 720 });
    const errors = watchErrors(page);
    await page.goto('https://github.com/octo-org/long/pulls');
    await badgeOf(page, 1).waitFor({ state: 'attached' });
    // Near rows only: the first screens, not all 300.
    assert.ok((await mounted(page)) < 100, `mounted ${await mounted(page)} badges`);
    // At the bottom: the last row is badged and the first, far above, is not any more.
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    await badgeOf(page, 300).waitFor({ state: 'attached' });
    await page.waitForFunction(() => !document.querySelector('flowlens-badge[data-flow-key="github:octo-org/long#1"]'));
    assert.ok((await mounted(page)) < 100, `mounted ${await mounted(page)} badges at the bottom`);
    // Back at the top: the first row's badge again, once, in its state.
    await page.evaluate(() => scrollTo(0, 0));
    await page.waitForFunction(() => document.querySelector('flowlens-badge[data-flow-key="github:octo-org/long#1"]')?.hasAttribute('data-flow-state'));
    assert.equal(await badgeOf(page, 1).count(), 1);
    // A badge with focus in it stays, however far the page is scrolled.
    await page.evaluate(() => document.querySelector('flowlens-badge[data-flow-key="github:octo-org/long#1"]').shadowRoot.querySelector('button').focus());
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    await badgeOf(page, 300).waitFor({ state: 'attached' });
    await page.waitForFunction(() => !document.querySelector('flowlens-badge[data-flow-key="github:octo-org/long#2"]'));
    assert.equal(await badgeOf(page, 1).count(), 1);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
