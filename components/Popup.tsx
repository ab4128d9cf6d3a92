/**
 * The toolbar popup: the team summary, painted from the cache at once (`team/summary`), then
 * synced (`team/sync`) and painted again; the background's status in small print at the end.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Client } from '../lib/client';
import type { ResponseFor } from '../lib/protocol';
import type { GithubPoints, PublicStatus } from '../lib/status';
import type { FlowError } from '../lib/flow-error';
import { localTime } from '../lib/local-time';
import { PAINTED_MARK, summaryAnswers, type SummaryHead } from '../lib/team/first-paint';
import type { TeamSummaryAnswer } from '../lib/team/summary-types';
import { goneKeys, sinceLast, snapshotOf, type LookSnapshot } from '../lib/team/since-last';
import { EmptyState } from './popup/EmptyState';
import { browserExporter, type Exporter } from './popup/ExportButtons';
import { lookedTime, SinceLast, type SinceView } from './popup/SinceLast';
import { SyncLine } from './popup/SyncLine';
import { TeamView } from './popup/TeamView';

/** Props: the background client; the exporter, clock and time format can be swapped in tests. */
export interface PopupProps {
  send: Client;
  /** The first `team/summary` answer, when the page asked before rendering (without a copy, it saves a frame). */
  first?: Promise<ResponseFor<'team/summary'>>;
  /** The head of the summary kept from an earlier answer: painted at once, replaced by the whole kept copy and then by the answer. */
  head?: SummaryHead;
  /** Reads the whole kept copy (after the head's frame is painted). */
  readCopy?: () => Promise<TeamSummaryAnswer | undefined>;
  exporter?: Exporter;
  now?: () => number;
  time?: (ms: number) => string;
  /** How the last look's time is said in "Since you last looked (Tue 10:02)". */
  lookTime?: (ms: number) => string;
  /** Opens the options page (the popup's `runtime.openOptionsPage`), offered beside a sync's problems. */
  openOptions?: () => void;
}

const clockTime = (ms: number) => localTime(ms, 'clock');

/**
 * Loads the summary (after the kept copy, when its head is on screen), then syncs and loads it
 * again; a sync that fails leaves the cached summary up.
 */
