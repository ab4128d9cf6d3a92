/**
 * The welcome page, opened by itself on install (lib/background/welcome.ts): what FlowLens does,
 * then set-up in two steps — a GitHub token, tested at once, and the team's repository — with
 * Jira Cloud needing nothing. Everything else waits on the options page.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { Settings } from '../../lib/storage/settings';
import type { StoredState } from '../../lib/storage/settings-store';
import { TokenField, type SetToken } from '../options/GithubSection';
import type { OptionsStore } from '../options/types';
import { TeamStep } from './TeamStep';

/** What the welcome page needs of storage: the options page's own store, in part. */
export type WelcomeStore = Pick<OptionsStore, 'load' | 'saveSettings' | 'setGithubToken'>;

/** Props of the page. */
export interface WelcomeProps {
  send: Client;
  store: WelcomeStore;
}

/** GitHub's form for a new fine-grained token, on github.com or an Enterprise Server host. */
export function newTokenUrl(host: string): string {
  return `https://${host}/settings/personal-access-tokens/new`;
}

/** The read access FlowLens needs, as GitHub's token form names it (README, "Configure"). */
export const TOKEN_PERMISSIONS = ['Metadata', 'Pull requests', 'Issues', 'Checks'] as const;

/** The welcome page. */
export function Welcome({ send, store }: WelcomeProps) {
  const [state, setState] = useState<StoredState>();
  const [loadError, setLoadError] = useState('');
  const [notice, setNotice] = useState('');
  useEffect(() => {
    store.load().then(setState, (error: unknown) => setLoadError(`FlowLens could not read its settings: ${String(error)}`));
  }, [store]);
  const setToken: SetToken = async (host, token) => {
    const outcome = await store.setGithubToken(host, token);
    if (outcome.ok) setState((old) => old && { ...old, githubTokenHosts: token ? [...new Set([...old.githubTokenHosts, host])] : old.githubTokenHosts.filter((h) => h !== host) });
    return outcome;
  };
  const saveRepos = async (githubRepos: string[]) => {
    const current = state!.settings;
    const next: Settings = { ...current, team: { ...current.team, githubRepos } };
    const result = await store.saveSettings(next);
    if (!result.ok) return result.message;
    setState((old) => old && { ...old, settings: result.settings });
    return undefined;
  };
  if (loadError) return <main class="page welcome"><p role="alert">{loadError}</p></main>;
  if (!state) return <main class="page welcome" aria-busy="true">Loading…</main>;
  return (
    <main class="page welcome">
      <h1>Welcome to FlowLens</h1>
      <p>
        FlowLens puts a badge beside every Jira ticket and GitHub pull request or issue on the pages you already use: how long it has been blocked, what it waits on, and a move to unblock it. Set-up takes two steps.
      </p>
      <p role="status" class="notice">
        {notice}
      </p>
      <GithubStep send={send} hasToken={state.githubTokenHosts.includes('github.com')} problem={state.secretsProblem} setToken={setToken} onNotice={setNotice} />
      <section aria-labelledby="welcome-team-title">
        <h2 id="welcome-team-title">2. Your team</h2>
        <p>The repository your team works in. The toolbar popup sums up its stuck work; you can add more repositories, searches and Jira JQL later.</p>
        <TeamStep send={send} repos={state.settings.team.githubRepos} githubHosts={state.settings.githubHosts} onRepos={saveRepos} />
      </section>
      <JiraNote />
    </main>
  );
}

/** Props of the GitHub step. */
interface GithubStepProps {
  send: Client;
  hasToken: boolean;
  problem: string | undefined;
  setToken: SetToken;
  onNotice: (text: string) => void;
}

/** Step 1: the link to GitHub's token form, the permissions it needs, and the token field. */
function GithubStep(props: GithubStepProps) {
  return (
    <section aria-labelledby="welcome-github-title">
      <h2 id="welcome-github-title">1. GitHub token</h2>
      <p>
        <a href={newTokenUrl('github.com')} target="_blank" rel="noopener noreferrer">
          Create a fine-grained token on GitHub
        </a>{' '}
        (opens in a new tab). Choose the repositories your team works in and give it read-only access to: {TOKEN_PERMISSIONS.join(', ')}. Paste it here: FlowLens tests it at once.
      </p>
      {props.problem ? (
        <p class="error" role="alert">
          GitHub tokens cannot be saved here. {props.problem}
        </p>
      ) : null}
      <TokenField host="github.com" hasToken={props.hasToken} problem={props.problem} send={props.send} setToken={props.setToken} onNotice={props.onNotice} />
      <p class="hint">Without a token FlowLens still badges public repositories, within GitHub’s limit of 60 requests an hour. On GitHub Enterprise Server the same form is at /settings/personal-access-tokens/new on your host: add the host on the options page.</p>
    </section>
  );
}

/** Jira Cloud needs nothing; Data Center and Server are added on the options page. */
function JiraNote() {
  return (
    <section aria-labelledby="welcome-jira-title">
      <h2 id="welcome-jira-title">Jira</h2>
      <p>
        Jira Cloud (*.atlassian.net) needs nothing: FlowLens reads it with your own logged-in session. For Jira Data Center or Server, <a href="options.html#jira">add your site on the options page</a>.
      </p>
      <p>
        <a href="options.html">All options</a>: more repositories, searches and JQL, working time, rubric moves.
      </p>
    </section>
  );
}
