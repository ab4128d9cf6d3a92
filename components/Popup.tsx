/** The toolbar popup: what FlowLens is doing now. The team summary arrives with issue 6. */
import { useEffect, useState } from 'preact/hooks';
import type { Client } from '../lib/messaging';
import type { PublicStatus } from '../lib/status';
import type { FlowError } from '../lib/flow-error';

/** Props: the background client. */
export interface PopupProps {
  send: Client;
}

/** The popup page. */
export function Popup({ send }: PopupProps) {
  const [status, setStatus] = useState<PublicStatus>();
  const [error, setError] = useState<FlowError>();
  useEffect(() => {
    void send({ type: 'status/get' }).then((answer) => (answer.ok ? setStatus(answer.data) : setError(answer.error)));
  }, [send]);
  return (
    <main class="page popup">
      <h1>FlowLens</h1>
      {error ? <p role="alert" class="error">{error.message}</p> : null}
      {status ? <StatusList status={status} /> : error ? null : <p aria-busy="true">Loading…</p>}
      <p>
        <a href="/options.html" target="_blank" rel="noreferrer">
          Options
        </a>
      </p>
    </main>
  );
}

/** The background's state in words; shared with the options page. */
export function StatusList({ status }: { status: PublicStatus }) {
  const tokens = status.githubHostsWithToken;
  return (
    <ul class="status" data-testid="status">
      <li>
        Cache: {status.cachedItems} items in {status.cacheBackend === 'indexeddb' ? 'IndexedDB' : 'memory'}
      </li>
      {status.cacheProblem ? <li class="error">{status.cacheProblem}</li> : null}
      <li>GitHub token: {tokens.length > 0 ? tokens.join(', ') : 'none (public data only, 60 requests an hour)'}</li>
      {status.githubRateLimitedUntil ? (
        <li class="error">GitHub rate limit reached until {new Date(status.githubRateLimitedUntil).toLocaleTimeString()}</li>
      ) : null}
      {status.lastError ? <li class="error">Last problem: {status.lastError.message}</li> : null}
      {status.markupMisses.map((miss) => (
        <li key={miss.site} data-testid="markup-misses">
          {miss.count} {miss.site === 'github' ? 'GitHub' : 'Jira'} page{miss.count > 1 ? 's' : ''} this week showed items FlowLens could not find (last: {miss.lastPage},{' '}
          {new Date(miss.lastAt).toLocaleString()}). The site may have changed its markup; badges there are missing until FlowLens is updated.
        </li>
      ))}
    </ul>
  );
}
