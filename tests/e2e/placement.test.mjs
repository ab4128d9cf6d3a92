// End to end in Debian's Chromium: where a badge lands and what it does to the page around it
// (issue 15, part 4). Each point is measured on the page's own boxes: the badge right after its
// link (in the DOM and on screen), rows and cards no taller with it, no line of its own at 420 px,
// and the card it opens inside the window, clear of the badge, closed by an outside click.
// Screenshots of what was measured go to .output/e2e-placement/ for a person to look at; the
// tests assert on the sizes they have (a PNG's header) as well as on the boxes.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launch, waitForBadges } from './harness.mjs';

const SHOTS = resolve(import.meta.dirname, '../../.output/e2e-placement');
mkdirSync(SHOTS, { recursive: true });

/** The width and height a PNG says it has (its IHDR chunk). */
const pngSize = (png) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

/** Screenshots `locator` into SHOTS as `name`.png and returns the image's size. */
async function shoot(locator, name) {
  const png = await locator.screenshot();
  writeFileSync(join(SHOTS, `${name}.png`), png);
  return pngSize(png);
}

const ISSUE_PAGE = 'https://github.com/octo-org/web/issues/13';
const BODY_BADGE = '[data-testid="markdown-body"] flowlens-badge';

/**
 * The height of each element matching `selector` with its badges and without them (taken out and
 * put back in the same task, so the page never paints without them), in CSS pixels.
 */
function rowHeights(page, selector) {
  return page.$$eval(selector, (rows) => rows.map((row) => {
    const hosts = [...row.querySelectorAll('flowlens-badge')].map((host) => ({ host, parent: host.parentNode, next: host.nextSibling }));
    const withBadge = row.getBoundingClientRect().height;
    for (const { host } of hosts) host.remove();
    const without = row.getBoundingClientRect().height;
    for (const { host, parent, next } of hosts) parent.insertBefore(host, next);
    return { badges: hosts.length, withBadge, without };
  }));
}

/** Each badge's box against the last line box of the link it goes with (after it, or inside it). */
function badgeLines(page) {
  return page.$$eval('flowlens-badge', (hosts) => hosts.map((host) => {
    const link = host.previousSibling instanceof Element ? host.previousSibling : host.parentElement;
    const lines = [...link.getClientRects()];
    const button = host.shadowRoot.querySelector('button, .badge').getBoundingClientRect();
    const line = lines.at(-1);
    return { key: host.getAttribute('data-flow-key'), lines: lines.length, buttonTop: button.top, buttonBottom: button.bottom, lineTop: line.top, lineBottom: line.bottom };
  }));
}

describe('placement: a badge inside text goes right after its link', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  it('is the link’s next sibling, and starts where the link ends', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(ISSUE_PAGE);
    await waitForBadges(page, 2);
    const place = await page.$eval(BODY_BADGE, (host) => {
      const link = host.previousSibling;
      if (!(link instanceof Element)) return { previous: link?.nodeName, textBefore: link?.textContent };
      const linkRect = link.getClientRects();
      const last = linkRect[linkRect.length - 1];
      const badge = host.getBoundingClientRect();
      return {
        previous: link.nodeName,
        previousHref: link.getAttribute?.('href'),
        linkNext: link.nextSibling === host,
        textAfter: host.nextSibling?.textContent,
        gap: badge.left - last.right,
        middleOffset: (badge.top + badge.bottom) / 2 - (last.top + last.bottom) / 2,
      };
    });
    assert.equal(place.previous, 'A', `the badge follows ${place.previous} "${place.textBefore}", not its link`);
    console.log(`# body badge: ${place.gap.toFixed(1)} px after its link, centre ${place.middleOffset.toFixed(1)} px off the link's line centre`);
    assert.equal(place.previousHref, 'https://github.com/octo-org/api/pull/101');
    assert.ok(place.linkNext, 'the link’s next sibling is the badge host, before the text that follows it');
    assert.match(place.textAfter, /^; the mock-up is in/);
    // The host's own margin (6 px) is the only space between them.
    assert.ok(place.gap >= 0 && place.gap <= 8, `badge starts ${place.gap} px after the link`);
    assert.ok(Math.abs(place.middleOffset) <= 3, `badge centred on the link's line (${place.middleOffset} px off)`);
    await shoot(page.locator('[data-testid="markdown-body"] p'), 'issue-body-reference');
    await page.close();
  });
});

/**
 * Board cards with nothing of Jira's styles around them, in the font `font` (CSS shorthand): the
 * browser's default line height, or a small font, leaves a 24-pixel badge the least room.
 * Hand-written after the card markup of the board fixture.
 */
function plainBoard(font) {
  const card = (key) => `<div data-testid="platform-board-kit.ui.card.card"><div>Card ${key}</div><a href="/browse/${key}" data-testid="platform-card.common.ui.key.key">${key}</a></div>`;
  return `<!DOCTYPE html><html><head><title>Plain board</title></head><body><main style="font: ${font}">${['PAY-40', 'PAY-42'].map(card).join('')}</main></body></html>`;
}

