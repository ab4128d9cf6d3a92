/**
 * Every Jira selector FlowLens uses, Cloud and Data Center markup side by side. Issue keys come
 * from the URL and `/browse/` links; these markers only say where the badge goes. Each is dated
 * by the markup it was written after: `2026` follows Jira Cloud as served in 2026 (the facts
 * recorded beside the real pages, docs/ARCHITECTURE.md, "Tests and shared data"; no month
 * recorded), `2026-11` what the project knew of Jira's markup in November 2026. Data Center
 * markup goes when Data Center does: Atlassian ends it on 28 March 2029 (Server ended on
 * 15 February 2024).
 */

/** The summary heading of the issue view (full page and the `selectedIssue` side panel). */
export const ISSUE_SUMMARY_HEADING = [
  // 2026-11 Jira Cloud issue view: the summary heading.
  'h1[data-testid="issue.views.issue-base.foundation.summary.heading"]',
  // 2026-11 Jira Data Center / Server issue view: the summary heading.
  // TODO [2029-03-28]: drop with Jira Data Center.
  'h1#summary-val',
].join(', ');

/**
 * A card of a Jira Cloud business (Work Management) board, `/jira/core/projects/KEY/board`:
 * its first child is an empty link to the issue laid over the whole card.
 */
// 2026 Jira Cloud business board card.
export const BUSINESS_BOARD_CARD = '[data-testid="board.content.cell.card"]';

/** A business board card by either of its markers, so one renamed still shows the board has cards. */
// 2026 Jira Cloud business board card, by its test id or its `data-vc` marker.
export const ANY_BUSINESS_BOARD_CARD = `${BUSINESS_BOARD_CARD}, [data-vc="business-board-card"]`;

/**
 * Places that list issues: each is one place, so each gets one badge however many `/browse/`
 * links (key, summary, screen-reader twin, overlay) it holds.
 */
export const ISSUE_CONTAINERS = [
  // 2026-11 Jira Cloud board cards, company- and team-managed software boards.
  '[data-testid="platform-board-kit.ui.card.card"]',
  // 2026 Jira Cloud business board cards.
  BUSINESS_BOARD_CARD,
  // 2026-11 Jira Cloud backlog rows.
  '[data-testid="software-backlog.card-list.card.card-contents.card-container"]',
  // 2026 Jira Cloud list view and issue navigator rows, the same table.
  '[data-testid="native-issue-table.ui.issue-row"]',
  // 2026-11 Jira Cloud issue navigator, detail view: each card beside the open issue is itself a link, so the badge goes after it.
  '[data-testid="issue-navigator.ui.issue-results.detail-view.card-list.card.list-item"]',
  // 2026 Jira Cloud linked and child issues in the issue view: each line card, a list item's child.
  '[data-testid="issue-line-card.card-container"]',
  // 2026-11 Jira Cloud timeline (Plans) rows: the key is only in the row's /browse/ link.
  '[data-testid="portfolio-3-portfolio.app-simple-plans.main.tabs.roadmap.scope.issues.issue.row"]',
  // 2026-11 Jira Data Center boards (ghx markup) and Server 7.x board cards (.js-detailview.ghx-issue.js-issue), the key in data-issue-key.
  // TODO [2029-03-28]: drop with Jira Data Center.
  '.ghx-issue[data-issue-key]',
  // 2026-11 Jira Data Center 8.x backlog rows.
  // TODO [2029-03-28]: drop with Jira Data Center.
  '.ghx-issue-compact[data-issue-key]',
  // 2026-11 Jira Data Center issue navigator rows.
  // TODO [2029-03-28]: drop with Jira Data Center.
  'tr.issuerow[data-issuekey]',
].join(', ');

/** Inside a container, where the badge goes, in order of preference: the issue key's own marker. */
export const CONTAINER_KEY: readonly string[] = [
  // 2026-11 Jira Cloud board cards: the key.
  '[data-testid="platform-card.common.ui.key.key"]',
  // 2026-11 Jira Cloud backlog rows: the visible key link, not the screen-reader twin (key and summary) that may come first.
  '[data-testid="software-backlog.card-list.card.card-contents.key"]',
  // 2026 Jira Cloud list view, issue navigator and epic children tables: the key cell.
  '[data-testid="native-issue-table.common.ui.issue-cells.issue-key.issue-key-cell"]',
  // 2026 Jira Cloud line cards: the key link, before the summary and the status.
  '[data-testid="issue.issue-view.views.common.issue-line-card.issue-line-card-view.key"]',
  // 2026-11 Jira Data Center 8.x backlog rows and Data Center / Server boards: the key's box around its link.
  // TODO [2029-03-28]: drop with Jira Data Center.
  '.ghx-key',
  // 2026-11 Jira Data Center issue navigator rows: the key link.
  // TODO [2029-03-28]: drop with Jira Data Center.
  'td.issuekey a.issue-link',
];

/**
 * Containers whose visible key has no marker of its own: the badge goes after the `element`
 * whose own text is the key, outside any link. Tried after CONTAINER_KEY.
 */
export const KEY_AS_TEXT: readonly { container: string; element: string }[] = [
  // 2026 Jira Cloud business board cards: the key, a plain div in the footer beside the issue-type image.
  { container: BUSINESS_BOARD_CARD, element: 'div' },
];

/**
 * Containers covered by a link to the issue laid over them, which would take a click meant for
 * the badge: the badge is raised above it.
 */
export const OVERLAID_CONTAINERS = [
  // 2026 Jira Cloud business board cards: the card's first child, an empty link over the whole card.
  BUSINESS_BOARD_CARD,
].join(', ');

/** The last resort inside a container: its first link to an issue. */
// 2026-11 Jira Cloud and Data Center: any link to an issue page.
export const ANY_ISSUE_LINK = 'a[href*="/browse/"]';

/**
 * Links to Jira issues in a Confluence page's content, the same for every way a page names one:
 * the Jira issue macro links its key to `/browse/KEY` (`span.jira-issue > a.jira-issue-key`,
 * `?src=confmacro` appended, in a Confluence export of 2017; `span.jira-issue-macro >
 * a.jira-issue-macro-key` in Atlassian's own editor code of 2017), the Jira issues macro's table
 * links each row's key (and its summary and type icon) likewise, and an author may link a key by
 * hand. Which of them name the issue by its key alone is read from the link (find-confluence.ts).
 */
// 2017 Confluence Jira issue macro and Jira issues table (exports and Atlassian's editor code), and plain links.
export const CONFLUENCE_ISSUE_LINKS = 'a[href*="/browse/"]';
