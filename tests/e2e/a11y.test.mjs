// End to end in Debian's Chromium: an accessibility audit (axe-core, WCAG 2.x A and AA rules) of
// what FlowLens draws — the welcome page, the options page (its Advanced fold open and closed),
// the popup with a team summary (and with what changed since the last look), and badges with an open detail card on a GitHub list and a
// GitHub Projects table and board, Jira–GitHub drift in the popup and on a card, and a card with the sources of its figures open — in the light and the
// dark scheme. Any violation fails.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { launch, lookRecord, putItemsInCache, seedDrift, seedTeamItems, waitForBadges } from './harness.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DAY = 86_400_000;
const ago = (days) => new Date(Date.now() - days * DAY).toISOString();
const carol = { id: 'carol', name: 'carol' };

const ITEMS = [
  {
    key: 'jira:acme.atlassian.net/PAY-1', source: 'jira', kind: 'jira-issue', title: 'Refund flow', url: 'https://acme.atlassian.net/browse/PAY-1',
    state: 'open', assignees: [{ id: 'a1', name: 'Priya' }], requestedReviewers: [], createdAt: ago(20), container: 'PAY',
    signals: { status: 'Blocked' }, timeline: [{ type: 'created', at: ago(20) }, { type: 'status', at: ago(8), to: 'Blocked' }], upstream: [], downstream: [],
  },
  {
    key: 'github:octo-org/api#3', source: 'github', kind: 'pull', title: 'Add refunds endpoint', url: 'https://github.com/octo-org/api/pull/3',
    state: 'open', assignees: [], author: { id: 'bob', name: 'bob' }, requestedReviewers: [carol], createdAt: ago(3), container: 'octo-org/api',
    signals: { draft: false, reviewDecision: 'review-required', pendingReviewers: [carol], mergeable: 'mergeable', checks: 'success', failingChecks: [], labels: [] },
    timeline: [{ type: 'created', at: ago(3) }, { type: 'review-requested', at: ago(2), reviewer: carol }], upstream: [], downstream: [],
  },
];

/** axe's violations inside `include` (the whole page by default), one line each. */
async function violations(page, include) {
  await page.evaluate(AXE);
  const found = await page.evaluate(
    (selector) => globalThis.axe.run(selector ? { include: [[selector]] } : document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }),
    include,
  );
  return found.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

/**
 * A last look that differs from ITEMS in every way the popup lists: PAY-1 was flowing (it is
 * blocked now), #3 was blocked (it is waiting now), #5 was open and is merged now, PAY-1 waited on
 * nothing; kept before each opening, since every opening replaces it.
 */
const LOOK = {
  at: Date.now() - DAY,
  items: [
    { key: 'jira:acme.atlassian.net/PAY-1', state: 'flowing', title: 'Refund flow', url: 'https://acme.atlassian.net/browse/PAY-1' },
    { key: 'github:octo-org/api#3', state: 'blocked', title: 'Add refunds endpoint', url: 'https://github.com/octo-org/api/pull/3' },
    { key: 'github:octo-org/api#5', state: 'waiting', title: 'Retry refunds', url: 'https://github.com/octo-org/api/pull/5' },
  ],
};
const MERGED = { ...ITEMS[1], key: 'github:octo-org/api#5', title: 'Retry refunds', url: 'https://github.com/octo-org/api/pull/5', state: 'merged', resolvedAt: ago(0.5) };

