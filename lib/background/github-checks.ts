/** The options page's GitHub checks that need the stored token: does a search query work? */
import type { Result } from '../messaging';
import type { Fetch, HttpPacing } from '../providers/http';
import { own } from '../own';
import { countGithubSearch } from '../providers/github/search-items';
import type { Secrets } from '../storage/settings';

/** What the checks need from the background. */
export interface GithubChecksDeps {
  fetch: Fetch;
  now: () => number;
  loadSecrets: () => Promise<Secrets>;
  /** The background's per-host cap, shared with every other request. */
  pacing?: HttpPacing;
}

/** Creates the `github/check-query` handler: the number of matches, or GitHub's reason. */
export function createGithubQueryCheck(deps: GithubChecksDeps) {
  return async (host: string, query: string): Promise<Result<{ count: number }>> => {
    const token = own((await deps.loadSecrets()).githubTokens, host);
    return countGithubSearch(query, { fetch: deps.fetch, host, now: deps.now(), ...(token ? { token } : {}), ...(deps.pacing ? { pacing: deps.pacing } : {}) });
  };
}
