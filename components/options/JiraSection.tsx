/**
 * Jira on the options page: the sites FlowLens reads (Jira Cloud is read with your own session;
 * a Data Center host needs a permission, asked for here), and whether GitHub pages may show the
 * Jira tickets a pull request names — off by default, because the host page can read what
 * FlowLens renders into it.
 */
import { useState } from 'preact/hooks';
import type { OptionsStore } from './Options';

const HOST_SHAPE = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d{1,5})?$/;

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
  const [error, setError] = useState('');
  const add = (event: Event) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('site') as HTMLInputElement;
    const site = input.value.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    if (!HOST_SHAPE.test(site)) return setError('Enter a Jira site, like acme.atlassian.net or jira.example.com.');
    if (props.sites.includes(site)) return setError(`${site} is already added.`);
    setError('');
    // The permission prompt must open inside this click: nothing is awaited before it.
    void props.store.requestHost(site).then((granted) => {
      if (!granted) return setError(`FlowLens needs permission to read ${site}.`);
      input.value = '';
      props.onSites([...props.sites, site]);
      props.onNotice(`Added ${site}.`);
    });
  };
  return (
    <section>
      <h2>Jira</h2>
      <p>Jira Cloud pages are read with your own Jira session; nothing to set up. Add a site to show its tickets on GitHub.</p>
      <form onSubmit={add} class="field">
        <label>
          Jira site
          <input name="site" type="text" placeholder="acme.atlassian.net" autocomplete="off" aria-invalid={error ? 'true' : 'false'} aria-describedby="site-error" />
        </label>
        <button type="submit">Add site</button>
        {props.sites.map((site) => (
          <button key={site} type="button" onClick={() => props.onSites(props.sites.filter((s) => s !== site))}>
            Remove {site}
          </button>
        ))}
        <p id="site-error" class="error" role="alert">
          {error}
        </p>
      </form>
      <label class="check">
        <input type="checkbox" checked={props.crossSource} onChange={(event) => props.onCrossSource((event.currentTarget as HTMLInputElement).checked)} />
        Show the Jira tickets a pull request names on GitHub pages (GitHub’s page can read what FlowLens shows)
      </label>
    </section>
  );
}
