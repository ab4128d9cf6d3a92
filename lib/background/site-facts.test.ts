import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { jiraSiteFacts } from '../storage/jira-site-facts';
import { createSiteFacts } from '../providers/jira/site-meta';
import { clearSiteFacts } from './site-facts';

beforeEach(() => fakeBrowser.reset());

// That the worker's memory forgets them too is seen end to end: tests/e2e/clear-cache.test.mjs
// ("the site's fields are asked again").
describe('clearSiteFacts', () => {
  it('removes what storage and memory keep of every Jira site', async () => {
    const facts = createSiteFacts(jiraSiteFacts);
    facts.memory.set('acme.atlassian.net', { at: 1, meta: { doneStatuses: new Set(['done']), waitLinks: new Set() } });
    await jiraSiteFacts.set('acme.atlassian.net', { at: 1, doneStatuses: ['Done'], waitLinks: [] });
    await jiraSiteFacts.set('jira.corp.example', { at: 2, doneStatuses: [], waitLinks: ['is blocked by'] });
    await clearSiteFacts(facts);
    expect(facts.memory.size).toBe(0);
    expect(await jiraSiteFacts.get('acme.atlassian.net')).toBeUndefined();
    expect(await jiraSiteFacts.get('jira.corp.example')).toBeUndefined();
  });
});
