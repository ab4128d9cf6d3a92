/**
 * The two cross-source opt-ins, one per direction, each off by default: what FlowLens puts into
 * a page of one service is read from the other with the user's credentials, and the page's own
 * scripts can read it (FlowLens's badges are open shadow roots). The words name the hosts each
 * one joins, as the settings are now: only Jira sites added on this page, only GitHub hosts
 * with a token.
 */
import type { Settings } from '../../lib/storage/settings';
import { CheckField, Section } from './fields';
import type { Save } from './types';

/** Props of the section. */
export interface CrossSourceSectionProps {
  settings: Pick<Settings, 'jiraSites' | 'githubHosts' | 'jiraOnGithub' | 'pullsOnJira'>;
  githubTokenHosts: string[];
  save: Save;
}

/** "a, b and c", or what to do first when there is none. */
function named(hosts: string[], none: string): string {
  if (hosts.length === 0) return none;
  return hosts.length === 1 ? hosts[0]! : `${hosts.slice(0, -1).join(', ')} and ${hosts.at(-1)}`;
}

/** The cross-source section. */
export function CrossSourceSection({ settings, githubTokenHosts, save }: CrossSourceSectionProps) {
  // github.com is always read; an Enterprise host only once added. Either joins only with a token.
  const github = named(['github.com', ...settings.githubHosts].filter((host) => githubTokenHosts.includes(host)), 'no GitHub host yet (save a GitHub token first)');
  const jira = named(settings.jiraSites, 'no Jira site yet (add one under Jira first)');
  return (
    <Section id="cross-source" title="GitHub and Jira together">
      <p>
        Each of these puts data of one service into the other’s pages. Both are off by default: a page’s own scripts can read everything FlowLens shows in it.
      </p>
      <CheckField
        id="jira-on-github"
        label="Show the Jira tickets a pull request names on GitHub pages"
        hint={`Shown on pages of ${github}: the key, title and flow state of each Jira ticket a pull request names in its title or branch (at most 10 per pull request), in the pull request’s card. Read from ${jira}, each ticket only from the site that has its project. GitHub’s own scripts on those pages can read it.`}
        checked={settings.jiraOnGithub}
        onSave={(jiraOnGithub) => save({ jiraOnGithub })}
      />
      <CheckField
        id="pulls-on-jira"
        label="Show the pull requests that name a Jira ticket on Jira pages"
        hint={`Shown on issue pages of ${jira}: the repository, number, title and state of the pull requests whose title names the issue’s key, private repositories included, in the issue’s card. Searched on ${github} with your token. Jira’s own scripts on those pages can read it.`}
        checked={settings.pullsOnJira}
        onSave={(pullsOnJira) => save({ pullsOnJira })}
      />
    </Section>
  );
}
