/**
 * A list of hosts the user adds and removes (GitHub Enterprise Server hosts, Jira sites): the
 * host is validated in place, its permission asked for inside the click (Firefox requires it),
 * and given back on removal.
 */
import { useEffect, useState } from 'preact/hooks';
import type { OptionsStore } from './types';

const HOST_SHAPE = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d{1,5})?$/;

/** Props of the form. */
export interface HostListFormProps {
  /** Field name, also used for ids. */
  name: string;
  label: string;
  placeholder: string;
  addLabel: string;
  hosts: string[];
  /** Said when the input is not a host this list takes. */
  invalid: string;
  /** Hosts the list must refuse although well-formed (github.com for Enterprise hosts). */
  refuse?: (host: string) => boolean;
  /** Said once a host is added. */
  added: (host: string) => string;
  /** Said when the permission is denied. */
  denied: (host: string) => string;
  store: OptionsStore;
  /** Saves the list; resolves to a sentence when it could not. */
  onHosts: (hosts: string[]) => Promise<string | undefined>;
  onNotice: (text: string) => void;
}

/** The host from what the user typed: a URL or a bare host, any case. */
export function hostOf(input: string): string {
  return input.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
}

/** The add-and-remove form. */
export function HostListForm(props: HostListFormProps) {
  const [error, setError] = useState('');
  const errorId = `${props.name}-error`;
  const { ungranted, granted } = useUngrantedHosts(props.store, props.hosts);
  const grant = (host: string) => {
    // The prompt opens inside this click: nothing is awaited before it.
    void props.store.requestHost(host).then((allowed) => {
      if (!allowed) return setError(props.denied(host));
      granted(host);
      props.onNotice(`FlowLens may read ${host} now.`);
    });
  };
  const add = (event: Event) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem(props.name) as HTMLInputElement;
    const host = hostOf(input.value);
    if (!HOST_SHAPE.test(host) || props.refuse?.(host)) return setError(props.invalid);
    if (props.hosts.includes(host)) return setError(`${host} is already added.`);
    setError('');
    // The permission prompt must open inside this click: nothing is awaited before it.
    void props.store.requestHost(host).then(async (allowed) => {
      if (!allowed) return setError(props.denied(host));
      const problem = await props.onHosts([...props.hosts, host]);
      if (problem) return setError(problem);
      input.value = '';
      props.onNotice(props.added(host));
    });
  };
  const remove = async (host: string) => {
    const problem = await props.onHosts(props.hosts.filter((h) => h !== host));
    if (problem) return setError(problem);
    await props.store.releaseHost(host);
    props.onNotice(`Removed ${host}.`);
  };
  return (
    <form onSubmit={add} class="field">
      <label>
        {props.label}
        <input name={props.name} type="text" placeholder={props.placeholder} autocomplete="off" aria-invalid={error ? 'true' : 'false'} aria-describedby={errorId} />
      </label>
      <button type="submit">{props.addLabel}</button>
      {props.hosts.length > 0 ? <HostEntries hosts={props.hosts} ungranted={ungranted} onGrant={grant} onRemove={remove} /> : null}
      <p id={errorId} class="error" role="alert">
        {error}
      </p>
    </form>
  );
}

/**
 * The listed hosts FlowLens may not read: imported from a file, or whose permission was taken
 * back in the browser. `granted` takes one off once the user has allowed it.
 */
function useUngrantedHosts(store: HostListFormProps['store'], hosts: string[]) {
  const [ungranted, setUngranted] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void Promise.all(hosts.map(async (host) => ((await store.hostGranted(host)) ? [] : [host]))).then((lists) => live && setUngranted(lists.flat()));
    return () => {
      live = false;
    };
  }, [store, hosts.join(' ')]);
  const granted = (host: string) => setUngranted((old) => old.filter((h) => h !== host));
  return { ungranted, granted };
}

/** The hosts, each with its Remove button, and an Allow button for one FlowLens may not read yet. */
function HostEntries(props: { hosts: string[]; ungranted: string[]; onGrant: (host: string) => void; onRemove: (host: string) => Promise<void> }) {
  return (
    <ul class="entries">
      {props.hosts.map((host) => (
        <li key={host}>
          <span class="host-name">{host}</span>
          {props.ungranted.includes(host) ? (
            <>
              {' '}
              <span class="error">not allowed yet</span>
              <button type="button" onClick={() => props.onGrant(host)}>
                Allow reading {host}
              </button>
            </>
          ) : null}
          <button type="button" onClick={() => void props.onRemove(host)}>
            Remove {host}
          </button>
        </li>
      ))}
    </ul>
  );
}
