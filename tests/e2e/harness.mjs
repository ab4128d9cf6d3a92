// The end-to-end harness: Debian's Chromium with the built extension loaded, GitHub pages served
// from the hand-written page fixtures as https://github.com/..., and https://api.github.com
// answered from hand-written responses (tests/fixtures/github/README.md). Nothing reaches the
// network: every other request is aborted, and no host name resolves (see NOWHERE).
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
const FIXTURES = join(ROOT, 'tests/fixtures/github');
const JIRA_FIXTURES = join(ROOT, 'tests/fixtures/jira');

/** Page fixtures by host and path; query strings are ignored like the sites' own routing. */
export const PAGES = {
  'github.com/octo-org/api/pulls': 'github/pages/pulls-legacy.html',
  'github.com/pulls': 'github/pages/pulls-react.html',
  'github.com/octo-org/web/issues': 'github/pages/issues-react.html',
  'github.com/octo-org/api/pull/101': 'github/pages/pull-legacy.html',
  'github.com/octo-org/api/pull/105': 'github/pages/pull-105-legacy.html',
  'github.com/octo-org/web/issues/13': 'github/pages/issue-react.html',
  'github.com/search': 'github/pages/search-react.html',
  'github.com/orgs/octo-org/projects/7': 'github/pages/project-table.html',
  'github.com/users/alice/projects/3': 'github/pages/project-board.html',
  'acme.atlassian.net/browse/PAY-42': 'jira/pages/issue-view.html',
  'acme.atlassian.net/jira/software/projects/PAY/boards/3': 'jira/pages/board-cloud.html',
  'acme.atlassian.net/browse/PAY-50': 'jira/pages/issue-view-links.html',
  'acme.atlassian.net/jira/core/projects/MKT/board': 'jira/pages/board-business.html',
  'acme.atlassian.net/jira/software/projects/PAY/list': 'jira/pages/list-cloud.html',
  'acme.atlassian.net/issues': 'jira/pages/list-cloud.html',
};

/** The browser to drive: Debian's Chromium unless CHROMIUM_PATH says otherwise. */
export function chromiumPath() {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Reads a page fixture. */
export function pageHtml(name) {
  return readFileSync(join(ROOT, 'tests/fixtures', name), 'utf8');
}

/** Notes a request a fake API received (the tests count and inspect them) and reads it. */
async function record(api, route) {
  const request = route.request();
  const url = new URL(request.url());
  const headers = await request.allHeaders();
  // A GraphQL request's variables say which items it asked for.
  const variables = url.pathname.endsWith('/graphql') ? request.postDataJSON()?.variables : undefined;
  api.requests.push({ method: request.method(), url: url.href, path: url.pathname, headers, fromWorker: Boolean(request.serviceWorker()), ...(variables ? { variables } : {}) });
  return { request, url, headers };
}

/**
 * A fake GitHub API over the hand-written responses. `mode` switches the whole API into a failure
 * (rate limit, offline, bad token, HTML instead of JSON) for the fault tests.
 */
export function createGithubApi() {
  const api = { mode: 'normal', requests: [] };
  api.handle = async (route) => {
    const { request, url, headers } = await record(api, route);
    if (api.mode === 'offline') return route.abort('internetdisconnected');
    if (api.mode === 'rate-limited') return route.fulfill(rateLimited());
    if (api.mode === 'unauthorized') return route.fulfill(json(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }));
    if (api.mode === 'html') return route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><html><body>Unicorn!</body></html>' });
    if (url.pathname === '/graphql' && request.method() === 'POST') return route.fulfill(graphql(request.postDataJSON(), headers));
    if (url.pathname === '/user' && headers.authorization) {
      return route.fulfill(json(200, { login: 'alice', id: 1 }, { 'x-oauth-scopes': 'public_repo, read:org', 'github-authentication-token-expiration': '2027-01-31 09:00:00 UTC' }));
    }
    const relation = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/(?:dependencies\/)?(blocked_by|blocking|sub_issues)$/.exec(url.pathname);
    if (relation) return route.fulfill(json(200, JSON.parse(fixture('rest', relation[1], relation[2], `${relation[3]}.${relation[4]}`) ?? '[]')));
    // A repository exists when the fixtures hold items of it (the welcome page's check).
    const repository = /^\/repos\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (repository && request.method() === 'GET') return route.fulfill(repositoryAnswer(repository[1], repository[2]));
    const rest = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/.exec(url.pathname);
    if (rest && request.method() === 'GET') return route.fulfill(restIssue(rest[1], rest[2], rest[3], headers));
    return route.fulfill(json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }));
  };
  return api;
}

