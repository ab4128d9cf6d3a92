/**
 * Jira on the options page: the sites FlowLens reads (Jira Cloud is read with your own session;
 * a Data Center host needs a permission, asked for here) and how FlowLens signs in to each.
 * Whether their data shows on GitHub pages is CrossSourceSection's.
 */
import type { Client } from '../../lib/client';
import type { JiraCredential } from '../../lib/storage/settings';
import { Section } from './fields';
import { HostListForm } from './HostListForm';
import { JiraCredentialForm } from './JiraCredentialForm';
import type { OptionsStore, Save } from './types';

/** Props of the section. */
export interface JiraSectionProps {
  sites: string[];
  credentialSites: string[];
  /** Why credentials can be neither seen nor changed here; said instead of the sign-in forms. */
  secretsProblem?: string | undefined;
  send: Client;
  store: OptionsStore;
  save: Save;
  /** Updates the sites that have a credential, from the latest list (several changes may come at once). */
  onCredentialSites: (update: (sites: string[]) => string[]) => void;
  onNotice: (text: string) => void;
}

/** Jira sites and their sign-in. */
export function JiraSection(props: JiraSectionProps) {
  const setCredential = async (site: string, credential: JiraCredential | null) => {
    const outcome = await props.store.setJiraCredential(site, credential);
    if (outcome.ok) props.onCredentialSites((sites) => [...sites.filter((s) => s !== site), ...(credential ? [site] : [])]);
    return outcome;
  };
  return (
    <Section id="jira" title="Jira">
      <p>Jira Cloud pages are read with your own Jira session; nothing to set up. Add a site to sync its JQL, show its tickets on GitHub, or to read a Data Center host.</p>
      <HostListForm
        name="site"
        label="Jira site"
        placeholder="acme.atlassian.net"
        addLabel="Add site"
        hosts={props.sites}
        invalid="Enter a Jira site, like acme.atlassian.net or jira.example.com."
        added={(site) => `Added ${site}.`}
        denied={(site) => `FlowLens needs permission to read ${site}.`}
        store={props.store}
        onHosts={async (jiraSites) => {
          const problem = await props.save({ jiraSites });
          if (problem) return problem;
          // A removed site's credential goes with it.
          for (const site of props.credentialSites.filter((s) => !jiraSites.includes(s))) {
            const removed = await setCredential(site, null);
            if (!removed.ok) return removed.message;
          }
          return undefined;
        }}
        onNotice={props.onNotice}
      />
      {props.secretsProblem && props.sites.length > 0 ? (
        <p class="error" role="alert" data-testid="jira-secrets-problem">
          Jira credentials cannot be shown or changed here. {props.secretsProblem}
        </p>
      ) : null}
      {props.secretsProblem ? null : props.sites.map((site) => (
        <JiraCredentialForm key={site} site={site} hasCredential={props.credentialSites.includes(site)} send={props.send} setCredential={setCredential} onNotice={props.onNotice} />
      ))}
    </Section>
  );
}
