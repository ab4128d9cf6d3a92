import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createFlowService } from '@/lib/background/flow-service';
import { browserHostApi } from '@/lib/background/browser-host-api';
import { createHostScriptSync } from '@/lib/background/host-scripts';
import { hostGranted } from '@/lib/host-permissions';
import { createRouter } from '@/lib/background/router';
import { createJiraProbes } from '@/lib/background/jira-probes';
import { createGithubQueryProbe } from '@/lib/background/github-probes';
import { moveSecretsOutOfLocalStorage } from '@/lib/background/move-secrets';
import { openedOnce } from '@/lib/background/opened-once';
import { openWelcomeOnInstall } from '@/lib/background/welcome';
import { createRateHolds } from '@/lib/background/rate-holds';
import { clearSiteFacts } from '@/lib/background/site-facts';
import { startTeamSync } from '@/lib/background/start-team-sync';
import { startNotifications } from '@/lib/background/start-notifications';
import { createTeamSummaryAnswer } from '@/lib/background/team-summary-answer';
import { createLookedAnswer } from '@/lib/background/looked-answer';
import { hostsWithToken } from '@/lib/background/drift-pairs';
import { openCache } from '@/lib/storage/cache';
import { createProviderState } from '@/lib/providers/provider-state';
import { jiraSiteFacts } from '@/lib/storage/jira-site-facts';
import { closeLocalStorageToContentScripts, secrets, watchLegacySecrets } from '@/lib/storage/secrets';
import { loadSettings, settingsItem } from '@/lib/storage/settings';
import { loadTeamState, teamStateItem } from '@/lib/team/team-state';
import { createPaceLoader, keptUntilChanged } from '@/lib/background/team-pace';
import { createSummaryCopy, keepEachAnswer } from '@/lib/team/first-paint';

export default defineBackground(() => {
  // The welcome page opens on install only; the listener must be registered at the worker's start.
  openWelcomeOnInstall();
  // Tokens live in the extension origin's IndexedDB; any left in storage.local move there.
  moveSecretsOutOfLocalStorage({ moveLegacy: secrets.moveLegacy, watchLegacy: watchLegacySecrets, closeLocalStorage: closeLocalStorageToContentScripts });
  const loadSecrets = secrets.load;
  const cache = openedOnce(() => openCache());
  // Called unbound: `deps.fetch(url)` with the global `fetch` itself would call it on `deps`, which Chrome refuses (Illegal invocation).
  const send = (url: string, init?: RequestInit) => fetch(url, init);
  // One rate-limit hold per host and one provider state (lib/providers/provider-state.ts) for all.
  const holds = createRateHolds();
  const providers = createProviderState({ siteFactsStore: jiraSiteFacts });
  // The cards read the team state (its pace yardstick, its repositories' ticket habit) once per sync, not per batch.
  const watchTeamState = (changed: () => void) => void teamStateItem.watch(changed);
  const keptTeamState = keptUntilChanged(loadTeamState, watchTeamState);
  const loadPace = createPaceLoader({ loadTeamState: keptTeamState, watch: watchTeamState });
  const flow = createFlowService({ cache, fetch: send, now: Date.now, loadSettings, loadSecrets, holds, providers, loadPace, loadTeamState: keptTeamState });
  const self = { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin };
  // The sync's alarm and the notifications' click listeners are registered now, at the worker's start.
  const notify = startNotifications({ cache, now: Date.now, flow });
  // After each sync: notifications, and a fresh copy of the summary for the next popup to paint.
  const afterSync = async (end: Parameters<typeof notify>[0]) => {
    await notify(end);
    await summaries.answer();
  };
  const teamSync = startTeamSync({ cache, fetch: send, now: Date.now, loadSettings, loadSecrets, holds, afterSync, providers });
  // The popup's first paint (lib/team/first-paint.ts): each answer is kept for the next popup, and
  // a worker starting without a copy builds one.
  const summaryCopy = createSummaryCopy(browser.storage.session);
  const summaries = keepEachAnswer(summaryCopy, createTeamSummaryAnswer({ cache, loadSettings, loadTeamState, now: Date.now, syncStatus: () => teamSync.sync.status(), githubHosts: async (settings) => hostsWithToken(settings, await loadSecrets()) }));
  void summaries.fillIfMissing();
  // The popup's last look at the team's rows, kept in the cache ("Since you last looked").
  const team = { summary: summaries.answer, sync: teamSync.answer, looked: createLookedAnswer({ cache, now: Date.now }) };
  const jiraProbes = createJiraProbes({ fetch: send, now: Date.now, loadSecrets, pacing: providers.pacing });
  const githubQuery = createGithubQueryProbe({ fetch: send, now: Date.now, loadSecrets, pacing: providers.pacing });
  const probes = { githubQuery, jiraAccess: jiraProbes.access, jiraJql: jiraProbes.jql };
  const route = createRouter({ self, flow, cache, loadSecrets, loadSettings, fetch: send, now: Date.now, pacing: providers.pacing, team, probes, hostGranted, clearSiteFacts: () => clearSiteFacts(providers.siteFacts), summaryCopy });
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));

  // Hosts added on the options page (Enterprise Server, Data Center) get our content scripts.
  const syncHosts = createHostScriptSync({ api: browserHostApi, loadSettings, manifestHosts: () => browser.runtime.getManifest().host_permissions ?? [] });
  void syncHosts();
  settingsItem.watch(() => void syncHosts());
  browser.permissions.onAdded.addListener(() => void syncHosts());
  browser.permissions.onRemoved.addListener(() => void syncHosts());
});
