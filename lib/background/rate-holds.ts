/**
 * Per-host rate-limit holds, shared by everything in the background that calls an API: after
 * GitHub or Jira says "rate limited until T", nothing asks that host again before T, whether a
 * badge or the team sync wants it (asking again only lengthens the penalty).
 */
import type { FlowError } from '../flow-error';

/** The holds of one background. */
export interface RateHolds {
  /** The rate-limit error holding `host` back at `now`, if any. */
  heldError(host: string, now: number): FlowError | undefined;
  /** Holds `host` when one of `errors` is a rate limit with a retry time. */
  note(host: string, errors: Iterable<FlowError>): void;
  /** The earliest time a hold still active at `now` ends. */
  firstUntil(now: number): number | undefined;
}

/** Creates an empty set of holds. */
export function createRateHolds(): RateHolds {
  const held = new Map<string, { until: number; error: FlowError }>();
  return {
    heldError(host, now) {
      const hold = held.get(host);
      return hold && hold.until > now ? hold.error : undefined;
    },
    note(host, errors) {
      for (const error of errors) {
        if (error.code === 'rate-limited' && error.retryAt) return void held.set(host, { until: error.retryAt, error });
      }
    },
    firstUntil(now) {
      const active = [...held.values()].map((hold) => hold.until).filter((until) => until > now);
      return active.length > 0 ? Math.min(...active) : undefined;
    },
  };
}
