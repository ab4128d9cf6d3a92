/**
 * Starts the team sync in the background: its alarm listener is registered at once (so the
 * alarm wakes this worker and finds it), the alarm follows the settings, and a run the
 * previous worker left half done resumes, as does a run paused between slices when its
 * follow-up alarm fires.
 */
import { browser } from 'wxt/browser';
import type { Result } from '../protocol';
import { settingsItem } from '../storage/settings';
import type { SyncStatus } from '../team/team-state';
import { createPageReader, type PageReaderDeps } from './team-pages';
import { createTeamSync, TEAM_SYNC_ALARM, TEAM_SYNC_CONTINUE_ALARM, type SyncEnd } from './team-sync';

/** What the sync needs: the page reader's doors, and what to do after each complete run. */
export interface StartTeamSyncDeps extends PageReaderDeps {
  afterSync?: (end: SyncEnd) => Promise<void>;
}

function warn(error: unknown): void {
  console.warn('FlowLens team sync:', error);
}

/** Registers the sync's listeners synchronously; returns the `team/sync` handler and the sync. */
export function startTeamSync(deps: StartTeamSyncDeps) {
  const sync = createTeamSync({ now: deps.now, loadSettings: deps.loadSettings, readPage: createPageReader(deps), alarms: browser.alarms, ...(deps.afterSync ? { afterSync: deps.afterSync } : {}) });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === TEAM_SYNC_ALARM) void sync.run().catch(warn);
    // The next slice of a run under way; never a fresh run (that one may have ended meanwhile).
    if (alarm.name === TEAM_SYNC_CONTINUE_ALARM) void sync.resume().catch(warn);
  });
  settingsItem.watch(() => void sync.schedule().catch(warn));
  void sync.schedule().catch(warn);
  void sync.resume().catch(warn);
  const answer = async (): Promise<Result<SyncStatus>> => ({ ok: true, data: await sync.run() });
  return { sync, answer };
}
