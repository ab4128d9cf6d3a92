// End to end: a GitHub page whose markup FlowLens no longer reads. No badge, the page untouched,
// and a quiet line on the options page saying so.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, pageHtml, watchErrors } from './harness.mjs';

describe('page markup that changed', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  it('shows no badge, leaves the page alone, and counts the page on the options page', async () => {
    // The hand-written pull request list with the attributes FlowLens looks for renamed, as a redesign might.
    const changed = pageHtml('github/pages/pulls-legacy.html').replaceAll('data-hovercard-type', 'data-card-kind').replaceAll('data-testid', 'data-test-name');
    await browser.context.route('https://github.com/octo-org/changed/pulls', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: changed }));
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto('https://github.com/octo-org/changed/pulls');
    const before = await page.evaluate(() => document.body.innerHTML.length);
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    // The content script waits for the page to settle before it counts a miss.
    await options.waitForTimeout(5_500);
    await options.reload();
    // The count is in the cache section, under the options page's "Advanced" fold.
    await options.locator('summary', { hasText: 'Advanced' }).click();
    const line = options.getByTestId('markup-misses');
    await line.waitFor();
    assert.match(await line.innerText(), /^1 GitHub page this week showed items FlowLens could not find \(last: repoPullList,/);
    assert.equal(await page.locator('flowlens-badge').count(), 0);
    assert.equal(await page.evaluate(() => document.body.innerHTML.length), before, 'the page is as it was');
    assert.equal(browser.api.requests.length, 0, 'nothing was asked of GitHub');
    assert.deepEqual(errors, []);
  });
});
