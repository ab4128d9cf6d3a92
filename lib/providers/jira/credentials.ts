/** How a saved Jira credential is sent, shared by the item fetches, the options page's probes and the team sync. */
import type { JiraCredential, Secrets } from '../../storage/settings';
import { own } from '../../own';

/** The Authorization header of a stored Jira credential (Cloud: email + API token; DC: PAT). */
export function jiraAuthorization(credential: JiraCredential | undefined): string | undefined {
  if (!credential) return undefined;
  if (credential.kind === 'pat') return `Bearer ${credential.token}`;
  return `Basic ${btoa(`${credential.email}:${credential.token}`)}`;
}

/** The saved credential of a site; credentials are kept by host name, without a context path. */
export function credentialFor(secrets: Secrets, site: string): JiraCredential | undefined {
  return own(secrets.jiraCredentials, site.split('/')[0]!.toLowerCase());
}
