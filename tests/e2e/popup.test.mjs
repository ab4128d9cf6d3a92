// End to end in Debian's Chromium with the built extension: the popup's team summary, read from
// the cache and team state seeded through the service worker.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { daysAgo, jiraWorkItem, launch, openPopup, seedTeam, watchErrors } from './harness.mjs';

const DAY = 86_400_000;
const ago = daysAgo;
const jira = jiraWorkItem;

const carol = { id: 'carol', name: 'carol' };
const ITEMS = [
  // Blocked by PAY-4 for 5 days.
  jira(1, { title: 'Refund | flow\nv2', upstream: [{ key: 'jira:acme.atlassian.net/PAY-4', kind: 'blocked-by', open: true, at: ago(5) }] }),
  // In a Blocked status for 8 days.
  jira(2, { signals: { status: 'Blocked' }, timeline: [{ type: 'created', at: ago(20) }, { type: 'status', at: ago(8), to: 'Blocked' }] }),
  // A pull request waiting 2 days for carol's review.
  {
    key: 'github:octo-org/api#3', source: 'github', kind: 'pull', title: 'Add refunds endpoint', url: 'https://github.com/octo-org/api/pull/3',
    state: 'open', assignees: [], author: { id: 'bob', name: 'bob' }, requestedReviewers: [carol], createdAt: ago(3), container: 'octo-org/api',
    signals: { draft: false, reviewDecision: 'review-required', pendingReviewers: [carol], mergeable: 'mergeable', checks: 'success', failingChecks: [], labels: [] },
    timeline: [{ type: 'created', at: ago(3) }, { type: 'review-requested', at: ago(2), reviewer: carol }], upstream: [], downstream: [],
  },
  jira(4),
];
const KEYS = ['jira:acme.atlassian.net/PAY-2', 'jira:acme.atlassian.net/PAY-1', 'github:octo-org/api#3'];

/** The keys of the stuck rows, in order. */
const rowKeys = (page) => page.$$eval('[data-testid="stuck-item"]', (rows) => rows.map((row) => row.getAttribute('data-key')));

/** Waits for the summary and for the sync the popup starts to end (answered or refused). */
async function settled(page) {
  await page.getByTestId('sync-line').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="sync-line"]')?.textContent?.includes('Syncing…'), null, { timeout: 15_000 });
}

/**
 * The browser's clipboard, read from a web page: Chromium grants clipboard reading to web
 * origins, not to the extension's own (opaque to the permission API).
 */
async function readClipboard(context) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://github.com' });
  const reader = await context.newPage();
  await reader.goto('https://github.com/octo-org/api/pulls');
  await reader.bringToFront();
  const text = await reader.evaluate(() => navigator.clipboard.readText());
  await reader.close();
  return text;
}

