/**
 * The welcome page's team step: one repository, typed or pasted as is (a pull request's URL, a
 * clone address), cleaned to `owner/repo` and asked of GitHub before it is added. A repository
 * GitHub does not show is refused with GitHub's answer, and nothing is saved.
 */
import { useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import { cleanRepoInput } from '../../lib/repo-input';

/** Props of the step. */
export interface TeamStepProps {
  send: Client;
  /** The team's repositories as saved. */
  repos: string[];
  /** Enterprise Server hosts the user added (a repository of another host cannot be read). */
  githubHosts: string[];
  /** Saves the team's repositories; resolves to a sentence when it could not. */
  onRepos: (repos: string[]) => Promise<string | undefined>;
}

/** The repository GitHub confirmed, as the settings write it, or why it cannot be added. */
async function confirmRepo(props: TeamStepProps, text: string): Promise<{ entry: string } | { error: string }> {
  const cleaned = cleanRepoInput(text);
  if ('error' in cleaned) return cleaned;
  if (cleaned.host !== 'github.com' && !props.githubHosts.includes(cleaned.host)) return { error: `Add ${cleaned.host} on the options page first, so FlowLens may read it.` };
  if (props.repos.some((repo) => repo.toLowerCase() === cleaned.entry.toLowerCase())) return { error: `${cleaned.entry} is already your team’s.` };
  const answer = await props.send({ type: 'github/check-repo', host: cleaned.host, owner: cleaned.owner, repo: cleaned.repo });
  if (!answer.ok) return { error: answer.error.message };
  return { entry: cleaned.host === 'github.com' ? answer.data.fullName : `${cleaned.host}/${answer.data.fullName}` };
}

/** Where a saved repository's pull requests are listed. */
const pullsUrl = (entry: string) => `https://${entry.split('/').length === 3 ? '' : 'github.com/'}${entry}/pulls`;

/** The repository field, its check, and the repositories already added. */
export function TeamStep(props: TeamStepProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const add = async (event: Event) => {
    event.preventDefault();
    setError('');
    setStatus('Checking with GitHub…');
    const confirmed = await confirmRepo(props, text);
    if ('error' in confirmed) {
      setStatus('');
      return setError(confirmed.error);
    }
    const problem = await props.onRepos([...props.repos, confirmed.entry]);
    if (problem) {
      setStatus('');
      return setError(problem);
    }
    setText('');
    setStatus(`Added ${confirmed.entry}: its open pull requests and issues are your team’s.`);
  };
  return (
    <form onSubmit={add} class="field" data-testid="welcome-team">
      <label for="welcome-repo">Your team’s repository</label>
      <p class="hint" id="welcome-repo-hint">
        owner/name, or paste its address from GitHub as it is (a pull request’s will do).
      </p>
      <input id="welcome-repo" type="text" autocomplete="off" spellcheck={false} placeholder="octo-org/api" value={text} aria-invalid={error ? 'true' : 'false'} aria-describedby="welcome-repo-hint welcome-repo-error" onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)} />
      <button type="submit">Add repository</button>
      <p id="welcome-repo-error" class="error" role="alert" data-testid="welcome-repo-error">
        {error}
      </p>
      <p role="status" data-testid="welcome-repo-status">
        {status}
      </p>
      {props.repos.length > 0 ? (
        <ul class="entries" aria-label="Your team’s repositories">
          {props.repos.map((repo) => (
            <li key={repo}>
              <a href={pullsUrl(repo)}>{repo}: open pull requests</a>
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
