/**
 * The toolbar popup: the team summary, painted from the cache at once (`team/summary`), then
 * synced (`team/sync`) and painted again; the background's status in small print at the end.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Client } from '../lib/client';
import type { ResponseFor } from '../lib/protocol';
import type { PublicStatus } from '../lib/status';
import type { FlowError } from '../lib/flow-error';
import { freshAnswers, PAINTED_MARK } from '../lib/team/first-paint';
import type { TeamSummaryAnswer } from '../lib/team/summary-types';
import { EmptyState } from './popup/EmptyState';
import { browserExporter, type Exporter } from './popup/ExportButtons';
import { SyncLine } from './popup/SyncLine';
import { TeamView } from './popup/TeamView';

/** Props: the background client; the exporter, clock and time format can be swapped in tests. */
export interface PopupProps {
  send: Client;
  /** The first `team/summary` answer, when the page asked before rendering (without a copy, it saves a frame). */
  first?: Promise<ResponseFor<'team/summary'>>;
  /** The last summary kept from an earlier answer: painted at once, replaced when the answer comes. */
  copy?: TeamSummaryAnswer;
  exporter?: Exporter;
  now?: () => number;
  time?: (ms: number) => string;
  /** Opens the options page (the popup's `runtime.openOptionsPage`), offered beside a sync's problems. */
  openOptions?: () => void;
}

const localTime = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Loads the summary, then syncs and loads it again; a sync that fails leaves the cached summary up. */
function useTeamSummary(send: Client, first?: Promise<ResponseFor<'team/summary'>>, copy?: TeamSummaryAnswer) {
  const [answer, setAnswer] = useState<TeamSummaryAnswer | undefined>(copy);
  const [fromCopy, setFromCopy] = useState(copy !== undefined);
  const [error, setError] = useState<FlowError>();
  const [syncing, setSyncing] = useState(false);
  const [syncError, setSyncError] = useState<FlowError>();
  useEffect(() => {
    let live = true;
    // With a copy on screen, the fresh summary waits for the first frame (lib/team/first-paint.ts).
    const next = freshAnswers({ copy, first }, () => send({ type: 'team/summary' }));
    const load = async () => {
      const got = await next();
      if (!live) return got;
      setFromCopy(false);
      if (got.ok) setAnswer(got.data);
      else setError(got.error);
      return got;
    };
    void (async () => {
      const first = await load();
      if (!live || !first.ok || !first.data.sync.configured) return;
      setSyncing(true);
      const synced = await send({ type: 'team/sync' });
      if (!live) return;
      setSyncing(false);
      setSyncError(synced.ok ? undefined : synced.error);
      if (synced.ok) await load();
    })();
    return () => {
      live = false;
    };
  }, [send, first]);
  return { answer, fromCopy, error, syncing, syncError };
}

/** The popup page. */
export function Popup({ send, first, copy, exporter = browserExporter, now = Date.now, time = localTime, openOptions }: PopupProps) {
  const { answer, fromCopy, error, syncing, syncError } = useTeamSummary(send, first, copy);
  const [status, setStatus] = useState<PublicStatus>();
  const marked = useRef(false);
  useEffect(() => {
    void send({ type: 'status/get' }).then((got) => got.ok && setStatus(got.data));
  }, [send]);
  useEffect(() => {
    if (!answer || marked.current) return;
    marked.current = true;
    performance.mark(PAINTED_MARK);
  }, [answer]);
  const empty = answer !== undefined && answer.summary.items.length === 0;
  return (
    <main class="page popup">
      <h1>FlowLens team summary</h1>
      {error ? <p role="alert" class="error">{error.message}</p> : null}
      {answer ? <SyncLine sync={answer.sync} syncing={syncing} syncError={syncError} time={time} {...(openOptions ? { onFix: openOptions } : {})} /> : error ? null : <p aria-busy="true">Loading…</p>}
      {answer && fromCopy ? (
        <p class="small" aria-busy="true" data-testid="summary-copy">
          As of {time(answer.summary.at)}; updating…
        </p>
      ) : null}
      {answer && empty ? <EmptyState configured={answer.sync.configured} synced={answer.sync.lastGoodAt !== undefined} /> : null}
      {answer && !empty ? <TeamView summary={answer.summary} exporter={exporter} now={now} /> : null}
      <footer>
        <a href="/options.html" target="_blank" rel="noreferrer">Options</a>
        {status ? (
          <details class="small">
            <summary>Status</summary>
            <StatusList status={status} />
          </details>
        ) : null}
      </footer>
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
