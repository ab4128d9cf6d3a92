/** The options page's probes of a Jira site, with the site's saved credential read here (it never leaves). */
import { checkJiraAccess, checkJiraJql } from '../providers/jira/check';
import { credentialFor } from '../providers/jira/credentials';
import type { ProbeDeps } from './world';


/** `access(host)` and `jql(host, jql)` for the router's `jira/check-access` and `jira/check-jql`. */
export function createJiraProbes(deps: ProbeDeps) {
  async function context(host: string) {
    const credential = credentialFor(await deps.loadSecrets(), host);
    return { fetch: deps.fetch, host, now: deps.now(), ...(credential ? { credential } : {}), ...(deps.pacing ? { pacing: deps.pacing } : {}) };
  }
  return {
    access: async (host: string) => checkJiraAccess(await context(host)),
    jql: async (host: string, jql: string) => checkJiraJql(await context(host), jql),
  };
}