function json(status, body, headers = {}) {
  return {
    status,
    contentType: 'application/json; charset=utf-8',
    headers: { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '59', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600), ...headers },
    body: JSON.stringify(body),
  };
}

function repositoryAnswer(owner, repo) {
  const known = ['graphql', 'rest'].some((kind) => existsSync(join(FIXTURES, 'api', kind, owner, repo)));
  return known ? json(200, { full_name: `${owner}/${repo}`, private: false }) : json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository', status: '404' });
}

function rateLimited() {
  const reset = Math.floor(Date.now() / 1000) + 1800;
  return json(403, { message: 'API rate limit exceeded for 203.0.113.9.' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) });
}

function fixture(kind, owner, repo, number) {
  const file = join(FIXTURES, 'api', kind, owner, repo, `${number}.json`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function restIssue(owner, repo, number, headers) {
  const body = fixture('rest', owner, repo, number);
  if (!body) return json(404, { message: 'Not Found' });
  const etag = `W/"${createHash('sha1').update(body).digest('hex')}"`;
  if (headers['if-none-match'] === etag) return { status: 304, headers: { etag } };
  return { ...json(200, JSON.parse(body)), headers: { ...json(200, {}).headers, etag } };
}

/** GitHub search over the pull request fixtures: a quoted term in the title. */
function searchFixtures(query) {
  const term = /"([^"]+)"/.exec(query)?.[1] ?? '';
  const root = join(FIXTURES, 'api', 'graphql');
  return readdirSync(root).flatMap((owner) => readdirSync(join(root, owner)).flatMap((repo) => readdirSync(join(root, owner, repo)).flatMap((file) => {
    const node = JSON.parse(readFileSync(join(root, owner, repo, file), 'utf8'));
    return node.__typename === 'PullRequest' && node.title.includes(term) ? [{ number: node.number, repository: { nameWithOwner: `${owner}/${repo}` } }] : [];
  })));
}

function graphql(payload, headers) {
  if (!headers.authorization) return json(401, { message: 'This endpoint requires you to be authenticated.' });
  if (/query FlowLensMentions/.test(payload.query)) {
    return json(200, { data: Object.fromEntries(Object.entries(payload.variables).map(([name, query]) => [`k${name.slice(1)}`, { nodes: searchFixtures(query) }])) });
  }
  const data = { rateLimit: { cost: 1, remaining: 4990, resetAt: new Date(Date.now() + 3600_000).toISOString() } };
  const errors = [];
  for (const [name, value] of Object.entries(payload.variables ?? {})) {
    if (!name.startsWith('n')) continue;
    const i = name.slice(1);
    const node = fixture('graphql', payload.variables[`o${i}`], payload.variables[`r${i}`], value);
    data[`i${i}`] = node ? { issueOrPullRequest: JSON.parse(node) } : null;
    if (!node) errors.push({ type: 'NOT_FOUND', path: [`i${i}`], message: `Could not resolve to a Repository with the name '${payload.variables[`o${i}`]}/${payload.variables[`r${i}`]}'.` });
  }
  return json(200, errors.length ? { data, errors } : { data });
}

/**
 * A fake Jira Cloud site: `POST /rest/api/3/issue/bulkfetch` answered from the issues the project
 * wrote by hand in tests/fixtures/jira/api (as are its field list, project list and histories), with the user's
 * session cookie required (`logged-out` serves the login page with status 200, as Jira does).
 */
