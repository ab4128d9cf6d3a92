import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearJiraSiteFacts, jiraSiteFacts, MAX_NAME_LENGTH, MAX_NAMES, MAX_SITES } from './jira-site-facts';

beforeEach(() => fakeBrowser.reset());

/** What storage.local holds under the facts' key. */
const stored = async () => (await fakeBrowser.storage.local.get('jiraSiteFacts'))['jiraSiteFacts'] as Record<string, { doneStatuses: string[]; waitLinks: string[] }> | undefined;
const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix} ${i}`);

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

describe('jiraSiteFacts bounds', () => {
  it(`keeps ${MAX_NAMES} names a list and none longer than ${MAX_NAME_LENGTH} characters, on write`, async () => {
    const long = 'x'.repeat(MAX_NAME_LENGTH + 1);
    await jiraSiteFacts.set('acme.atlassian.net', { at: 1, doneStatuses: [long, ...names('done', MAX_NAMES + 50)], waitLinks: [...names('waits on', MAX_NAMES + 1), 'x'.repeat(MAX_NAME_LENGTH)] });
    const kept = (await stored())!['acme.atlassian.net']!;
    expect(kept.doneStatuses).toEqual(names('done', MAX_NAMES));
    expect(kept.waitLinks).toEqual(names('waits on', MAX_NAMES));
  });

  it('bounds what it reads too, as another version may have written more', async () => {
    await fakeBrowser.storage.local.set({ jiraSiteFacts: { 'acme.atlassian.net': { at: 1, doneStatuses: names('done', MAX_NAMES * 10), waitLinks: ['y'.repeat(100_000), 'is blocked by'] } } });
    expect(await jiraSiteFacts.get('acme.atlassian.net')).toEqual({ at: 1, doneStatuses: names('done', MAX_NAMES), waitLinks: ['is blocked by'] });
  });

  it(`keeps the ${MAX_SITES} sites whose facts are newest, on write and on read`, async () => {
    for (let i = 0; i < MAX_SITES + 5; i++) await jiraSiteFacts.set(`s${i}.atlassian.net`, { at: 1000 + i, doneStatuses: [], waitLinks: [] });
    const hosts = Object.keys((await stored())!);
    expect(hosts).toHaveLength(MAX_SITES);
    expect(hosts.sort()).toEqual(Array.from({ length: MAX_SITES }, (_, i) => `s${i + 5}.atlassian.net`).sort());
    expect(await jiraSiteFacts.get('s0.atlassian.net')).toBeUndefined();

    const many = Object.fromEntries(Array.from({ length: MAX_SITES * 3 }, (_, i) => [`t${i}.atlassian.net`, { at: i, doneStatuses: [], waitLinks: [] }]));
    await fakeBrowser.storage.local.set({ jiraSiteFacts: many });
    expect(await jiraSiteFacts.get(`t${MAX_SITES * 3 - 1}.atlassian.net`)).toBeDefined();
    expect(await jiraSiteFacts.get('t0.atlassian.net')).toBeUndefined();
  });

  it('takes no host longer than a site can be, and no field id that is not a custom field’s', async () => {
    await fakeBrowser.storage.local.set({
      jiraSiteFacts: {
        [`${'a'.repeat(400)}.atlassian.net`]: { at: 1, doneStatuses: [], waitLinks: [] },
        'b.atlassian.net': { at: 1, flaggedFieldId: 'toString', doneStatuses: [], waitLinks: [] },
        'c.atlassian.net': { at: 1, sprintFieldId: 'customfield_10020', doneStatuses: [], waitLinks: [] },
      },
    });
    expect(await jiraSiteFacts.get(`${'a'.repeat(400)}.atlassian.net`)).toBeUndefined();
    expect(await jiraSiteFacts.get('b.atlassian.net')).toBeUndefined();
    expect(await jiraSiteFacts.get('c.atlassian.net')).toEqual({ at: 1, sprintFieldId: 'customfield_10020', doneStatuses: [], waitLinks: [] });
  });

  it('reads no host from the prototype', async () => {
    await jiraSiteFacts.set('acme.atlassian.net', { at: 1, doneStatuses: [], waitLinks: [] });
    expect(await jiraSiteFacts.get('constructor')).toBeUndefined();
    expect(await jiraSiteFacts.get('__proto__')).toBeUndefined();
  });
});

describe('clearJiraSiteFacts', () => {
  it('removes every site’s facts', async () => {
    await jiraSiteFacts.set('acme.atlassian.net', { at: 1, doneStatuses: ['done'], waitLinks: [] });
    await clearJiraSiteFacts();
    expect(await stored()).toBeUndefined();
    expect(await jiraSiteFacts.get('acme.atlassian.net')).toBeUndefined();
  });
});
