// End to end in Firefox ESR with the built Firefox extension: the card's head, the state glyphs
// and the badge's placement, as tests/e2e/card-head, states and placement check them in Chromium.
// Firefox here cannot reach GitHub (every request goes to a closed proxy port), so the items are
// put in the extension's cache first, through the background page (Firefox's Remote Debugging
// Protocol), as if fetched a moment ago: the badges paint from the cache and ask nothing.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pageHtml, putItemsInCache } from './harness.mjs';
import { launchWithRdp, setFirefoxViewport, waitForTabs } from './firefox-rdp.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const EXTENSION = join(ROOT, '.output/firefox-mv3');
const LIST = 'https://github.com/octo-org/api/pulls';
const DAY = 86_400_000;
const ago = (days) => new Date(Date.now() - days * DAY).toISOString();
const bob = { id: 'bob', name: 'bob' };
const carol = { id: 'carol', name: 'carol' };

function pull(n, extra = {}, signals = {}) {
  return {
    key: `github:octo-org/api#${n}`, source: 'github', kind: 'pull', title: `Pull request ${n}`, url: `https://github.com/octo-org/api/pull/${n}`,
    state: 'open', assignees: [], author: { id: 'dana', name: 'dana' }, requestedReviewers: [], createdAt: ago(20), container: 'octo-org/api',
    signals: { draft: false, reviewDecision: 'approved', pendingReviewers: [], mergeable: 'mergeable', checks: 'success', failingChecks: [], labels: [], ...signals },
    timeline: [{ type: 'created', at: ago(20) }], upstream: [], downstream: [], ...extra,
  };
}

// #101 depends on the web team's octo-org/web#14 since 17 days ago, and waits for @bob's review;
// #102 waits 2 days for @carol; #103's required check "test" has been red for a day; #104 flows;
// #105 was merged. web#14 is cached too, open, so nothing needs asking.
const ITEMS = [
  pull(101, {
    upstream: [{ key: 'github:octo-org/web#14', kind: 'depends-on', open: true, at: ago(17), title: 'Shared checkout widget' }],
    requestedReviewers: [bob], timeline: [{ type: 'created', at: ago(20) }, { type: 'review-requested', at: ago(3), reviewer: bob }],
  }, { reviewDecision: 'review-required', pendingReviewers: [bob] }),
  pull(102, { requestedReviewers: [carol], timeline: [{ type: 'created', at: ago(3) }, { type: 'review-requested', at: ago(2), reviewer: carol }] }, { reviewDecision: 'review-required', pendingReviewers: [carol] }),
  pull(103, { timeline: [{ type: 'created', at: ago(4) }, { type: 'check', at: ago(1), name: 'test', conclusion: 'failure', required: true }] }, { checks: 'failure', failingChecks: ['test'] }),
  pull(104),
  pull(105, { state: 'merged', createdAt: ago(6), resolvedAt: ago(1), timeline: [{ type: 'created', at: ago(6) }, { type: 'merged', at: ago(1) }] }),
  { ...pull(14), key: 'github:octo-org/web#14', url: 'https://github.com/octo-org/web/issues/14', kind: 'issue', container: 'octo-org/web', title: 'Shared checkout widget' },
];
const STATES = { 101: 'blocked', 102: 'waiting', 103: 'failing', 104: 'flowing', 105: 'done' };

/** Waits until `n` badges carry a state other than `error`'s absence of data. */
function waitForStates(page, n) {
  return page.waitForFunction((count) => {
    const hosts = [...document.querySelectorAll('flowlens-badge[data-flow-state]')];
    return hosts.length === count && hosts.every((host) => host.getAttribute('data-flow-state') !== 'error');
  }, { timeout: 20_000 }, n);
}

