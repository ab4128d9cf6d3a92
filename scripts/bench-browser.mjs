// The browser half of `npm run bench`: the built extension in headless Chromium on synthetic
// Jira boards of 50 and 500 cards and GitHub lists of 25 and 100 rows. Prints a table and
// writes bench-output/browser.json: time from navigation start to every badge painted, and API
// requests, cold and warm. Figures, not assertions: the tests assert behaviour.
import { mkdirSync, writeFileSync } from 'node:fs';
import { launch, openPopup, seedTeam } from '../tests/e2e/harness.mjs';

const NOW = new Date().toISOString();

function boardHtml(n) {
  const cards = Array.from({ length: n }, (_, i) => `<div data-testid="platform-board-kit.ui.card.card"><div>Card ${i + 1}</div><a href="/browse/BEN-${i + 1}" data-testid="platform-card.common.ui.key.key">BEN-${i + 1}</a></div>`);
  return `<!DOCTYPE html><html><head><title>Bench board</title></head><body><main>${cards.join('')}</main></body></html>`;
}

function listHtml(n) {
  const rows = Array.from({ length: n }, (_, i) => `<div class="js-issue-row" id="issue_${i + 1}"><a class="js-navigation-open" data-hovercard-type="pull_request" href="/bench-org/api/pull/${i + 1}">PR ${i + 1}</a></div>`);
  return `<!DOCTYPE html><html><head><title>Bench list</title></head><body><main>${rows.join('')}</main></body></html>`;
}

function jiraIssue(key) {
  return {
    id: key.replace(/\D/g, ''),
    key,
    fields: { summary: `Ticket ${key}`, status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } }, created: '2026-11-01T09:00:00.000+0000', assignee: null, reporter: null, labels: [], project: { key: 'BEN' }, issuelinks: [] },
  };
}

function pullNode(n) {
  return { __typename: 'PullRequest', number: n, title: `PR ${n}`, url: `https://github.com/bench-org/api/pull/${n}`, pullState: 'OPEN', createdAt: '2026-11-01T00:00:00Z', author: null, reviewDecision: 'REVIEW_REQUIRED', mergeable: 'MERGEABLE' };
}

/** Routes for the synthetic pages and a generic Jira and GitHub that know every key. */
async function routeBench(context, counts) {
  await context.route('https://acme.atlassian.net/bench/**', (route) => route.fulfill({ contentType: 'text/html', body: boardHtml(Number(new URL(route.request().url()).searchParams.get('n'))) }));
  await context.route('https://github.com/bench-org/**', (route) => route.fulfill({ contentType: 'text/html', body: listHtml(Number(new URL(route.request().url()).searchParams.get('n'))) }));
  await context.route('https://acme.atlassian.net/rest/**', async (route) => {
    counts.jira += 1;
    const path = new URL(route.request().url()).pathname;
    if (path.endsWith('/issue/bulkfetch')) return route.fulfill({ json: { issues: route.request().postDataJSON().issueIdsOrKeys.map(jiraIssue) } });
    if (path.endsWith('/changelog/bulkfetch')) return route.fulfill({ json: { issueChangeLogs: [] } });
    if (path.endsWith('/issueLinkType')) return route.fulfill({ json: { issueLinkTypes: [] } });
    return route.fulfill({ json: [] });
  });
  await context.route('https://api.github.com/**', async (route) => {
    counts.github += 1;
    const { variables } = route.request().postDataJSON();
    const data = Object.fromEntries(Object.entries(variables).filter(([k]) => k.startsWith('n')).map(([k, n]) => [`i${k.slice(1)}`, { issueOrPullRequest: pullNode(n) }]));
    return route.fulfill({ json: { data } });
  });
}

/** Navigates and returns ms from navigation start until `n` badges carry a state. */
async function paint(page, url, n) {
  await page.goto(url);
  await page.waitForFunction((count) => document.querySelectorAll('flowlens-badge[data-flow-state]').length === count, n, { timeout: 60_000, polling: 'raf' });
  return Math.round(await page.evaluate(() => performance.now()));
}