export function createJiraApi() {
  const api = { mode: 'normal', requests: [] };
  api.handle = async (route) => {
    const { request, url } = await record(api, route);
    if (api.mode === 'logged-out') return route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><html><title>Log in with Atlassian account</title></html>' });
    if (api.mode === 'rate-limited') return route.fulfill({ status: 429, headers: { 'retry-after': '120' }, contentType: 'application/json', body: '{"errorMessages":["Rate limit exceeded."]}' });
    if (url.pathname === '/rest/api/3/jql/parse' && request.method() === 'POST') return route.fulfill(json(200, parseJql(request.postDataJSON())));
    const handWritten = { '/rest/api/3/field': 'fields.json', '/rest/api/3/changelog/bulkfetch': 'changelogs.json', '/rest/api/3/project/search': 'projects.json' }[url.pathname];
    if (handWritten) return route.fulfill(json(200, JSON.parse(readFileSync(join(JIRA_FIXTURES, 'api', handWritten), 'utf8'))));
    if (url.pathname !== '/rest/api/3/issue/bulkfetch' || request.method() !== 'POST') return route.fulfill(json(404, { errorMessages: ['Not found'] }));
    const { issueIdsOrKeys = [] } = request.postDataJSON() ?? {};
    const issues = issueIdsOrKeys.flatMap((key) => {
      const file = join(JIRA_FIXTURES, 'api', 'issues', `${key}.json`);
      return existsSync(file) ? [JSON.parse(readFileSync(file, 'utf8'))] : [];
    });
    return route.fulfill(json(200, { expand: 'schema,names', issues, issueErrors: [] }));
  };
  return api;
}

/**
 * Jira's JQL parse answer (`POST /rest/api/3/jql/parse`): each query back with its errors. This
 * fake knows the fields of its hand-written site; any other field is an error worded as Jira words it.
 */
function parseJql({ queries = [] } = {}) {
  const known = new Set(['project', 'status', 'statuscategory', 'assignee', 'labels', 'sprint', 'resolved', 'created', 'key', 'issuetype']);
  return {
    queries: queries.map((query) => {
      const fields = [...query.matchAll(/(?:^|\(|\s(?:and|or|not)\s+)\s*([a-z][\w.]*)\s*(?:!?=|~|in\b|is\b|>=?|<=?)/gi)].map((match) => match[1]);
      const unknown = fields.filter((field) => !known.has(field.toLowerCase()));
      return unknown.length > 0
        ? { query, errors: unknown.map((field) => `Field '${field}' does not exist or you do not have permission to view it.`) }
        : { query, structure: { where: {} } };
    }),
  };
}

/** Serves the page fixtures at their real URLs; a missing page is a 404. */
async function servePage(route) {
  const url = new URL(route.request().url());
  if (url.pathname.startsWith('/rest/')) return route.fallback();
  const name = PAGES[`${url.host}${url.pathname.replace(/\/$/, '')}`];
  if (!name) return route.fulfill({ status: url.pathname === '/favicon.ico' ? 204 : 404, contentType: 'text/html', body: '<!DOCTYPE html><title>Not Found</title>' });
  return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: pageHtml(name) });
}

/**
 * The switches every end-to-end Chromium runs with, whatever its hosts resolve to: no sandbox or
 * GPU, as little of Chromium's own traffic as it allows, and the built extension loaded.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
  `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`,
];

/**
 * Every host name fails to resolve (Chromium's host resolver rules, net/base/host_mapping_rules.h:
 * `MAP <pattern> ~NOTFOUND`). Playwright's routes answer a request before it is resolved, so the
 * routed hosts still work; what no route answers cannot reach the network. That matters for the
 * next hop of a redirect, which routes do not see (Playwright calls a route for the first URL
 * only), and for Chromium's own requests (accounts.google.com, update.googleapis.com), which
 * --disable-background-networking does not stop.
 */
const NOWHERE = '--host-resolver-rules=MAP * ~NOTFOUND';