describe('placement: rows and cards keep their height', () => {
  let browser;
  before(async () => {
    browser = await launch();
    await browser.context.route('https://acme.atlassian.net/jira/software/projects/PAY/boards/9?font=*', (route) => route.fulfill({ contentType: 'text/html', body: plainBoard(new URL(route.request().url()).searchParams.get('font')) }));
  });
  after(() => browser?.close());

  /** Opens `url` at desktop width and measures each of `selector`'s rows with and without badges. */
  async function measureRows(url, count, selector, shotName) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(url);
    await waitForBadges(page, count);
    const rows = await rowHeights(page, selector);
    const first = page.locator(selector).first();
    const shot = await shoot(first, shotName);
    await page.close();
    return { rows, shot };
  }

  for (const [name, url, count, selector] of [
    ['GitHub pull request list row', 'https://github.com/octo-org/api/pulls', 5, '.js-issue-row'],
    ['GitHub issue list row (React)', 'https://github.com/octo-org/web/issues', 1, 'li[role=listitem]'],
    ['GitHub issue page paragraph', ISSUE_PAGE, 2, '[data-testid="markdown-body"] p'],
    ['Jira board card', 'https://acme.atlassian.net/jira/software/projects/PAY/boards/3', 4, '[data-testid="platform-board-kit.ui.card.card"]'],
    ...['16px/normal serif', '10px/normal sans-serif', '9px/1 sans-serif'].map((font) => [`board card in ${font}`, `https://acme.atlassian.net/jira/software/projects/PAY/boards/9?font=${encodeURIComponent(font)}`, 2, '[data-testid="platform-board-kit.ui.card.card"]']),
  ]) {
    // Not a fraction of a pixel either: a row that grows at all moves everything below it, and on
    // a board of thousands the browser lays out and walks again all that moved, frame after frame.
    it(`${name}: no taller with its badge at 1280 px`, async () => {
      const { rows, shot } = await measureRows(url, count, selector, name.replaceAll(/\W+/g, '-').toLowerCase());
      const badged = rows.filter((row) => row.badges > 0);
      assert.ok(badged.length > 0, `some ${selector} has a badge`);
      console.log(`# ${name}: grows ${badged.map((row) => (row.withBadge - row.without).toFixed(1)).join(', ')} px (${badged[0].without} px without)`);
      for (const row of badged) assert.ok(row.withBadge - row.without <= 0.01, `${name} grows ${row.withBadge - row.without} px with its badge (${row.without} → ${row.withBadge})`);
      // The screenshot shows the row as measured: as tall as its box with the badge.
      assert.ok(Math.abs(shot.height - Math.round(rows[0].withBadge)) <= 1, `screenshot ${shot.height} px, row ${rows[0].withBadge} px`);
    });
  }
});

describe('placement: at 420 px the badge stays on its link’s last line', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  for (const [url, count] of [['https://github.com/octo-org/api/pulls', 5], ['https://github.com/octo-org/web/issues', 1], [ISSUE_PAGE, 2]]) {
    it(`${url}`, async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 420, height: 800 });
      await page.goto(url);
      await waitForBadges(page, count);
      const lines = await badgeLines(page);
      for (const line of lines) {
        // On the link's last line: the badge's middle within that line's box (a badge on a line
        // of its own has its middle a line lower).
        const middle = (line.buttonTop + line.buttonBottom) / 2;
        console.log(`# 420 px ${line.key}: badge middle ${(middle - line.lineTop).toFixed(1)} px below the top of its link's last line (${(line.lineBottom - line.lineTop).toFixed(1)} px tall)`);
        assert.ok(middle >= line.lineTop && middle <= line.lineBottom, `${line.key}: badge middle at ${middle}, the link's last line ${line.lineTop}–${line.lineBottom} (on a line of its own)`);
      }
      await page.close();
    });
  }

  it('keeps the badge with the link’s last word when the line is full', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 420, height: 800 });
    await page.goto('https://github.com/octo-org/api/pulls');
    await waitForBadges(page, 5);
    // Widens the first title word by word until the badge would no longer fit after it: every
    // step is a line break just before the badge, where one can fall.
    const worst = await page.$eval('#issue_101_link', (link) => {
      const host = link.nextSibling;
      const offsets = [];
      const original = link.textContent;
      for (let words = 0; words < 12; words += 1) {
        link.firstChild.data = `${original}${' wide'.repeat(words)}`;
        const lines = link.getClientRects();
        const line = lines[lines.length - 1];
        const button = host.shadowRoot.querySelector('button').getBoundingClientRect();
        offsets.push((button.top + button.bottom) / 2 - (line.top + line.bottom) / 2);
      }
      link.firstChild.data = original;
      return offsets;
    });
    console.log(`# 420 px, title widened word by word: badge centre off the link's last line by ${worst.map((o) => o.toFixed(0)).join(', ')} px`);
    assert.ok(worst.every((offset) => Math.abs(offset) <= 4), `the badge fell onto a line of its own: ${worst.join(', ')}`);
    await page.close();
  });
});

