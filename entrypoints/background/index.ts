import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createFlowService } from '@/lib/background/flow-service';
import { browserHostApi } from '@/lib/background/browser-host-api';
import { syncHostScripts } from '@/lib/background/host-scripts';
import { grantedByManifest, hostGranted } from '@/lib/host-permissions';
import { createRouter } from '@/lib/background/router';
import { createJiraChecks } from '@/lib/background/jira-checks';
import { createGithubQueryCheck } from '@/lib/background/github-checks';
import { createRateHolds } from '@/lib/background/rate-holds';
import { startTeamSync } from '@/lib/background/start-team-sync';
import { startNotifications } from '@/lib/background/start-notifications';
import { createTeamSummary } from '@/lib/background/team-summary';
import { openCache, type FlowCache } from '@/lib/storage/cache';
import { createProviderState } from '@/lib/providers/provider-state';
import { clearJiraSiteFacts, jiraSiteFacts } from '@/lib/storage/jira-site-facts';
import { closeLocalStorageToContentScripts, secrets, watchLegacySecrets } from '@/lib/storage/secrets';
import { loadSettings, settingsItem } from '@/lib/storage/settings';
import { loadTeamState } from '@/lib/team/team-state';
import { loadSummaryCopy, saveSummaryCopy } from '@/lib/team/summary-copy';

export default defineBackground(() => {
  // Tokens live in the extension origin's IndexedDB; any an older version (or a test) left in
  // storage.local, which content scripts can read, move there now and whenever they appear.
  const moveSecrets = () => void secrets.moveLegacy().catch((error: unknown) => console.warn('FlowLens could not move its tokens out of storage.local yet:', error));
  moveSecrets();
  watchLegacySecrets(moveSecrets);
  void closeLocalStorageToContentScripts();
  const loadSecrets = secrets.load;
  let opening: Promise<FlowCache> | undefined;
  const cache = () => (opening ??= openCache());
  const send = (url: string, init?: RequestInit) => fetch(url, init);
  // One rate-limit hold per host and one provider state (lib/providers/provider-state.ts) for all.
  const holds = createRateHolds();
  const providers = createProviderState({ siteFactsStore: jiraSiteFacts });
  const flow = createFlowService({ cache, fetch: send, now: Date.now, loadSettings, loadSecrets, holds, providers });
  const self = { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin };
  // The sync's alarm and the notifications' click listeners are registered now, at the worker's start.
  const notify = startNotifications({ cache, now: Date.now, flow });
  // After each sync: notifications, and a fresh copy of the summary for the next popup to paint.
  const afterSync = async (end: Parameters<typeof notify>[0]) => {
    await notify(end);
    await summary();
  };
  const teamSync = startTeamSync({ cache, fetch: send, now: Date.now, loadSettings, loadSecrets, holds, afterSync, providers });
  const summarize = createTeamSummary({ cache, loadSettings, loadTeamState, now: Date.now, syncStatus: () => teamSync.sync.status() });
  // Each answer is kept for the next popup to paint before it asks (lib/team/summary-copy.ts);
  // asks that come while one is computed share it.
  let computing: ReturnType<typeof summarize> | undefined;
  const summary = () =>
    (computing ??= summarize()
      .then((answer) => {
        if (answer.ok) void saveSummaryCopy(answer.data).catch(() => undefined);
        return answer;
      })
      .finally(() => (computing = undefined)));
  // Session storage starts empty with the browser: the worker's first start builds the copy, so
  // even the day's first popup paints from it rather than waiting for the summary.
  void loadSummaryCopy()
    .then((copy) => (copy ? undefined : summary()))
    .catch(() => undefined);
  const team = { summary, sync: teamSync.answer };
  const jiraChecks = createJiraChecks({ fetch: send, now: Date.now, loadSecrets, pacing: providers.pacing });
  const githubQuery = createGithubQueryCheck({ fetch: send, now: Date.now, loadSecrets, pacing: providers.pacing });
  const checks = { githubQuery, jiraAccess: jiraChecks.access, jiraJql: jiraChecks.jql };
  // What was learnt of Jira sites goes with the cache, from memory and from storage.
  const clearSiteFacts = () => {
    providers.siteFacts.memory.clear();
    return clearJiraSiteFacts();
  };
  const route = createRouter({ self, flow, cache, loadSecrets, loadSettings, fetch: send, now: Date.now, pacing: providers.pacing, team, checks, hostGranted, clearSiteFacts });
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));

  // Hosts added on the options page (Enterprise Server, Data Center) get our content scripts.
  const syncHosts = () =>
    loadSettings()
      .then((settings) => syncHostScripts(browserHostApi, { github: settings.githubHosts, jira: settings.jiraSites }, (host) => grantedByManifest(host, browser.runtime.getManifest().host_permissions ?? [])))
      .catch((error: unknown) => console.warn('FlowLens could not register scripts for added hosts:', error));
  void syncHosts();
  settingsItem.watch(() => void syncHosts());
  browser.permissions.onAdded.addListener(() => void syncHosts());
  browser.permissions.onRemoved.addListener(() => void syncHosts());
});
