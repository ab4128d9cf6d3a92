/**
 * Jira on the options page: the sites FlowLens reads (Jira Cloud is read with your own session;
 * a Data Center host needs a permission, asked for here), and whether GitHub pages may show the
 * Jira tickets a pull request names — off by default, because the host page can read what
 * FlowLens renders into it.
 */
import { HostListForm } from './HostListForm';
import type { OptionsStore } from './Options';

/** Props of the section. */
export interface JiraSectionProps {
  sites: string[];
  crossSource: boolean;
  store: OptionsStore;
  onSites: (sites: string[]) => void;
  onCrossSource: (on: boolean) => void;
  onNotice: (text: string) => void;
}

/** Jira sites and the cross-source switch. */
export function JiraSection(props: JiraSectionProps) {
  return (
    <section>
      <h2>Jira</h2>
      <p>Jira Cloud pages are read with your own Jira session; nothing to set up. Add a site to show its tickets on GitHub.</p>
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
        onHosts={props.onSites}
        onNotice={props.onNotice}
      />
      <label class="check">
        <input type="checkbox" checked={props.crossSource} onChange={(event) => props.onCrossSource((event.currentTarget as HTMLInputElement).checked)} />
        Show the Jira tickets a pull request names on GitHub pages (GitHub’s page can read what FlowLens shows)
      </label>
    </section>
  );
}
