// End to end in Debian's Chromium: the popup at its real size, 400 × 600, in the light and the
// dark scheme. The team picture must be read at a glance: big counts at the top, one line per
// stuck item (item, how long, cause, next move), chart labels of at least 12 px with no empty
// column, and filters that every section follows. Each property is measured on the page as drawn,
// and a screenshot of the first screen is checked against the layout it measured.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, seedTeamItems, watchErrors } from './harness.mjs';

const DAY = 86_400_000;
const ago = (days) => new Date(Date.now() - days * DAY).toISOString();

/**
 * Whole days of working time from `since` to now, Monday to Friday in UTC (FlowLens's default
 * working days): how the popup counts blocked time, as the cards do. The test's items are dated
 * back from today, so how many of their days are working days depends on the day it runs.
 */
function workingDaysSince(since) {
  const now = Date.now();
  let ms = 0;
  for (let at = Date.parse(since); at < now; ) {
    const dayEnd = Math.min(now, (Math.floor(at / DAY) + 1) * DAY);
    if (![0, 6].includes(new Date(at).getUTCDay())) ms += dayEnd - at;
    at = dayEnd;
  }
  return Math.floor(ms / DAY);
}
const carol = { id: 'carol', name: 'carol' };

function jira(n, extra = {}) {
  return {
    key: `jira:acme.atlassian.net/PAY-${n}`, source: 'jira', kind: 'jira-issue', title: `Ticket PAY-${n}`, url: `https://acme.atlassian.net/browse/PAY-${n}`,
    state: 'open', assignees: [{ id: 'a1', name: 'Priya' }], requestedReviewers: [], createdAt: ago(20), container: 'PAY',
    signals: { status: 'In Progress' }, timeline: [{ type: 'created', at: ago(20) }], upstream: [], downstream: [], ...extra,
  };
}

function pull(n, extra = {}) {
  return {
    key: `github:octo-org/api#${n}`, source: 'github', kind: 'pull', title: `Pull request ${n}`, url: `https://github.com/octo-org/api/pull/${n}`,
    state: 'open', assignees: [], author: { id: 'bob', name: 'bob' }, requestedReviewers: [], createdAt: ago(4), container: 'octo-org/api',
    signals: { draft: false, reviewDecision: 'approved', pendingReviewers: [], mergeable: 'mergeable', checks: 'success', failingChecks: [], labels: [] },
    timeline: [{ type: 'created', at: ago(4) }], upstream: [], downstream: [], ...extra,
  };
}

// PAY-1 waits on PAY-4 (5 days), which waits on the OPS team's OPS-9 (9 days): a chain of three.
// PR #3 waits 2 days for carol's review; PR #5's required check has failed for a day; PAY-6 flows.
// No item is of unknown state: the aging chart must not give that state a column.
const ITEMS = [
  jira(1, { title: 'Refunds: settle partial captures in one ledger entry', upstream: [{ key: 'jira:acme.atlassian.net/PAY-4', kind: 'blocked-by', open: true, at: ago(5) }] }),
  jira(4, { title: 'Ledger API v2', upstream: [{ key: 'jira:acme.atlassian.net/OPS-9', kind: 'blocked-by', open: true, at: ago(9) }] }),
  pull(3, {
    title: 'Add the refunds endpoint', requestedReviewers: [carol],
    signals: { draft: false, reviewDecision: 'review-required', pendingReviewers: [carol], mergeable: 'mergeable', checks: 'success', failingChecks: [], labels: [] },
    timeline: [{ type: 'created', at: ago(3) }, { type: 'review-requested', at: ago(2), reviewer: carol }],
  }),
  pull(5, {
    title: 'Retry card captures with backoff',
    signals: { draft: false, reviewDecision: 'approved', pendingReviewers: [], mergeable: 'mergeable', checks: 'failure', failingChecks: ['test'], labels: [] },
    timeline: [{ type: 'created', at: ago(4) }, { type: 'check', at: ago(1), name: 'test', conclusion: 'failure', required: true }],
  }),
  jira(6, { title: 'Refund e-mails' }),
];

/** Opens the popup at 400 × 600 in `scheme`, with its charts drawn (they come a frame after the rows). */
async function popupAt(browser, scheme) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 400, height: 600 });
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await page.getByRole('button', { name: 'Copy as Markdown' }).waitFor();
  await page.getByTestId('aging-chart').waitFor();
  return page;
}

