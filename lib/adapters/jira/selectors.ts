/**
 * Jira selectors: where the badge goes. Issue keys come from the URL and `/browse/` links; these
 * markers only place the badge. Each is dated by the markup it was written after: "2026" ones
 * follow Jira Cloud as served in 2026 (../shared/fixtures/real-pages/README.md), "November 2026"
 * ones what the project knew of Jira's markup when it wrote them.
 */

/** The summary heading of the issue view (full page and the `selectedIssue` side panel). */
export const ISSUE_SUMMARY_HEADING = [
  // Jira Cloud issue view (November 2026).
  'h1[data-testid="issue.views.issue-base.foundation.summary.heading"]',
  // Jira Data Center / Server issue view (November 2026).
  'h1#summary-val',
].join(', ');

/**
 * A card of a Jira Cloud business (Work Management) board, `/jira/core/projects/KEY/board` (2026):
 * its first child is an empty link to the issue laid over the whole card.
 */
export const BUSINESS_BOARD_CARD = '[data-testid="board.content.cell.card"]';

/** A business board card by either of its markers, so one renamed still shows the board has cards. */
export const ANY_BUSINESS_BOARD_CARD = `${BUSINESS_BOARD_CARD}, [data-vc="business-board-card"]`;

/**
 * Places that list issues: each is one place, so each gets one badge however many `/browse/`
 * links (key, summary, screen-reader twin, overlay) it holds.
 */
export const ISSUE_CONTAINERS = [
  // Jira Cloud board cards, company- and team-managed software boards (November 2026).
  '[data-testid="platform-board-kit.ui.card.card"]',
  // Jira Cloud business board cards (2026).
  BUSINESS_BOARD_CARD,
  // Jira Cloud backlog rows (November 2026).
  '[data-testid="software-backlog.card-list.card.card-contents.card-container"]',
  // Jira Cloud list view and issue navigator rows, the same table (2026).
  '[data-testid="native-issue-table.ui.issue-row"]',
  // Jira Cloud issue navigator, detail view: the list of cards beside the open issue (November
  // 2026). The card is itself a link, so the badge goes after it, never inside it.
  '[data-testid="issue-navigator.ui.issue-results.detail-view.card-list.card.list-item"]',
  // Jira Cloud linked and child issues in the issue view: each line card, a list item's child (2026).
  '[data-testid="issue-line-card.card-container"]',
  // Jira Cloud timeline (Plans) rows: the key is only in the row's /browse/ link (November 2026).
  '[data-testid="portfolio-3-portfolio.app-simple-plans.main.tabs.roadmap.scope.issues.issue.row"]',
  // Jira Data Center boards (ghx markup, November 2026) and Server 7.x board cards
  // (.js-detailview.ghx-issue.js-issue); the key is also in data-issue-key.
  '.ghx-issue[data-issue-key]',
  // Jira Data Center 8.x backlog rows.
  '.ghx-issue-compact[data-issue-key]',
  // Jira Data Center issue navigator rows (November 2026).
  'tr.issuerow[data-issuekey]',
].join(', ');

/** Inside a container, where the badge goes, in order of preference: the issue key's own marker. */
export const CONTAINER_KEY: readonly string[] = [
  // Jira Cloud board cards (November 2026).
  '[data-testid="platform-card.common.ui.key.key"]',
  // Backlog rows hold the key twice: the visible link and a screen-reader twin (key and summary)
  // that may come first. The badge goes by the visible one (November 2026).
  '[data-testid="software-backlog.card-list.card.card-contents.key"]',
  // List view, issue navigator and epic children tables: the key cell (2026).
  '[data-testid="native-issue-table.common.ui.issue-cells.issue-key.issue-key-cell"]',
  // Line cards: the key link, before the summary and the status (2026).
  '[data-testid="issue.issue-view.views.common.issue-line-card.issue-line-card-view.key"]',
  // Data Center 8.x backlog rows and Data Center / Server boards: the key's box around its link.
  '.ghx-key',
  // Data Center issue navigator rows (November 2026).
  'td.issuekey a.issue-link',
];

/**
 * Containers whose visible key has no marker of its own: the badge goes after the `element`
 * whose own text is the key, outside any link. Tried after CONTAINER_KEY.
 */
export const KEY_AS_TEXT: readonly { container: string; element: string }[] = [
  // Business board cards: a plain div in the footer, beside the issue-type image (2026).
  { container: BUSINESS_BOARD_CARD, element: 'div' },
];

/**
 * Containers covered by a link to the issue laid over them, which would take a click meant for
 * the badge: the badge is raised above it.
 */
export const OVERLAID_CONTAINERS = [
  // Business board cards: the card's first child, an empty link over the whole card (2026).
  BUSINESS_BOARD_CARD,
].join(', ');

/** The last resort inside a container: its first link to an issue. */
export const ANY_ISSUE_LINK = 'a[href*="/browse/"]';
