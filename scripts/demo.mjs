// `npm run demo`: the built extension on built-in demo pages with hand-written GitHub data, no
// account needed. Headless (no DISPLAY), it writes screenshots and prints where; with a display,
// it opens the browser on the demo pages and waits until you close it.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { giveGithubToken, launch, routeGithubSearch, waitForBadges } from '../tests/e2e/harness.mjs';

const OUT = resolve(process.env.FLOWLENS_DEMO_DIR ?? 'demo-output');
const headless = !process.env.DISPLAY;

const browser = await launch({ headless });
try {
  mkdirSync(OUT, { recursive: true });
  const shots = [];
  const shoot = async (page, name) => {
    const path = resolve(OUT, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    shots.push(path);
  };
  // The demo GitHub answers GraphQL too, so give the extension a stand-in token: the badges then
  // show full flow states (reviews, checks, stacked PRs) instead of public data only. Jira is
  // read "with the session", which the demo site grants.
  await giveGithubToken(browser, 'ghp_demo000000000000000000000000000000');
  const page = await browser.context.newPage();
  await page.goto('https://github.com/octo-org/api/pulls');
  await waitForBadges(page, 5);
  await shoot(page, 'github-pull-list');
  await page.locator('#issue_101 flowlens-badge').getByTestId('flowlens-badge-button').click();
  await shoot(page, 'github-pull-list-card');
  const global = await browser.context.newPage();
  await global.goto('https://github.com/pulls');
  await waitForBadges(global, 4);
  await shoot(global, 'github-global-pulls');
  const jira = await browser.context.newPage();
  await jira.goto('https://acme.atlassian.net/browse/PAY-42');
  await waitForBadges(jira, 1);
  await jira.locator('h1 flowlens-badge').getByTestId('flowlens-badge-button').click();
  await shoot(jira, 'jira-issue');
  // The popup's team summary: a demo team whose repository is the example octo-org/api; the
  // popup syncs it through the demo GitHub's search when it opens.
  await routeGithubSearch(browser);
  await browser.worker.evaluate(async () => {
    const { settings } = await globalThis.chrome.storage.sync.get('settings');
    const team = { githubRepos: ['octo-org/api'], githubQueries: [], jiraQueries: [], members: [], me: [], containers: ['octo-org/api'] };
    await globalThis.chrome.storage.sync.set({ settings: { ...settings, team } });
  });
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 420, height: 640 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await popup.getByTestId('sync-line').waitFor();
  await popup.waitForFunction(() => !document.querySelector('[data-testid="sync-line"]')?.textContent?.includes('Syncing') && document.querySelector('[data-testid="stuck-item"]'), null, { timeout: 30_000 });
  await shoot(popup, 'popup-team-summary');
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
