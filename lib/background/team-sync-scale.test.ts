/**
 * Issue 17, "team sync at scale": a team of 5 repositories with 1,000 open items and 5,000
 * finished in the last 90 days (200 and 1,000 a repository), and a Jira team JQL of the same size,
 * synced by the real sync (createTeamSync over createPageReader, the providers, http.ts) against
 * stand-ins that answer as GitHub and Jira Cloud do, and refuse what they would refuse.
 *
 * The clock is the test's: each request moves it by the time its answer takes, the sync's own
 * waits (http.ts retries) move it too, and a follow-up alarm moves it to when it fires. So the
 * figures below (requests and points per minute and hour, how long each wake-up reads) are those
 * of a sync whose answers take that long.
 *
 * GitHub's documented limits the stand-in enforces, each as GitHub answers past it:
 * - search: at most 1,000 results of a query, whatever `issueCount` says (GraphQL reference,
 *   `search`: https://docs.github.com/en/graphql/reference/queries#search); `first` 1 to 100;
 * - 30 search requests a minute (REST search's limit, https://docs.github.com/en/rest/search/search#rate-limit;
 *   counted here for GraphQL search too, which meets the same search backend's secondary limits);
 * - GraphQL: 5,000 points an hour by GitHub's formula (tests/support/graphql-cost.ts);
 * - secondary: at most 100 concurrent requests, 2,000 GraphQL points a minute (one a query without
 *   mutations), 900 REST points a minute
 *   (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits);
 * - REST core: 5,000 requests an hour.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { queryCost } from '../../tests/support/graphql-cost';
import { HOUR, MINUTE, DAY } from '../flow/time';
import { createHostLimiter } from '../providers/host-limiter';
import type { Fetch } from '../providers/http';
import { validationErrors, withDependencies } from '../providers/github/testing/graphql-schema';
import { createProviderState } from '../providers/provider-state';
import { FlowCache } from '../storage/cache';
import { memoryRecordStore } from '../storage/record-store';
import { DEFAULT_SETTINGS, loadSettings, NO_SECRETS, settingsItem, type Settings } from '../storage/settings';
import { loadTeamState, type TeamState } from '../team/team-state';
import { createRateHolds } from './rate-holds';
import { createPageReader } from './team-pages';
import { createTeamSync, MAX_CYCLE_TIMES, SLICE_MS, TEAM_SYNC_CONTINUE_ALARM, type AlarmsApi } from './team-sync';

const START = Date.parse('2026-11-28T12:00:00Z');
const REPOS = ['octo-org/api', 'octo-org/web', 'octo-org/mobile', 'octo-org/infra', 'octo-org/docs'];
const OPEN_PER_REPO = 200;
const DONE_PER_REPO = 1_000;
/** Closed before the 90 days: the `closed:>=` qualifier must leave them out. */
const OLD_PER_REPO = 150;
/** How long GitHub takes to answer one search page of 50 items with their nested connections. */
const GITHUB_PAGE_MS = 1_500;
/** How long Jira takes to answer a search page or a changelog bulk fetch. */
const JIRA_REQUEST_MS = 800;

/** The test's clock, moved by the answers, the sync's waits and the alarms. */
let clock = START;

/** Alarms on the test's clock: the follow-up alarm fires when the driver moves the clock to it. */
function testAlarms() {
  const set = new Map<string, { scheduledTime: number; periodInMinutes?: number }>();
  const alarms: AlarmsApi = {
    get: async (name) => set.get(name),
    create: (name, info) => void set.set(name, { scheduledTime: clock + (info.delayInMinutes ?? info.periodInMinutes ?? 0) * MINUTE, ...(info.periodInMinutes ? { periodInMinutes: info.periodInMinutes } : {}) }),
    clear: async (name) => set.delete(name),
  };
  return { alarms, set };
}

/** Requests as the stand-ins saw them: when sent, and what each counts against. */
interface Sent {
  at: number;
  kind: 'graphql' | 'rest' | 'jira-search' | 'jira-changelog' | 'jira-other';
  /** GraphQL points by GitHub's formula (primary limit). */
  points: number;
}

