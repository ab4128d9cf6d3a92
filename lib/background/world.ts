/** What the background's parts read the world through: one shape, so each part says only what it adds. */
import type { Fetch, HttpPacing } from '../providers/http';
import type { FlowCache } from '../storage/cache';
import type { Secrets, Settings } from '../storage/settings';

/** The cache, the network, the clock, the settings and the tokens, as the background entry wires them. */
export interface WorldDeps {
  /** Opened on first use and memoised by the caller. */
  cache: () => Promise<FlowCache>;
  fetch: Fetch;
  now: () => number;
  loadSettings: () => Promise<Settings>;
  loadSecrets: () => Promise<Secrets>;
}

/** What the options page's probes need: the network, the clock, the tokens and the one per-host cap. */
export interface ProbeDeps extends Pick<WorldDeps, 'fetch' | 'now' | 'loadSecrets'> {
  /** The background's per-host cap, shared with every other request. */
  pacing?: HttpPacing;
}
