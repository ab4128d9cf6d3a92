/**
 * Content scripts for hosts the user adds at runtime (GitHub Enterprise Server, Jira Data
 * Center). The manifest cannot list them, so the background registers the same built scripts
 * for every added host it holds a permission for, and again whenever the list changes.
 */
import { grantedByManifest } from '../host-permissions';
import type { Settings } from '../storage/settings';

/** The slice of the `scripting` and `permissions` APIs this needs (injected for tests). */
export interface HostScriptApi {
  getRegistered(): Promise<{ id: string }[]>;
  unregister(ids: string[]): Promise<void>;
  register(scripts: { id: string; matches: string[]; js: string[]; runAt: 'document_end'; persistAcrossSessions: boolean }[]): Promise<void>;
  hasOrigin(origin: string): Promise<boolean>;
}

/**
 * Which built script serves which kind of host: the manifest's own, so they carry their
 * definitions' options, `noScriptStartedPostMessage` among them (nothing is posted to the page).
 */
const SCRIPTS = {
  github: 'content-scripts/github.js',
  jira: 'content-scripts/jira.js',
} as const;

const PREFIX = 'flowlens-hosts-';

/** The match pattern of a host: every page on it, over HTTPS. */
export function originOf(host: string): string {
  return `https://${host}/*`;
}

/**
 * Replaces our registrations with one per kind, for the hosts we hold a permission for and
 * that the manifest's own content scripts do not already cover.
 * Returns the hosts left out for lack of permission, so the options page can ask again.
 */
export async function syncHostScripts(api: HostScriptApi, hosts: { github: string[]; jira: string[] }, isStatic: (host: string) => boolean = () => false): Promise<string[]> {
  const ours = (await api.getRegistered()).map((script) => script.id).filter((id) => id.startsWith(PREFIX));
  if (ours.length > 0) await api.unregister(ours);
  const missing: string[] = [];
  const scripts = [];
  for (const kind of ['github', 'jira'] as const) {
    const granted: string[] = [];
    // Hosts the manifest already covers have its content scripts: registering again would double them.
    for (const host of hosts[kind].filter((h) => !isStatic(h))) ((await api.hasOrigin(originOf(host))) ? granted : missing).push(host);
    if (granted.length > 0) {
      scripts.push({ id: `${PREFIX}${kind}`, matches: granted.map(originOf), js: [SCRIPTS[kind]], runAt: 'document_end' as const, persistAcrossSessions: true });
    }
  }
  if (scripts.length > 0) await api.register(scripts);
  return missing;
}

/** What keeping the added hosts' scripts needs. */
export interface HostScriptSyncDeps {
  api: HostScriptApi;
  loadSettings: () => Promise<Pick<Settings, 'githubHosts' | 'jiraSites'>>;
  /** The manifest's host permissions: the hosts its own content scripts already cover. */
  manifestHosts: () => readonly string[];
}

/**
 * The sync of the added hosts' scripts with the settings: the Enterprise Server hosts and Jira
 * sites the user added, less those the manifest covers. Its failures are told on the console.
 */
export function createHostScriptSync(deps: HostScriptSyncDeps): () => Promise<void> {
  return () =>
    deps
      .loadSettings()
      .then((settings) => syncHostScripts(deps.api, { github: settings.githubHosts, jira: settings.jiraSites }, (host) => grantedByManifest(host, deps.manifestHosts())))
      .then(
        () => undefined,
        (error: unknown) => console.warn('FlowLens could not register scripts for added hosts:', error),
      );
}
