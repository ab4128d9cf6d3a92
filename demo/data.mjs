// The demo's one team, written by hand for `npm run demo` (scripts/demo.mjs): the Payments team
// of an example company, its GitHub repository acme/payments and its Jira project PAY on
// acme.atlassian.net. Every date is relative to the demo's "now", so every badge shows a
// duration whenever the demo runs. Kept apart from the test fixtures (tests/fixtures), which hold
// hostile and edge-case data for the tests; nothing here is a test string.
//
// The story: the card gateway's SDK v5 (PAY-40, GitHub #208) holds up webhook retries (PAY-42,
// #212); refund reasons (PAY-44, #215) wait in review with red CI; payout idempotency keys
// (PAY-45, #216) are approved on GitHub while their Jira ticket is flagged for the bank's sandbox
// credentials; the 3-D Secure challenge (PAY-46, #214) waits on a reviewer; webhook signature
// logging (PAY-39, #209) shipped.

export const REPO = { owner: 'acme', repo: 'payments' };
export const JIRA_HOST = 'acme.atlassian.net';
export const FLAGGED_FIELD = 'customfield_10021';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

const people = {
  priya: { login: 'priya-shah', name: 'Priya Shah', accountId: '5b10a2844c20165700ede21a' },
  marcus: { login: 'marcus-lee', name: 'Marcus Lee', accountId: '5b10a2844c20165700ede21b' },
  sam: { login: 'sam-ortiz', name: 'Sam Ortiz', accountId: '5b10a2844c20165700ede21c' },
  lena: { login: 'lena-berg', name: 'Lena Berg', accountId: '5b10a2844c20165700ede21d' },
  tom: { login: 'tom-okafor', name: 'Tom Okafor', accountId: '5b10a2844c20165700ede21e' },
};

/** The pull requests of acme/payments, newest first as GitHub lists them, and the issue #208. */
function githubItems(at) {
  return [
    { number: 216, title: 'Add idempotency keys to payout requests', author: 'tom', opened: at(-3 * DAY), branch: 'PAY-45-payout-idempotency', labels: ['payouts'], review: 'APPROVED', checks: 'SUCCESS', jira: 'PAY-45', body: 'Sends an idempotency key with every payout request, so a retried request cannot pay twice.\n\nPAY-45' },
    { number: 215, title: 'Store refund reasons on the ledger entry', author: 'lena', opened: at(-2 * DAY), branch: 'PAY-44-refund-reasons', labels: ['refunds'], review: 'REVIEW_REQUIRED', reviewers: ['marcus'], checks: 'FAILURE', failedAt: at(-26 * HOUR), jira: 'PAY-44', body: 'Keeps the reason a support agent gave for a refund with its ledger entry.\n\nPAY-44' },
    { number: 214, title: 'Show the 3-D Secure challenge inside the checkout frame', author: 'sam', opened: at(-52 * HOUR), branch: 'PAY-46-3ds-challenge', labels: ['checkout'], review: 'REVIEW_REQUIRED', reviewers: ['priya'], checks: 'SUCCESS', jira: 'PAY-46', body: 'Opens the bank\'s challenge in the checkout frame instead of a new window.\n\nPAY-46' },
    { number: 212, title: 'Retry failed card captures with backoff', author: 'priya', opened: at(-6 * DAY), branch: 'PAY-42-capture-retry', labels: ['checkout'], review: 'REVIEW_REQUIRED', reviewers: [], checks: 'SUCCESS', jira: 'PAY-42', body: 'Retries a card capture the gateway refused for a transient reason, with exponential backoff.\n\nDepends on #208: the retry needs the SDK v5 retry header. PAY-42' },
    { number: 209, title: 'Log webhook signature mismatches', author: 'marcus', opened: at(-8 * DAY), merged: at(-3 * DAY), branch: 'PAY-39-signature-logging', labels: ['webhooks'], review: 'APPROVED', checks: 'SUCCESS', jira: 'PAY-39', body: 'Logs the event id and key id of every webhook whose signature does not match.\n\nPAY-39' },
  ];
}

/** The Jira board's issues, by column. */
function jiraIssues(at) {
  return [
    { key: 'PAY-40', id: '10040', summary: 'Upgrade the card gateway SDK to v5', status: 'In Progress', category: 'indeterminate', assignee: 'marcus', created: at(-9 * DAY), moved: at(-4 * DAY) },
    { key: 'PAY-42', id: '10042', summary: 'Retry failed card captures', status: 'In Progress', category: 'indeterminate', assignee: 'priya', created: at(-10 * DAY), moved: at(-7 * DAY), blockedBy: 'PAY-40', linkedAt: at(-6 * DAY) },
    { key: 'PAY-46', id: '10046', summary: '3-D Secure challenge in the checkout frame', status: 'In Progress', category: 'indeterminate', assignee: 'sam', created: at(-5 * DAY), moved: at(-3 * DAY) },
    { key: 'PAY-45', id: '10045', summary: 'Idempotency keys for payouts', status: 'In Progress', category: 'indeterminate', assignee: 'tom', created: at(-6 * DAY), moved: at(-4 * DAY), flaggedAt: at(-40 * HOUR) },
    { key: 'PAY-44', id: '10044', summary: 'Keep refund reasons with ledger entries', status: 'In Review', category: 'indeterminate', assignee: 'lena', created: at(-7 * DAY), moved: at(-2 * DAY) },
    { key: 'PAY-47', id: '10047', summary: 'Daily payout reconciliation report', status: 'To Do', category: 'new', assignee: 'lena', created: at(-30 * HOUR), moved: at(-30 * HOUR) },
    { key: 'PAY-39', id: '10039', summary: 'Log webhook signature mismatches', status: 'Done', category: 'done', assignee: 'marcus', created: at(-12 * DAY), moved: at(-3 * DAY) },
  ];
}

/** The board's columns, in order, and the statuses each holds. */
export const COLUMNS = [
  { name: 'To Do', statuses: ['To Do'] },
  { name: 'In Progress', statuses: ['In Progress'] },
  { name: 'In Review', statuses: ['In Review'] },
  { name: 'Done', statuses: ['Done'] },
];

/** The issue #208 of acme/payments that #212 depends on. */
function upstreamIssue(at) {
  return { number: 208, title: 'Card gateway SDK v5: send the retry header', author: 'marcus', opened: at(-9 * DAY) };
}

/** The whole demo at `now` (milliseconds): people, pull requests, the issue, Jira issues. */
export function demoData(now) {
  const at = (offset) => new Date(now + offset).toISOString();
  return { now, people, pulls: githubItems(at), issue: upstreamIssue(at), jira: jiraIssues(at) };
}
