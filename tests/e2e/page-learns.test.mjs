// End to end: what a host page can learn of FlowLens from its content scripts. The page listens
// for `message` events before any script of the extension runs (an init script, as a page's own
// first script would), and keeps every message it receives. FlowLens must post none (WXT's
// content-script context announces each start with window.postMessage, its type naming the
// extension id, unless told not to), and the extension id must appear nowhere the page can read.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, waitForBadges } from './harness.mjs';

/** Where a page that runs first records what reaches it. */
function listenFirst() {
  globalThis.__seenMessages = [];
  globalThis.addEventListener('message', (event) => {
    let data;
    try {
      data = JSON.stringify(event.data);
    } catch {
      data = String(event.data);
    }
    globalThis.__seenMessages.push({ origin: event.origin, data });
  }, true);
}

/** The messages the page received, and everything it can read of its DOM and badges' shadow roots. */
function pageView(page) {
  return page.evaluate(() => {
    const parts = [document.documentElement.outerHTML];
    for (const element of document.querySelectorAll('*')) if (element.shadowRoot) parts.push(element.shadowRoot.innerHTML);
    return { messages: globalThis.__seenMessages, rendered: parts.join('\n') };
  });
}

/** Waits as long as a started content script would take to post: two frames and a moment. */
const settle = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 200)))));

describe('what a host page learns of FlowLens', () => {
  let browser;
  before(async () => {
    browser = await launch();
    await browser.context.addInitScript(listenFirst);
  });
  after(() => browser?.close());

  it('a GitHub page and a Jira page receive no message from the content scripts, and nowhere see the extension id', async () => {
    for (const [url, badges] of [['https://github.com/octo-org/api/pulls', 5], ['https://acme.atlassian.net/browse/PAY-42', 1]]) {
      const page = await browser.context.newPage();
      await page.goto(url);
      await waitForBadges(page, badges);
      await settle(page);
      const { messages, rendered } = await pageView(page);
      assert.deepEqual(messages, [], `${url} received messages`);
      assert.ok(!rendered.includes(browser.extensionId), `the extension id is in ${url}'s DOM`);
      await page.close();
    }
  });

  it('a script registered at runtime, as for an added Enterprise Server or Data Center host, is as quiet', async () => {
    // The same registration lib/background/host-scripts.ts makes for an added host, here for a
    // host the manifest already lets FlowLens read (api.github.com), whose page this test serves.
    // A Data Center issue view (its summary heading is `#summary-val`), under a context path.
    await browser.context.route('https://api.github.com/flowlens-dc/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><title>OPS-1</title><h1 id="summary-val">Disk full</h1>' }));
    await browser.worker.evaluate(() => globalThis.chrome.scripting.registerContentScripts([
      { id: 'flowlens-hosts-jira', matches: ['https://api.github.com/flowlens-dc/*'], js: ['content-scripts/jira.js'], runAt: 'document_end', persistAcrossSessions: false },
    ]));
    try {
      const page = await browser.context.newPage();
      await page.goto('https://api.github.com/flowlens-dc/browse/OPS-1');
      // The script ran: it badged the issue.
      await page.waitForFunction(() => document.querySelector('flowlens-badge')?.getAttribute('data-flow-key') === 'jira:api.github.com/flowlens-dc/OPS-1', undefined, { timeout: 15_000 });
      await settle(page);
      const { messages, rendered } = await pageView(page);
      const registered = await browser.worker.evaluate(async () => (await globalThis.chrome.scripting.getRegisteredContentScripts()).map((script) => script.id));
      assert.deepEqual(registered, ['flowlens-hosts-jira']);
      assert.deepEqual(messages, []);
      assert.ok(!rendered.includes(browser.extensionId));
      await page.close();
    } finally {
      await browser.worker.evaluate(() => globalThis.chrome.scripting.unregisterContentScripts({ ids: ['flowlens-hosts-jira'] }));
    }
  });
});
