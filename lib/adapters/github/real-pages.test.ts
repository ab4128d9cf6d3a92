/**
 * The GitHub adapter on real pages: five pages as github.com served them, saved by other public
 * projects for their own tests, kept in ../shared/fixtures/real-pages (see its README for where
 * each comes from). They are read from there, beside the repository, and never copied into it;
 * without ../shared these tests are skipped. The expected items were counted by hand from each
 * page's markup; the reasons are beside each page below.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../../tests/support/shared';
import { findItems } from './find-items';

// Found from the repository root, not the working directory.
const REAL_PAGES = sharedPath('fixtures/real-pages/github');
const haveRealPages = existsSync(REAL_PAGES);
// vitest shows no reason for a skipped suite, so its name says why when the pages are not here.
const SUITE = haveRealPages
  ? 'findItems on real GitHub pages (../shared/fixtures/real-pages)'
  : `findItems on real GitHub pages: skipped, no real pages at ${REAL_PAGES} (../shared is not beside the repository)`;

interface RealPage {
  file: string;
  url: string;
  /** The real title element, as a selector that matches it alone. */
  title: string;
  /** Its text. */
  titleText: string;
  /** The headers that repeat the title while the page scrolls. */
  sticky: string;
  /** Items referenced in the conversation, in page order: key and the href of the link. */
  references: [string, string][];
}

const PAGES: RealPage[] = [
  {
    // React issue viewer, logged out, 2025-07. The title is the bdi in the issue header; the
    // sticky header (HeaderMetadata-module__stickyContainer…) repeats it as
    // bdi[data-testid=issue-title-sticky]. The six comments link
    // only to their own permalinks (issues/56#issuecomment-…) and to a source file (blob/…);
    // no PR or issue is referenced, and GitHub's own data says linkedPullRequests is empty.
    file: 'issue-react-kepano-defuddle-56-2025.html',
    url: 'https://github.com/kepano/defuddle/issues/56',
    title: '[data-testid="issue-header"] bdi[data-testid="issue-title"]',
    titleText: 'Defuddle on Cloudflare Workers',
    sticky: '[class*="HeaderMetadata-module__stickyContainer"]',
    references: [],
  },
  {
    // React pull request page, logged in, 2026-03. The title is the span in Primer's PageHeader
    // h1; the sticky header (class use-sticky-header-module__stickyHeader…) repeats it in an h2.
    // Every link to pull/151 is this PR's own tabs, commits and files; the description, the
    // review and the timeline name no other PR or issue (hovercards are users and Copilot only).
    file: 'pull-conversation-kepano-defuddle-151-2026-03.html',
    url: 'https://github.com/kepano/defuddle/pull/151',
    title: 'h1[data-component="PH_Title"] > span.markdown-title',
    titleText: 'Fix clipping when malformed <figure> nests article content',
    sticky: '[class*="use-sticky-header-module__stickyHeader"]',
    references: [],
  },
  {
    // Legacy issue page, 2021-12. The title is h1.gh-header-title's span; .gh-header-sticky
    // repeats it. The timeline holds one comment (code blocks, no references) and three
    // "stefanbuck mentioned this issue" events, each linking a pull request of
    // OctoLinker/OctoLinker by its title (a[data-hovercard-type=pull_request]): #1033, #1084, #1405.
    file: 'issue-legacy-octolinker-testrepo-2-2021-12.html',
    url: 'https://github.com/OctoLinker/testrepo/issues/2',
    title: 'h1.gh-header-title > span.js-issue-title',
    titleText: 'Issue with some code blocks',
    sticky: '.gh-header-sticky',
    references: [
      ['github:octolinker/octolinker#1033', '/OctoLinker/OctoLinker/pull/1033'],
      ['github:octolinker/octolinker#1084', '/OctoLinker/OctoLinker/pull/1084'],
      ['github:octolinker/octolinker#1405', '/OctoLinker/OctoLinker/pull/1405'],
    ],
  },
  {
    // Legacy pull request conversation, 2021-12. Title and sticky twin as on the issue page. The
    // description is "No description provided."; the timeline holds reviews with their diff
    // excerpts, force-pushes and a commit, and its links to pull/1 are this PR's own tabs,
    // commits and files: no reference.
    file: 'pull-conversation-legacy-octolinker-testrepo-1-2021-12.html',
    url: 'https://github.com/OctoLinker/testrepo/pull/1',
    title: 'h1.gh-header-title > span.js-issue-title',
    titleText: 'Update popular-cat-names.js',
    sticky: '.gh-header-sticky',
    references: [],
  },
  {
    // The same PR's "Files changed" tab: the title as above; the diff toolbar (.pr-toolbar,
    // .js-sticky) repeats it in .show-if-stuck. A diff, no conversation: no reference.
    file: 'pull-files-legacy-octolinker-testrepo-1-2021-12.html',
    url: 'https://github.com/OctoLinker/testrepo/pull/1/files',
    title: 'h1.gh-header-title > span.js-issue-title',
    titleText: 'Update popular-cat-names.js',
    sticky: '.pr-toolbar.js-sticky',
    references: [],
  },
];

function load(file: string): Document {
  return new DOMParser().parseFromString(readFileSync(resolve(REAL_PAGES, file), 'utf8'), 'text/html');
}

/** The page's own key: the URL's owner, repository and number, lower-cased like the contract. */
function ownKey(url: string): string {
  const [, owner, repo, , number] = url.replace('https://github.com', '').split('/');
  return `github:${owner!.toLowerCase()}/${repo!.toLowerCase()}#${number}`;
}

describe.skipIf(!haveRealPages)(SUITE, () => {
  describe.each(PAGES)('$file at $url', (page) => {
    const doc = haveRealPages ? load(page.file) : document;
    const found = () => findItems(doc, page.url);

    it('finds exactly the item itself and the items its conversation references, in page order', () => {
      expect(found().map((f) => f.key)).toEqual([ownKey(page.url), ...page.references.map(([key]) => key)]);
    });

    it('puts the item on its real title, not on the header that repeats it', () => {
      const [own] = found();
      expect(doc.querySelectorAll(page.title)).toHaveLength(1);
      expect(own!.anchor).toBe(doc.querySelector(page.title));
      expect(own!.anchor.textContent).toBe(page.titleText);
      expect(own!.placement).toBe('inside');
      // The twin is there, says the same, and is not what we found.
      const twin = doc.querySelector(page.sticky);
      expect(twin?.textContent).toContain(page.titleText);
      expect(twin!.contains(own!.anchor)).toBe(false);
    });

    it('finds nothing when only the sticky header is scanned (as when the page re-renders it)', () => {
      const twin = doc.querySelector(page.sticky)!;
      expect(findItems(twin, page.url)).toEqual([]);
    });

    it('badges each reference after its own link', () => {
      const references = found().slice(1);
      expect(references.map((f) => [f.key, f.anchor.getAttribute('href')])).toEqual(page.references);
      expect(references.every((f) => f.placement === undefined && f.anchor.tagName === 'A')).toBe(true);
    });
  });
});
