// The demo's site: demo/pages/*.html filled from demo/data.mjs and served as github.com and
// acme.atlassian.net, and the GitHub and Jira APIs answered from the same data, all through
// Playwright routes on a browser context (registered after the harness's own, so they come first).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COLUMNS, JIRA_HOST, REPO, demoData } from '../demo/data.mjs';
import { JIRA_FIELDS, githubNodes, jiraChangelog, jiraIssue, restIssue } from '../demo/api.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const PRIMER = join(ROOT, 'node_modules/@primer/css/dist/primer.css');

/** The demo's pages by path. */
export const DEMO_PAGES = {
  pulls: `https://github.com/${REPO.owner}/${REPO.repo}/pulls`,
  board: `https://${JIRA_HOST}/jira/software/projects/PAY/boards/1`,
};

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function ago(now, iso) {
  const hours = Math.round((now - Date.parse(iso)) / 3600_000);
  return hours < 48 ? `${hours} hours ago` : `${Math.round(hours / 24)} days ago`;
}

function pullRow(data, pull) {
  const path = `/${REPO.owner}/${REPO.repo}/pull/${pull.number}`;
  const login = data.people[pull.author].login;
  const labels = pull.labels.map((name) => `<a href="/${REPO.owner}/${REPO.repo}/labels/${escape(name)}" class="IssueLabel hx_IssueLabel ml-1" style="--label-r:221;--label-g:244;--label-b:255;background:#ddf4ff;color:#0969da">${escape(name)}</a>`).join('');
  const icon = pull.merged ? 'color-fg-done' : 'color-fg-open';
  const verb = pull.merged ? `by <a class="Link--muted" href="/${login}">${escape(login)}</a> was merged <relative-time datetime="${pull.merged}">${ago(data.now, pull.merged)}</relative-time>` : `opened <relative-time datetime="${pull.opened}">${ago(data.now, pull.opened)}</relative-time> by <a class="Link--muted" data-hovercard-type="user" href="/${login}">${escape(login)}</a>`;
  return `        <div id="issue_${pull.number}" class="Box-row Box-row--focus-gray p-0 mt-0 js-navigation-item js-issue-row">
          <div class="d-flex Box-row--drag-hide position-relative">
            <div class="flex-shrink-0 pt-2 pl-3"><svg class="octicon ${icon}" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2"/></svg></div>
            <div class="flex-auto min-width-0 p-2 pr-3 pr-md-2">
              <a id="issue_${pull.number}_link" class="Link--primary v-align-middle no-underline h4 js-navigation-open markdown-title" data-hovercard-type="pull_request" data-hovercard-url="${path}/hovercard" href="${path}">${escape(pull.title)}</a>
              <span class="lh-default d-block d-md-inline">${labels}</span>
              <div class="d-flex mt-1 text-small color-fg-muted"><span class="opened-by">#${pull.number} ${verb}</span></div>
            </div>
          </div>
        </div>`;
}

function card(data, issue) {
  const name = data.people[issue.assignee].name;
  const initials = name.split(' ').map((part) => part[0]).join('');
  return `          <div data-testid="platform-board-kit.ui.card.card" data-rbd-draggable-id="ISSUE::${issue.key}" role="button" tabindex="0">
            <a href="/browse/${issue.key}" tabindex="-1" class="sr-only">${issue.key} ${escape(issue.summary)}</a>
            <div data-testid="platform-card.common.ui.summary.summary">${escape(issue.summary)}</div>
            <div class="card-footer"><span class="type" aria-hidden="true"></span>
              <a href="/browse/${issue.key}" data-testid="platform-card.common.ui.key.key"><span>${issue.key}</span></a>
              <span class="avatar" data-testid="platform-card.common.ui.assignee.avatar" aria-label="Assignee: ${escape(name)}">${initials}</span>
            </div>
          </div>`;
}

function column(data, { name, statuses }) {
  const cards = data.jira.filter((issue) => statuses.includes(issue.status)).map((issue) => card(data, issue)).join('\n');
  return `        <section data-testid="platform-board-kit.ui.column.draggable-column.styled-wrapper" aria-label="${name}"><h2>${name}</h2>\n${cards}\n        </section>`;
}

/** A demo page's HTML at the data's time. */
export function demoPage(name, data) {
  const page = readFileSync(join(ROOT, 'demo/pages', `${name}.html`), 'utf8');
  if (name === 'board') return page.replace('{{COLUMNS}}', COLUMNS.map((col) => column(data, col)).join('\n'));
  const open = data.pulls.filter((pull) => !pull.merged);
  return page.replaceAll('{{OPEN}}', String(open.length)).replaceAll('{{CLOSED}}', String(data.pulls.length - open.length))
    .replace('{{ROWS}}', data.pulls.map((pull) => pullRow(data, pull)).join('\n'));
}

