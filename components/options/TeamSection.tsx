/**
 * The team: where its work is (repositories, GitHub searches, Jira JQL), who is in it, who "me"
 * is, and what it owns. The popup's summary and the background sync read these.
 */
import type { Client } from '../../lib/client';
import type { Settings, TeamSettings } from '../../lib/storage/settings';
import { ListField, Section } from './fields';
import { QueryList, type CheckReport, type QueryEntry } from './QueryList';
import type { Save } from './types';

/** Props of the section. */
export interface TeamSectionProps {
  settings: Settings;
  send: Client;
  save: Save;
}

const REPO = /^(([a-z0-9.-]+(:\d{1,5})?)\/)?[a-z0-9_.-]+\/[a-z0-9_.-]+$/i;
const CLOUD = /\.atlassian\.net$/;

/** Checks a repository entry: its shape, and that an Enterprise host is one FlowLens may read. */
export function repoProblem(entry: string, githubHosts: string[]): string | undefined {
  const match = REPO.exec(entry);
  if (!match) return 'enter a repository as owner/name, or host/owner/name for GitHub Enterprise Server.';
  const host = match[2]?.toLowerCase();
  if (host && host !== 'github.com' && !githubHosts.includes(host)) return `add ${host} under GitHub first, so FlowLens may read it.`;
  return undefined;
}

async function checkGithubQuery(send: Client, entry: QueryEntry): Promise<CheckReport> {
  const answer = await send({ type: 'github/check-query', host: entry.host, query: entry.text });
  if (!answer.ok) return { verdict: 'unknown', message: `Not checked: ${answer.error.message}` };
  const { count } = answer.data;
  return { verdict: 'accepted', message: `GitHub finds ${count} item${count === 1 ? '' : 's'} for this query.` };
}

async function checkJql(send: Client, entry: QueryEntry): Promise<CheckReport> {
  const answer = await send({ type: 'jira/check-jql', host: entry.host, jql: entry.text });
  if (!answer.ok) return { verdict: 'unknown', message: `Not checked: ${answer.error.message}` };
  if (answer.data.errors.length > 0) return { verdict: 'rejected', message: `Jira says: ${answer.data.errors.join(' ')}` };
  return { verdict: 'accepted', message: 'Jira accepts this JQL.' };
}

/** The team section. */
export function TeamSection({ settings, send, save }: TeamSectionProps) {
  const team = settings.team;
  const saveTeam = (patch: Partial<TeamSettings>) => save((current) => ({ team: { ...current.team, ...patch } }));
  const githubHosts = ['github.com', ...settings.githubHosts];
  return (
    <Section id="team" title="Team">
      <p>What your team works on. The popup sums it up, and FlowLens keeps it fresh in the background.</p>
      <ListField
        id="team-repos"
        label="GitHub repositories, one per line"
        hint="owner/name, or host/owner/name on GitHub Enterprise Server. Their open pull requests and issues are the team’s."
        placeholder="octo-org/api"
        value={team.githubRepos}
        check={(entry) => repoProblem(entry, settings.githubHosts)}
        onSave={(githubRepos) => saveTeam({ githubRepos })}
      />
      <QueryList
        id="github-queries"
        legend="GitHub searches"
        hint="GitHub search queries, e.g. is:pr is:open team-review-requested:octo-org/api-team."
        hostLabel="Host"
        textLabel="Search query"
        placeholder="is:pr is:open team-review-requested:octo-org/api-team"
        hosts={githubHosts}
        maxLength={1000}
        entries={team.githubQueries.map(({ host, query }) => ({ host, text: query }))}
        checkHost={(host) => (githubHosts.includes(host) ? undefined : `Add ${host || 'the host'} under GitHub first, or pick github.com.`)}
        check={(entry) => checkGithubQuery(send, entry)}
        onSave={(entries) => saveTeam({ githubQueries: entries.map(({ host, text }) => ({ host, query: text })) })}
      />
      <QueryList
        id="jira-queries"
        legend="Jira JQL"
        hint="A JQL query per Jira site, e.g. project = PAY AND statusCategory != Done."
        hostLabel="Site"
        textLabel="JQL"
        placeholder="project = PAY AND statusCategory != Done"
        hosts={settings.jiraSites}
        maxLength={1000}
        entries={team.jiraQueries.map(({ site, jql }) => ({ host: site, text: jql }))}
        checkHost={(site) => (CLOUD.test(site) || settings.jiraSites.includes(site) ? undefined : `Add ${site || 'the site'} under Jira sites first, so FlowLens may read it.`)}
        check={(entry) => checkJql(send, entry)}
        onSave={(entries) => saveTeam({ jiraQueries: entries.map(({ host, text }) => ({ site: host, jql: text })) })}
      />
      <ListField id="team-members" label="Members, one per line" hint="GitHub logins and Jira names of the team: the popup can filter by them." value={team.members} onSave={(members) => saveTeam({ members })} />
      <ListField id="team-me" label="Me, one per line" hint="Your own GitHub login and Jira name, for “my items” and notifications." max={10} value={team.me} onSave={(me) => saveTeam({ me })} />
      <ListField
        id="team-containers"
        label="The team’s own projects and repositories, one per line"
        hint="Jira project keys and repositories (PAY, octo-org/api). A blocker outside them is another team’s."
        value={team.containers}
        onSave={(containers) => saveTeam({ containers })}
      />
    </Section>
  );
}
