// End to end on real GitHub pages: five pages as github.com served them (React 2025-2026 and
// legacy 2021), saved by other public projects for their own tests and kept in
// ../shared/fixtures/real-pages (its README says where each comes from). They are read from
// there, beside the repository, and never copied into it; without ../shared the suite is skipped.
// Each page is served at its own URL, so the content script sees what it would see on GitHub.
//
// What a user expects on each was counted by hand from the page's markup (the reasons are beside
// each page below): one badge on the item's own title, none on the header that repeats the title
// while scrolling, one after each PR or issue the conversation references, and nothing else of
// the page changed. The harness's fake GitHub API does not know these items and answers 404, so
// every badge ends in `error`; placement and counts are what is tested here.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launch, readBadges, watchErrors } from './harness.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const REAL_PAGES = resolve(ROOT, '../shared/fixtures/real-pages/github');

const PAGES = [
  {
    // React issue viewer, logged out, 2025-07. The title is bdi[data-testid=issue-title] in the
    // issue header; the sticky header repeats it as bdi[data-testid=issue-title-sticky]. The six
    // comments link only to their own permalinks (issues/56#issuecomment-…) and to a source file
    // (blob/…): no PR or issue is referenced, and the page's own data says linkedPullRequests is
    // empty. One badge.
    url: 'https://github.com/kepano/defuddle/issues/56',
    file: 'issue-react-kepano-defuddle-56-2025.html',
    title: '[data-testid="issue-header"] bdi[data-testid="issue-title"]',
    titleText: 'Defuddle on Cloudflare Workers',
    sticky: ['[data-testid="issue-title-sticky"]', '[class*="HeaderMetadata-module__stickyContainer"]'],
    references: [],
  },
  {
    // React pull request page, logged in, 2026-03. The title is the span in Primer's PageHeader
    // h1; the sticky header (use-sticky-header-module__stickyHeader…) repeats it in an h2. Every
    // link to pull/151 is this PR's own tabs, commits and files; the description, the Copilot
    // review and the timeline name no other PR or issue (hovercards: users and Copilot only).
    // One badge.
    url: 'https://github.com/kepano/defuddle/pull/151',
    file: 'pull-conversation-kepano-defuddle-151-2026-03.html',
    title: 'h1[data-component="PH_Title"] > span.markdown-title',
    titleText: 'Fix clipping when malformed <figure> nests article content',
    sticky: ['[class*="use-sticky-header-module__stickyHeader"]'],
    references: [],
  },
  {
    // Legacy issue page, 2021-12. The title is h1.gh-header-title's span; .gh-header-sticky
    // repeats it. The timeline holds one comment (code blocks, no references) and three
    // "stefanbuck mentioned this issue" events, each linking a pull request of
    // OctoLinker/OctoLinker by its title: #1033, #1084 and #1405. Four badges.
    url: 'https://github.com/OctoLinker/testrepo/issues/2',
    file: 'issue-legacy-octolinker-testrepo-2-2021-12.html',
    title: 'h1.gh-header-title > span.js-issue-title',
    titleText: 'Issue with some code blocks',
    sticky: ['.gh-header-sticky'],
    references: [
      ['github:octolinker/octolinker#1033', '/OctoLinker/OctoLinker/pull/1033'],
      ['github:octolinker/octolinker#1084', '/OctoLinker/OctoLinker/pull/1084'],
      ['github:octolinker/octolinker#1405', '/OctoLinker/OctoLinker/pull/1405'],
    ],
  },
  {
    // Legacy pull request conversation, 2021-12: title and sticky twin as on the issue page. The
    // description is "No description provided."; the timeline holds reviews with their diff
    // excerpts, force-pushes and a commit, and its links to pull/1 are this PR's own tabs,
    // commits and files. One badge.
    url: 'https://github.com/OctoLinker/testrepo/pull/1',
    file: 'pull-conversation-legacy-octolinker-testrepo-1-2021-12.html',
    title: 'h1.gh-header-title > span.js-issue-title',
    titleText: 'Update popular-cat-names.js',
    sticky: ['.gh-header-sticky'],
    references: [],
  },
  {
    // The same PR's "Files changed" tab: the title as above; the sticky diff toolbar
    // (.pr-toolbar.js-sticky) repeats it. A diff and no conversation. One badge.
    url: 'https://github.com/OctoLinker/testrepo/pull/1/files',
    file: 'pull-files-legacy-octolinker-testrepo-1-2021-12.html',
    title: 'h1.gh-header-title > span.js-issue-title',
    titleText: 'Update popular-cat-names.js',
    sticky: ['.pr-toolbar.js-sticky'],
    references: [],
  },
];

/** The page's own key: its URL's owner, repository and number (lower-cased, lib/item-key.ts). */
function ownKey(url) {
  const [, owner, repo, , number] = new URL(url).pathname.split('/');
  return `github:${owner.toLowerCase()}/${repo.toLowerCase()}#${number}`;
}

/**
 * Keeps the page's markup as parsed, before the content script runs (it runs at document_end:
 * once parsing ends, after readyState turns 'interactive'), so the test can compare it with the
 * page once badged. These pages run no script of their own here: every script is external, and
 * none loads (the harness aborts them, and Chromium refuses those of an extension that is not
 * installed).
 */
function keepParsedMarkup() {
  document.addEventListener('readystatechange', () => {
    if (document.readyState === 'interactive') window.__parsedMarkup = document.documentElement.outerHTML;
  });
}