/** 500 team items: every third blocked by the one before it, every fifth waiting for a review. */
function teamItems(n) {
  const day = 86_400_000;
  const at = (days) => new Date(Date.now() - days * day).toISOString();
  return Array.from({ length: n }, (_, i) => {
    const key = `jira:acme.atlassian.net/TEAM-${i + 1}`;
    const blocked = i % 3 === 2 ? [{ key: `jira:acme.atlassian.net/TEAM-${i}`, kind: 'blocked-by', open: true, at: at(i % 20) }] : [];
    const status = i % 5 === 4 ? 'In Review' : 'In Progress';
    return {
      key, source: 'jira', kind: 'jira-issue', title: `Team ticket ${i + 1}`, url: `https://acme.atlassian.net/browse/TEAM-${i + 1}`, state: 'open',
      assignees: [{ id: `u${i % 7}`, name: `Person ${i % 7}` }], requestedReviewers: [], createdAt: at(1 + (i % 40)), container: 'TEAM',
      signals: { status }, timeline: [{ type: 'created', at: at(1 + (i % 40)) }], upstream: blocked, downstream: [],
    };
  });
}

/** Opens the popup and returns ms from navigation start until it marked its first summary painted, with the rows shown. */
async function popupPaint(context, extensionId, rows) {
  const page = await openPopup(context, extensionId);
  await page.waitForFunction((n) => performance.getEntriesByName('flowlens-summary-painted').length > 0 && document.querySelectorAll('[data-testid="stuck-item"]').length === n, rows, { timeout: 60_000, polling: 'raf' });
  const ms = await page.evaluate(() => performance.getEntriesByName('flowlens-summary-painted')[0].startTime);
  await page.close();
  return Math.round(ms);
}

const browser = await launch();
const counts = { jira: 0, github: 0 };
await routeBench(browser.context, counts);
await browser.worker.evaluate(() => globalThis.chrome.storage.local.set({ secrets: { githubTokens: { 'github.com': 'ghp_bench00000000000000000000000000000' }, jiraCredentials: {} } }));
const rows = [];
for (const [source, n, url] of [
  ['jira', 50, 'https://acme.atlassian.net/bench/board?n=50'],
  ['jira', 500, 'https://acme.atlassian.net/bench/board?n=500'],
  ['github', 25, 'https://github.com/bench-org/api/pulls?n=25'],
  ['github', 100, 'https://github.com/bench-org/api/pulls?n=100'],
]) {
  const page = await browser.context.newPage();
  const before = counts[source];
  const cold = await paint(page, url, n);
  const coldRequests = counts[source] - before;
  const warm = await paint(page, url, n);
  rows.push({ page: `${source} ${n}`, coldMs: cold, coldRequests, warmMs: warm, warmRequests: counts[source] - before - coldRequests });
  await page.close();
}
const team = teamItems(500);
await seedTeam(browser.worker, {
  items: team,
  teamState: { openKeys: team.map((item) => item.key), cycleTimesMs: Array.from({ length: 40 }, (_, i) => (i + 1) * 86_400_000), lastErrors: [], lastGoodAt: Date.now() },
  settings: { team: { githubRepos: [], githubQueries: [], jiraQueries: [{ site: 'acme.atlassian.net', jql: 'project = TEAM' }], members: [], me: [], containers: [] } },
});
// The popup shows the first 30 stuck rows at once.
const coldMs = await popupPaint(browser.context, browser.extensionId, 30);
const next = [];
for (let i = 0; i < 5; i++) next.push(await popupPaint(browser.context, browser.extensionId, 30));
const popup = { coldMs, warmMs: next.sort((a, b) => a - b)[2], warmRunsMs: next };
await browser.close();
console.log('| page | badges painted, cold (ms) | requests cold | painted, warm (ms) | requests warm |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.page} | ${r.coldMs} | ${r.coldRequests} | ${r.warmMs} | ${r.warmRequests} |`);
console.log('');
console.log('| popup, 500 team items | summary painted, first open (ms) | painted, next 5 opens, median (ms) | budget (ms) |');
console.log('| --- | --- | --- | --- |');
console.log(`| team summary from the cache | ${popup.coldMs} | ${popup.warmMs} | 100 |`);
mkdirSync('bench-output', { recursive: true });
writeFileSync('bench-output/browser.json', JSON.stringify({ at: NOW, rows, popup: { items: 500, ...popup, budgetMs: 100 } }, null, 2));
console.log('Written bench-output/browser.json');
