// End to end in Firefox ESR with the built Firefox extension: the popup's team summary, read from
// the cache and the team state seeded through the background page, and the copy of it the
// background keeps in `storage.session` for the next popup's first frame. Firefox's popup takes
// `browser`, not `chrome`, and its background is an event page, so this path is its own.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { daysAgo, jiraWorkItem, putItemsInCache } from './harness.mjs';
import { launchWithRdp } from './firefox-rdp.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const EXTENSION = join(ROOT, '.output/firefox-mv3');
const skip = existsSync(FIREFOX) ? false : `no Firefox at ${FIREFOX} (apt-get install -y firefox-esr, or set FIREFOX_PATH)`;

const DAY = 86_400_000;
const ITEMS = [
  // Blocked by PAY-4 for 5 days.
  jiraWorkItem(1, { upstream: [{ key: 'jira:acme.atlassian.net/PAY-4', kind: 'blocked-by', open: true, at: daysAgo(5) }] }),
  // In a Blocked status for 8 days.
  jiraWorkItem(2, { signals: { status: 'Blocked' }, timeline: [{ type: 'created', at: daysAgo(20) }, { type: 'status', at: daysAgo(8), to: 'Blocked' }] }),
  jiraWorkItem(4),
];
// Longest blocked first.
const STUCK = ['jira:acme.atlassian.net/PAY-2', 'jira:acme.atlassian.net/PAY-1'];

/**
 * In the popup: waits until the fresh summary is painted (no kept copy marked on screen) with its
 * charts, which come a frame after the first rows, then reads it.
 */
async function shownSummary() {
  const done = () => document.querySelector('[data-testid="sync-line"]') && !document.querySelector('[data-testid="summary-copy"]') && document.querySelectorAll('[data-testid="stuck-item"]').length > 0 && document.querySelector('[data-testid="aging-chart"]');
  for (const deadline = Date.now() + 15_000; !done() && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
  return {
    rows: [...document.querySelectorAll('[data-testid="stuck-item"]')].map((row) => row.dataset.key),
    counts: [...document.querySelectorAll('[data-testid="counts"] button')].map((button) => button.textContent),
    painted: performance.getEntriesByName('flowlens-summary-painted').length,
    charts: document.querySelectorAll('[data-testid="aging-chart"]').length,
  };
}

describe('Firefox: the popup paints the team summary, then from the kept copy', { skip }, () => {
  let browser;
  let rdp;
  let addon;
  let background;

  /** Opens popup.html in a tab; resolves to a console of that page. */
  async function openPopup() {
    const page = addon.page('popup.html');
    await background.run(() => browser.tabs.create({ url: browser.runtime.getURL('popup.html') }).then(() => true));
    return page;
  }

  before(async () => {
    if (!existsSync(join(EXTENSION, 'manifest.json'))) throw new Error(`No Firefox build in ${EXTENSION}: run npm run build:firefox first.`);
    ({ browser, rdp, addon } = await launchWithRdp({ firefox: FIREFOX, extension: EXTENSION }));
    background = await addon.page('_generated_background_page.html');
    assert.equal(await background.run(putItemsInCache, ITEMS), ITEMS.length);
    // No team source: the popup starts no sync that would change what was seeded.
    const teamState = { openKeys: ITEMS.map((item) => item.key), cycleTimesMs: [1, 2, 3, 4, 5, 6].map((d) => d * DAY), lastErrors: [], lastGoodAt: Date.now() - 60_000 };
    const settings = { team: { githubRepos: [], githubQueries: [], jiraQueries: [], members: [], me: [], containers: [] } };
    await background.run((seed) => Promise.all([browser.storage.local.set({ teamState: seed.teamState }), browser.storage.sync.set({ settings: seed.settings, settings$: { v: 3 } })]).then(() => true), { teamState, settings });
  });
  after(async () => {
    rdp?.close();
    await browser?.close();
  });

  it('lists the blocked items longest first, with the counts and the charts', async () => {
    const popup = await openPopup();
    const shown = await popup.run(shownSummary);
    assert.deepEqual(shown.rows, STUCK);
    assert.deepEqual(shown.counts, ['2 blocked', '0 waiting', '0 failing']);
    assert.equal(shown.painted, 1);
    assert.equal(shown.charts, 1);
  });

  it('keeps a copy of that summary in session storage, and the next popup paints it and then the fresh one', async () => {
    const kept = await background.run(async () => {
      const got = await browser.storage.session.get(['teamSummary', 'teamSummaryHead']);
      return { head: JSON.parse(got.teamSummaryHead ?? 'null'), summary: JSON.parse(got.teamSummary ?? 'null') };
    });
    assert.deepEqual(kept.head.glance.stuck.map((row) => row.key), STUCK);
    assert.deepEqual(kept.summary.items.map((item) => item.key).slice(0, 2), STUCK);
    assert.equal(typeof kept.summary.id, 'string');
    const popup = await openPopup();
    const shown = await popup.run(shownSummary);
    assert.deepEqual(shown.rows, STUCK);
    assert.deepEqual(shown.counts, ['2 blocked', '0 waiting', '0 failing']);
    assert.equal(shown.charts, 1);
  });
});
