// End to end in Debian's Chromium with the built extension: the team sync, from the team
// settings through GitHub's GraphQL search (hand-written answers, in pages of two) to the team state.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { configureTeam, giveSecrets, launch, routeGithubSearch } from './harness.mjs';

const TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
// The open items of the hand-written octo-org/api: five pull requests and issue #90.
const OPEN_KEYS = [106, 105, 103, 102, 101, 90].map((n) => `github:octo-org/api#${n}`);
// octo-org/api#104: opened 2026-11-02T08:00Z, merged 2026-11-04T17:45Z.
const CYCLE_104 = Date.parse('2026-11-04T17:45:00Z') - Date.parse('2026-11-02T08:00:00Z');

/** Sends a request from an extension page, as the popup and options page do. */
async function send(page, message) {
  return page.evaluate((request) => globalThis.chrome.runtime.sendMessage(request), message);
}

describe('team sync', () => {
  let browser;
  let page;
  before(async () => {
    browser = await launch();
    await routeGithubSearch(browser, { pageSize: 2 });
    await configureTeam(browser, { token: TOKEN, githubRepos: ['octo-org/api'] });
    page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  });
  after(() => browser?.close());

  const searches = () => browser.api.requests.filter((r) => r.variables?.query);
  const teamState = () => browser.worker.evaluate(async () => (await globalThis.chrome.storage.local.get('teamState')).teamState);

  it('reads the team repository page by page and keeps its open keys, cycle times and end', async () => {
    const before = Date.now();
    const answer = await send(page, { type: 'team/sync' });
    assert.equal(answer.ok, true, JSON.stringify(answer));
    assert.equal(answer.data.configured, true);
    assert.equal(answer.data.running, false);
    assert.deepEqual(answer.data.lastErrors, []);
    assert.ok(answer.data.lastGoodAt >= before);

    const state = await teamState();
    assert.deepEqual(state.openKeys, OPEN_KEYS);
    assert.deepEqual(state.cycleTimesMs, [CYCLE_104]);
    assert.equal(state.lastGoodAt, answer.data.lastGoodAt);
    assert.equal(state.run, undefined);

    // Six open items in pages of two: three requests, each after the cursor of the one before.
    const open = searches().filter((r) => r.variables.query === 'repo:octo-org/api is:open');
    assert.deepEqual(open.map((r) => r.variables.after), [null, '2', '4']);
    const done = searches().filter((r) => /is:closed closed:>=\d{4}-\d{2}-\d{2}$/.test(r.variables.query));
    assert.equal(done.length, 1);
    assert.ok(searches().every((r) => r.fromWorker && r.headers.authorization === `Bearer ${TOKEN}`));
  });

  it('schedules the next sync with an alarm every 15 minutes', async () => {
    const alarm = await browser.worker.evaluate(() => globalThis.chrome.alarms.get('flowlens-team-sync'));
    assert.equal(alarm?.periodInMinutes, 15);
  });

  it('caches the synced items, so their badges paint without asking GitHub again', async () => {
    const sent = browser.api.requests.length;
    const answer = await send(page, { type: 'flow/cached', refs: [{ source: 'github', host: 'github.com', owner: 'octo-org', repo: 'api', number: 106 }] });
    assert.equal(answer.ok, true);
    assert.deepEqual(answer.data.views.map((v) => v.key), ['github:octo-org/api#106']);
    assert.deepEqual(answer.data.stale, []);
    assert.equal(browser.api.requests.length, sent);
  });

  it('without a token, says how to fix it and keeps the items it had', async () => {
    await giveSecrets(browser.worker, {});
    const previous = await teamState();
    const sent = searches().length;
    const answer = await send(page, { type: 'team/sync' });
    assert.equal(answer.ok, true);
    assert.match(answer.data.lastErrors[0].message, /Add a GitHub token for github\.com in FlowLens options to sync the team’s GitHub items/);
    assert.equal(answer.data.lastErrors[0].source, 'octo-org/api');
    assert.equal(answer.data.lastGoodAt, previous.lastGoodAt);
    assert.deepEqual((await teamState()).openKeys, OPEN_KEYS);
    assert.equal(searches().length, sent, 'nothing is asked without a token');
  });
});
