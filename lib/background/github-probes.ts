/**
 * The options page's probes of GitHub that need the stored token: does a search query work?
 * (Probes test the user's connection and queries; "checks" are CI check runs.)
 */
import type { Result } from '../protocol';
import { own } from '../own';
import { countGithubSearch } from '../providers/github/search-items';
import type { ProbeDeps } from './world';


/** Creates the `github/check-query` handler: the number of matches, or GitHub's reason. */
export function createGithubQueryProbe(deps: ProbeDeps) {
  return async (host: string, query: string): Promise<Result<{ count: number }>> => {
    const token = own((await deps.loadSecrets()).githubTokens, host);
    return countGithubSearch(query, { fetch: deps.fetch, host, now: deps.now(), ...(token ? { token } : {}), ...(deps.pacing ? { pacing: deps.pacing } : {}) });
  };
}
