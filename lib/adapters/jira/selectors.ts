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