/** Starts Chromium with the extension (and `args`); returns the context, the extension id, the fake API and the profile directory. */
export async function launch({ headless = true, args = [] } = {}) {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`No built extension in ${EXTENSION_DIR}: run npm run build first.`);
  if (!existsSync(chromiumPath())) {
    throw new Error(`Chromium not found at ${chromiumPath()}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'flowlens-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless,
    serviceWorkers: 'allow',
    viewport: { width: 1100, height: 760 },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [...CHROMIUM_ARGS, NOWHERE, ...args],
  });
  const api = createGithubApi();
  const jira = createJiraApi();
  await context.route(/^https?:\/\/(?!github\.com\/|api\.github\.com\/|acme\.atlassian\.net\/)/, (route) => route.abort('blockedbyclient'));
  await context.route('https://acme.atlassian.net/rest/**', jira.handle);
  await context.route('https://api.github.com/**', api.handle);
  await context.route('https://github.com/**', servePage);
  await context.route('https://acme.atlassian.net/**', servePage);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, extensionId, api, jira, worker, close, profile };
}

/** Collects console errors and uncaught exceptions of a page. */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

/** Reads every badge's contract attributes, in document order. */
export function readBadges(page) {
  return page.$$eval('flowlens-badge', (hosts) =>
    hosts.map((host) => ({
      key: host.getAttribute('data-flow-key'),
      state: host.getAttribute('data-flow-state'),
      since: host.getAttribute('data-flow-since'),
      blockers: host.getAttribute('data-flow-blockers'),
      label: host.shadowRoot?.querySelector('button')?.getAttribute('aria-label') ?? null,
      text: host.shadowRoot?.querySelector('button')?.textContent ?? null,
      afterTitle: host.previousElementSibling?.matches('a[data-hovercard-type], a[data-testid]') ?? false,
      inHeading: Boolean(host.parentElement?.closest('h1')),
    })),
  );
}

/** Waits until `count` badges carry a state; returns the milliseconds it took from `since`. */
export async function waitForBadges(page, count, since = Date.now()) {
  await page.waitForFunction(
    (n) => document.querySelectorAll('flowlens-badge[data-flow-state]').length === n,
    count,
    { timeout: 15_000 },
  );
  return Date.now() - since;
}

/**
 * Seeds the team summary's data through the extension's service worker: work items into the
 * IndexedDB cache (as if fetched now), the team state into `storage.local` and, when given, the
 * settings into `storage.sync`. Items are WorkItem objects (lib/flow/model.ts).
 */
/*
 * Settings are seeded with their version meta (`settings$`, WXT's storage versioning): without it
 * every extension page that loads the settings module (the welcome tab opening on install, a
 * popup) takes the value for version 1 and writes it back migrated, and on a loaded machine that
 * write can land after a later seed and undo it.
 */
export async function seedTeam(worker, { items = [], teamState, settings } = {}) {
  await worker.evaluate(putItemsInCache, items);
  await worker.evaluate(async ({ teamState, settings }) => {
    if (teamState) await globalThis.chrome.storage.local.set({ teamState });
    if (settings) await globalThis.chrome.storage.sync.set({ settings, 'settings$': { v: 3 } });
  }, { teamState, settings });
}

/**
 * Seeds `items` as the team's open items, last synced a minute ago, with six finished items of
 * 1-6 days for the cycle-time percentiles and where their time went, and `githubRepos` as the team's only sources (none:
 * the popup then starts no sync that would change what was seeded).
 */
export function seedTeamItems(worker, items, { githubRepos = [] } = {}) {
  return seedTeam(worker, {
    items,
    teamState: {
      openKeys: items.map((item) => item.key), cycleTimesMs: [1, 2, 3, 4, 5, 6].map((d) => d * 86_400_000), lastErrors: [], lastGoodAt: Date.now() - 60_000,
      // Where those six items' time went: review medians 0.3, neither 0.5, blocked 0 (one item only).
      timeShares: [{ review: 0.3, neither: 0.7 }, { review: 0.5, neither: 0.5 }, { review: 0.2, neither: 0.8 }, { review: 0.3, neither: 0.5, blocked: 0.2 }, { review: 0.6, neither: 0.4 }, { review: 0.1, neither: 0.5, author: 0.4 }],
      // Their stretches, for the cards' pace: twelve reviews and blocks of 2 h … 24 h.
      stretchesMs: { review: Array.from({ length: 12 }, (_, i) => (i + 1) * 2 * 3_600_000), blocked: Array.from({ length: 12 }, (_, i) => (i + 1) * 2 * 3_600_000) },
    },
    settings: { team: { githubRepos, githubQueries: [], jiraQueries: [], members: [], me: [], containers: [] } },
  });
}

/**
 * Puts WorkItems in the extension's IndexedDB cache as fetched now (and any `{ record }` as it
 * is, such as lookRecord's); returns how many. Runs in an extension context (Chromium's worker,
 * Firefox's background page), so it uses nothing outside it.
 */
export async function putItemsInCache(items) {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('flowlens-cache', 1);
    // The same schema as lib/storage/db.ts, for a context that has not opened its cache yet.
    open.onupgradeneeded = () => {
      const entries = open.result.createObjectStore('entries', { keyPath: 'id' });
      entries.createIndex('by-fetched', 'fetchedAt');
      entries.createIndex('by-kind', 'kind');
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const tx = db.transaction('entries', 'readwrite');
  const fetchedAt = Date.now();
  for (const item of items) tx.objectStore('entries').put(item.record ?? { id: `item|${item.key}`, kind: 'item', key: item.key, value: { item }, fetchedAt });
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  return items.length;
}

/**
 * The cache record of `look` as the popup's last look at the team's rows ("Since you last looked";
 * the cache's `looked|team` record, lib/background/looked-answer.ts), as if the popup had shown
 * it: give it to putItemsInCache.
 */
export function lookRecord(look) {
  return { record: { id: 'looked|team', kind: 'looked', key: 'team', value: look, fetchedAt: Date.now() } };
}

/** An ISO time `days` days before now. */
export const daysAgo = (days) => new Date(Date.now() - days * 86_400_000).toISOString();

/** Jira issue PAY-`n` as a WorkItem: open, In Progress, assigned to Priya, opened 20 days ago; `extra` overrides. */
export function jiraWorkItem(n, extra = {}) {
  return {
    key: `jira:acme.atlassian.net/PAY-${n}`, source: 'jira', kind: 'jira-issue', title: `Ticket PAY-${n}`, url: `https://acme.atlassian.net/browse/PAY-${n}`,
    state: 'open', assignees: [{ id: 'a1', name: 'Priya' }], requestedReviewers: [], createdAt: daysAgo(20), container: 'PAY',
    signals: { status: 'In Progress' }, timeline: [{ type: 'created', at: daysAgo(20) }], upstream: [], downstream: [], ...extra,
  };
}

