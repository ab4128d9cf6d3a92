/**
 * The background sync of the team's items: how often, "Sync now", and how the last sync went.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { SyncStatus } from '../../lib/team/team-state';
import { NumberField, Section } from './fields';
import type { Save } from './types';

/** Props of the section. */
export interface SyncSectionProps {
  syncMinutes: number;
  send: Client;
  save: Save;
}

const time = (at: number) => new Date(at).toLocaleString();

/** The sync section. */
export function SyncSection({ syncMinutes, send, save }: SyncSectionProps) {
  const [status, setStatus] = useState<SyncStatus>();
  const [problem, setProblem] = useState('');
  const [syncing, setSyncing] = useState(false);
  useEffect(() => {
    void send({ type: 'team/summary' }).then((answer) => answer.ok && setStatus(answer.data.sync));
  }, [send]);
  const syncNow = async () => {
    setSyncing(true);
    setProblem('');
    const answer = await send({ type: 'team/sync' });
    setSyncing(false);
    if (answer.ok) setStatus(answer.data);
    else setProblem(`The sync did not run: ${answer.error.message}`);
  };
  return (
    <Section id="sync" title="Sync">
      <NumberField id="sync-minutes" label="Sync the team’s items every (minutes)" hint="From 5 to 1440. The sync pauses while the team has no repository, search or JQL." value={syncMinutes} min={5} max={24 * 60} onSave={(n) => save({ syncMinutes: n })} />
      <button type="button" onClick={() => void syncNow()} disabled={syncing} aria-describedby="sync-state">
        {syncing ? 'Syncing…' : 'Sync now'}
      </button>
      <div id="sync-state" role="status" data-testid="sync-state">
        {problem ? <p class="error">{problem}</p> : null}
        {status ? <SyncReport status={status} /> : null}
      </div>
    </Section>
  );
}

function SyncReport({ status }: { status: SyncStatus }) {
  return (
    <>
      {!status.configured ? <p>No team source yet: add a repository, a GitHub search or a JQL query above.</p> : null}
      {status.running ? <p>Syncing{status.progress ? `: ${status.progress.done} of ${status.progress.total} sources read` : ''}…</p> : null}
      <p>{status.lastGoodAt ? `Last complete sync: ${time(status.lastGoodAt)}.` : 'No complete sync yet.'}</p>
      {status.nextAt ? <p>Next sync: {time(status.nextAt)}.</p> : null}
      {status.lastErrors.length > 0 ? (
        <ul class="status">
          {status.lastErrors.map((error) => (
            <li key={`${error.at}-${error.source ?? ''}`} class="error">
              {error.source ? `${error.source}: ` : ''}
              {error.message} ({time(error.at)})
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