/** The card's leaf blocks in document order, as tests/e2e/card-head.test.mjs reads them. */
function cardLines(host) {
  const card = document.querySelector(host).shadowRoot.querySelector('[data-testid="flowlens-card"]');
  const blocky = (el) => {
    const style = getComputedStyle(el);
    return ['block', 'list-item'].includes(style.display) && !['absolute', 'fixed'].includes(style.position);
  };
  return [...card.querySelectorAll('*')]
    .filter((el) => blocky(el) && ![...el.querySelectorAll('*')].some(blocky) && el.textContent.trim() !== '')
    .map((el) => ({ text: el.textContent, bold: el.querySelector('strong')?.textContent === el.textContent, weight: Number(getComputedStyle(el.querySelector('strong') ?? el).fontWeight) }));
}

/** Opens the card of the badge in `host` by a click and returns the card's, the button's and the window's boxes. */
async function openCard(page, host) {
  await page.evaluate((h) => document.querySelector(h).shadowRoot.querySelector('[data-testid="flowlens-badge-button"]').click(), host);
  await page.waitForFunction((h) => document.querySelector(h).shadowRoot.querySelector('[data-testid="flowlens-card"]') !== null, { timeout: 5000 }, host);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate((h) => {
    const root = document.querySelector(h).shadowRoot;
    const box = (node) => {
      const { left, top, right, bottom } = node.getBoundingClientRect();
      return { left, top, right, bottom };
    };
    return { card: box(root.querySelector('.card')), button: box(root.querySelector('button')), width: innerWidth, height: innerHeight };
  }, host);
}

const cardOpen = (page, host) => page.evaluate((h) => document.querySelector(h).shadowRoot.querySelector('[data-testid="flowlens-card"]') !== null, host);
const intersects = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

const skip = existsSync(FIREFOX) ? false : `no Firefox at ${FIREFOX} (apt-get install -y firefox-esr, or set FIREFOX_PATH)`;