/** Opens the popup page in a tab. */
export async function openPopup(context, extensionId) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  return page;
}

/** The GraphQL item fixtures of every repository, as `{ owner, repo, node }`. */
function fixtureNodes() {
  const root = join(FIXTURES, 'api', 'graphql');
  return readdirSync(root).flatMap((owner) => readdirSync(join(root, owner)).flatMap((repo) =>
    readdirSync(join(root, owner, repo)).map((file) => ({ owner, repo, node: JSON.parse(readFileSync(join(root, owner, repo, file), 'utf8')) }))));
}

/** Whether an item fixture matches a search's `repo:`, `is:open`/`is:closed` and `closed:>=` qualifiers. */
function matchesSearch({ owner, repo, node }, query) {
  const state = node.pullState ?? node.issueState;
  const want = Object.fromEntries(query.split(/\s+/).map((term) => term.split(/:(.*)/s)).filter((pair) => pair.length > 1));
  if (want.repo && want.repo.toLowerCase() !== `${owner}/${repo}`) return false;
  if (want.is === 'open' && state !== 'OPEN') return false;
  if (want.is === 'closed' && state === 'OPEN') return false;
  if (want.closed?.startsWith('>=') && !(node.closedAt && node.closedAt.slice(0, 10) >= want.closed.slice(2))) return false;
  return true;
}

/**
 * Answers GitHub's GraphQL search (`query FlowLensSearch`) from the item fixtures, in pages of
 * `pageSize` (GitHub may send fewer than asked), with the cursor being the offset. Any other
 * GraphQL request falls through to the fake API of `launch`. The requests are noted in
 * `browser.api.requests` like the others, with their variables in `variables`.
 */
