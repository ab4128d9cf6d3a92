// End to end in Debian's Chromium with the built extension: the card's head is the answer
// (issue 15). On the pull request list with a token, octo-org/api#101 (tests/fixtures/github/api)
// is labelled blocked, waits on octo-org/web#14 (another team, which GitHub does not have), has
// a required "test (20)" red, a review pending from @bob, and an optional "lint" that failed and
// then passed on a rerun of the same commit.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { giveGithubToken, launch, waitForBadges, watchErrors } from './harness.mjs';

/**
 * The card's leaf blocks in document order (block or list-item elements in the flow holding no
 * other block), each with its text and the href of its link: what a reader meets line by line.
 * The close button sits in the corner, out of the flow (absolutely positioned): not a line.
 */
function cardLines(card) {
  const blocky = (el) => {
    const style = getComputedStyle(el);
    return ['block', 'list-item'].includes(style.display) && !['absolute', 'fixed'].includes(style.position);
  };
  return [...card.querySelectorAll('*')]
    .filter((el) => blocky(el) && ![...el.querySelectorAll('*')].some(blocky) && el.textContent.trim() !== '')
    .map((el) => ({ tag: el.tagName.toLowerCase(), text: el.textContent, href: el.querySelector('a')?.getAttribute('href') ?? null, bold: el.querySelector('strong')?.textContent === el.textContent }));
}

describe('the card head on a GitHub pull request list, with a token', () => {
  let browser;
  before(async () => {
    browser = await launch();
    await giveGithubToken(browser);
  });
  after(() => browser?.close());

  it('says state, duration and cause first, the next move second, then what holds it up in the merge box’s order', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto('https://github.com/octo-org/api/pulls');
    await waitForBadges(page, 5);
    await page.locator('#issue_101 flowlens-badge').getByTestId('flowlens-badge-button').click();
    const card = page.locator('#issue_101 flowlens-badge').getByTestId('flowlens-card');
    await card.waitFor();
    const lines = await card.evaluate(cardLines);
    const [first, second, ...rest] = lines;
    // Blocked since it was opened on 10 Nov; the duration is the badge's own rule's.
    assert.match(first.text, /^Blocked \S+(?: \S+)? · waits on octo-org\/web#14 \(another team, unverified\)$/);
    assert.equal(first.tag, 'p');
    assert.match(second.text, /^Next: .+ — Level [1-4] · [^—]+$/);
    assert.ok(second.bold, 'the next move is bold');
    const firstMove = card.getByTestId('flowlens-moves').locator('li').first();
    const tag = await firstMove.locator('.level').innerText();
    const moves = (await firstMove.innerText()).slice(tag.length).trim();
    assert.ok(second.text.includes(moves.replace(/\.$/, '')), `the next move is the first suggested move: ${moves}`);
    assert.ok(second.text.endsWith(`— ${tag}`), `the next move carries its level in words: ${tag}`);
    const conditions = rest.slice(0, 5).map(({ text, href }) => [text, href]);
    assert.deepEqual(conditions, [
      ['Required check “test (20)” failing', 'https://github.com/octo-org/api/actions/runs/2/job/21'],
      ['Waiting for review from @bob', 'https://github.com/octo-org/api/pull/101'],
      ['Waits on octo-org/web#14 (another team, unverified)', 'https://github.com/octo-org/web/issues/14'],
      ['Labelled “blocked”', 'https://github.com/octo-org/api/pull/101'],
      ['Optional check “lint” flaky: failed, then passed on a rerun', 'https://github.com/octo-org/api/actions/runs/1/job/12'],
    ]);
    // Then the details: the title the page already shows, and the cause in full.
    assert.equal(rest[5].text, 'Add retry to payment webhook');
    // Further down, where its time went: a bar for the eye, the shares and each stretch in words.
    const life = card.getByTestId('flowlens-life-split');
    const shares = await life.locator('.life-shares').innerText();
    console.log(`# #101's life: ${shares}`);
    assert.match(shares, /^[A-Z][a-z ]+ \d+ %(, [a-z ]+ \d+ %)*\.$/);
    const percents = [...shares.matchAll(/(\d+) %/g)].map((m) => Number(m[1]));
    assert.ok(Math.abs(percents.reduce((a, b) => a + b, 0) - 100) <= percents.length, `the shares add up to 100 %: ${percents}`);
    assert.equal(await life.locator('.life-bar > span').count(), await life.locator('.life-list li').count());
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('opens the events behind the head’s duration by keyboard, each a link on the item’s host, and closes them again', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto('https://github.com/octo-org/api/pulls');
    await waitForBadges(page, 5);
    const badge = page.locator('#issue_101 flowlens-badge');
    await badge.getByTestId('flowlens-badge-button').focus();
    await page.keyboard.press('Enter');
    const card = badge.getByTestId('flowlens-card');
    await card.waitFor();
    const figure = card.locator('button.figure[data-figure="state"]');
    assert.equal(await figure.getAttribute('aria-expanded'), 'false');
    assert.equal(await card.getByTestId('flowlens-trace').count(), 0, 'the sources open on demand');
    // Reached by Tab from the card's close button, and opened with Enter.
    await card.getByRole('button', { name: 'Close' }).focus();
    await page.keyboard.press('Tab');
    assert.equal(await figure.evaluate((el) => el.getRootNode().activeElement === el), true, 'Tab reaches the duration');
    await page.keyboard.press('Enter');
    assert.equal(await figure.getAttribute('aria-expanded'), 'true');
    const sources = card.getByRole('group', { name: /^Sources of Blocked / });
    await sources.waitFor();
    assert.equal(await figure.getAttribute('aria-controls'), await sources.getAttribute('id'));
    assert.equal(await sources.locator('.trace-time').innerText(), 'Counts calendar time.');
    // #101 waits on octo-org/web#14 since it was opened: its body, never edited, says so.
    const span = await sources.locator('li').first().innerText();
    console.log(`# #101 blocked since: ${span}`);
    assert.match(span, /^linked to octo-org\/web#14 Tue 10 Nov 09:00 UTC → now, \S+( \S+)?$/);
    const links = await sources.locator('a').evaluateAll((as) => as.map((a) => a.href));
    assert.ok(links.length > 0 && links.every((href) => href.startsWith('https://github.com/octo-org/api/pull/101')), `each source is on the item's page: ${links}`);
    // The link is next in the tab order, and Space closes the sources again.
    await page.keyboard.press('Tab');
    assert.equal(await sources.locator('a').first().evaluate((el) => el.getRootNode().activeElement === el), true, 'Tab reaches the first source');
    await figure.focus();
    await page.keyboard.press('Space');
    assert.equal(await figure.getAttribute('aria-expanded'), 'false');
    assert.equal(await card.getByTestId('flowlens-trace').count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