/** The most of `count` over any window of `width` ms of the requests' send times. */
function peak(sent: Sent[], width: number, count: (s: Sent) => number = () => 1): number {
  const sorted = [...sent].sort((a, b) => a.at - b.at);
  let best = 0;
  for (let i = 0; i < sorted.length; i++) {
    let sum = 0;
    for (let j = i; j < sorted.length && sorted[j]!.at < sorted[i]!.at + width; j++) sum += count(sorted[j]!);
    best = Math.max(best, sum);
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// GitHub

interface GithubItem {
  repo: string;
  number: number;
  kind: 'pull' | 'issue';
  open: boolean;
  createdAt: number;
  closedAt?: number;
}

/** 200 open, 1,000 finished in the 90 days and 150 finished before, per repository; pulls and issues alternate. */
function githubTeam(): GithubItem[] {
  return REPOS.flatMap((repo, r) => {
    const items: GithubItem[] = [];
    let number = 1;
    for (let i = 0; i < OPEN_PER_REPO; i++) items.push({ repo, number: number++, kind: i % 2 ? 'issue' : 'pull', open: true, createdAt: START - (i + 1) * HOUR });
    for (let i = 0; i < DONE_PER_REPO + OLD_PER_REPO; i++) {
      // Closed i × 2 h ago (the first 1,000 within 90 days, the rest 95 days ago and more);
      // each lived a whole number of minutes that no other item of the team lived.
      const closedAt = i < DONE_PER_REPO ? START - (i + 1) * 2 * HOUR : START - 95 * DAY - i * HOUR;
      const lived = (r * 10_000 + i + 1) * MINUTE;
      items.push({ repo, number: number++, kind: i % 2 ? 'issue' : 'pull', open: false, createdAt: closedAt - lived, closedAt });
    }
    return items;
  });
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** An item as GitHub's GraphQL answers the search's fragment for it. */
function githubNode(item: GithubItem) {
  const common = {
    number: item.number,
    title: `${item.kind} ${item.number}`,
    createdAt: iso(item.createdAt),
    updatedAt: iso(item.closedAt ?? item.createdAt),
    closedAt: item.closedAt ? iso(item.closedAt) : null,
    author: { login: 'alice', url: 'https://github.com/alice' },
    assignees: { nodes: [] },
    labels: { nodes: [] },
  };
  if (item.kind === 'issue') {
    return { __typename: 'Issue', ...common, url: `https://github.com/${item.repo}/issues/${item.number}`, issueState: item.open ? 'OPEN' : 'CLOSED', stateReason: item.open ? null : 'COMPLETED', blockedBy: { nodes: [] }, dependencyEvents: { nodes: [] } };
  }
  return {
    __typename: 'PullRequest', ...common, url: `https://github.com/${item.repo}/pull/${item.number}`,
    pullState: item.open ? 'OPEN' : 'MERGED', isDraft: false, mergedAt: item.closedAt ? iso(item.closedAt) : null,
    reviewDecision: 'REVIEW_REQUIRED', mergeable: 'MERGEABLE', baseRefName: 'main', headRefName: `feature-${item.number}`,
    reviewRequests: { nodes: [] }, commits: { nodes: [{ commit: { statusCheckRollup: { state: 'SUCCESS' } } }] },
  };
}

/** GitHub's search results cap. */
const SEARCH_CAP = 1_000;

/**
 * A GitHub that reads the search query it is sent (`repo:o/n is:open`, or `repo:o/n is:closed
 * closed:>=DATE`), answers it in GitHub's shape and paging (opaque cursors it issued, at most
 * 1,000 results reachable), counts what each request costs, and answers as GitHub does past a
 * limit. Anything it does not expect is a violation, and the test fails on any.
 */
function standInGithub(items: GithubItem[]) {
  const sent: Sent[] = [];
  const violations: string[] = [];
  const limited: string[] = [];
  const cursors = new Map<string, string>();
  const checkedDocs = new Set<string>();
  let inFlight = 0;
  let maxInFlight = 0;
  let hang: ((n: number) => boolean) | undefined;

  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
  /** Points used in the hour before `now` (GitHub's window starts at the first request; a sliding hour is stricter). */
  const usedInHour = (now: number) => sent.filter((s) => s.kind === 'graphql' && s.at > now - HOUR).reduce((sum, s) => sum + s.points, 0);

  function matches(query: string): GithubItem[] | undefined {
    const open = /^repo:([\w.-]+\/[\w.-]+) is:open$/.exec(query);
    if (open) return items.filter((i) => i.repo === open[1] && i.open);
    const closed = /^repo:([\w.-]+\/[\w.-]+) is:closed closed:>=(\d{4}-\d{2}-\d{2})$/.exec(query);
    if (closed) return items.filter((i) => i.repo === closed[1] && !i.open && i.closedAt! >= Date.parse(`${closed[2]}T00:00:00Z`));
    return undefined;
  }

  function search(body: { query?: unknown; variables?: Record<string, unknown> }, at: number, points: number): Response {
    const { query, first, after } = body.variables ?? {};
    if (typeof query !== 'string' || typeof first !== 'number') return json(200, { errors: [{ message: 'Variable $query of type String! was provided invalid value' }] });
    if (!Number.isInteger(first) || first < 1 || first > 100) {
      violations.push(`first: ${first}`);
      return json(200, { errors: [{ type: 'INVALID_ARGUMENT', message: 'Requesting 101 records on the `search` connection exceeds the `first` limit of 100 records.' }] });
    }
    const found = matches(query);
    if (!found) {
      violations.push(`unexpected search “${query}”`);
      return json(200, { data: null, errors: [{ message: `unexpected search ${query}` }] });
    }
    let offset = 0;
    if (after !== null && after !== undefined) {
      if (typeof after !== 'string' || cursors.get(after) !== query) {
        violations.push(`cursor ${String(after)} not issued for “${query}”`);
        return json(200, { data: { search: null }, errors: [{ type: 'INVALID_CURSOR_ARGUMENTS', message: `\`${String(after)}\` does not appear to be a valid cursor.` }] });
      }
      offset = Number(atob(after).split(':')[1]);
    }
    const sorted = [...found].sort((a, b) => b.number - a.number);
    const reachable = sorted.slice(0, SEARCH_CAP);
    const nodes = reachable.slice(offset, offset + first).map(githubNode);
    const end = offset + nodes.length;
    const endCursor = btoa(`cursor:${end}`);
    cursors.set(endCursor, query);
    const used = usedInHour(at);
    const resetAt = iso(Math.floor((sent[0]!.at + HOUR) / 1000) * 1000);
    return json(200, {
      data: {
        rateLimit: { cost: points, remaining: 5_000 - used, resetAt },
        search: { issueCount: found.length, pageInfo: { endCursor: nodes.length ? endCursor : null, hasNextPage: end < reachable.length }, nodes },
      },
    }, { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': String(5_000 - used), 'x-ratelimit-used': String(used), 'x-ratelimit-resource': 'graphql', 'x-ratelimit-reset': String(Math.floor((sent[0]!.at + HOUR) / 1000)) });
  }

  /** GitHub's answer past a limit, or undefined when the request is within them all. */
  function overLimit(s: Sent): Response | undefined {
    const secondary = (why: string) => {
      limited.push(why);
      return json(403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits' });
    };
    const minute = sent.filter((o) => o.at > s.at - MINUTE);
    if (inFlight > 100) return secondary('more than 100 concurrent requests');
    if (s.kind === 'graphql' && minute.filter((o) => o.kind === 'graphql').length > 30) return secondary('more than 30 searches a minute');
    if (s.kind === 'graphql' && minute.filter((o) => o.kind === 'graphql').length > 2_000) return secondary('more than 2,000 GraphQL points a minute');
    if (s.kind === 'rest' && minute.filter((o) => o.kind === 'rest').length > 900) return secondary('more than 900 REST points a minute');
    if (s.kind === 'graphql' && usedInHour(s.at) > 5_000) {
      limited.push('more than 5,000 GraphQL points an hour');
      return json(200, { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor((s.at + HOUR) / 1000)) });
    }
    if (s.kind === 'rest' && sent.filter((o) => o.kind === 'rest' && o.at > s.at - HOUR).length > 5_000) {
      limited.push('more than 5,000 REST requests an hour');
      return json(403, { message: 'API rate limit exceeded for user ID 1.' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor((s.at + HOUR) / 1000)) });
    }
    return undefined;
  }

  const fetch: Fetch = async (url, init) => {
    const at = clock;
    const graphql = url === 'https://api.github.com/graphql';
    const body = graphql ? (JSON.parse(String(init?.body)) as { query: string; variables: Record<string, unknown> }) : undefined;
    if (graphql && !checkedDocs.has(body!.query)) {
      checkedDocs.add(body!.query);
      const errors = validationErrors(withDependencies, body!.query);
      if (errors.length > 0) violations.push(`query invalid against GitHub's schema: ${errors.join('; ')}`);
    }
    const auth = (init?.headers as Record<string, string> | undefined)?.Authorization;
    if (auth !== 'Bearer ghp_team') violations.push(`request without the token: ${url}`);
    const s: Sent = { at, kind: graphql ? 'graphql' : 'rest', points: graphql ? queryCost(body!.query, body!.variables).points : 0 };
    sent.push(s);
    if (hang?.(sent.length)) return new Promise<Response>(() => {});
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const refused = overLimit(s);
      clock += GITHUB_PAGE_MS;
      if (refused) return refused;
      if (!graphql) {
        // No REST request is expected: the search answers every open issue's blockers.
        violations.push(`unexpected REST request ${url}`);
        return json(404, { message: 'Not Found' });
      }
      return search(body!, at, s.points);
    } finally {
      inFlight--;
    }
  };
  return { fetch, sent, violations, limited, maxInFlight: () => maxInFlight, hangAt: (n: number) => void (hang = (count) => count === n), stopHanging: () => void (hang = undefined) };
}

// ---------------------------------------------------------------------------------------------
// Jira Cloud

const SITE = 'acme.atlassian.net';
const TEAM_JQL = 'project = PAY AND statusCategory != Done';
/** What the sync must send for the team's finished issues (team-sources.ts, jiraHistoryJql). */
const DONE_JQL = '(project = PAY) AND statusCategory = Done AND resolved >= -90d ORDER BY resolved DESC';
const JIRA_OPEN = 1_000;
const JIRA_DONE = 5_000;
/** Jira Cloud's search page when fields are asked for: "the API may return fewer items per page" (100 at most in practice). */
const JIRA_FIELDS_PAGE = 100;

interface JiraIssueData {
  id: string;
  key: string;
  created: number;
  resolved?: number;
}

function jiraTeam(): JiraIssueData[] {
  const issues: JiraIssueData[] = [];
  for (let i = 0; i < JIRA_OPEN + JIRA_DONE; i++) {
    const done = i >= JIRA_OPEN;
    const n = i - JIRA_OPEN;
    // Resolved ones: the newest 26 minutes ago, the oldest about 90 days ago (resolved DESC is their order).
    const resolved = done ? START - (n + 1) * 25 * MINUTE : undefined;
    issues.push({ id: String(10_000 + i), key: `PAY-${i + 1}`, created: (resolved ?? START) - (n + 2) * 7 * MINUTE, ...(resolved ? { resolved } : {}) });
  }
  return issues;
}

const jiraTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

function jiraIssue(issue: JiraIssueData) {
  const done = issue.resolved !== undefined;
  return {
    id: issue.id,
    key: issue.key,
    fields: {
      summary: `Work ${issue.key}`,
      status: done ? { name: 'Done', statusCategory: { key: 'done' } } : { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
      created: jiraTime(issue.created),
      ...(done ? { resolutiondate: jiraTime(issue.resolved!), resolution: { name: 'Done' } } : { resolutiondate: null, resolution: null }),
      labels: [],
      project: { key: 'PAY' },
      issuelinks: [],
    },
  };
}

/**
 * A Jira Cloud site: `POST /rest/api/3/search/jql` for the two JQLs the team's query makes, paged
 * by tokens it issued (Cloud's enhanced search: `nextPageToken`, `isLast`, no total), the field
 * list, and the changelog bulk fetch (at most 1,000 issues and 1,000 results a request, as
 * documented). Anything else is a violation.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-changelog-bulkfetch-post
 */
function standInJira(issues: JiraIssueData[]) {
  const sent: Sent[] = [];
  const violations: string[] = [];
  const tokens = new Map<string, { jql: string; offset: number }>();
  const byKey = new Map(issues.map((i) => [i.key, i]));
  let inFlight = 0;
  let maxInFlight = 0;
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  function search(body: Record<string, unknown>): Response {
    const { jql, maxResults, nextPageToken, fields } = body;
    if (typeof maxResults !== 'number' || maxResults < 1 || maxResults > 5_000) violations.push(`maxResults ${String(maxResults)}`);
    if (!Array.isArray(fields)) violations.push('search without its fields');
    let found: JiraIssueData[];
    if (jql === TEAM_JQL) found = issues.filter((i) => i.resolved === undefined);
    else if (jql === DONE_JQL) found = issues.filter((i) => i.resolved !== undefined && i.resolved >= clock - 90 * DAY).sort((a, b) => b.resolved! - a.resolved!);
    else {
      violations.push(`unexpected JQL “${String(jql)}”`);
      return json(400, { errorMessages: [`Error in the JQL Query: ${String(jql)}`], errors: {} });
    }
    let offset = 0;
    if (nextPageToken !== undefined) {
      const issued = typeof nextPageToken === 'string' ? tokens.get(nextPageToken) : undefined;
      if (!issued || issued.jql !== jql) {
        violations.push(`page token ${String(nextPageToken)} not issued for “${String(jql)}”`);
        return json(400, { errorMessages: ['The provided next page token is invalid or expired.'], errors: {} });
      }
      offset = issued.offset;
    }
    const size = Math.min(Number(maxResults), JIRA_FIELDS_PAGE);
    const page = found.slice(offset, offset + size);
    const isLast = offset + page.length >= found.length;
    const token = isLast ? undefined : `tok-${tokens.size + 1}`;
    if (token) tokens.set(token, { jql: String(jql), offset: offset + page.length });
    return json(200, { issues: page.map(jiraIssue), isLast, ...(token ? { nextPageToken: token } : {}) });
  }

  function changelogs(body: Record<string, unknown>): Response {
    const keys = body.issueIdsOrKeys;
    if (!Array.isArray(keys) || keys.length < 1 || keys.length > 1_000) violations.push(`changelog bulk fetch of ${Array.isArray(keys) ? keys.length : '?'} issues`);
    if (typeof body.maxResults === 'number' && body.maxResults > 1_000) violations.push(`changelog maxResults ${body.maxResults}`);
    const logs = (keys as string[]).flatMap((key) => {
      const issue = byKey.get(key);
      if (!issue) return violations.push(`changelog of unknown ${key}`), [];
      const moved = issue.created + MINUTE;
      const histories = [{ id: `${issue.id}1`, created: jiraTime(moved), items: [{ field: 'status', fieldId: 'status', fromString: 'To Do', toString: 'In Progress' }] }];
      if (issue.resolved) histories.push({ id: `${issue.id}2`, created: jiraTime(issue.resolved), items: [{ field: 'status', fieldId: 'status', fromString: 'In Progress', toString: 'Done' }] });
      return [{ issueId: issue.id, changeHistories: histories }];
    });
    return json(200, { issueChangeLogs: logs });
  }

  const fetch: Fetch = async (url, init) => {
    const at = clock;
    const path = url.replace(`https://${SITE}`, '');
    const kind: Sent['kind'] = path === '/rest/api/3/search/jql' ? 'jira-search' : path === '/rest/api/3/changelog/bulkfetch' ? 'jira-changelog' : 'jira-other';
    sent.push({ at, kind, points: 0 });
    const auth = (init?.headers as Record<string, string> | undefined)?.Authorization;
    if (auth !== `Basic ${btoa('me@acme.test:jt')}`) violations.push(`request without the credential: ${url}`);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      clock += JIRA_REQUEST_MS;
      const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
      if (kind === 'jira-search') return search(body);
      if (kind === 'jira-changelog') return changelogs(body);
      if (path === '/rest/api/3/field') return json(200, []);
      violations.push(`unexpected request ${init?.method ?? 'GET'} ${path}`);
      return json(404, { errorMessages: ['Not found'] });
    } finally {
      inFlight--;
    }
  };
  return { fetch, sent, violations, maxInFlight: () => maxInFlight };
}

// ---------------------------------------------------------------------------------------------
// The driver: the real sync, woken as Chrome would wake it

async function configure(team: Partial<Settings['team']>) {
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, team: { ...DEFAULT_SETTINGS.team, ...team } });
}

/** A worker's sync: a fresh page reader and sync object over the shared storage and cache, as a new service worker makes them. */
function worker(fetch: Fetch, cache: FlowCache, alarms: AlarmsApi) {
  const now = () => clock;
  const providers = createProviderState();
  // The sync's own waits (http.ts retries) pass on the test's clock.
  const pacing = { limiter: createHostLimiter(), random: () => 0, sleep: async (ms: number) => void (clock += ms) };
  const secrets = { ...NO_SECRETS, githubTokens: { 'github.com': 'ghp_team' }, jiraCredentials: { [SITE]: { kind: 'cloud-token' as const, email: 'me@acme.test', token: 'jt' } } };
  const readPage = createPageReader({ cache: async () => cache, fetch, now, loadSettings, loadSecrets: async () => secrets, holds: createRateHolds(), providers: { ...providers, pacing } });
  return createTeamSync({ now, loadSettings, readPage, alarms });
}

/** One wake-up: when it began and ended on the test's clock. */
interface Slice {
  from: number;
  to: number;
}

/**
 * Wakes the sync as Chrome would: `first` (a run or a resume), then each follow-up alarm when it
 * is due, until no run is stored. Answers each wake-up's span.
 */
async function driveToEnd(first: () => Promise<unknown>, sync: () => ReturnType<typeof createTeamSync>, set: Map<string, { scheduledTime: number }>): Promise<Slice[]> {
  const slices: Slice[] = [];
  const wake = async (call: () => Promise<unknown>) => {
    const from = clock;
    await call();
    slices.push({ from, to: clock });
  };
  await wake(first);
  for (let guard = 0; (await loadTeamState()).run && guard < 200; guard++) {
    const due = set.get(TEAM_SYNC_CONTINUE_ALARM);
    expect(due, 'a paused run has its follow-up alarm').toBeDefined();
    set.delete(TEAM_SYNC_CONTINUE_ALARM);
    clock = Math.max(clock, due!.scheduledTime);
    await wake(() => sync().resume());
  }
  return slices;
}

/** The finished items' cycle times a done source kept, sorted. */
function doneCycleTimes(state: TeamState, part: string): number[] {
  return Object.entries(state.bySource ?? {}).filter(([id]) => id.includes(':done:') && id.includes(part)).flatMap(([, r]) => r.cycleTimesMs).sort((a, b) => a - b);
}

/** Resolves once `done()` holds (the sync's work is promises and storage, not timers). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 0));
}

function report(title: string, lines: Record<string, unknown>) {
  console.log(`${title}\n${Object.entries(lines).map(([k, v]) => `  ${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('\n')}`);
}

beforeEach(() => {
  fakeBrowser.reset();
  clock = START;
});

describe('team sync at scale: 5 GitHub repositories, 1,000 open and 5,000 finished in 90 days', () => {
  const items = githubTeam();
  const openKeys = items.filter((i) => i.open).map((i) => `github:${i.repo}#${i.number}`).sort();
  const finished = items.filter((i) => !i.open && i.closedAt! >= START - 90 * DAY);
  const expectedCycleTimes = finished.map((i) => i.closedAt! - i.createdAt).sort((a, b) => a - b);

  async function uninterrupted() {
    await configure({ githubRepos: REPOS });
    const github = standInGithub(items);
    const cache = new FlowCache(memoryRecordStore());
    const { alarms, set } = testAlarms();
    const sync = () => worker(github.fetch, cache, alarms);
    const slices = await driveToEnd(() => sync().run(), sync, set);
    return { github, slices, state: await loadTeamState(), cache };
  }

  it('keeps every open key and every finished item, within GitHub’s limits every minute and hour, in short wake-ups', async () => {
    const { github, slices, state, cache } = await uninterrupted();
    expect(github.violations).toEqual([]);
    expect(github.limited).toEqual([]);
    expect(state.run).toBeUndefined();
    expect(state.lastErrors).toEqual([]);
    expect(state.lastGoodAt).toBe(clock);
    // Every open item of the five repositories, each once.
    expect([...state.openKeys].sort()).toEqual(openKeys);
    // Every item finished in the 90 days (none before), by its unique cycle time, per source…
    expect(doneCycleTimes(state, '')).toEqual(expectedCycleTimes);
    for (const repo of REPOS) expect(doneCycleTimes(state, repo)).toHaveLength(DONE_PER_REPO);
    // …of which the team's percentiles keep MAX_CYCLE_TIMES, as the sync says.
    expect(state.cycleTimesMs).toHaveLength(MAX_CYCLE_TIMES);
    expect(state.timeShares).toHaveLength(MAX_CYCLE_TIMES);
    // Each page's items went to the cache for the badges and the popup.
    expect((await cache.read('item', openKeys.slice(0, 50), clock, Infinity)).size).toBe(50);

    const graphql = github.sent.filter((s) => s.kind === 'graphql');
    const rest = github.sent.filter((s) => s.kind === 'rest');
    // 5 × (200 / 50 + 1,000 / 50) search pages, each 12 points by GitHub's formula.
    expect(graphql).toHaveLength(REPOS.length * (OPEN_PER_REPO / 50 + DONE_PER_REPO / 50));
    const points = graphql.reduce((sum, s) => sum + s.points, 0);
    const figures = {
      requests: github.sent.length,
      graphqlRequests: graphql.length,
      restRequests: rest.length,
      graphqlPoints: points,
      searchesPeakPerMinute: peak(graphql, MINUTE),
      graphqlPointsPeakPerMinute: peak(graphql, MINUTE, (s) => s.points),
      graphqlPointsPeakPerHour: peak(graphql, HOUR, (s) => s.points),
      restPeakPerMinute: peak(rest, MINUTE),
      maxConcurrent: github.maxInFlight(),
      wakeUps: slices.length,
      longestWakeUpMs: Math.max(...slices.map((s) => s.to - s.from)),
      wakeUpsMs: slices.map((s) => s.to - s.from),
      wholeRunMs: clock - START,
    };
    report('GitHub team sync', figures);
    expect(figures.searchesPeakPerMinute).toBeLessThanOrEqual(30);
    expect(figures.graphqlPointsPeakPerHour).toBeLessThanOrEqual(5_000);
    // The secondary limit's points (1 a query) and, stricter, the primary ones, per minute.
    expect(figures.graphqlPointsPeakPerMinute).toBeLessThanOrEqual(2_000);
    expect(figures.restPeakPerMinute).toBeLessThanOrEqual(900);
    expect(rest.length).toBeLessThanOrEqual(5_000);
    expect(figures.maxConcurrent).toBeLessThanOrEqual(100);
    // No wake-up reads past SLICE_MS and one page, nowhere near Chrome's 5 minutes.
    expect(figures.longestWakeUpMs).toBeLessThanOrEqual(SLICE_MS + GITHUB_PAGE_MS);
    expect(slices.length).toBeGreaterThan(1);
    // The whole run ends well within the hour a stored run is kept for.
    expect(figures.wholeRunMs).toBeLessThan(HOUR);
  }, 60_000);

  it.each([7, 45, 101])('a worker stopped at request %i resumes from its saved cursors and keeps the same as an uninterrupted run', async (stopAt) => {
    const whole = await uninterrupted();
    fakeBrowser.reset();
    clock = START;
    await configure({ githubRepos: REPOS });
    const github = standInGithub(items);
    const cache = new FlowCache(memoryRecordStore());
    const { alarms, set } = testAlarms();
    const sync = () => worker(github.fetch, cache, alarms);
    // Request `stopAt` never comes back: Chrome stops the worker there, whichever wake-up it is in.
    github.hangAt(stopAt);
    let call: Promise<unknown> = sync().run();
    for (let guard = 0; guard < 50; guard++) {
      const paused = await Promise.race([call.then(() => true), until(() => github.sent.length >= stopAt).then(() => false)]);
      if (!paused) break;
      const due = set.get(TEAM_SYNC_CONTINUE_ALARM)!;
      set.delete(TEAM_SYNC_CONTINUE_ALARM);
      clock = Math.max(clock, due.scheduledTime);
      call = sync().resume();
    }
    expect(github.sent).toHaveLength(stopAt);
    expect((await loadTeamState()).run).toBeDefined();
    github.stopHanging();
    // A new worker, on the same storage, 5 s later; then the follow-up alarms as they fire.
    clock += 5_000;
    const resumed = await driveToEnd(() => sync().resume(), sync, set);
    const state = await loadTeamState();
    expect(github.violations).toEqual([]);
    expect(github.limited).toEqual([]);
    expect(state.run).toBeUndefined();
    expect([...state.openKeys].sort()).toEqual([...whole.state.openKeys].sort());
    expect(doneCycleTimes(state, '')).toEqual(doneCycleTimes(whole.state, ''));
    expect(state.lastErrors).toEqual([]);
    // Resumed, not started over: only the page the stop cut is asked twice.
    expect(github.sent.filter((s) => s.kind === 'graphql')).toHaveLength(whole.github.sent.filter((s) => s.kind === 'graphql').length + 1);
    const graphql = github.sent.filter((s) => s.kind === 'graphql');
    report(`GitHub team sync stopped at request ${stopAt}`, { searchesPeakPerMinute: peak(graphql, MINUTE), longestWakeUpMsAfterStop: Math.max(...resumed.map((s) => s.to - s.from)), wakeUpsAfterStop: resumed.length });
    expect(peak(graphql, MINUTE)).toBeLessThanOrEqual(30);
    expect(Math.max(...resumed.map((s) => s.to - s.from))).toBeLessThanOrEqual(SLICE_MS + GITHUB_PAGE_MS);
  }, 60_000);
});

describe('team sync at scale: a Jira Cloud team JQL, 1,000 open and 5,000 resolved in 90 days', () => {
  it('keeps every open key and every resolved issue, in pages Jira allows, in short wake-ups', async () => {
    const issues = jiraTeam();
    await configure({ jiraQueries: [{ site: SITE, jql: TEAM_JQL }] });
    const jira = standInJira(issues);
    const cache = new FlowCache(memoryRecordStore());
    const { alarms, set } = testAlarms();
    const sync = () => worker(jira.fetch, cache, alarms);
    const slices = await driveToEnd(() => sync().run(), sync, set);
    const state = await loadTeamState();
    expect(jira.violations).toEqual([]);
    expect(state.run).toBeUndefined();
    expect(state.lastErrors).toEqual([]);
    expect([...state.openKeys].sort()).toEqual(issues.filter((i) => !i.resolved).map((i) => `jira:${SITE}/${i.key}`).sort());
    const expected = issues.filter((i) => i.resolved).map((i) => i.resolved! - i.created).sort((a, b) => a - b);
    expect(doneCycleTimes(state, '')).toEqual(expected);
    expect(state.cycleTimesMs).toHaveLength(MAX_CYCLE_TIMES);

    const searches = jira.sent.filter((s) => s.kind === 'jira-search');
    const changelogs = jira.sent.filter((s) => s.kind === 'jira-changelog');
    // 1,000 / 100 + 5,000 / 100 search pages, one changelog bulk fetch for each.
    expect(searches).toHaveLength(JIRA_OPEN / 100 + JIRA_DONE / 100);
    const figures = {
      requests: jira.sent.length,
      searches: searches.length,
      changelogFetches: changelogs.length,
      other: jira.sent.length - searches.length - changelogs.length,
      requestsPeakPerSecond: peak(jira.sent, 1_000),
      requestsPeakPerMinute: peak(jira.sent, MINUTE),
      searchesPeakPerMinute: peak(searches, MINUTE),
      maxConcurrent: jira.maxInFlight(),
      wakeUps: slices.length,
      longestWakeUpMs: Math.max(...slices.map((s) => s.to - s.from)),
      wholeRunMs: clock - START,
    };
    report('Jira team sync', figures);
    // Atlassian publishes no figure for API-token traffic (its burst limits are per second and
    // per endpoint); the sync keeps to one request at a time, a few a second at most.
    expect(figures.maxConcurrent).toBe(1);
    expect(figures.requestsPeakPerSecond).toBeLessThanOrEqual(2);
    expect(figures.longestWakeUpMs).toBeLessThanOrEqual(SLICE_MS + 2 * JIRA_REQUEST_MS);
    expect(figures.wholeRunMs).toBeLessThan(HOUR);
  }, 60_000);
});
