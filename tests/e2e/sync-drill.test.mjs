// Fault drill: the browser stops the service worker in the middle of a team sync. Nothing read so
// far is lost, and the sync resumes from its saved cursor when the worker wakes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { configureTeam, launch, routeGithubSearch } from './harness.mjs';

const TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
// The open items of the hand-written octo-org/api: five pull requests and issue #90.
const OPEN_KEYS = [106, 105, 103, 102, 101, 90].map((n) => `github:octo-org/api#${n}`);
const OPEN_QUERY = 'repo:octo-org/api is:open';

describe('service worker stopped mid-sync', () => {
  let browser;
  let page;
  let openGate;
  let stopped = false;
  /** Each ask for a page of open items, and whether the worker had been stopped by then. */
  const asked = [];
  before(async () => {
    browser = await launch();
    await routeGithubSearch(browser, { pageSize: 2 });
    // Registered last, so it runs first: the second page of open items waits for the drill.
    const gate = new Promise((resolve) => (openGate = resolve));
    await browser.context.route('https://api.github.com/graphql', async (route) => {
      const variables = route.request().postDataJSON()?.variables ?? {};
      if (variables.query === OPEN_QUERY) asked.push({ after: variables.after, afterStop: stopped });
      if (variables.query === OPEN_QUERY && variables.after === '2') await gate;
      return route.fallback();
    });
    await configureTeam(browser, { token: TOKEN, githubRepos: ['octo-org/api'] });
    page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  });
  after(() => browser?.close());

  const teamState = () => page.evaluate(async () => (await globalThis.chrome.storage.local.get('teamState')).teamState);

  it('keeps page 1, resumes at page 2 when the worker wakes, and ends with every item', async () => {
    await page.evaluate(() => void globalThis.chrome.runtime.sendMessage({ type: 'team/sync' }).catch(() => undefined));
    // Page 1 is read and saved in the run; page 2 is on its way.
    const deadline = Date.now() + 15_000;
    let state;
    do {
      await page.waitForTimeout(100);
      state = await teamState();
    } while (!(state?.run?.cursors ?? []).some((c) => c.next === '2') && Date.now() < deadline);
    assert.ok(state.run, 'a run is under way');
    assert.ok(state.run.cursors.some((c) => c.next === '2'), 'page 1 of the open items is saved with its cursor');

    // A mark in the running worker's memory: a restarted worker does not have it.
    await browser.worker.evaluate(() => (globalThis.__beforeStop = true));
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    stopped = true;
    await page.waitForTimeout(500);
    openGate();

    // Any message wakes the worker; on waking it resumes the run it finds.
    await page.evaluate(() => globalThis.chrome.runtime.sendMessage({ type: 'status/get' }));
    const end = Date.now() + 20_000;
    do {
      await page.waitForTimeout(200);
      state = await teamState();
    } while ((state?.run || !state?.lastGoodAt) && Date.now() < end);
    const worker = browser.context.serviceWorkers().at(-1);
    assert.equal(await worker.evaluate(() => globalThis.__beforeStop), undefined, 'the worker was stopped and started anew');
    assert.equal(state.run, undefined, 'the run finished');
    assert.deepEqual([...state.openKeys].sort(), [...OPEN_KEYS].sort(), 'no item lost');
    const open = browser.api.requests.filter((r) => r.variables?.query === OPEN_QUERY).map((r) => r.variables.after);
    assert.equal(open.filter((after) => after === null).length, 1, 'page 1 was not asked again');
    assert.ok(open.includes('4'), 'the sync went on past page 2');
    const resumed = asked.filter((ask) => ask.afterStop).map((ask) => ask.after);
    assert.equal(resumed[0], '2', 'the woken worker asked page 2 first, with the saved cursor');
    assert.ok(!resumed.includes(null), 'the woken worker did not start over');
  });
});
