// `npm run demo`: the built extension on the demo's own pages and data (demo/, served by
// scripts/demo-site.mjs), no account needed. Headless (no DISPLAY), it writes screenshots and
// prints where; with a display, it opens the browser on the demo pages and waits until you close it.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath, giveGithubToken, launch, waitForBadges } from '../tests/e2e/harness.mjs';
import { DEMO_PAGES, serveDemo } from './demo-site.mjs';
import { REPO } from '../demo/data.mjs';

const OUT = resolve(process.env.FLOWLENS_DEMO_DIR ?? 'demo-output');
const headless = !process.env.DISPLAY;
const LIST = { x: 0, y: 0, width: 1100, height: 470 };
mkdirSync(OUT, { recursive: true });
const shots = [];
const shoot = async (page, name, clip) => {
  const path = resolve(OUT, `${name}.png`);
  await page.screenshot({ path, ...(clip ? { clip } : { fullPage: true }) });
  shots.push(path);
};

// "Before": the same pull request list in a Chromium without FlowLens.
const plain = await chromium.launch({ executablePath: chromiumPath(), headless, args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND'] });
try {
  const context = await plain.newContext({ viewport: { width: 1100, height: 760 } });
  await serveDemo(context);
  const page = await context.newPage();
  await page.goto(DEMO_PAGES.pulls);
  await shoot(page, 'pull-list-before', LIST);
} finally {
  await plain.close();
}

// FlowLens before a token is given: public data only, read over REST, which holds no reviews or
// checks, so the open pull requests' state is unknown, and their cards say why. Always headless.
const tokenless = await launch({ headless: true });
try {
  await serveDemo(tokenless.context);
  const page = await tokenless.context.newPage();
  await page.goto(DEMO_PAGES.pulls);
  await waitForBadges(page, 5);
  await shoot(page, 'pull-list-no-token', LIST);
} finally {
  await tokenless.close().catch(() => {});
}

const browser = await launch({ headless });
try {
  await serveDemo(browser.context);
  // The demo GitHub answers GraphQL, so the extension gets a stand-in token: badges then show
  // reviews and checks. Jira is read "with the session", which the demo site grants.
  await giveGithubToken(browser, 'ghp_demo000000000000000000000000000000');
  await browser.worker.evaluate(async (repo) => {
    const { settings } = await globalThis.chrome.storage.sync.get('settings');
    const team = { ...settings?.team, githubRepos: [repo], containers: [repo] };
    await globalThis.chrome.storage.sync.set({ settings: { ...settings, team }, 'settings$': { v: 3 } });
  }, `${REPO.owner}/${REPO.repo}`);
  const page = await browser.context.newPage();
  await page.goto(DEMO_PAGES.pulls);
  await waitForBadges(page, 5);
  await shoot(page, 'pull-list-after', LIST);
  await page.locator(`#issue_212 flowlens-badge`).getByTestId('flowlens-badge-button').click();
  await shoot(page, 'pull-list-card', { x: 0, y: 0, width: 1100, height: 760 });
  const board = await browser.context.newPage();
  await board.goto(DEMO_PAGES.board);
  await waitForBadges(board, 7);
  await shoot(board, 'jira-board', { x: 0, y: 0, width: 1100, height: 640 });
  // The popup at its real size, on the same team (acme/payments, synced when it opens).
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await popup.waitForFunction(() => !document.querySelector('[data-testid="sync-line"]')?.textContent?.includes('Syncing') && document.querySelector('[data-testid="stuck-item"]'), null, { timeout: 30_000 });
  await shoot(popup, 'popup', { x: 0, y: 0, width: 400, height: 600 });
  if (headless) {
    console.log(`FlowLens demo: ${shots.length} screenshots in ${OUT}`);
    for (const shot of shots) console.log(`  ${shot}`);
  } else {
    await page.bringToFront();
    console.log('FlowLens demo is open in Chromium. Close the browser window to finish.');
    await new Promise((done) => browser.context.on('close', done));
  }
} finally {
  await browser.close().catch(() => {});
}
