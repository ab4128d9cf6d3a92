import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { jiraSiteFacts } from './jira-site-facts';

beforeEach(() => fakeBrowser.reset());

describe('jiraSiteFacts', () => {
  it('keeps each site’s facts in local storage', async () => {
    await jiraSiteFacts.set('acme.atlassian.net', { at: 1, flaggedFieldId: 'customfield_1', doneStatuses: ['done'], waitLinks: ['is blocked by'] });
    await jiraSiteFacts.set('jira.corp', { at: 2, doneStatuses: [], waitLinks: [] });
    expect(await jiraSiteFacts.get('acme.atlassian.net')).toEqual({ at: 1, flaggedFieldId: 'customfield_1', doneStatuses: ['done'], waitLinks: ['is blocked by'] });
    expect(Object.keys((await fakeBrowser.storage.local.get('jiraSiteFacts'))['jiraSiteFacts'] as object)).toEqual(['acme.atlassian.net', 'jira.corp']);
  });

  it('drops a broken entry and keeps the others', async () => {
    await fakeBrowser.storage.local.set({ jiraSiteFacts: { 'a.atlassian.net': { at: 'soon' }, 'b.atlassian.net': { at: 3, doneStatuses: ['closed'], waitLinks: [] } } });
    expect(await jiraSiteFacts.get('a.atlassian.net')).toBeUndefined();
    expect((await jiraSiteFacts.get('b.atlassian.net'))?.doneStatuses).toEqual(['closed']);
  });
});
