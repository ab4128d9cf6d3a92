// End to end in Debian's Chromium with the built extension (issue 15): a broken set-up is said
// once. A revoked token makes GitHub's GraphQL API answer 401 "Bad credentials" (the harness's
// stand-in API): every badge is in the grey set-up form, the page shows one notice, and the
// notice's button opens the options page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { giveGithubToken, launch, readBadges, waitForBadges, watchErrors } from './harness.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's violations (WCAG A and AA, as tests/e2e/a11y.test.mjs audits) inside the elements `selector` finds. */
async function violations(page, selector) {
  await page.evaluate(AXE);
  const found = await page.evaluate(
    (selector) => globalThis.axe.run({ include: [[selector]] }, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }),
    selector,
  );
  return found.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

describe('a refused GitHub token', () => {
  let browser;
  before(async () => {
    browser = await launch();
    browser.api.mode = 'unauthorized';
    // A token the user saved earlier and has since revoked.
    await giveGithubToken(browser, 'ghp_revoked0000000000000000000000');
  });
  after(() => browser?.close());

  it('shows every badge as "set up" and one notice whose button opens the options page', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto('https://github.com/pulls');
    await waitForBadges(page, 4);
    assert.ok(browser.api.requests.some((r) => r.path === '/graphql'), 'the token was used');
    const badges = await readBadges(page);
    for (const badge of badges) {
      assert.equal(badge.state, 'error', badge.key);
      assert.equal(badge.text, 'set up', badge.key);
      assert.match(badge.label, /^FlowLens needs to be set up: GitHub refused the credentials \(401\)/);
    }
    const classes = await page.$$eval('flowlens-badge', (hosts) => hosts.map((host) => host.shadowRoot.querySelector('button').className));
    for (const name of classes) assert.match(name, /\bsetup\b/);
    const notice = page.getByTestId('flowlens-setup-notice');
    await notice.waitFor();
    assert.equal(await page.locator('flowlens-notice').count(), 1);
    assert.equal(await notice.getAttribute('role'), 'status');
    assert.match(await notice.innerText(), /GitHub refused the credentials \(401\)\. Check the token in FlowLens options\./);
    // The notice takes no focus from the page.
    assert.equal(await page.evaluate(() => document.activeElement === document.body), true);
    const opened = browser.context.waitForEvent('page');
    await notice.getByRole('button', { name: 'Fix in FlowLens settings' }).click();
    const options = await opened;
    await options.waitForLoadState();
    assert.match(options.url(), /\/options\.html$/);
    assert.deepEqual(errors, []);
    await options.close();
    await page.close();
  });

  for (const scheme of ['light', 'dark']) {
    it(`keeps axe clean on the notice and a set-up badge's open card (${scheme})`, async () => {
      const page = await browser.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('https://github.com/pulls');
      await waitForBadges(page, 4);
      await page.getByTestId('flowlens-setup-notice').waitFor();
      await page.evaluate(() => document.querySelector('flowlens-badge').shadowRoot.querySelector('button').click());
      await page.getByTestId('flowlens-fix-setup').waitFor();
      assert.deepEqual(await violations(page, 'flowlens-notice'), []);
      assert.deepEqual(await violations(page, 'flowlens-badge'), []);
      await page.close();
    });
  }
});
