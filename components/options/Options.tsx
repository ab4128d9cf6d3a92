/**
 * The options page: every setting of FlowLens, each saved as soon as its value is valid (no save
 * button to forget), each validated in place. Tokens are written, never read back: the page
 * shows only which hosts have one (or why it cannot, e.g. in a private window). A table of
 * contents keeps the long page navigable. Connections (GitHub, Jira) and the team lead; rules,
 * working time, cache and import/export fold under "Advanced", which a link into it opens.
 */
import { useEffect, useRef, useState, type Dispatch, type StateUpdater } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { Settings } from '../../lib/storage/settings';
import type { StoredState } from '../../lib/storage/settings-store';
import { BlockingSection } from './BlockingSection';
import { CacheSection } from './CacheSection';
import { CrossSourceSection } from './CrossSourceSection';
import { GithubSection } from './GithubSection';
import { JiraSection } from './JiraSection';
import { NotificationsSection } from './NotificationsSection';
import { RulesSection } from './RulesSection';
import { SyncSection } from './SyncSection';
import { TeamSection } from './TeamSection';
import { TransferSection } from './TransferSection';
import type { OptionsStore, Save } from './types';
import { WorkingTimeSection } from './WorkingTimeSection';

export type { OptionsStore } from './types';

/** Props of the options page. */
export interface OptionsProps {
  send: Client;
  store: OptionsStore;
}

/** The sections that lead: connections and the team, and what they need day to day. */
const CONTENTS = [
  ['github', 'GitHub'],
  ['jira', 'Jira'],
  ['team', 'Team'],
  ['sync', 'Sync'],
  ['cross-source', 'GitHub and Jira together'],
  ['notifications', 'Notifications'],
] as const;

/** The sections folded under "Advanced": rules, working time, cache, import and export. */
const ADVANCED = [
  ['signals', 'What counts as blocked'],
  ['working-time', 'Working time and badges'],
  ['rules', 'Rubric moves'],
  ['cache', 'Cache'],
  ['transfer', 'Import and export'],
] as const;

const ADVANCED_ID = 'advanced';

/**
 * Saves one change at a time, each on top of the last saved settings, so two quick edits in
 * different fields never overwrite each other.
 */
function useSaver(store: OptionsStore, settings: Settings | undefined, onSaved: (next: Settings) => void): Save {
  const latest = useRef(settings);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const seen = useRef(settings);
  // Settings replaced from outside (loaded, imported) are what the next change builds on.
  if (seen.current !== settings) {
    seen.current = settings;
    latest.current = settings;
  }
  return (patch) => {
    const run = queue.current.then(async () => {
      const current = latest.current!;
      const result = await store.saveSettings({ ...current, ...(typeof patch === 'function' ? patch(current) : patch) });
      if (!result.ok) return result.message;
      latest.current = result.settings;
      onSaved(result.settings);
      // "Saved." is said beside the field that was saved (fields.tsx), not at the top of the page.
      return undefined;
    });
    queue.current = run.catch(() => undefined);
    return run;
  };
}

/** The options page. */
export function Options({ send, store }: OptionsProps) {
  const { state, setState, loadError } = useStoredState(store);
  const [notice, setNotice] = useState('');
  const save = useSaver(store, state?.settings, (settings) => setState((old) => old && { ...old, settings }));
  // Opened at an advanced section's address (options.html#cache): the fold opens to show it.
  useEffect(() => {
    if (state && ADVANCED.some(([id]) => location.hash === `#${id}`)) openAdvanced();
  }, [Boolean(state)]);
  if (loadError) return (
      <main class="page">
        <p role="alert">{loadError}</p>
      </main>
    );
  if (!state) return <main class="page" aria-busy="true">Loading…</main>;
  return (
    <div class="options-layout">
      <TableOfContents />
      <main class="page options">
        <h1>FlowLens options</h1>
        <p role="status" class="notice" data-testid="notice">
          {notice}
        </p>
        <OptionsSections state={state} setState={setState} send={send} store={store} save={save} onNotice={setNotice} />
      </main>
    </div>
  );
}

/** The settings and credential hosts as loaded (or imported since), or why they could not be read. */
function useStoredState(store: OptionsStore) {
  const [state, setState] = useState<StoredState>();
  const [loadError, setLoadError] = useState('');
  useEffect(() => {
    store.load().then(setState, (error: unknown) => setLoadError(`FlowLens could not read its settings: ${String(error)}`));
  }, [store]);
  return { state, setState, loadError };
}

/** Opens the Advanced fold, so a link to a section inside it lands on something visible. */
function openAdvanced() {
  const fold = document.getElementById(ADVANCED_ID);
  if (fold instanceof HTMLDetailsElement) fold.open = true;
}

/** Links to `sections`, as list items; `onClick` runs before the browser follows one. */
function SectionLinks({ sections, onClick }: { sections: readonly (readonly [string, string])[]; onClick?: () => void }) {
  return (
    <>
      {sections.map(([id, title]) => (
        <li key={id}>
          <a href={`#${id}`} onClick={onClick}>
            {title}
          </a>
        </li>
      ))}
    </>
  );
}

/** The page's links to its sections; those under Advanced open the fold first. */
function TableOfContents() {
  return (
    <nav class="toc" aria-label="Sections">
      <p class="toc-title">FlowLens options</p>
      <ul>
        <SectionLinks sections={CONTENTS} />
        <li>
          Advanced
          <ul>
            <SectionLinks sections={ADVANCED} onClick={openAdvanced} />
          </ul>
        </li>
      </ul>
    </nav>
  );
}

/** Props of the sections: the loaded state and what may change it. */
interface OptionsSectionsProps extends OptionsProps {
  state: StoredState;
  setState: Dispatch<StateUpdater<StoredState | undefined>>;
  save: Save;
  onNotice: (text: string) => void;
}

/** Every section, in the order of the table of contents; the advanced ones in their fold. */
function OptionsSections({ state, setState, send, store, save, onNotice }: OptionsSectionsProps) {
  const { settings } = state;
  return (
    <>
      <GithubSection
        hosts={settings.githubHosts}
        tokenHosts={state.githubTokenHosts}
        secretsProblem={state.secretsProblem}
        send={send}
        store={store}
        onHosts={(githubHosts) => save({ githubHosts })}
        onTokenHosts={(update) => setState((old) => old && { ...old, githubTokenHosts: update(old.githubTokenHosts) })}
        onNotice={onNotice}
      />
      <JiraSection
        sites={settings.jiraSites}
        credentialSites={state.jiraCredentialSites}
        secretsProblem={state.secretsProblem}
        send={send}
        store={store}
        save={save}
        onCredentialSites={(update) => setState((old) => old && { ...old, jiraCredentialSites: update(old.jiraCredentialSites) })}
        onNotice={onNotice}
      />
      <TeamSection settings={settings} send={send} save={save} />
      <SyncSection syncMinutes={settings.syncMinutes} send={send} save={save} />
      <CrossSourceSection settings={settings} githubTokenHosts={state.githubTokenHosts} save={save} />
      <NotificationsSection notifications={settings.notifications} store={store} save={save} />
      <details id={ADVANCED_ID} class="advanced">
        <summary>Advanced</summary>
        <BlockingSection settings={settings} save={save} />
        <WorkingTimeSection settings={settings} save={save} />
        <RulesSection rules={settings.rules} save={save} />
        <CacheSection ttl={settings.cacheTtlMinutes} send={send} save={save} onNotice={onNotice} />
        <TransferSection store={store} onImported={setState} />
      </details>
    </>
  );
}