/** What the page measures of its own layout. */
function measure(page) {
  return page.evaluate(() => {
    const box = (el) => el.getBoundingClientRect();
    const tiles = [...document.querySelectorAll('[data-testid="counts"] .tile')];
    const figures = tiles.map((tile) => parseFloat(getComputedStyle(tile.querySelector('.figure')).fontSize));
    const rows = [...document.querySelectorAll('[data-testid="stuck-item"] .line')].map((line) => ({
      height: box(line).height,
      text: line.textContent,
      // Every part of the line sits on one baseline band: none starts below the line's first text.
      oneLine: [...line.children].every((child) => box(child).top < box(line).top + box(line).height / 2),
    }));
    // A chart's label is drawn at its font size times the chart's scale on screen.
    const labels = [...document.querySelectorAll('.chart svg text')].map((text) => ({
      text: text.textContent,
      px: parseFloat(getComputedStyle(text).fontSize) * text.ownerSVGElement.getScreenCTM().a,
    }));
    const aging = document.querySelector('[data-testid="aging-chart"]');
    const columns = [...aging.querySelectorAll('text.axis-label')].slice(2).map((t) => t.textContent);
    const glyphs = [...aging.querySelectorAll('[data-glyph]')].map((g) => g.getAttribute('data-glyph'));
    return {
      countsBottom: Math.max(...tiles.map((tile) => box(tile).bottom)),
      firstRowTop: box(document.querySelector('[data-testid="stuck-item"]')).top,
      figures,
      tiles: tiles.map((tile) => tile.textContent),
      rows,
      labels,
      columns,
      glyphs,
      wide: document.documentElement.scrollWidth,
      tileBox: box(tiles[0]),
    };
  });
}

