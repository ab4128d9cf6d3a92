/**
 * The options page's probes of GitHub that need the stored token: does a search query work?
 * (Probes test the user's connection and queries; "checks" are CI check runs.)
 */
import type { Result } from '../protocol';
import type { Fetch, HttpPacing } from '../providers/http';
import { own } from '../own';
import { countGithubSearch } from '../providers/github/search-items';
import type { Secrets } from '../storage/settings';

/** What the probes need from the background. */
export interface GithubProbeDeps {
  fetch: Fetch;
  now: () => number;
  loadSecrets: () => Promise<Secrets>;
  /** The background's per-host cap, shared with every other request. */
  pacing?: HttpPacing;
}

/** Creates the `github/check-query` handler: the number of matches, or GitHub's reason. */
export function createGithubQueryProbe(deps: GithubProbeDeps) {
  return async (host: string, query: string): Promise<Result<{ count: number }>> => {
    const token = own((await deps.loadSecrets()).githubTokens, host);
    return countGithubSearch(query, { fetch: deps.fetch, host, now: deps.now(), ...(token ? { token } : {}), ...(deps.pacing ? { pacing: deps.pacing } : {}) });
  };
}