/** Whether two DOMRect-like boxes overlap (touching is not overlapping). */
const intersects = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Opens the card of the badge `host` and returns the card's box, the button's box and the window's size. */
async function openCard(page, host) {
  await page.locator(host).getByTestId('flowlens-badge-button').click();
  await page.locator(host).getByTestId('flowlens-card').waitFor();
  // Placement runs before paint; one frame lets it settle for the measure.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  return page.$eval(host, (element) => {
    const box = (node) => {
      const { left, top, right, bottom } = node.getBoundingClientRect();
      return { left, top, right, bottom };
    };
    return { card: box(element.shadowRoot.querySelector('.card')), button: box(element.shadowRoot.querySelector('button')), width: innerWidth, height: innerHeight };
  });
}

describe('placement: the card', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  it('flips at the bottom and right window edges, stays inside the window and off its badge', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(ISSUE_PAGE);
    await waitForBadges(page, 2);
    // Room above (the page pushed down), and a window that ends just under and just right of the badge.
    const button = await page.$eval(BODY_BADGE, (host) => {
      document.body.style.paddingTop = '500px';
      return host.shadowRoot.querySelector('button').getBoundingClientRect().toJSON();
    });
    await page.setViewportSize({ width: Math.max(420, Math.ceil(button.right + 24)), height: Math.ceil(button.bottom + 40) });
    const at = await openCard(page, BODY_BADGE);
    console.log(`# card near the corner: card ${JSON.stringify(at.card)}, badge ${JSON.stringify(at.button)}, window ${at.width}×${at.height}`);
    await shoot(page, 'card-flipped');
    assert.ok(at.card.left >= 0 && at.card.right <= at.width, `card within the window's width: ${at.card.left}–${at.card.right} of ${at.width}`);
    assert.ok(at.card.top >= 0 && at.card.bottom <= at.height, `card within the window's height: ${at.card.top}–${at.card.bottom} of ${at.height}`);
    assert.ok(at.card.bottom <= at.button.top, 'the card opened above the badge, as there was no room below');
    assert.ok(!intersects(at.card, at.button), 'the card does not cover its badge');
    await page.close();
  });

  it('opens below and from the badge’s start when there is room, clear of the badge', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(ISSUE_PAGE);
    await waitForBadges(page, 2);
    const at = await openCard(page, BODY_BADGE);
    assert.ok(at.card.top >= at.button.bottom, 'below the badge');
    assert.ok(Math.abs(at.card.left - at.button.left) <= 1, 'from the badge’s left edge');
    assert.ok(!intersects(at.card, at.button));
    await page.close();
  });

  it('closes on a click outside it, and on Escape', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(ISSUE_PAGE);
    await waitForBadges(page, 2);
    const card = page.locator(BODY_BADGE).getByTestId('flowlens-card');
    await openCard(page, BODY_BADGE);
    // A click inside the card leaves it open.
    await card.locator('dl, p').first().click();
    assert.equal(await card.count(), 1, 'a click inside the card keeps it open');
    // A click on the page's own text, away from the card and any link.
    const point = await page.$eval('h1 span', (span) => {
      const { left, top, width, height } = span.getBoundingClientRect();
      return { x: left + width / 2, y: top + height / 2 };
    });
    await page.mouse.click(point.x, point.y);
    await card.waitFor({ state: 'detached', timeout: 2000 });
    await openCard(page, BODY_BADGE);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached', timeout: 2000 });
    await page.close();
  });

  it('has no "Open item" on the item’s own page, and has it for another item and on a list', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(ISSUE_PAGE);
    await waitForBadges(page, 2);
    const own = 'h1 flowlens-badge';
    await openCard(page, own);
    assert.equal(await page.locator(own).getByTestId('flowlens-card').getByRole('link', { name: 'Open item' }).count(), 0, 'no "Open item" for the page’s own item');
    await page.keyboard.press('Escape');
    await openCard(page, BODY_BADGE);
    assert.equal(await page.locator(BODY_BADGE).getByTestId('flowlens-card').getByRole('link', { name: 'Open item' }).count(), 1, 'another item on the page keeps its "Open item"');
    await page.goto('https://github.com/octo-org/api/pulls');
    await waitForBadges(page, 5);
    await openCard(page, '#issue_101 flowlens-badge');
    assert.equal(await page.locator('#issue_101 flowlens-badge').getByTestId('flowlens-card').getByRole('link', { name: 'Open item' }).count(), 1, 'a list keeps "Open item"');
    await page.close();
  });
});