describe('Firefox: the card head, the state glyphs and the placement', { skip }, () => {
  let browser;
  let rdp;
  let page;
  const pageErrors = [];

  before(async () => {
    if (!existsSync(join(EXTENSION, 'manifest.json'))) throw new Error(`No Firefox build in ${EXTENSION}: run npm run build:firefox first.`);
    let addon;
    ({ browser, rdp, addon } = await launchWithRdp({ firefox: FIREFOX, extension: EXTENSION }));
    const background = await addon.page('_generated_background_page.html');
    assert.equal(await background.run(putItemsInCache, ITEMS), ITEMS.length);
    // The welcome tab opens on install; ours opens after it, in front (a tab behind gets no keys).
    await waitForTabs(browser, 2);
    page = await browser.newPage();
    await setFirefoxViewport(page, { width: 1280, height: 800 });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.setRequestInterception(true);
    page.on('request', (request) => (request.url() === LIST ? request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: pageHtml('github/pages/pulls-legacy.html') }) : request.continue()));
    await page.goto(LIST);
    await waitForStates(page, 5);
  });
  after(async () => {
    rdp?.close();
    await browser?.close();
  });

  it('paints each row’s state from the cache, with that state’s own glyph and the FlowLens mark', async () => {
    const badges = await page.$$eval('flowlens-badge', (hosts) => hosts.map((host) => {
      const glyph = host.shadowRoot.querySelector('.glyph');
      const box = glyph?.getBoundingClientRect();
      return {
        key: host.getAttribute('data-flow-key'), state: host.getAttribute('data-flow-state'), glyph: glyph?.getAttribute('data-glyph'),
        // Drawn by badge.css with gradients (the question mark with text): Firefox's own reading of them.
        shape: glyph ? `${getComputedStyle(glyph).backgroundImage} ${getComputedStyle(glyph).backgroundSize} ${getComputedStyle(glyph, '::before').content}` : null, size: box ? [box.width, box.height] : null, mark: host.shadowRoot.querySelector('[data-testid="flowlens-mark"]') !== null,
        text: host.shadowRoot.querySelector('button').textContent,
      };
    }));
    assert.deepEqual(badges.map((b) => [b.key, b.state]), Object.entries(STATES).map(([n, state]) => [`github:octo-org/api#${n}`, state]));
    for (const badge of badges) {
      assert.equal(badge.glyph, badge.state, `${badge.key} draws the ${badge.state} glyph`);
      assert.ok(badge.size[0] >= 10 && badge.size[1] >= 10, `${badge.key}'s glyph is drawn at ${badge.size.join(' × ')} px`);
      assert.ok(badge.mark, `${badge.key} carries the FlowLens mark`);
    }
    assert.equal(new Set(badges.map((b) => b.shape)).size, badges.length, 'each state has a shape of its own');
    // Durations by the one rule: whole days, the merged item's cycle time (6 d open → merged 1 d ago: 5 d).
    assert.match(badges[0].text, /blocked 17 d/);
    assert.match(badges[4].text, /merged 5 d/);
  });

  it('says state, duration and cause first, the next move second and bold, then what holds it up', async () => {
    await openCard(page, '#issue_101 flowlens-badge');
    const [first, second, ...rest] = await page.evaluate(cardLines, '#issue_101 flowlens-badge');
    assert.equal(first.text, 'Blocked 17 d · waits on octo-org/web#14 (another team)');
    assert.match(second.text, /^Next: .+ — Level [1-4] · [^—]+$/);
    assert.ok(second.bold && second.weight >= 600, `the next move is bold (font weight ${second.weight})`);
    assert.deepEqual(rest.slice(0, 2).map((line) => line.text), ['Waiting for review from @bob', 'Waits on octo-org/web#14 (another team, flowing)']);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('#issue_101 flowlens-badge').shadowRoot.querySelector('[data-testid="flowlens-card"]') === null, { timeout: 5000 });
  });

  it('sits right after its link and grows no row by more than 1 px', async () => {
    const rows = await page.$$eval('.js-issue-row', (list) => {
      const heights = list.map((row) => row.getBoundingClientRect().height);
      for (const host of document.querySelectorAll('flowlens-badge')) host.style.display = 'none';
      const without = list.map((row) => row.getBoundingClientRect().height);
      for (const host of document.querySelectorAll('flowlens-badge')) host.style.display = '';
      return list.map((row, i) => ({ id: row.id, grows: heights[i] - without[i], afterLink: row.querySelector('flowlens-badge')?.previousElementSibling?.matches('a.js-navigation-open') ?? false }));
    });
    for (const row of rows) {
      assert.ok(row.afterLink, `${row.id}: the badge is the title link's next sibling`);
      assert.ok(row.grows <= 1, `${row.id} grows ${row.grows} px with its badge`);
    }
  });

  it('flips the card at the window’s bottom edge, off its badge, and closes it on a click outside', async () => {
    const host = '#issue_105 flowlens-badge';
    const button = await page.evaluate((h) => document.querySelector(h).shadowRoot.querySelector('button').getBoundingClientRect().toJSON(), host);
    await setFirefoxViewport(page, { width: 1280, height: Math.ceil(button.bottom + 30) });
    const at = await openCard(page, host);
    assert.ok(at.card.top >= 0 && at.card.bottom <= at.height, `card within the window's height: ${at.card.top}–${at.card.bottom} of ${at.height}`);
    assert.ok(at.card.bottom <= at.button.top, 'the card opened above the badge, as there was no room below');
    assert.ok(!intersects(at.card, at.button), 'the card does not cover its badge');
    // A click on the page's own text ("#101 opened"), away from the card and any link.
    const point = await page.$eval('#issue_101 .opened-by', (span) => {
      const { left, top, height } = span.getClientRects()[0];
      return { x: left + 4, y: top + height / 2 };
    });
    await page.mouse.click(point.x, point.y);
    await page.waitForFunction((h) => document.querySelector(h).shadowRoot.querySelector('[data-testid="flowlens-card"]') === null, { timeout: 3000 }, host);
    assert.equal(await cardOpen(page, host), false);
    await setFirefoxViewport(page, { width: 1280, height: 800 });
    assert.deepEqual(pageErrors, []);
  });
});