describe('popup team summary', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  it('says what to configure, with a link to the options page, before any team source is set', async () => {
    const page = await openPopup(browser.context, browser.extensionId);
    const errors = watchErrors(page);
    const empty = page.getByTestId('empty-state');
    await empty.waitFor();
    assert.match(await empty.innerText(), /FlowLens has no team to summarise yet\./);
    assert.equal(await empty.getByRole('link', { name: 'Options' }).getAttribute('href'), '/options.html');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('lists the blocked and waiting items longest first, filters by person and exports Markdown', async () => {
    await seedTeam(browser.worker, {
      items: ITEMS,
      teamState: { openKeys: ITEMS.map((item) => item.key), cycleTimesMs: [1, 2, 3, 4, 5, 6].map((d) => d * DAY), lastErrors: [], lastGoodAt: Date.now() - 60_000 },
      settings: { team: { githubRepos: ['octo-org/api'], githubQueries: [], jiraQueries: [], members: [], me: [], containers: [] } },
    });
    const page = await openPopup(browser.context, browser.extensionId);
    await page.getByTestId('stuck-item').first().waitFor();
    await settled(page);
    // The summary is painted again after the sync; wait for the rows rather than read them mid-paint.
    await page.waitForFunction((keys) => JSON.stringify([...document.querySelectorAll('[data-testid="stuck-item"]')].map((li) => li.dataset.key)) === JSON.stringify(keys), KEYS, { timeout: 10_000 }).catch(() => undefined);
    assert.deepEqual(await rowKeys(page), KEYS);
    const first = page.getByTestId('stuck-item').first();
    assert.match(await first.locator('.line').innerText(), /^Blocked\s+PAY-2\s+8 d\s+in status Blocked\s+→\s+Next:\s+write down what it waits on/);
    await first.getByRole('button', { name: 'More about PAY-2' }).click();
    assert.match(await first.getByTestId('stuck-detail').innerText(), /Blocked for 8 d · Priya/);
    assert.deepEqual(await page.getByTestId('counts').locator('button').allInnerTexts(), ['2\nblocked', '1\nwaiting', '0\nfailing']);
    assert.equal(await page.getByTestId('stuck-list').getByRole('link', { name: /PAY-1 Refund \| flow/ }).getAttribute('target'), '_blank');

    await page.getByLabel('Person').selectOption('carol');
    assert.deepEqual(await rowKeys(page), ['github:octo-org/api#3']);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .md' }).click()]);
    assert.match(download.suggestedFilename(), /^flowlens-team-\d{4}-\d{2}-\d{2}\.md$/);
    const markdown = readFileSync(await download.path(), 'utf8');
    assert.match(markdown, /^# FlowLens team summary, /);
    assert.match(markdown, /Filtered by person carol\./);
    assert.match(markdown, /\| \[octo-org\/api#3 Add refunds endpoint\]\(https:\/\/github\.com\/octo-org\/api\/pull\/3\) \| Waiting \| 2 d \| Waiting for review from @carol since .+ \| bob \| Level 2 · [^|:]+: /);
    assert.doesNotMatch(markdown, /PAY-2 Ticket/);

    await page.getByLabel('Person').selectOption('');
    await page.getByRole('button', { name: 'Copy as Markdown' }).click();
    await page.getByText('Copied the summary as Markdown.').waitFor();
    const copied = await readClipboard(browser.context);
    // The title's pipe and newline stay inside its cell.
    assert.match(copied, /\| \[PAY-1 Refund \\\| flow v2\]\(https:\/\/acme\.atlassian\.net\/browse\/PAY-1\) \| Blocked \| 5 d \| Blocked since .+: blocked by PAY-4 \(Ticket PAY-4\)\. \| Priya \| /);
    assert.match(copied, /\*\*2 blocked, 1 waiting, 0 failing\*\* of 4 open items\./);
    await page.close();

    // The next popup paints the copy the background kept in session storage, before it asks.
    const kept = await browser.worker.evaluate(async () => JSON.parse((await globalThis.chrome.storage.session.get('teamSummary')).teamSummary));
    assert.deepEqual(kept.items.map((item) => item.key).slice(0, 3), KEYS);
    const again = await browser.context.newPage();
    // What the first frame with rows showed: the copy, marked as such, not yet the fresh answer.
    await again.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const rows = document.querySelectorAll('[data-testid="stuck-item"]');
        if (rows.length === 0) return;
        observer.disconnect();
        globalThis.firstRows = { keys: [...rows].map((li) => li.dataset.key), copyNote: document.querySelector('[data-testid="summary-copy"]')?.textContent ?? null };
      }).observe(document, { childList: true, subtree: true });
    });
    await again.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await again.waitForFunction(() => globalThis.firstRows);
    const firstRows = await again.evaluate(() => globalThis.firstRows);
    assert.deepEqual(firstRows.keys.slice(0, 3), KEYS);
    assert.match(firstRows.copyNote ?? '', /^As of \d.*; updating…$/);
    // Then the fresh answer replaces it, and the note goes.
    await again.getByTestId('summary-copy').waitFor({ state: 'detached' });
    assert.deepEqual(await again.evaluate(() => [...document.querySelectorAll('[data-testid="stuck-item"]')].map((li) => li.dataset.key)), KEYS);
    // Clearing the cache clears the copy: it holds item data. (A summary computed afterwards, from
    // the emptied cache, may be kept again: it names no item.) The sync this popup started ends
    // first, or its items would rightly fill the cache and the copy again.
    await settled(again);
    await again.evaluate(() => globalThis.chrome.runtime.sendMessage({ type: 'cache/clear' }));
    const left = await browser.worker.evaluate(async () => (await globalThis.chrome.storage.session.get('teamSummary')).teamSummary);
    assert.ok(left === undefined || JSON.parse(left).items.length === 0, 'no item data is left in the copy');
    await again.close();
  });

  it('builds the copy when the worker starts without one, so a session\'s first popup paints from it', async () => {
    await seedTeam(browser.worker, {
      items: ITEMS,
      teamState: { openKeys: ITEMS.map((item) => item.key), cycleTimesMs: [], lastErrors: [], lastGoodAt: Date.now() - 60_000 },
      settings: { team: { githubRepos: ['octo-org/api'], githubQueries: [], jiraQueries: [], members: [], me: [], containers: [] } },
    });
    // As after a browser start: session storage is empty, and the worker is not running.
    await browser.worker.evaluate(() => globalThis.chrome.storage.session.clear());
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.waitForTimeout(300);
    // A GitHub page wakes the worker with a badge request; nothing asks for the team summary.
    await page.goto('https://github.com/octo-org/api/pulls');
    const deadline = Date.now() + 15_000;
    let kept;
    do {
      await page.waitForTimeout(200);
      kept = await browser.context.serviceWorkers().at(-1)?.evaluate(async () => (await globalThis.chrome.storage.session.get('teamSummary')).teamSummary).catch(() => undefined);
    } while (!kept && Date.now() < deadline);
    assert.ok(kept, 'the woken worker kept a copy');
    assert.deepEqual(JSON.parse(kept).items.map((item) => item.key).slice(0, 3), KEYS);
    await page.close();
  });
});
