// End to end: "Clear cache" forgets what FlowLens learnt of a Jira site from its items (the done
// statuses, link types and field ids kept in storage.local and in the worker's memory), as it
// forgets the items themselves.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, waitForBadges } from './harness.mjs';

describe('Clear cache and the Jira site facts', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  const keptSites = async () => Object.keys((await browser.worker.evaluate(() => globalThis.chrome.storage.local.get('jiraSiteFacts'))).jiraSiteFacts ?? {});
  const fieldRequests = () => browser.jira.requests.filter((request) => request.path === '/rest/api/3/field').length;
  const visit = async () => {
    const page = await browser.context.newPage();
    await page.goto('https://acme.atlassian.net/browse/PAY-42');
    await waitForBadges(page, 1);
    await page.close();
  };

  it('removes them from storage and from the worker’s memory', async () => {
    await visit();
    assert.deepEqual(await keptSites(), ['acme.atlassian.net']);
    assert.equal(fieldRequests(), 1);

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    assert.equal((await options.evaluate(() => globalThis.chrome.runtime.sendMessage({ type: 'cache/clear' }))).ok, true);
    await options.close();
    assert.deepEqual(await keptSites(), []);

    // Forgotten in memory too: the site's fields are asked again, and kept again.
    await visit();
    assert.equal(fieldRequests(), 2);
    assert.deepEqual(await keptSites(), ['acme.atlassian.net']);
  });
});
