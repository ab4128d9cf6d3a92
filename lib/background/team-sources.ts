/**
 * The searches the team sync runs, from the team settings. Each configured entry is two
 * sources: its open items (what the team has on its plate) and its items finished in the last
 * 90 days (their cycle times give the aging chart's percentiles).
 *  - a repository `owner/name` (or `host/owner/name` on Enterprise Server): `repo:owner/name is:open`;
 *  - a GitHub query as the user wrote it;
 *  - a Jira JQL query on its site.
 */
import { withoutOrderBy } from '../providers/jira/search';
import type { Settings } from '../storage/settings';
import { DAY } from '../flow/time';

/** How far back finished items count for cycle times. */
export const HISTORY_DAYS = 90;

/** One search of the sync. */
export interface TeamSource {
  /** Stable across runs and days (see `sourceId`): run cursors and per-source results use it. */
  id: string;
  kind: 'github' | 'jira';
  /** GitHub host or Jira site. */
  host: string;
  /** `open`: the team's open items; `done`: those finished in the last 90 days. */
  part: 'open' | 'done';
  /** The search to run now (`done` ones carry today's date). */
  query: string;
  /** How the user knows it, for messages: the entry as configured. */
  label: string;
}

/** The id of a source: its kind, host, part and the configured entry (never the date). */
export function sourceId(kind: TeamSource['kind'], host: string, part: TeamSource['part'], entry: string): string {
  return `${kind}:${host}:${part}:${entry}`;
}

/** Every source of the team settings at `now`. */
export function teamSources(team: Settings['team'], now: number): TeamSource[] {
  const github = [
    ...team.githubRepos.map((repo) => repoEntry(repo)),
    ...team.githubQueries.map(({ host, query }) => ({ host, query, label: query })),
  ];
  const since = new Date(now - HISTORY_DAYS * DAY).toISOString().slice(0, 10);
  return [
    ...github.flatMap(({ host, query, label }) => [
      { id: sourceId('github', host, 'open', query), kind: 'github' as const, host, part: 'open' as const, query, label },
      { id: sourceId('github', host, 'done', query), kind: 'github' as const, host, part: 'done' as const, query: githubHistoryQuery(query, since), label: `${label} (finished)` },
    ]),
    ...team.jiraQueries.flatMap(({ site, jql }) => [
      { id: sourceId('jira', site, 'open', jql), kind: 'jira' as const, host: site, part: 'open' as const, query: jql, label: jql },
      { id: sourceId('jira', site, 'done', jql), kind: 'jira' as const, host: site, part: 'done' as const, query: jiraHistoryJql(jql), label: `${jql} (finished)` },
    ]),
  ];
}

/** `owner/name` on github.com, or `host/owner/name`, as a search of its open items. */
function repoEntry(repo: string): { host: string; query: string; label: string } {
  const parts = repo.split('/');
  const host = parts.length === 3 ? parts[0]!.toLowerCase() : 'github.com';
  return { host, query: `repo:${parts.slice(-2).join('/')} is:open`, label: repo };
}

/** The query's items closed since `since` (YYYY-MM-DD): its open-only qualifiers dropped. */
export function githubHistoryQuery(query: string, since: string): string {
  const base = query.replace(/(^|\s)(is|state):open(?=\s|$)/gi, ' ').replace(/\s+/g, ' ').trim();
  return `${base} is:closed closed:>=${since}`.trim();
}

/**
 * The JQL's issues resolved in the last 90 days, newest first. A top-level "not done" clause
 * (`statusCategory != Done`, `resolution = Unresolved`, `resolution is EMPTY`) is dropped first,
 * as `is:open` is on GitHub; with an OR in the query that would change its meaning, so it stays.
 */
export function jiraHistoryJql(jql: string): string {
  let base = withoutOrderBy(jql);
  if (!/\bor\b/i.test(base)) {
    const notDone = String.raw`(statusCategory\s*(!=|not\s+in)\s*\(?\s*["']?done["']?\s*\)?|resolution\s*(=\s*["']?unresolved["']?|is\s+empty))`;
    base = base
      .replace(new RegExp(String.raw`\s+and\s+${notDone}(?=\s|$)`, 'gi'), '')
      .replace(new RegExp(String.raw`^\s*${notDone}\s+and\s+`, 'i'), '')
      .replace(new RegExp(String.raw`^\s*${notDone}\s*$`, 'i'), '');
  }
  const scope = base.trim() ? `(${base.trim()}) AND ` : '';
  return `${scope}statusCategory = Done AND resolved >= -${HISTORY_DAYS}d ORDER BY resolved DESC`;
}