const json = (body) => ({ status: 200, contentType: 'application/json; charset=utf-8', headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4990', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) }, body: JSON.stringify(body) });
const rateLimit = () => ({ cost: 1, remaining: 4990, resetAt: new Date(Date.now() + 3600_000).toISOString() });

/** GitHub's GraphQL over the demo: the batched items query and the team's search. */
function graphql(payload, nodes) {
  const vars = payload?.variables ?? {};
  if (/query FlowLensSearch/.test(payload?.query ?? '')) {
    const open = !/is:closed/.test(vars.query ?? '');
    const found = [...nodes.values()].filter((node) => (node.pullState ?? node.issueState) === 'OPEN' ? open : !open);
    return { data: { rateLimit: rateLimit(), search: { issueCount: found.length, pageInfo: { endCursor: String(found.length), hasNextPage: false }, nodes: found } } };
  }
  const data = { rateLimit: rateLimit() };
  for (const [name, number] of Object.entries(vars)) {
    if (!name.startsWith('n')) continue;
    const i = name.slice(1);
    const same = vars[`o${i}`] === REPO.owner && vars[`r${i}`] === REPO.repo;
    data[`i${i}`] = same && nodes.has(Number(number)) ? { issueOrPullRequest: nodes.get(Number(number)) } : null;
  }
  return { data };
}

function jiraAnswer(path, body, data) {
  if (path === '/rest/api/3/field') return JIRA_FIELDS;
  const keys = new Set(body?.issueIdsOrKeys ?? []);
  const asked = data.jira.filter((issue) => keys.has(issue.key) || keys.has(issue.id));
  if (path === '/rest/api/3/issue/bulkfetch') return { expand: 'schema,names', issues: asked.map((issue) => jiraIssue(data, issue)), issueErrors: [] };
  if (path === '/rest/api/3/changelog/bulkfetch') return { issueChangeLogs: asked.map((issue) => jiraChangelog(data, issue)), nextPageToken: null };
  if (path === '/rest/api/3/project/search') return { values: [{ key: 'PAY', name: 'Payments' }], isLast: true };
  return undefined;
}

/**
 * Serves the demo on `context` at `now` (ms, default the clock now); returns the data it serves.
 * The team popup reads acme/payments through the same GraphQL.
 */
export async function serveDemo(context, now = Date.now()) {
  const data = demoData(now);
  const nodes = githubNodes(data);
  await context.route('https://github.com/**', (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/_demo/primer.css') return route.fulfill({ status: 200, contentType: 'text/css', body: readFileSync(PRIMER, 'utf8') });
    const name = Object.keys(DEMO_PAGES).find((key) => new URL(DEMO_PAGES[key]).pathname === url.pathname.replace(/\/$/, ''));
    if (!name) return route.fulfill({ status: 404, contentType: 'text/html', body: '<!DOCTYPE html><title>Not Found</title>' });
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: demoPage(name, data) });
  });
  await context.route(`https://${JIRA_HOST}/**`, (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.pathname.startsWith('/rest/')) {
      const answer = jiraAnswer(url.pathname, request.method() === 'POST' ? request.postDataJSON() : undefined, data);
      return route.fulfill(answer ? json(answer) : { ...json({ errorMessages: ['Not found'] }), status: 404 });
    }
    if (url.pathname !== new URL(DEMO_PAGES.board).pathname) return route.fulfill({ status: 404, contentType: 'text/html', body: '<!DOCTYPE html><title>Not Found</title>' });
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: demoPage('board', data) });
  });
  await context.route('https://api.github.com/**', (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.pathname === '/graphql' && request.method() === 'POST') return route.fulfill(json(graphql(request.postDataJSON(), nodes)));
    if (/\/(blocked_by|blocking|sub_issues)$/.test(url.pathname)) return route.fulfill(json([]));
    // Without a token FlowLens reads each item over REST (its timeline is not served: no history).
    const rest = url.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/);
    const issue = rest && rest[1] === REPO.owner && rest[2] === REPO.repo ? restIssue(data, Number(rest[3])) : undefined;
    if (issue) return route.fulfill(json(issue));
    if (url.pathname === '/user') return route.fulfill(json({ login: data.people.priya.login, id: 1 }));
    return route.fulfill({ ...json({ message: 'Not Found' }), status: 404 });
  });
  return data;
}
