// End to end in Debian's Chromium with the built extension: pace on the card and badge colours
// by the team's percentiles (issue 16, part 5). On the pull request list with a token,
// octo-org/api#101 (tests/fixtures/github/api) is blocked since it was opened. The team state is
// seeded with 20 finished items and their blocked stretches, sized from how long #101 has been
// blocked when the test runs, so the expected standing is worked out here, not read back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { giveGithubToken, launch, seedTeam, waitForBadges, watchErrors } from './harness.mjs';

const DAY = 86_400_000;
const BADGE = '#issue_101 flowlens-badge';

/** Reads #101's badge: its start, its classes, and (when open) its card's pace lines. */
function read101(page) {
  return page.locator(BADGE).evaluate((host) => ({
    since: host.getAttribute('data-flow-since'),
    classes: host.shadowRoot.querySelector('button').className,
    pace: [...(host.shadowRoot.querySelector('[data-testid="flowlens-pace"]')?.querySelectorAll('dd') ?? [])].map((dd) => dd.textContent),
  }));
}

describe('pace on the card, and badge colours by percentile', () => {
  let browser;
  before(async () => {
    browser = await launch();
    await giveGithubToken(browser);
  });
  after(() => browser?.close());

  it('sets the blocked stretch against the team’s, and colours by the chosen percentiles', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto('https://github.com/octo-org/api/pulls');
    await waitForBadges(page, 5);
    const { since } = await read101(page);
    const blockedMs = Date.now() - Date.parse(since);
    assert.ok(blockedMs > 3 * DAY, `#101 has been blocked for days: ${since}`);
    // 20 blocked stretches of 0.05, 0.15 … 1.95 times #101's block: 10 are shorter (50 %), 10
    // longer, whatever the date. 20 cycle times of 1 … 20 d.
    const stretches = Array.from({ length: 20 }, (_, i) => Math.round((blockedMs * (i + 0.5)) / 10));
    const teamState = { openKeys: [], cycleTimesMs: Array.from({ length: 20 }, (_, i) => (i + 1) * DAY), stretchesMs: { blocked: stretches }, lastErrors: [], lastGoodAt: Date.now() - 60_000 };
    await seedTeam(browser.worker, { teamState });

    await page.reload();
    await waitForBadges(page, 5);
    // By hours (the default), weeks blocked is red.
    assert.match((await read101(page)).classes, /urgency-alert/);
    // The card opens from the keyboard; its pace says where the block stands, and from what.
    await page.locator(BADGE).getByTestId('flowlens-badge-button').focus();
    await page.keyboard.press('Enter');
    await page.locator(BADGE).getByTestId('flowlens-pace').waitFor();
    const [stretch, age, source] = (await read101(page)).pace;
    assert.match(stretch, /^Blocked \d+ [dwh]\w*(?: \d+ \w+)?, longer than 50% of this team’s blocked stretches in the last 90 days\.$/);
    // Open as long as blocked: its age against cycle times of 1 … 20 d.
    const shorter = teamState.cycleTimesMs.filter((ms) => ms < blockedMs).length;
    const longer = teamState.cycleTimesMs.filter((ms) => ms > blockedMs).length;
    const words = shorter * 5 >= 50 ? `longer than ${shorter * 5}% of` : longer * 5 >= 50 ? `shorter than ${longer * 5}% of` : 'about the middle of';
    assert.ok(age.startsWith('Open ') && age.endsWith(`, ${words} this team’s cycle times in the last 90 days.`), age);
    assert.match(source, /^From 20 items this team finished in the last 90 days, 20 blocked stretches among them \(synced .+ UTC\); calendar time, as the badge counts it\.$/);
    await page.keyboard.press('Escape');

    // By the team's percentiles: 50 % is under amber at 70, amber at 40, red at 30/45.
    for (const [colours, expected] of [
      [{ warnPercentile: 70, alertPercentile: 85 }, ''],
      [{ warnPercentile: 40, alertPercentile: 85 }, 'urgency-warn'],
      [{ warnPercentile: 30, alertPercentile: 45 }, 'urgency-alert'],
    ]) {
      await browser.worker.evaluate(async (badgeColours) => {
        const { settings = {} } = await globalThis.chrome.storage.sync.get('settings');
        await globalThis.chrome.storage.sync.set({ settings: { ...settings, badgeColours }, 'settings$': { v: 3 } });
      }, { by: 'percentile', ...colours });
      await page.reload();
      await waitForBadges(page, 5);
      const classes = (await read101(page)).classes;
      if (expected) assert.match(classes, new RegExp(expected), `${JSON.stringify(colours)}: ${classes}`);
      else assert.doesNotMatch(classes, /urgency-/, `${JSON.stringify(colours)}: ${classes}`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
});
