/**
 * What the providers keep between calls, in one object the caller owns: the background creates
 * one for the service worker's life and passes it to every provider call, so the badges, the
 * team sync and the options page's checks share it. No module of lib/providers keeps state of
 * its own; a call given none of these keeps its own for itself.
 */
import { createGraphDependencySupport, type GraphDependencySupport } from './github/dependencies';
import { createHostLimiter, type HostLimiter } from './host-limiter';
import { createSiteFacts, type SiteFacts, type SiteFactsStore } from './jira/site-meta';

/** The providers' state. */
export interface ProviderState {
  /** How every request is paced: the one per-host cap (at most MAX_PER_HOST in flight per host). */
  pacing: { limiter: HostLimiter };
  /** Jira sites' field ids, done statuses and "waits on" link types, in memory over their store. */
  siteFacts: SiteFacts;
  /** GitHub hosts whose GraphQL refused the dependency fields, asked without them from then on. */
  graphDependencies: GraphDependencySupport;
}

/** A fresh state; `siteFactsStore` keeps Jira site facts beyond the service worker's life. */
export function createProviderState(options: { siteFactsStore?: SiteFactsStore } = {}): ProviderState {
  return {
    pacing: { limiter: createHostLimiter() },
    siteFacts: createSiteFacts(options.siteFactsStore),
    graphDependencies: createGraphDependencySupport(),
  };
}
