// End to end in Debian's Chromium with the built extension: the popup's "Since you last looked".
// The team is seeded through the service worker, the popup opened, the cache changed as a sync
// would change it (an item blocked, one unblocked, a pull request merged, an item gone from the
// team's sources), and the popup opened again. No team source is set, so the popup starts no sync,
// and nothing may reach GitHub or Jira for the section.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { daysAgo, jiraWorkItem, launch, openPopup, putItemsInCache, seedTeamItems, watchErrors } from './harness.mjs';

const ago = daysAgo;
const jira = jiraWorkItem;

const carol = { id: 'carol', name: 'carol' };
const pull = (extra = {}) => ({
  key: 'github:octo-org/api#3', source: 'github', kind: 'pull', title: 'Add refunds endpoint', url: 'https://github.com/octo-org/api/pull/3',
  state: 'open', assignees: [], author: { id: 'bob', name: 'bob' }, requestedReviewers: [carol], createdAt: ago(3), container: 'octo-org/api',
  signals: { draft: false, reviewDecision: 'review-required', pendingReviewers: [carol], mergeable: 'mergeable', checks: 'success', failingChecks: [], labels: [] },
  timeline: [{ type: 'created', at: ago(3) }, { type: 'review-requested', at: ago(2), reviewer: carol }], upstream: [], downstream: [], ...extra,
});

// The first look: PAY-1 and PAY-5 flowing, PAY-2 in a Blocked status, #3 waiting for review.
const FIRST = [
  jira(1),
  jira(2, { signals: { status: 'Blocked' }, timeline: [{ type: 'created', at: ago(20) }, { type: 'status', at: ago(8), to: 'Blocked' }] }),
  pull(),
  jira(4),
  jira(5),
];
// Then: PAY-1 waits on PAY-4, PAY-2 is back in progress, #3 was merged, PAY-5 left the team's sources (still open).
const blockedNow = jira(1, { upstream: [{ key: 'jira:acme.atlassian.net/PAY-4', kind: 'blocked-by', open: true, at: ago(0.5) }] });
const unblockedNow = jira(2, { timeline: [{ type: 'created', at: ago(20) }, { type: 'status', at: ago(8), to: 'Blocked' }, { type: 'status', at: ago(0.5), from: 'Blocked', to: 'In Progress' }] });
const merged = pull({ state: 'merged', resolvedAt: ago(0.2), timeline: [...pull().timeline, { type: 'merged', at: ago(0.2) }] });

/** The cache's record of the last look, or null. */
function storedLook(worker) {
  return worker.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('flowlens-cache');
    open.onsuccess = () => {
      const get = open.result.transaction('entries').objectStore('entries').get('looked|team');
      get.onsuccess = () => {
        resolve(get.result ?? null);
        open.result.close();
      };
      get.onerror = () => reject(get.error);
    };
    open.onerror = () => reject(open.error);
  }));
}

/** The section's entries: kind, key and text. */
const entries = (page) => page.$$eval('[data-testid="since-item"]', (items) => items.map((li) => [li.dataset.kind, li.dataset.key, li.textContent]));

describe('popup: since you last looked', () => {
  let browser;
  let offPage;
  before(async () => {
    browser = await launch();
    // Every request that leaves the extension, whoever makes it (the fake APIs count theirs too).
    offPage = [];
    browser.context.on('request', (request) => {
      if (!request.url().startsWith('chrome-extension://')) offPage.push(request.url());
    });
  });
  after(() => browser?.close());

  it('says what changed since the last look, from the cache, with no request to GitHub or Jira', async () => {
    await seedTeamItems(browser.worker, FIRST);
    const first = await openPopup(browser.context, browser.extensionId);
    const errors = watchErrors(first);
    // The first look ever: a line saying changes show from the next one.
    await first.getByText('What changes from now on will show here the next time you open FlowLens.').waitFor();
    await first.close();

    // As a sync would leave it: the items changed in the cache, PAY-5 and #3 out of the open keys.
    await browser.worker.evaluate(putItemsInCache, [blockedNow, unblockedNow, merged]);
    await browser.worker.evaluate(async () => {
      const { teamState } = await globalThis.chrome.storage.local.get('teamState');
      const gone = new Set(['jira:acme.atlassian.net/PAY-5', 'github:octo-org/api#3']);
      await globalThis.chrome.storage.local.set({ teamState: { ...teamState, openKeys: teamState.openKeys.filter((key) => !gone.has(key)) } });
    });

    const second = await openPopup(browser.context, browser.extensionId);
    const section = second.getByRole('region', { name: /^Since you last looked \(.+\)$/ });
    await section.waitFor();
    // The kept copy is compared first; the fresh summary from the cache brings the changes.
    await second.waitForFunction(() => document.querySelectorAll('[data-testid="since-item"]').length === 3);
    assert.deepEqual(await entries(second), [
      ['blocked', 'jira:acme.atlassian.net/PAY-1', 'PAY-1blocked (was flowing): waits on PAY-4'],
      ['unblocked', 'jira:acme.atlassian.net/PAY-2', 'PAY-2no longer blocked, now flowing'],
      ['done', 'github:octo-org/api#3', '#3merged'],
    ]);
    assert.equal(await section.getByText('1 newly blocked · 1 unblocked · 1 done').count(), 1);
    const link = section.getByRole('link', { name: 'octo-org/api#3 Add refunds endpoint' });
    assert.equal(await link.getAttribute('href'), 'https://github.com/octo-org/api/pull/3');
    assert.equal(await link.getAttribute('target'), '_blank');

    // By keyboard: Tab reaches each link of the section and goes on past it (no trap).
    const focused = [];
    for (let i = 0; i < 12; i++) {
      await second.keyboard.press('Tab');
      focused.push(await second.evaluate(() => ({ inSection: Boolean(document.activeElement?.closest('[data-testid="since-last"]')), name: document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '' })));
    }
    const inSection = focused.filter((f) => f.inSection).map((f) => f.name);
    assert.deepEqual(inSection, ['PAY-1 Ticket PAY-1', 'PAY-2 Ticket PAY-2', 'octo-org/api#3 Add refunds endpoint']);
    const last = focused.findLastIndex((f) => f.inSection);
    assert.ok(focused.slice(last + 1).some((f) => !f.inSection), 'focus moves on past the section');
    await second.close();

    // Opened again at once: this look replaced the last, nothing changed since.
    const third = await openPopup(browser.context, browser.extensionId);
    await third.getByText(/^Nothing changed since you last looked \(.+\)\.$/).waitFor();
    assert.equal(await third.getByTestId('since-item').count(), 0);
    await third.close();

    assert.deepEqual(browser.api.requests, []);
    assert.deepEqual(browser.jira.requests, []);
    assert.deepEqual(offPage, []);
    assert.deepEqual(errors, []);
  });

  it('forgets the last look with "Clear cache": it holds titles', async () => {
    await seedTeamItems(browser.worker, FIRST);
    // Without a kept copy the popup paints one summary, so it sends one look, answered before the line shows.
    await browser.worker.evaluate(() => globalThis.chrome.storage.session.remove(['teamSummary', 'teamSummary$']));
    const page = await openPopup(browser.context, browser.extensionId);
    await page.getByTestId('since-last').waitFor();
    const kept = await storedLook(browser.worker);
    assert.deepEqual(kept.value.items.map((item) => item.key).sort(), FIRST.map((item) => item.key).sort());
    await page.evaluate(() => globalThis.chrome.runtime.sendMessage({ type: 'cache/clear' }));
    assert.equal(await storedLook(browser.worker), null);
    await page.close();
  });
});
