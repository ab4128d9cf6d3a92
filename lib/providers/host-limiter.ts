/**
 * At most a few requests in flight per host, the rest waiting their turn in order: a board of
 * 500 cards plus a team sync must not open dozens of connections to one Jira or GitHub, which
 * is what trips their rate limits (Atlassian asks apps to keep concurrency low).
 */

/** Runs tasks against hosts, `maxPerHost` at a time per host. */
export interface HostLimiter {
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
}

/** Requests in flight per host by default. */
export const MAX_PER_HOST = 4;

/** A limiter with its own queues. */
export function createHostLimiter(maxPerHost = MAX_PER_HOST): HostLimiter {
  const active = new Map<string, number>();
  const waiting = new Map<string, (() => void)[]>();

  function acquire(host: string): Promise<void> {
    const count = active.get(host) ?? 0;
    if (count < maxPerHost) {
      active.set(host, count + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.set(host, [...(waiting.get(host) ?? []), resolve]));
  }

  /** Hands the slot to the next waiting task, or frees it. */
  function release(host: string): void {
    const queue = waiting.get(host) ?? [];
    const next = queue.shift();
    if (queue.length === 0) waiting.delete(host);
    if (next) return next();
    const count = (active.get(host) ?? 1) - 1;
    if (count > 0) active.set(host, count);
    else active.delete(host);
  }

  return {
    async run(host, task) {
      await acquire(host);
      try {
        return await task();
      } finally {
        release(host);
      }
    },
  };
}
