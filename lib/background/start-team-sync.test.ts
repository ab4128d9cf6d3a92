import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Fetch } from '../providers/http';
import { FlowCache } from '../storage/cache';
import { memoryRecordStore } from '../storage/record-store';
import { DEFAULT_SETTINGS, loadSettings, NO_SECRETS, settingsItem } from '../storage/settings';
import { loadTeamState, teamStateItem } from '../team/team-state';
import { createRateHolds } from './rate-holds';
import { startTeamSync } from './start-team-sync';
import { TEAM_SYNC_CONTINUE_ALARM } from './team-sync';
import { teamSources } from './team-sources';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const page = { data: { search: { issueCount: 1, pageInfo: { endCursor: 'c1', hasNextPage: false }, nodes: [{ __typename: 'PullRequest', number: 4, title: 'Fix', url: 'https://github.com/octo-org/api/pull/4', pullState: 'OPEN', createdAt: '2026-11-20T00:00:00Z' }] } } };

/** Starts the sync as the background does, on a GitHub answering one open pull request to every search. */
function start() {
  const asked: string[] = [];
  const fetch: Fetch = async (url) => {
    asked.push(url);
    return new Response(JSON.stringify(page));
  };
  const cache = new FlowCache(memoryRecordStore());
  startTeamSync({ cache: async () => cache, fetch, now: () => NOW, loadSettings, loadSecrets: async () => ({ ...NO_SECRETS, githubTokens: { 'github.com': 't' } }), holds: createRateHolds() });
  return { asked };
}

const alarm = (name: string) => ({ name, scheduledTime: NOW, persistAcrossSessions: true });

beforeEach(async () => {
  fakeBrowser.reset();
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, team: { ...DEFAULT_SETTINGS.team, githubRepos: ['octo-org/api'] } });
});

describe('startTeamSync, the follow-up alarm', () => {
  it('reads the next slice of a run paused for its pace', async () => {
    const sources = teamSources({ ...DEFAULT_SETTINGS.team, githubRepos: ['octo-org/api'] }, NOW);
    // A run whose first source is read, paused until a minute ago (a stopped worker left it).
    const cursors = sources.map((s, i) => ({ source: s.id, done: i === 0 }));
    await teamStateItem.setValue({ openKeys: [], cycleTimesMs: [], lastErrors: [], run: { startedAt: NOW - 5 * 60_000, cursors, openKeys: [], cycleTimesMs: [], bySource: { [sources[0]!.id]: { keys: ['github:octo-org/api#1'], cycleTimesMs: [] } }, resumeAt: NOW + 60_000 } });
    const { asked } = start();
    // At worker start the run is not due yet: nothing is asked.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toEqual([]);
    const state = await loadTeamState();
    await teamStateItem.setValue({ ...state, run: { ...state.run!, resumeAt: NOW - 1 } });
    await fakeBrowser.alarms.onAlarm.trigger(alarm(TEAM_SYNC_CONTINUE_ALARM));
    await expect.poll(async () => (await loadTeamState()).run).toBeUndefined();
    // Only the source left was read; the first one's keys were kept from the run.
    expect(asked).toEqual(['https://api.github.com/graphql']);
    expect((await loadTeamState()).openKeys).toEqual(['github:octo-org/api#1']);
  });

  it('starts no new run when the run it was set for has ended', async () => {
    const { asked } = start();
    await fakeBrowser.alarms.onAlarm.trigger(alarm(TEAM_SYNC_CONTINUE_ALARM));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toEqual([]);
    expect((await loadTeamState()).lastGoodAt).toBeUndefined();
  });
});