const skip = existsSync(REAL_PAGES) ? false : `no real pages at ${REAL_PAGES}: ../shared is not beside the repository`;

describe('real GitHub pages (../shared/fixtures/real-pages)', { skip }, () => {
  let browser;
  let started;
  before(async () => {
    started = Date.now();
    browser = await launch();
    const byUrl = new Map(PAGES.map((page) => [page.url, page.file]));
    // Registered after the harness's own routes, so it answers first for these addresses.
    await browser.context.route((url) => byUrl.has(`${url.origin}${url.pathname}`), (route) => {
      const url = new URL(route.request().url());
      const html = readFileSync(resolve(REAL_PAGES, byUrl.get(`${url.origin}${url.pathname}`)), 'utf8');
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    });
    await browser.context.addInitScript(keepParsedMarkup);
  });
  after(async () => {
    await browser?.close();
    console.log(`# real pages: ${PAGES.length} pages in ${Date.now() - started} ms, browser start and close included`);
  });

  for (const expected of PAGES) {
    it(`${expected.url}: ${1 + expected.references.length} badge(s), on the title and after each reference`, async () => {
      const keys = [ownKey(expected.url), ...expected.references.map(([key]) => key)];
      const page = await browser.context.newPage();
      const errors = watchErrors(page);
      const consoleErrors = [];
      page.on('console', (message) => message.type() === 'error' && consoleErrors.push({ text: message.text(), url: message.location().url }));
      const start = Date.now();
      await page.goto(expected.url);
      await page.waitForFunction((n) => document.querySelectorAll('flowlens-badge[data-flow-state]').length >= n, keys.length, { timeout: 15_000 });
      console.log(`# ${expected.url}: ${keys.length} badge(s) with a state ${Date.now() - start} ms after navigation started`);

      // Exactly the expected badges, in document order, each with a state. The fake API does not
      // know these items (404), so the state is `error`.
      const badges = await readBadges(page);
      assert.deepEqual(badges.map((b) => b.key), keys);
      assert.deepEqual(badges.map((b) => b.state), keys.map(() => 'error'));

      const placed = await page.evaluate(({ title, sticky, references }) => {
        const titles = document.querySelectorAll(title);
        const badge = document.querySelectorAll('flowlens-badge')[0];
        return {
          titles: titles.length,
          // The title badge is the last child of the real title element.
          onTitle: titles.length === 1 && badge?.parentElement === titles[0] && titles[0].lastChild === badge,
          inStickyHeaders: sticky.map((selector) => [selector, document.querySelectorAll(selector).length, document.querySelectorAll(`:is(${selector}) flowlens-badge`).length]),
          // Each reference badge comes right after its link.
          afterLinks: references.map(([, href]) => {
            const links = [...document.querySelectorAll(`a[href="${href}"]`)];
            return links.length === 1 && links[0].nextElementSibling?.localName === 'flowlens-badge' ? links[0].nextElementSibling.getAttribute('data-flow-key') : null;
          }),
          titleText: titles[0]?.textContent,
        };
      }, expected);
      assert.equal(placed.titles, 1, 'one real title element');
      assert.ok(placed.onTitle, 'the title badge sits at the end of the real title');
      assert.deepEqual(placed.inStickyHeaders, expected.sticky.map((selector) => [selector, 1, 0]), 'each sticky header is there and holds no badge');
      assert.deepEqual(placed.afterLinks, expected.references.map(([key]) => key));
      // The badge draws in its shadow root; the title's own text is unchanged.
      assert.equal(placed.titleText, expected.titleText);

      // Nothing else of the page changed: the markup without our badges is the markup as parsed.
      const untouched = await page.evaluate(() => {
        const now = document.documentElement.cloneNode(true);
        now.querySelectorAll('flowlens-badge').forEach((badge) => badge.remove());
        return now.outerHTML === window.__parsedMarkup;
      });
      assert.ok(untouched, 'the page is as parsed, but for the badges');

      // No error of ours: no uncaught exception (these pages run no script of their own here, and
      // one thrown in our content script is reported as a pageerror), and no console error that
      // names our extension (our content script's own errors carry its chrome-extension://<id>
      // file as their location). The page's own failed loads are not ours, and are all there is
      // besides: the harness aborts every request that would leave for the network (GitHub's
      // scripts, styles and avatars) and answers 404 for the web manifest, and the React issue
      // page holds 21 scripts and a stylesheet of an extension its saver had installed, which
      // Chromium asks for as chrome-extension://invalid/ (the real-pages README notes that GitHub
      // pages also probe that address themselves).
      assert.deepEqual(errors.filter((error) => error.startsWith('pageerror:')), []);
      const ours = `chrome-extension://${browser.extensionId}`;
      assert.deepEqual(consoleErrors.filter((error) => error.text.includes(ours) || error.url.includes(ours)), []);
      const pagesOwn = /^(Failed to load resource: |Manifest fetch from https:\/\/github\.com\/manifest\.json failed)/;
      assert.deepEqual(consoleErrors.filter((error) => !pagesOwn.test(error.text)), [], 'every other console error is a failed load of the page');
      // Still exactly these badges once all of that was read: no late second one.
      assert.equal(await page.locator('flowlens-badge').count(), keys.length);
      await page.close();
    });
  }
});
