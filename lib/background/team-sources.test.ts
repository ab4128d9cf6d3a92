import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../storage/settings';
import { githubHistoryQuery, jiraHistoryJql, teamSources } from './team-sources';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const team = (patch: Partial<typeof DEFAULT_SETTINGS.team>) => ({ ...DEFAULT_SETTINGS.team, ...patch });

describe('team sources', () => {
  it('makes an open and a finished search of each repository, on its own host', () => {
    const sources = teamSources(team({ githubRepos: ['octo-org/api', 'git.example.com/team/app'] }), NOW);
    expect(sources.map((s) => [s.host, s.part, s.query])).toEqual([
      ['github.com', 'open', 'repo:octo-org/api is:open'],
      ['github.com', 'done', 'repo:octo-org/api is:closed closed:>=2026-08-30'],
      ['git.example.com', 'open', 'repo:team/app is:open'],
      ['git.example.com', 'done', 'repo:team/app is:closed closed:>=2026-08-30'],
    ]);
    expect(sources[0]!.label).toBe('octo-org/api');
  });

  it('keeps ids across days, so a run resumed after midnight still matches', () => {
    const today = teamSources(team({ githubRepos: ['octo-org/api'] }), NOW).map((s) => s.id);
    const tomorrow = teamSources(team({ githubRepos: ['octo-org/api'] }), NOW + 86_400_000).map((s) => s.id);
    expect(tomorrow).toEqual(today);
    expect(new Set(today).size).toBe(2);
  });

  it('runs GitHub queries as written and Jira JQL on its site', () => {
    const sources = teamSources(team({ githubQueries: [{ host: 'github.com', query: 'is:pr state:open team-review-requested:org/t' }], jiraQueries: [{ site: 'acme.atlassian.net', jql: 'project = PAY ORDER BY rank' }] }), NOW);
    expect(sources.map((s) => [s.kind, s.part, s.query])).toEqual([
      ['github', 'open', 'is:pr state:open team-review-requested:org/t'],
      ['github', 'done', 'is:pr team-review-requested:org/t is:closed closed:>=2026-08-30'],
      ['jira', 'open', 'project = PAY ORDER BY rank'],
      ['jira', 'done', '(project = PAY) AND statusCategory = Done AND resolved >= -90d ORDER BY resolved DESC'],
    ]);
  });
});

describe('history queries', () => {
  it('drops only whole open-only qualifiers from GitHub queries', () => {
    expect(githubHistoryQuery('is:open repo:a/b is:pr', '2026-01-01')).toBe('repo:a/b is:pr is:closed closed:>=2026-01-01');
    expect(githubHistoryQuery('label:is:openish', '2026-01-01')).toBe('label:is:openish is:closed closed:>=2026-01-01');
  });

  it('drops a top-level "not done" clause from JQL, which would leave nothing finished', () => {
    expect(jiraHistoryJql('project = PAY AND statusCategory != Done')).toBe('(project = PAY) AND statusCategory = Done AND resolved >= -90d ORDER BY resolved DESC');
    expect(jiraHistoryJql('resolution = Unresolved AND project = PAY ORDER BY created')).toBe('(project = PAY) AND statusCategory = Done AND resolved >= -90d ORDER BY resolved DESC');
    expect(jiraHistoryJql('statusCategory != "Done"')).toBe('statusCategory = Done AND resolved >= -90d ORDER BY resolved DESC');
  });

  it('leaves a JQL with OR as it is', () => {
    expect(jiraHistoryJql('project = A OR project = B AND resolution is EMPTY')).toBe('(project = A OR project = B AND resolution is EMPTY) AND statusCategory = Done AND resolved >= -90d ORDER BY resolved DESC');
  });
});