export async function routeGithubSearch(browser, { pageSize = 50 } = {}) {
  await browser.context.route('https://api.github.com/graphql', async (route) => {
    const request = route.request();
    const payload = request.postDataJSON();
    if (!/query FlowLensSearch/.test(payload?.query ?? '')) return route.fallback();
    const headers = await request.allHeaders();
    browser.api.requests.push({ method: 'POST', url: request.url(), path: '/graphql', headers, fromWorker: Boolean(request.serviceWorker()), variables: payload.variables });
    if (!headers.authorization) return route.fulfill(json(401, { message: 'This endpoint requires you to be authenticated.' }));
    const found = fixtureNodes().filter((entry) => matchesSearch(entry, payload.variables.query)).sort((a, b) => b.node.number - a.node.number);
    const start = Number(payload.variables.after ?? 0);
    const end = start + Math.min(pageSize, payload.variables.first);
    const search = { issueCount: found.length, pageInfo: { endCursor: String(end), hasNextPage: end < found.length }, nodes: found.slice(start, end).map((entry) => entry.node) };
    return route.fulfill(json(200, { data: { rateLimit: { cost: 1, remaining: 4990, resetAt: new Date(Date.now() + 3600_000).toISOString() }, search } }));
  });
}

/**
 * Stores tokens where FlowLens keeps them, as the options page would: the secrets database in
 * the extension origin's IndexedDB (lib/storage/secret-store.ts), written from the service
 * worker. They replace whatever tokens were there; the background reads them on its next request.
 */
export async function giveSecrets(worker, { githubTokens = {}, jiraCredentials = {} } = {}) {
  await worker.evaluate(async (secrets) => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('flowlens-secrets', 1);
      // The same schema as lib/storage/secret-store.ts, for a worker that has not opened it yet.
      open.onupgradeneeded = () => open.result.createObjectStore('secrets');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction('secrets', 'readwrite', { durability: 'strict' });
    tx.objectStore('secrets').put(secrets, 'secrets');
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, { githubTokens, jiraCredentials });
}

/** The tokens in the secrets database, read from the service worker (`undefined` before any was saved). */
export function readSecrets(worker) {
  return worker.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('flowlens-secrets');
    open.onerror = () => reject(open.error);
    open.onupgradeneeded = () => open.transaction.abort();
    open.onsuccess = () => {
      const read = open.result.transaction('secrets').objectStore('secrets').get('secrets');
      read.onsuccess = () => resolve(read.result);
      read.onerror = () => reject(read.error);
    };
  }));
}

/** Gives the extension a GitHub token for github.com (nothing else), through its worker. */
export function giveGithubToken(browser, token = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789') {
  return giveSecrets(browser.worker, { githubTokens: { 'github.com': token } });
}

/**
 * Runs `fn(arg)` in FlowLens's content script world of `page` (its isolated world, with the
 * extension APIs a content script has), through the DevTools protocol, and returns its value.
 */