describe('the popup at its real size (400 × 600)', () => {
  let browser;
  before(async () => {
    browser = await launch();
    // No team source: the popup paints the seeded summary and starts no sync that would change it.
    await seedTeamItems(browser.worker, ITEMS);
  });
  after(() => browser?.close());

  for (const scheme of ['light', 'dark']) {
    it(`shows the counts first, one line a stuck item, and chart labels of 12 px or more (${scheme})`, async () => {
      const page = await popupAt(browser, scheme);
      const errors = watchErrors(page);
      const m = await measure(page);
      // Big counts at the top, above the list, all within the first screen's top third.
      assert.deepEqual(m.tiles, ['2 blocked', '1 waiting', '1 failing', '9 d oldest PAY-4: Ledger API v2, blocked']);
      assert.ok(m.countsBottom < 200, `counts end at ${m.countsBottom} px`);
      assert.ok(m.countsBottom < m.firstRowTop);
      for (const px of m.figures) assert.ok(px >= 20, `count drawn at ${px} px`);
      // One line each, longest stuck first: the item, how long, the cause and the next move.
      assert.deepEqual(m.rows.map((row) => row.text.replace(/▾$/, '')), [
        'BlockedPAY-49 dwaits on OPS-9 (another team)→Next: build it without OPS-9',
        'BlockedPAY-15 dwaits on PAY-4→Next: build it without PAY-4',
        'WaitingPull request 32 dwaits on review from @carol→Next: ask @carol for a review',
        'FailingPull request 51 drequired check “test” failing→Next: fix “test”',
      ].map((text) => text.replace(/Pull request (\d)/, '#$1')));
      for (const row of m.rows) {
        assert.ok(row.height <= 24, `row “${row.text}” is ${row.height} px tall`);
        assert.ok(row.oneLine, `row “${row.text}” wraps`);
      }
      // Labels of at least 12 px on screen; no column for a state no item is in.
      assert.ok(m.labels.length >= 8, `${m.labels.length} chart labels`);
      for (const label of m.labels) assert.ok(label.px >= 12, `“${label.text}” drawn at ${label.px.toFixed(1)} px`);
      assert.deepEqual(m.columns, ['Blocked', 'Waiting', 'Failing', 'Flowing']);
      // Where the finished items' time went: review 0.1-0.6 (median of six: (0.3 + 0.3) / 2),
      // neither 0.4-0.8 (median (0.5 + 0.5) / 2); blocked and the author in one item each: none.
      assert.deepEqual(await page.getByTestId('time-shares-table').locator('tbody tr').allInnerTexts(), ['Neither\t50 %', 'Waiting for review\t30 %']);
      assert.deepEqual([...new Set(m.glyphs)].sort(), ['blocked', 'failing', 'flowing', 'waiting']);
      // Nothing wider than the popup.
      assert.ok(m.wide <= 400, `the page is ${m.wide} px wide`);
      // The screenshot is of that layout: the first tile's frame is where the page says it is.
      const shot = await page.screenshot({ clip: { x: 0, y: 0, width: 400, height: 600 } });
      assert.equal(shot.readUInt32BE(16), 400);
      assert.equal(shot.readUInt32BE(20), 600);
      const tile = await page.locator('[data-testid="counts"] .tile').first().screenshot();
      assert.equal(tile.readUInt32BE(16), Math.round(m.tileBox.width));
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  it('applies a count’s state, and the other filters, to every section', async () => {
    const page = await popupAt(browser, 'light');
    await page.getByRole('button', { name: '1 waiting' }).click();
    assert.equal(await page.getByRole('button', { name: '1 waiting' }).getAttribute('aria-pressed'), 'true');
    assert.equal(await page.getByLabel('State').inputValue(), 'waiting');
    const waiting = await measure(page);
    assert.deepEqual(waiting.rows.map((row) => row.text.slice(0, 7)), ['Waiting']);
    assert.deepEqual([...new Set(waiting.glyphs)], ['waiting']);
    assert.deepEqual(waiting.columns, ['Waiting']);
    assert.equal(waiting.tiles[3], '2 d oldest #3: Add the refunds endpoint, waiting');
    // A wait for review is not blocked time: the chart of blocked time has nothing for it.
    await page.getByText('No blocked time recorded.').waitFor();
    assert.equal(await page.getByTestId('critical-path').count(), 0);
    await page.getByText('No item shown waits on another.').waitFor();
    // Back to every state, then Jira only: the chain is PAY-1's, the holders count Jira items only.
    await page.getByRole('button', { name: '1 waiting' }).click();
    await page.getByLabel('Source').selectOption('jira');
    const jiraOnly = await measure(page);
    assert.deepEqual(jiraOnly.tiles.slice(0, 3), ['2 blocked', '0 waiting', '0 failing']);
    assert.equal(await page.getByTestId('critical-path').innerText(), 'OPS-9\nPAY-4 Ledger API v2\nPAY-1 Refunds: settle partial captures in one ledger entry');
    assert.equal(await page.getByTestId('top-holders').innerText(), 'OPS-9 holds up 2 of the items shown\nPAY-4 Ledger API v2 holds up 1 of the items shown');
    assert.deepEqual(jiraOnly.columns, ['Blocked', 'Flowing']);
    // PAY-4 has waited on another team's OPS-9 for 9 days, PAY-1 on PAY-4 for 5: in working time.
    assert.equal(await page.getByTestId('blocked-time-kind').innerText(), 'Counts working time: only your working days, days off left out.');
    const [other, inTeam] = [workingDaysSince(ITEMS[1].upstream[0].at), workingDaysSince(ITEMS[0].upstream[0].at)];
    assert.deepEqual(await page.getByTestId('cluster-chart').locator('li').allTextContents(), [`Another team: ${other} d blocked over 1 item`, `Dependency in the team: ${inTeam} d blocked over 1 item`]);
    await page.close();
  });

  it('opens a row to the whole of it, from the keyboard', async () => {
    const page = await popupAt(browser, 'light');
    const more = page.getByRole('button', { name: 'More about PAY-4' });
    await more.focus();
    await page.keyboard.press('Enter');
    assert.equal(await more.getAttribute('aria-expanded'), 'true');
    const detail = page.getByTestId('stuck-detail');
    assert.match((await detail.innerText()).replace(/\n+/g, '\n'), /^Ledger API v2\nBlocked for 9 d · Priya · holds up 1\nBlocked since .+: blocked by OPS-9\.\nLevel 3 · Integrates upstream dependencies PAY-4 has waited 9 days on OPS-9: build it without that dependency/);
    await page.close();
  });
});
