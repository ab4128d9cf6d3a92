// End to end in Debian's Chromium with the built extension: one badge per state on a GitHub list,
// each state's glyph screenshotted with Chromium's own emulated vision deficiencies (DevTools
// protocol `Emulation.setEmulatedVisionDeficiency`: deuteranopia, protanopia, achromatopsia), and
// every pair of glyphs compared by shape (which pixels are drawn), not colour, and again with
// forced colours (a high-contrast theme, which drops the gradients they are drawn with unless kept). Also the badge
// text's contrast (WCAG AA, 4.5:1) and the glyphs' (non-text, 3:1), in a light and a dark theme.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, seedTeam, waitForBadges } from './harness.mjs';

const DAY = 86_400_000;
const ago = (days) => new Date(Date.now() - days * DAY).toISOString();
const REPO = 'octo-org/states';
const carol = { id: 'carol', name: 'carol' };
const bob = { id: 'bob', name: 'bob' };
const STATES = ['blocked', 'waiting', 'failing', 'flowing', 'done', 'unknown', 'error'];
const NUMBER = Object.fromEntries(STATES.map((state, i) => [state, 201 + i]));

/** A pull request of the seeded repository, open three days, with `extra` on top. */
function pull(state, extra) {
  const n = NUMBER[state];
  return {
    key: `github:${REPO}#${n}`, source: 'github', kind: 'pull', title: `A ${state} change`, url: `https://github.com/${REPO}/pull/${n}`,
    state: 'open', assignees: [], author: bob, requestedReviewers: [], createdAt: ago(3), container: REPO,
    signals: { draft: false, reviewDecision: 'approved', pendingReviewers: [], mergeable: 'mergeable', checks: 'success', failingChecks: [], labels: [] },
    timeline: [{ type: 'created', at: ago(3) }], upstream: [], downstream: [], ...extra,
  };
}

/** One item a state; the error badge's item is neither seeded nor known to the fake API (404). */
const ITEMS = [
  pull('blocked', { upstream: [{ key: `github:${REPO}#90`, kind: 'blocked-by', open: true, at: ago(2) }] }),
  pull('waiting', {
    requestedReviewers: [carol], signals: { ...pull('x').signals, reviewDecision: 'review-required', pendingReviewers: [carol] },
    timeline: [{ type: 'created', at: ago(3) }, { type: 'review-requested', at: ago(2), reviewer: carol }],
  }),
  pull('failing', {
    signals: { ...pull('x').signals, reviewDecision: 'changes-requested' },
    timeline: [{ type: 'created', at: ago(3) }, { type: 'reviewed', at: ago(1), by: carol, verdict: 'changes-requested' }],
  }),
  pull('flowing', { timeline: [{ type: 'created', at: ago(3) }, { type: 'reviewed', at: ago(1), by: carol, verdict: 'approved' }] }),
  pull('done', { state: 'merged', resolvedAt: ago(1), timeline: [{ type: 'created', at: ago(3) }, { type: 'merged', at: ago(1) }] }),
  pull('unknown', { signals: {}, timeline: [{ type: 'created', at: ago(3) }] }),
];

/** One row of GitHub's legacy server-rendered pull request list, as pulls-legacy.html has them. */
const row = (state) => `
    <div id="issue_${NUMBER[state]}" class="Box-row js-navigation-item js-issue-row">
      <a id="issue_${NUMBER[state]}_link" class="Link--primary js-navigation-open markdown-title" data-hovercard-type="pull_request" href="/${REPO}/pull/${NUMBER[state]}">A ${state} change</a>
    </div>`;

