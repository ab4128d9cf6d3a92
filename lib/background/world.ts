/** What the background's parts read the world through: one shape, so each part says only what it adds. */
import type { Fetch } from '../providers/http';
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
