import { describe, expect, it } from 'vitest';
import type { WorkItem } from '../flow/model';
import type { GithubRef, ItemRef } from '../item-key';
import type { FetchOutcome } from '../providers/outcome';
import { FlowCache } from '../storage/cache';
import { memoryRecordStore } from '../storage/record-store';
import { DEFAULT_SETTINGS } from '../storage/settings';
import { createCrossSource } from './cross-source';

const NOW = Date.parse('2026-11-20T00:00:00Z');
const ticket: WorkItem = {
  key: 'jira:acme.atlassian.net/PAY-42', source: 'jira', kind: 'jira-issue', title: 'Card payments', url: '', state: 'open',
  assignees: [], requestedReviewers: [], createdAt: '2026-11-01T00:00:00Z', container: 'PAY', signals: {}, timeline: [], upstream: [], downstream: [],
};
const pull: WorkItem = { ...ticket, key: 'github:octo-org/api#101', source: 'github', kind: 'pull', title: 'PAY-42: retry', container: 'octo-org/api' };
const shown = [{ hit: { value: { item: ticket }, fetchedAt: NOW, fresh: true } }];
const settings = { ...DEFAULT_SETTINGS, jiraSites: ['acme.atlassian.net'], jiraOnGithub: true, pullsOnJira: true };

/** Cross-source lookups over a memory cache; `tokenHosts` are the GitHub hosts with a token. */
function setup(token: boolean, tokenHosts = ['github.com']) {
  const searches: string[][] = [];
  const searchedHosts: string[] = [];
  const fetched: ItemRef[][] = [];
  const cross = createCrossSource({
    cache: async () => cache,
    now: () => NOW,
    fetchItems: async (refs): Promise<FetchOutcome> => {
      fetched.push(refs);
      return { items: new Map([[pull.key, { item: pull }]]), errors: new Map(), rate: {} };
    },
    githubHosts: async () => (token ? tokenHosts : []),
    searchPulls: async (host, keys) => {
      searches.push(keys);
      searchedHosts.push(host);
      const ref: GithubRef = { source: 'github', host, owner: 'octo-org', repo: 'api', number: 101 };
      return new Map([['PAY-42', [ref]]]);
    },
  });
  const cache = new FlowCache(memoryRecordStore());
  return { cross, searches, searchedHosts, fetched };
}

describe('pull requests naming a Jira ticket', () => {
  it('are searched once for an issue view, after the cached paint, and then remembered', async () => {
    const { cross, searches, fetched } = setup(true);
    const cachedPaint = await cross.related(shown, settings, false);
    expect(searches).toEqual([]);
    expect(cachedPaint.gaps).toEqual([ticket.key]);
    const refreshed = await cross.related(shown, settings, true);
    expect(searches).toEqual([['PAY-42']]);
    expect(fetched).toHaveLength(1);
    expect(refreshed.keysByItem.get(ticket.key)).toEqual(['github:octo-org/api#101']);
    expect(refreshed.items.get('github:octo-org/api#101')?.item.title).toBe('PAY-42: retry');
    await cross.related(shown, settings, true);
    expect(searches).toHaveLength(1);
  });

  it('are not looked for without a GitHub token, nor when the user has not allowed it', async () => {
    const { cross, searches } = setup(false);
    expect((await cross.related(shown, settings, true)).gaps).toEqual([]);
    const allowed = setup(true);
    expect((await allowed.cross.related(shown, DEFAULT_SETTINGS, true)).keysByItem.size).toBe(0);
    expect([...searches, ...allowed.searches]).toEqual([]);
  });

  it('are looked for only on the Jira sites the user added, never on another tenant’s page', async () => {
    const { cross, searches } = setup(true);
    const tenant = { ...ticket, key: 'jira:attacker.atlassian.net/PAY-42' };
    const other = [{ hit: { value: { item: tenant }, fetchedAt: NOW, fresh: true } }];
    const related = await cross.related(other, settings, true);
    expect([related.keysByItem.size, related.gaps]).toEqual([0, []]);
    expect(searches).toEqual([]);
  });

  it('are searched on every GitHub host with a token, each host with its own', async () => {
    const { cross, searchedHosts } = setup(true, ['github.com', 'ghe.corp']);
    const related = await cross.related(shown, settings, true);
    expect(searchedHosts).toEqual(['github.com', 'ghe.corp']);
    expect(related.keysByItem.get(ticket.key)).toEqual(['github:octo-org/api#101', 'github:ghe.corp/octo-org/api#101']);
  });

  it('are the Jira-page opt-in alone: Jira tickets on GitHub pages do not allow them', async () => {
    const { cross, searches } = setup(true);
    const related = await cross.related(shown, { ...DEFAULT_SETTINGS, jiraOnGithub: true }, true);
    expect([related.keysByItem.size, related.gaps]).toEqual([0, []]);
    expect(searches).toEqual([]);
  });
});