/** What each test opens, waits for, and audits (the whole page, or the badges only); `prepare` runs in the worker first. */
const PLACES = [
  {
    name: 'the options page, its Advanced fold open',
    url: (id) => `chrome-extension://${id}/options.html`,
    ready: async (page) => {
      await page.locator('summary', { hasText: 'Advanced' }).click();
      await page.getByRole('heading', { name: 'Import and export' }).waitFor();
    },
  },
  {
    name: 'the options page, its Advanced fold closed',
    url: (id) => `chrome-extension://${id}/options.html`,
    ready: (page) => page.getByRole('heading', { name: 'Team' }).waitFor(),
  },
  {
    name: 'the welcome page',
    url: (id) => `chrome-extension://${id}/welcome.html`,
    ready: (page) => page.getByRole('button', { name: 'Add repository' }).waitFor(),
  },
  {
    name: 'the popup with a team summary',
    url: (id) => `chrome-extension://${id}/popup.html`,
    // The rows come first, the charts and the export a frame later: wait for the last.
    ready: (page) => page.getByRole('button', { name: 'Copy as Markdown' }).waitFor(),
  },
  {
    name: 'the popup with what changed since the last look',
    prepare: (worker) => worker.evaluate(putItemsInCache, [lookRecord(LOOK)]),
    url: (id) => `chrome-extension://${id}/popup.html`,
    ready: async (page) => {
      await page.getByRole('button', { name: 'Copy as Markdown' }).waitFor();
      // The sync this popup starts may bring more changes; the three of the look are there first.
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="since-item"]').length >= 3);
    },
  },
  {
    name: 'the popup with a count pressed and a row opened',
    url: (id) => `chrome-extension://${id}/popup.html`,
    ready: async (page) => {
      await page.getByRole('button', { name: 'Copy as Markdown' }).waitFor();
      await page.getByRole('button', { name: '1 blocked' }).click();
      await page.getByRole('button', { name: 'More about PAY-1' }).click();
      await page.getByTestId('stuck-detail').waitFor();
    },
  },
  {
    name: 'the badges and an open detail card on a GitHub Projects table',
    url: () => 'https://github.com/orgs/octo-org/projects/7',
    ready: async (page) => {
      await waitForBadges(page, 3);
      await page.evaluate(() => document.querySelector('flowlens-badge').shadowRoot.querySelector('button').click());
      await page.waitForFunction(() => document.querySelector('flowlens-badge').shadowRoot.querySelector('[role="dialog"]') !== null);
    },
    include: 'flowlens-badge',
  },
  {
    name: 'the badges and an open detail card on a GitHub Projects board',
    url: () => 'https://github.com/users/alice/projects/3',
    ready: async (page) => {
      await waitForBadges(page, 3);
      await page.evaluate(() => document.querySelector('flowlens-badge').shadowRoot.querySelector('button').click());
      await page.waitForFunction(() => document.querySelector('flowlens-badge').shadowRoot.querySelector('[role="dialog"]') !== null);
    },
    include: 'flowlens-badge',
  },
  {
    name: 'the badges and an open detail card on a GitHub list',
    url: () => 'https://github.com/octo-org/api/pulls',
    ready: async (page) => {
      await waitForBadges(page, 5);
      await page.evaluate(() => document.querySelector('flowlens-badge').shadowRoot.querySelector('button').click());
      await page.waitForFunction(() => document.querySelector('flowlens-badge').shadowRoot.querySelector('[role="dialog"]') !== null);
    },
    include: 'flowlens-badge',
  },
  {
    name: 'an open detail card with the sources of its figures open (head, open for, a stretch) on a GitHub list',
    url: () => 'https://github.com/octo-org/api/pulls',
    ready: async (page) => {
      await waitForBadges(page, 5);
      const badge = page.locator('#issue_101 flowlens-badge');
      await badge.getByTestId('flowlens-badge-button').click();
      const card = badge.getByTestId('flowlens-card');
      await card.locator('button.figure[data-figure="state"]').click();
      await card.locator('button.figure[data-figure="Open for"]').click();
      await card.locator('.life summary').click();
      await card.locator('button.figure[data-figure="stretch 1"]').click();
      await card.getByRole('group', { name: /^Sources of stretch 1/ }).waitFor();
      assert.equal(await card.getByTestId('flowlens-trace').count(), 3);
    },
    include: 'flowlens-badge',
  },
];

describe('accessibility (axe-core, WCAG A and AA)', () => {
  let browser;
  before(async () => {
    browser = await launch();
    await seedTeamItems(browser.worker, ITEMS, { githubRepos: ['octo-org/api'] });
    await browser.worker.evaluate(putItemsInCache, [MERGED]);
  });
  after(() => browser?.close());

  for (const place of PLACES) {
    for (const scheme of ['light', 'dark']) {
      it(`finds nothing in ${place.name} (${scheme})`, async () => {
        const page = await browser.context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await place.prepare?.(browser.worker);
        await page.goto(place.url(browser.extensionId));
        await place.ready(page);
        assert.deepEqual(await violations(page, place.include), []);
        await page.close();
      });
    }
  }
});

/** Jira–GitHub drift (seedDrift): the popup's drift section, and a card listing a drift line. */
const DRIFT_PLACES = [
  {
    name: 'the popup with Jira–GitHub drift',
    url: (id) => `chrome-extension://${id}/popup.html`,
    ready: async (page) => {
      await page.getByTestId('drift-list').waitFor();
      await page.getByRole('button', { name: 'Copy as Markdown' }).waitFor();
    },
  },
  {
    name: 'a card with a drift line on a GitHub list',
    url: () => 'https://github.com/octo-org/api/pulls',
    ready: async (page) => {
      await waitForBadges(page, 5);
      const badge = page.locator('flowlens-badge[data-flow-key="github:octo-org/api#102"]');
      await badge.getByTestId('flowlens-badge-button').click();
      await badge.locator('li[data-kind="drift"]').waitFor();
    },
    include: 'flowlens-badge',
  },
];

describe('accessibility of Jira–GitHub drift (axe-core, WCAG A and AA)', () => {
  let browser;
  before(async () => {
    browser = await launch();
    // No team source: the popup starts no sync that would change what was seeded.
    await seedTeamItems(browser.worker, ITEMS);
    await seedDrift(browser, { openKeys: ['github:octo-org/api#102'] });
  });
  after(() => browser?.close());

  for (const place of DRIFT_PLACES) {
    for (const scheme of ['light', 'dark']) {
      it(`finds nothing in ${place.name} (${scheme})`, async () => {
        const page = await browser.context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(place.url(browser.extensionId));
        await place.ready(page);
        assert.deepEqual(await violations(page, place.include), []);
        await page.close();
      });
    }
  }
});