/** The page: hand-written by the FlowLens project in November 2026 after GitHub's legacy pull request list (as tests/fixtures/github/pages/pulls-legacy.html); a theme's Primer tokens on its root. */
const page = (tokens) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Pull requests · ${REPO}</title>
<!-- Hand-written by the FlowLens project in November 2026 after GitHub's legacy server-rendered pull request list (.js-issue-row rows); not a saved page. -->
<style>:root { ${tokens} } body { background: var(--bgColor-default); color: var(--fgColor-default); font: 14px/1.5 sans-serif; } .Box-row { padding: 8px 16px; }</style>
</head><body class="logged-in"><main><div class="js-navigation-container js-active-navigation-container">${STATES.map(row).join('')}
</div></main></body></html>`;

/** GitHub's Primer light and dark tokens that FlowLens's badge reads (Primer primitives, 2026). */
const THEMES = {
  light: '--fgColor-default: #1f2328; --fgColor-muted: #59636e; --bgColor-default: #ffffff; --borderColor-default: #d1d9e0; --fgColor-accent: #0969da; --fgColor-danger: #d1242f; --fgColor-severe: #bc4c00; --fgColor-attention: #9a6700; --fgColor-success: #1a7f37; --fgColor-done: #8250df;',
  dark: '--fgColor-default: #f0f6fc; --fgColor-muted: #9198a1; --bgColor-default: #0d1117; --borderColor-default: #3d444d; --fgColor-accent: #4493f8; --fgColor-danger: #f85149; --fgColor-severe: #db6d28; --fgColor-attention: #d29922; --fgColor-success: #3fb950; --fgColor-done: #ab7df8;',
};

/** WCAG 2.x relative luminance of "rgb(r, g, b)". */
function luminance(css) {
  const [r, g, b] = css.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => v / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };

/** Decodes PNG screenshots into shape masks in a page of their own (no emulation there): a pixel is drawn when it is far from the corner's background. */
async function masks(decoder, pngs) {
  return decoder.evaluate(async (list) => Promise.all(list.map(async (b64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${b64}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    const [r0, g0, b0] = [data[0], data[1], data[2]];
    const mask = [];
    for (let i = 0; i < data.length; i += 4) mask.push(Math.abs(data[i] - r0) + Math.abs(data[i + 1] - g0) + Math.abs(data[i + 2] - b0) > 60 ? 1 : 0);
    return mask;
  })), pngs);
}

/** The share of pixels drawn in one mask and not the other, of those drawn in either. */
function shapeDifference(a, b) {
  let either = 0;
  let one = 0;
  a.forEach((v, i) => { if (v || b[i]) either += 1; if (v !== b[i]) one += 1; });
  return either === 0 ? 0 : one / either;
}

describe('states anyone can tell apart', () => {
  let browser;
  before(async () => {
    browser = await launch();
    await seedTeam(browser.worker, { items: ITEMS });
  });
  after(() => browser?.close());

  for (const theme of ['light', 'dark']) {
    it(`draws each state's glyph in a shape of its own under deuteranopia, protanopia and greyscale, with readable text (${theme})`, async () => {
      const tab = await browser.context.newPage();
      await tab.route(`https://github.com/${REPO}/pulls`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: page(THEMES[theme]) }));
      await tab.goto(`https://github.com/${REPO}/pulls`);
      await waitForBadges(tab, STATES.length);
      await tab.waitForFunction((n) => document.querySelectorAll('flowlens-badge[data-flow-state]').length === n, STATES.length);
      const shown = await tab.evaluate(() => [...document.querySelectorAll('flowlens-badge')].map((host) => host.getAttribute('data-flow-state')));
      assert.deepEqual(shown, STATES);

      // Contrast: the badge's text on its pill, the glyph on the pill (non-text, 1.4.11).
      const colours = await tab.evaluate(() => [...document.querySelectorAll('flowlens-badge')].map((host) => {
        const button = host.shadowRoot.querySelector('button');
        return { text: getComputedStyle(button).color, pill: getComputedStyle(button.querySelector('.pill')).backgroundColor, glyph: getComputedStyle(button.querySelector('.glyph')).color };
      }));
      colours.forEach(({ text, pill, glyph }, i) => {
        assert.ok(contrast(text, pill) >= 4.5, `${STATES[i]} text ${text} on ${pill}: ${contrast(text, pill).toFixed(2)}:1`);
        assert.ok(contrast(glyph, pill) >= 3, `${STATES[i]} glyph ${glyph} on ${pill}: ${contrast(glyph, pill).toFixed(2)}:1`);
      });
      assert.notEqual(colours[STATES.indexOf('error')].glyph, colours[STATES.indexOf('blocked')].glyph, 'error is not drawn in the blocked red');

      const cdp = await tab.context().newCDPSession(tab);
      const decoder = await browser.context.newPage();
      const report = [];
      // Last, forced colours (a high-contrast theme), which drop gradients: the glyphs keep theirs.
      for (const vision of ['none', 'deuteranopia', 'protanopia', 'achromatopsia', 'forced-colors']) {
        if (vision === 'forced-colors') {
          await cdp.send('Emulation.setEmulatedVisionDeficiency', { type: 'none' });
          await tab.emulateMedia({ forcedColors: 'active' });
        } else {
          await cdp.send('Emulation.setEmulatedVisionDeficiency', { type: vision });
        }
        const pngs = [];
        for (const state of STATES) pngs.push((await tab.locator(`flowlens-badge[data-flow-state="${state}"] .glyph`).screenshot()).toString('base64'));
        const shapes = await masks(decoder, pngs);
        let least = 1;
        for (let a = 0; a < STATES.length; a += 1) {
          assert.ok(shapes[a].some(Boolean), `${vision}: the ${STATES[a]} glyph draws something`);
          for (let b = a + 1; b < STATES.length; b += 1) {
            const difference = shapeDifference(shapes[a], shapes[b]);
            least = Math.min(least, difference);
            assert.ok(difference >= 0.3, `${vision}: ${STATES[a]} and ${STATES[b]} differ in only ${(difference * 100).toFixed(0)}% of their drawn pixels`);
          }
        }
        report.push(`${vision} ${(least * 100).toFixed(0)}%`);
      }
      console.log(`# ${theme}: least shape difference between two states' glyphs: ${report.join(', ')}`);
      await decoder.close();
      await cdp.detach();
      await tab.close();
    });
  }
});
