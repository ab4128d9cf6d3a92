// End to end in Debian's Chromium: Jira–GitHub drift. With both cross-source opt-ins on and a
// token, a pull request naming no ticket in a repository whose pull requests name one shows the
// drift on its card (by keyboard too), and the popup lists it with a ticket left In Progress after
// its pull request was merged; with Jira on GitHub turned off, the card says nothing of it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, openPopup, seedDrift, seedTeamItems, waitForBadges, watchErrors } from './harness.mjs';

/** The badge of `key` on the page. */
const badgeOf = (page, key) => page.locator(`flowlens-badge[data-flow-key="${key}"]`);

describe('Jira–GitHub drift', () => {
  let browser;
  before(async () => {
    browser = await launch();
    await seedTeamItems(browser.worker, []);
    // #102 ("Bump idb", branch feature/102) names no ticket: the team's other pull requests did.
    await seedDrift(browser, { openKeys: ['github:octo-org/api#102'] });
  });
  after(() => browser?.close());

  it('shows a pull request naming no ticket its drift, with the move and its rubric level, opened by keyboard', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto('https://github.com/octo-org/api/pulls');
    await waitForBadges(page, 5);
    const badge = badgeOf(page, 'github:octo-org/api#102');
    await badge.getByTestId('flowlens-badge-button').focus();
    await page.keyboard.press('Enter');
    const conditions = badge.getByRole('list', { name: 'What holds it up' });
    await conditions.waitFor();
    const line = conditions.getByRole('link', { name: /^Drift: Names no Jira ticket, where 11 of the last 11 pull requests of its repository did$/ });
    // The drift joins the card when the view that knows the repository's habit comes.
    await line.waitFor();
    assert.equal(await line.count(), 1);
    // What holds it up leads the head; the drift is listed under it.
    assert.match(await badge.getByTestId('flowlens-head').innerText(), /needs an approving review/);
    assert.match(await badge.getByTestId('flowlens-moves').innerText(), /Level 3 · Communicates so as not to block others\s+Name the Jira ticket in the title or branch of octo-org\/api#102/);
    // The line is reached with Tab from the card, as everything on it is.
    await line.focus();
    assert.equal(await line.evaluate((a) => a.getRootNode().activeElement === a), true);
    await page.keyboard.press('Escape');
    // #101 names PAY-42: no drift of that kind.
    await badgeOf(page, 'github:octo-org/api#101').getByTestId('flowlens-badge-button').click();
    assert.equal(await badgeOf(page, 'github:octo-org/api#101').locator('li[data-kind="drift"]').count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('lists each drift in the popup, with the move that puts it right, and follows its filters', async () => {
    const popup = await openPopup(browser.context, browser.extensionId);
    const list = popup.getByTestId('drift-list');
    await list.waitFor();
    const lines = await popup.getByTestId('drift-item').evaluateAll((items) => items.map((li) => [li.dataset.key, li.querySelector('.drift-detail').textContent]));
    assert.deepEqual(lines.map(([key]) => key).sort(), ['github:octo-org/api#102', 'jira:acme.atlassian.net/PAY-7']);
    const pay7 = lines.find(([key]) => key.endsWith('PAY-7'))[1];
    assert.match(pay7, /^octo-org\/api#12 was merged \w{3} \d{1,2} \w{3}; PAY-7 is still in In Progress\. Level 3 · Communicates so as not to block others octo-org\/api#12/);
    // Each line's item is a link the keyboard reaches.
    const link = list.getByRole('link', { name: 'PAY-7 Ledger export' });
    await link.focus();
    assert.equal(await link.evaluate((a) => document.activeElement === a), true);
    await popup.getByLabel('Source').selectOption({ label: 'Jira' });
    await popup.waitForFunction(() => document.querySelectorAll('[data-testid="drift-item"]').length === 1);
    assert.equal(await popup.getByTestId('drift-item').getAttribute('data-key'), 'jira:acme.atlassian.net/PAY-7');
    await popup.close();
  });

  it('says nothing of the habit once Jira tickets may no longer be shown on GitHub', async () => {
    await browser.worker.evaluate(async () => {
      const { settings } = await globalThis.chrome.storage.sync.get('settings');
      await globalThis.chrome.storage.sync.set({ settings: { ...settings, jiraOnGithub: false }, 'settings$': { v: 3 } });
    });
    const page = await browser.context.newPage();
    await page.goto('https://github.com/octo-org/api/pulls');
    await waitForBadges(page, 5);
    const badge = badgeOf(page, 'github:octo-org/api#102');
    await badge.getByTestId('flowlens-badge-button').click();
    await badge.getByTestId('flowlens-card').waitFor();
    assert.equal(await badge.locator('li[data-kind="drift"]').count(), 0);
    await page.close();
  });
});
