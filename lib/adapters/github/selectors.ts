/**
 * Every GitHub selector FlowLens uses, old and new markup side by side (GitHub serves both during
 * its React rollouts). Title links are matched by their hovercard type or test id, and the item
 * is read from the href, so one rule survives both markups.
 */

/** Title links of rows in issue and pull request lists. */
export const LIST_TITLE_LINKS = [
  // Legacy server-rendered lists (Turbo): the row's title link.
  // TODO [2027-06-30]: drop once GitHub no longer serves .js-issue-row lists.
  '.js-issue-row a.js-navigation-open[data-hovercard-type="pull_request"]',
  '.js-issue-row a.js-navigation-open[data-hovercard-type="issue"]',
  // React lists (repository and global issue/PR lists, 2024 on).
  // List-view rows do not always carry a hovercard type; the href says what the row is.
  'a[data-testid="issue-pr-title-link"]',
  'a[data-testid="listitem-title-link"]',
].join(', ');

/** References to PRs and issues inside rendered Markdown and timeline events. */
export const REFERENCE_LINKS = [
  // Markdown references (#12, owner/repo#12, full URLs) render the same in both markups.
  'a.issue-link[data-hovercard-type="pull_request"]',
  'a.issue-link[data-hovercard-type="issue"]',
  // Legacy timeline events ("mentioned this in", "linked a pull request").
  // TODO [2027-06-30]: drop with the legacy timeline.
  '.TimelineItem-body a.Link--primary[data-hovercard-type="pull_request"]',
  '.TimelineItem-body a.Link--primary[data-hovercard-type="issue"]',
].join(', ');

/**
 * Issue and pull request rows of a GitHub Projects table (as served in October 2026): the row
 * names its item (`data-hovercard-subject-tag="issue:ID"`), its title cell is the row header,
 * holding the item's absolute link and then " #N". A draft item has no link: no badge.
 */
export const PROJECT_ITEM_LINKS = 'div[role="row"][data-hovercard-subject-tag] div[role="rowheader"] a[href]';

/**
 * Issue and pull request cards of a GitHub Projects board, as GitHub's Projects code renders a
 * board card: it names its item (`data-hovercard-subject-tag`) beside its `data-board-card-id`;
 * a draft names none. A card out of view keeps its box and renders its content (header, title,
 * fields) only when it scrolls into view.
 */
export const PROJECT_BOARD_CARDS = '[data-board-card-id][data-hovercard-subject-tag]';

/** A board card's title link: in its `h3` (the card's title, as live boards show it). */
export const BOARD_CARD_TITLE_LINK = 'h3 a[href]';

/** A board card's field values (labels, linked pull requests…): links there are not the card's own item. */
export const BOARD_CARD_FIELDS = '[data-testid="card-labels"]';

/** Result titles of GitHub search (type=pullrequests / type=issues). */
export const SEARCH_RESULT_LINKS = '[data-testid="results-list"] .search-title a';

/**
 * The title of a PR or issue page, in order of preference (the most specific first); the key
 * comes from the URL.
 */
export const ITEM_PAGE_TITLES: readonly string[] = [
  // React issue page.
  '[data-testid="issue-header"] [data-testid="issue-title"]',
  // Legacy pull request and issue pages (not the sticky header, which repeats the title).
  // TODO [2027-06-30]: drop once every PR page is React.
  'h1.gh-header-title .js-issue-title',
  // React pull request page header: Primer's PageHeader, as its title area and as its h1.
  'h1[class^="prc-PageHeader-Title"] .markdown-title',
  '[data-component="TitleArea"] .markdown-title',
  '[data-component="PH_Title"] .markdown-title',
  // The issue title's test id, whatever header holds it.
  'h1 [data-testid="issue-title"], h1[data-testid="issue-title"]',
];

/**
 * Headers that repeat the title while the page scrolls: legacy `.gh-header-sticky`, React's
 * `stickyHeader` and `pr-sticky-title` classes. The badge goes on the title itself.
 */
export const STICKY_TWINS = '.gh-header-sticky, [class*="stickyHeader"], [class*="sticky-title"]';

/** Our own elements, never scanned. */
export const OWN_ELEMENTS = 'flowlens-badge';
