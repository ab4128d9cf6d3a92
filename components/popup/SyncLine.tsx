/** The sync in one line: running, when it last read every source, when it runs next, and what failed. */
import type { FlowError } from '../../lib/flow-error';
import { isSetupError } from '../../lib/flow-view';
import type { SyncStatus } from '../../lib/team/team-state';

/** Props: the sync's status, whether the popup is syncing now, and why it could not, if it could not. */
export interface SyncLineProps {
  sync: SyncStatus;
  syncing: boolean;
  syncError?: FlowError;
  /** Formats a time for people; injected so tests do not depend on the machine's zone. */
  time: (ms: number) => string;
  /**
   * Opens the options page: one button for every problem listed that is fixed there (a set-up
   * problem: a refused token, a query the site refused), none for a rate limit or a network failure.
   */
  onFix?: () => void;
}

/** A problem as the line lists it: the sources that failed with the same message, and the latest time. */
interface Listed {
  sources: string[];
  message: string;
  at: number;
  /** Fixed in FlowLens's settings, as the sync said of any of its sources' failures. */
  setup?: true;
}

/**
 * The last errors with each message once: a refused token fails every source of its host with
 * the same sentence, and the popup says it once, naming the sources, at the latest time.
 */
export function listedProblems(problems: SyncStatus['lastErrors']): Listed[] {
  const byMessage = new Map<string, Listed>();
  for (const { message, at, source, setup } of problems) {
    const listed: Listed = byMessage.get(message) ?? { sources: [], message, at };
    if (source && !listed.sources.includes(source)) listed.sources.push(source);
    listed.at = Math.max(listed.at, at);
    if (setup) listed.setup = true;
    byMessage.set(message, listed);
  }
  return [...byMessage.values()];
}

/** The line, and the last error per source. */
export function SyncLine({ sync, syncing, syncError, time, onFix }: SyncLineProps) {
  const problems = listedProblems(sync.lastErrors);
  // The sync's own failure is not said again when a source's problem already says it.
  const syncFailure = syncError && !problems.some((problem) => problem.message === syncError.message) ? syncError : undefined;
  const progress = sync.progress ? ` (${sync.progress.done} of ${sync.progress.total} sources)` : '';
  // Only a set-up problem is fixed in the settings; a rate limit or a network failure passes by itself.
  const fixable = problems.some((problem) => problem.setup) || (syncError !== undefined && isSetupError(syncError));
  return (
    <div class="sync" data-testid="sync-line">
      <p aria-live="polite">
        {syncing || sync.running ? <span aria-busy="true">Syncing…{progress} </span> : null}
        {sync.lastGoodAt !== undefined ? <span>Last synced {time(sync.lastGoodAt)}.</span> : <span>Not synced yet.</span>}
        {sync.nextAt !== undefined && !syncing ? <span> Next at {time(sync.nextAt)}.</span> : null}
      </p>
      {syncFailure ? <p class="error" role="status">Could not sync: {syncFailure.message}</p> : null}
      {problems.length > 0 ? (
        <ul class="errors">
          {problems.map((problem) => (
            <li key={problem.message} class="error" data-testid="sync-problem">
              {problem.sources.length > 0 ? `${problem.sources.join(', ')}: ` : ''}
              {problem.message} ({time(problem.at)})
            </li>
          ))}
        </ul>
      ) : null}
      {onFix && fixable ? (
        <button type="button" data-testid="sync-fix" onClick={onFix}>
          Fix in settings
        </button>
      ) : null}
    </div>
  );
}
