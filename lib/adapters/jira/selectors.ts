/**
 * Jira selectors: where the badge goes. Issue keys come from the URL and `/browse/` links; these
 * markers only place the badge.
 */

/** The summary heading of the issue view (full page and the `selectedIssue` side panel). */
export const ISSUE_SUMMARY_HEADING = [
  // Jira Cloud issue view.
  'h1[data-testid="issue.views.issue-base.foundation.summary.heading"]',
  // Jira Data Center / Server issue view.
  'h1#summary-val',
].join(', ');

/**
 * Places that list issues: each is one place, so each gets one badge however many `/browse/`
 * links (key, summary, screen-reader twin) it holds.
 */
export const ISSUE_CONTAINERS = [
  // Jira Cloud board cards (company- and team-managed boards).
  '[data-testid="platform-board-kit.ui.card.card"]',
  // Jira Cloud backlog rows.
  '[data-testid="software-backlog.card-list.card.card-contents.card-container"]',
  // Jira Cloud issue navigator / list view rows.
  '[data-testid="native-issue-table.ui.issue-row"]',
  // Jira Cloud issue navigator, detail view: the list of cards beside the open issue. The card
  // is itself a link, so the badge goes after it, never inside it.
  '[data-testid="issue-navigator.ui.issue-results.detail-view.card-list.card.list-item"]',
  // Jira Cloud linked issues and child issues in the issue view.
  '[data-testid="issue.issue-view.views.common.issue-line-card.issue-line-card-view.container"]',
  // Jira Cloud timeline (Plans) rows: the key is only in the row's /browse/ link.
  '[data-testid="portfolio-3-portfolio.app-simple-plans.main.tabs.roadmap.scope.issues.issue.row"]',
  // Jira Data Center boards (ghx markup; the key is also in data-issue-key).
  '.ghx-issue[data-issue-key]',
  '.ghx-issue-compact[data-issue-key]',
  // Jira Data Center issue navigator rows.
  'tr.issuerow[data-issuekey]',
].join(', ');

/** Inside a container, where the badge goes, in order of preference: the issue key, where shown. */
export const CONTAINER_KEY: readonly string[] = [
  '[data-testid="platform-card.common.ui.key.key"]',
  // Backlog rows hold the key twice: the visible link and a screen-reader twin (key and summary)
  // that may come first. The badge goes by the visible one.
  '[data-testid="software-backlog.card-list.card.card-contents.key"]',
  // Issue navigator and epic children tables: the key cell is the link itself.
  '[data-testid="native-issue-table.common.ui.issue-cells.issue-key.issue-key-cell"]',
  '[data-testid="issue.issue-view.views.common.issue-line-card.issue-line-card-view.key"]',
  '.ghx-key',
  'td.issuekey a.issue-link',
  'a[href*="/browse/"]',
];
