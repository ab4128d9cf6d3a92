/** The sync in one line: running, when it last read every source, when it runs next, and what failed. */
import type { FlowError } from '../../lib/flow-error';
import type { SyncStatus } from '../../lib/team/team-state';

/** Props: the sync's status, whether the popup is syncing now, and why it could not, if it could not. */
export interface SyncLineProps {
  sync: SyncStatus;
  syncing: boolean;
  syncError?: FlowError;
  /** Formats a time for people; injected so tests do not depend on the machine's zone. */
  time: (ms: number) => string;
}

/** The line, and the last error per source. */
export function SyncLine({ sync, syncing, syncError, time }: SyncLineProps) {
  const progress = sync.progress ? ` (${sync.progress.done} of ${sync.progress.total} sources)` : '';
  return (
    <div class="sync" data-testid="sync-line">
      <p aria-live="polite">
        {syncing || sync.running ? <span aria-busy="true">Syncing…{progress} </span> : null}
        {sync.lastGoodAt !== undefined ? <span>Last synced {time(sync.lastGoodAt)}.</span> : <span>Not synced yet.</span>}
        {sync.nextAt !== undefined && !syncing ? <span> Next at {time(sync.nextAt)}.</span> : null}
      </p>
      {syncError ? <p class="error" role="status">Could not sync: {syncError.message}</p> : null}
      {sync.lastErrors.length > 0 ? (
        <ul class="errors">
          {sync.lastErrors.map((problem) => (
            <li key={`${problem.source ?? ''}${problem.at}`} class="error">
              {problem.source ? `${problem.source}: ` : ''}
              {problem.message} ({time(problem.at)})
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
