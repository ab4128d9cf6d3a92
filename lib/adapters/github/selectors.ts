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
  'a[data-testid="issue-pr-title-link"]',
  'a[data-testid="listitem-title-link"][data-hovercard-type="pull_request"]',
  'a[data-testid="listitem-title-link"][data-hovercard-type="issue"]',
].join(', ');

/** Our own elements, never scanned. */
export const OWN_ELEMENTS = 'flowlens-badge';