export async function inContentScript(page, extensionId, fn, arg) {
  const cdp = await page.context().newCDPSession(page);
  const worlds = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
  // Enabling reports every context that already exists.
  await cdp.send('Runtime.enable');
  const world = worlds.find((context) => context.origin === `chrome-extension://${extensionId}` && context.auxData?.type === 'isolated');
  if (!world) throw new Error(`No FlowLens content script world in ${page.url()}: ${JSON.stringify(worlds.map((c) => [c.origin, c.name, c.auxData?.type]))}`);
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression: `(${fn})(${JSON.stringify(arg)})`, contextId: world.id, awaitPromise: true, returnByValue: true });
  await cdp.detach();
  if (exceptionDetails) throw new Error(`In the content script: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value;
}

/** Gives the extension a GitHub token for github.com and a team of `githubRepos`, through its worker. */
export async function configureTeam(browser, { token, githubRepos }) {
  await giveGithubToken(browser, token);
  await browser.worker.evaluate(async ({ githubRepos }) => {
    const { settings } = await globalThis.chrome.storage.sync.get('settings');
    await globalThis.chrome.storage.sync.set({ settings: { ...settings, team: { ...settings?.team, githubRepos } }, 'settings$': { v: 3 } });
  }, { githubRepos });
}

/**
 * Seeds a team whose Jira and GitHub have drifted, with both cross-source opt-ins on for
 * acme.atlassian.net and a token for github.com: PAY-7 is still In Progress though
 * octo-org/api#12, which names it, was merged three days ago; and the team's last 11 pull
 * requests of octo-org/api each named a ticket, so one there that names none drifts too.
 * `openKeys` are the team's other open items (already in the cache or fetched by a page).
 */
export async function seedDrift(browser, { openKeys = [] } = {}) {
  const day = 86_400_000;
  const ago = (days) => new Date(Date.now() - days * day).toISOString();
  const pay7 = {
    key: 'jira:acme.atlassian.net/PAY-7', source: 'jira', kind: 'jira-issue', title: 'Ledger export', url: 'https://acme.atlassian.net/browse/PAY-7',
    state: 'open', assignees: [{ id: 'a1', name: 'Priya' }], requestedReviewers: [], createdAt: ago(12), container: 'PAY',
    signals: { status: 'In Progress', statusCategory: 'indeterminate' }, timeline: [{ type: 'created', at: ago(12) }, { type: 'status', at: ago(10), to: 'In Progress' }], upstream: [], downstream: [],
  };
  const merged = {
    key: 'github:octo-org/api#12', source: 'github', kind: 'pull', title: 'PAY-7: stream the ledger export', url: 'https://github.com/octo-org/api/pull/12',
    state: 'merged', assignees: [], author: { id: 'bob', name: 'bob' }, requestedReviewers: [], createdAt: ago(9), resolvedAt: ago(3), container: 'octo-org/api', mentions: ['PAY-7'],
    signals: { draft: false, reviewDecision: 'approved', pendingReviewers: [], mergeable: 'unknown', checks: 'success', failingChecks: [], labels: [] },
    timeline: [{ type: 'created', at: ago(9) }, { type: 'merged', at: ago(3) }], upstream: [], downstream: [],
  };
  const pulls = [{ key: merged.key, at: Date.parse(merged.createdAt), named: true }, ...Array.from({ length: 10 }, (_, i) => ({ key: `github:octo-org/api#${20 + i}`, at: Date.now() - (10 + i) * day, named: true }))];
  await giveGithubToken(browser);
  await browser.worker.evaluate(putItemsInCache, [pay7, merged]);
  await browser.worker.evaluate(async ({ pulls, openKeys }) => {
    const { settings } = await globalThis.chrome.storage.sync.get('settings');
    await globalThis.chrome.storage.sync.set({ settings: { ...settings, jiraSites: ['acme.atlassian.net'], jiraOnGithub: true, pullsOnJira: true }, 'settings$': { v: 3 } });
    const { teamState } = await globalThis.chrome.storage.local.get('teamState');
    const state = teamState ?? { openKeys: [], cycleTimesMs: [], lastErrors: [], lastGoodAt: Date.now() - 60_000 };
    const bySource = { ...state.bySource, 'github:github.com:done:repo:octo-org/api is:open': { keys: [], cycleTimesMs: [], pulls } };
    await globalThis.chrome.storage.local.set({ teamState: { ...state, openKeys: [...new Set([...state.openKeys, 'jira:acme.atlassian.net/PAY-7', ...openKeys])], bySource } });
  }, { pulls, openKeys });
}

/** 400 pull request rows of GitHub's list markup, 40, 320 and 120 px tall in turn, in two columns as a board's: about 90 screens (Chromium's and Firefox's long-page tests). */
export function tallBoard() {
  const heights = [40, 320, 120];
  const row = (i) => `<div class="js-issue-row" id="issue_${i}" style="height:${heights[i % 3]}px"><a class="js-navigation-open" data-hovercard-type="pull_request" href="/octo-org/long/pull/${i}">PR ${i}</a></div>`;
  const column = (from) => `<div style="flex:1">${Array.from({ length: 200 }, (_, i) => row(from + i)).join('')}</div>`;
  return `<!DOCTYPE html><html><head><title>Tall board</title></head><body style="margin:0"><main style="display:flex">${column(1)}${column(201)}</main></body></html>`;
}

/**
 * Whether every row within a screen of the viewport (a little inside FlowLens's margin) has its
 * badge, painted (with a state) unless `painted` is false: where the background cannot answer
 * for every row soon (GitHub without a token reads a few items at a time), mounted is what the
 * page's own part of the contract says.
 */
export function nearRowsBadged(painted = true) {
  const [vh, edge] = [innerHeight, 20];
  const near = [...document.querySelectorAll('main a')].filter((anchor) => {
    const r = anchor.getBoundingClientRect();
    return r.bottom > -vh + edge && r.top < 2 * vh - edge;
  });
  return near.length > 0 && near.every((anchor) => anchor.nextElementSibling?.localName === 'flowlens-badge' && (!painted || anchor.nextElementSibling.hasAttribute('data-flow-state')));
}