function useTeamSummary(send: Client, first?: Promise<ResponseFor<'team/summary'>>, head?: SummaryHead, readCopy?: () => Promise<TeamSummaryAnswer | undefined>) {
  const [answer, setAnswer] = useState<TeamSummaryAnswer>();
  const [fromCopy, setFromCopy] = useState(head !== undefined);
  const [error, setError] = useState<FlowError>();
  const [syncing, setSyncing] = useState(false);
  const [syncError, setSyncError] = useState<FlowError>();
  useEffect(() => {
    let live = true;
    // With the head on screen, the whole copy and then the fresh summary wait for the first frame (lib/team/first-paint.ts).
    const answers = summaryAnswers({ head, first, readCopy }, () => send({ type: 'team/summary' }));
    const load = async () => {
      const got = await answers.next();
      if (!live) return got;
      setFromCopy(false);
      // The background reuses a summary while nothing changed: the one shown is kept (its sync
      // status is the new one), so nothing drawn from it is drawn again (TeamView).
      if (got.ok) setAnswer((shown) => (shown?.summary.id !== undefined && shown.summary.id === got.data.summary.id ? { ...got.data, summary: shown.summary } : got.data));
      else setError(got.error);
      return got;
    };
    void (async () => {
      const kept = await answers.kept();
      if (!live) return;
      if (kept) setAnswer(kept);
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

/**
 * "Since you last looked" (lib/team/since-last.ts): each summary the popup shows is kept as the
 * last look (`team/looked`), and the look kept before this popup opened is what the section
 * compares with, for as long as the popup stays open, so the summary a sync brings in is compared
 * with it too. Each look replaces the last, so opening the popup twice in a row shows nothing new
 * the second time: the popup is where the user looks, and nothing tells reliably when a closing
 * popup was read, so being shown is taken as being seen. Looks are sent one after another, after
 * the first frame: the first paint does not wait for them.
 */
function useSinceLast(send: Client, answer: TeamSummaryAnswer | undefined, now: () => number): SinceView | undefined {
  const [view, setView] = useState<SinceView>();
  // The look before this popup opened, once the first answer says it; `null` when it could not be read.
  const base = useRef<{ before?: LookSnapshot } | null | undefined>(undefined);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const lastAt = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!answer || answer.summary.at === lastAt.current) return;
    lastAt.current = answer.summary.at;
    const seen = snapshotOf(answer.summary, now());
    queue.current = queue.current.then(async () => {
      const before = base.current?.before;
      // After the first look, the background is also asked how the base's items that left ended.
      const gone = before ? goneKeys(before, seen) : [];
      const got = await send({ type: 'team/looked', seen, ...(gone.length > 0 ? { gone } : {}) });
      // A look at an empty list (no team set yet) is none to compare with: every item would be new.
      if (base.current === undefined) base.current = got.ok ? (got.data.before && got.data.before.items.length > 0 ? { before: got.data.before } : {}) : null;
      const kept = base.current;
      if (!got.ok || kept === null) return;
      setView(kept.before ? { at: kept.before.at, changes: sinceLast(kept.before, seen, got.data.finished) } : { first: true });
    });
  }, [answer]);
  return view;
}

/** The popup page. */
export function Popup({ send, first, head, readCopy, exporter = browserExporter, now = Date.now, time = clockTime, lookTime, openOptions }: PopupProps) {
  const { answer, fromCopy, error, syncing, syncError } = useTeamSummary(send, first, head, readCopy);
  const since = useSinceLast(send, answer, now);
  const [status, setStatus] = useState<PublicStatus>();
  const marked = useRef(false);
  useEffect(() => {
    void send({ type: 'status/get' }).then((got) => got.ok && setStatus(got.data));
  }, [send]);
  // Until the whole summary is read, the head is painted.
  const sync = answer?.sync ?? head?.sync;
  const at = answer ? answer.summary.at : head?.glance.at;
  useEffect(() => {
    if (sync === undefined || marked.current) return;
    marked.current = true;
    performance.mark(PAINTED_MARK);
  }, [sync]);
  const empty = answer ? answer.summary.items.length === 0 : head?.glance.open === 0;
  return (
    <main class="page popup">
      <h1>FlowLens team summary</h1>
      {error ? <p role="alert" class="error">{error.message}</p> : null}
      {sync ? <SyncLine sync={sync} syncing={syncing} syncError={syncError} time={time} {...(openOptions ? { onFix: openOptions } : {})} /> : error ? null : <p aria-busy="true">Loading…</p>}
      {at !== undefined && fromCopy ? (
        <p class="small" aria-busy="true" data-testid="summary-copy">
          As of {time(at)}; updating…
        </p>
      ) : null}
      {answer && since && (!empty || ('changes' in since && since.changes.length > 0)) ? <SinceLast since={since} items={answer.summary.items} time={lookTime ?? ((ms) => lookedTime(ms, now()))} /> : null}
      {sync && empty ? <EmptyState configured={sync.configured} synced={sync.lastGoodAt !== undefined} /> : null}
      {sync && !empty ? <TeamView summary={answer?.summary} head={head?.glance} exporter={exporter} now={now} /> : null}
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

/** GitHub's own figures for a host's last GraphQL batch: "GitHub points (github.com): the last batch cost 12; 4,988 left until 15:00." */
export function pointsText(points: GithubPoints): string {
  const until = points.resetAt !== undefined ? ` until ${new Date(points.resetAt).toLocaleTimeString()}` : '';
  return `GitHub points (${points.host}): the last batch cost ${points.cost.toLocaleString('en')}; ${points.remaining.toLocaleString('en')} left${until}.`;
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
      {(status.githubPoints ?? []).map((points) => (
        <li key={points.host} data-testid="github-points">
          {pointsText(points)}
        </li>
      ))}
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
