import { describe, expect, it } from 'vitest';
import type { WorkItem } from '../flow/model';
import type { FlowError } from '../flow-error';
import { formatKey, type GithubRef, type ItemRef } from '../item-key';
import type { FetchOutcome } from '../providers/outcome';
import { FlowCache } from '../storage/cache';
import { memoryRecordStore } from '../storage/record-store';
import { DEFAULT_SETTINGS } from '../storage/settings';
import { createCrossSource, RELATED_PER_REQUEST } from './cross-source';

const NOW = Date.parse('2026-11-20T00:00:00Z');
const ticket: WorkItem = {
  key: 'jira:acme.atlassian.net/PAY-42', source: 'jira', kind: 'jira-issue', title: 'Card payments', url: '', state: 'open',
  assignees: [], requestedReviewers: [], createdAt: '2026-11-01T00:00:00Z', container: 'PAY', signals: {}, timeline: [], upstream: [], downstream: [],
};
const pull: WorkItem = { ...ticket, key: 'github:octo-org/api#101', source: 'github', kind: 'pull', title: 'PAY-42: retry', container: 'octo-org/api' };
const shown = [{ hit: { value: { item: ticket }, fetchedAt: NOW, fresh: true } }];
const settings = { ...DEFAULT_SETTINGS, jiraSites: ['acme.atlassian.net'], jiraOnGithub: true, pullsOnJira: true };

/** What the fake Jira sites list: project keys, or why they could not be listed. */
type Lists = Record<string, string[] | FlowError>;

/**
 * Cross-source lookups over a memory cache; `tokenHosts` are the GitHub hosts with a token,
 * `lists` what each Jira site says its projects are.
 */
function setup(token: boolean, tokenHosts = ['github.com'], lists: Lists = { 'acme.atlassian.net': ['PAY'] }) {
  let now = NOW;
  const searches: string[][] = [];
  const searchedHosts: string[] = [];
  const fetched: ItemRef[][] = [];
  const listed: string[] = [];
  const cross = createCrossSource({
    cache: async () => cache,
    now: () => now,
    fetchItems: async (refs): Promise<FetchOutcome> => {
      fetched.push(refs);
      const jira = refs.flatMap((ref) => (ref.source === 'jira' ? [{ ...ticket, key: formatKey(ref), title: `${ref.issueKey} on ${ref.host}` }] : []));
      return { items: new Map([[pull.key, { item: pull }], ...jira.map((item) => [item.key, { item }] as const)]), errors: new Map(), rate: {} };
    },
    githubHosts: async () => (token ? tokenHosts : []),
    searchPulls: async (host, keys) => {
      searches.push(keys);
      searchedHosts.push(host);
      const ref: GithubRef = { source: 'github', host, owner: 'octo-org', repo: 'api', number: 101 };
      return new Map([['PAY-42', [ref]]]);
    },
    readProjects: async (site) => {
      listed.push(site);
      const list = lists[site] ?? { code: 'not-found', message: `${site} is not a Jira site.` };
      return Array.isArray(list) ? { keys: list, complete: true } : list;
    },
  });
  const cache = new FlowCache(memoryRecordStore());
  return { cross, searches, searchedHosts, fetched, listed, advance: (ms: number) => (now += ms) };
}

/** Pull requests as a GitHub page shows them, each with the Jira keys it names. */
function pulls(...named: { key?: string; mentions: string[] }[]) {
  return named.map(({ key, mentions }, i) => ({ hit: { value: { item: { ...pull, key: key ?? `github:octo-org/api#${i + 1}`, mentions } }, fetchedAt: NOW, fresh: true } }));
}

/** Every key asked of Jira, in order. */
const askedJira = (fetched: ItemRef[][]) => fetched.flat().filter((ref) => ref.source === 'jira').map(formatKey);

describe('Jira tickets a pull request names', () => {
  it('are asked each of the one Jira site that lists its project, never of another', async () => {
    const { cross, fetched } = setup(true, ['github.com'], { 'acme.atlassian.net': ['PAY'], 'jira.corp.example': ['OPS', 'CORE'] });
    const two = { ...settings, jiraSites: ['acme.atlassian.net', 'jira.corp.example'] };
    const related = await cross.related(pulls({ mentions: ['OPS-7', 'PAY-42', 'XYZ-1'] }), two, true);
    expect(askedJira(fetched)).toEqual(['jira:jira.corp.example/OPS-7', 'jira:acme.atlassian.net/PAY-42']);
    expect(related.keysByItem.get('github:octo-org/api#1')).toEqual(['jira:jira.corp.example/OPS-7', 'jira:acme.atlassian.net/PAY-42']);
    expect(related.items.get('jira:jira.corp.example/OPS-7')?.item.title).toBe('OPS-7 on jira.corp.example');
  });

  it('are asked of none when two of the user’s sites list the project', async () => {
    const { cross, fetched } = setup(true, ['github.com'], { 'acme.atlassian.net': ['PAY'], 'evil.atlassian.net': ['PAY', 'OPS'] });
    const related = await cross.related(pulls({ mentions: ['PAY-42', 'OPS-7'] }), { ...settings, jiraSites: ['acme.atlassian.net', 'evil.atlassian.net'] }, true);
    expect(askedJira(fetched)).toEqual(['jira:evil.atlassian.net/OPS-7']);
    expect(related.keysByItem.get('github:octo-org/api#1')).toEqual(['jira:evil.atlassian.net/OPS-7']);
  });

  it('are asked of none with one site whose list does not have the project, nor while its list cannot be read', async () => {
    const { cross, fetched, listed, advance } = setup(true, ['github.com'], { 'acme.atlassian.net': { code: 'unauthorized', message: 'You are logged out of Jira at acme.atlassian.net.' } });
    const page = pulls({ mentions: ['PAY-42'] });
    expect((await cross.related(page, settings, false)).gaps).toEqual(['github:octo-org/api#1']); // the list is not known yet: worth a refresh
    expect((await cross.related(page, settings, true)).gaps).toEqual([]);
    expect((await cross.related(page, settings, false)).gaps).toEqual([]); // not a gap again until it may be asked again
    await cross.related(page, settings, true);
    expect(listed).toEqual(['acme.atlassian.net']);
    advance(settings.cacheTtlMinutes * 60_000);
    await cross.related(page, settings, true);
    expect(listed).toEqual(['acme.atlassian.net', 'acme.atlassian.net']);
    const other = setup(true, ['github.com'], { 'acme.atlassian.net': ['OPS'] });
    await other.cross.related(page, settings, true);
    expect([...fetched, ...other.fetched]).toEqual([]);
  });

  it('read each site’s project list once a day, from the cache in between', async () => {
    const { cross, listed, advance } = setup(true);
    const page = pulls({ mentions: ['PAY-42'] });
    await cross.related(page, settings, true);
    advance(23 * 60 * 60_000);
    expect((await cross.related(page, settings, false)).keysByItem.get('github:octo-org/api#1')).toEqual(['jira:acme.atlassian.net/PAY-42']);
    await cross.related(page, settings, true);
    expect(listed).toEqual(['acme.atlassian.net']);
    advance(60 * 60_000);
    await cross.related(page, settings, true);
    expect(listed).toEqual(['acme.atlassian.net', 'acme.atlassian.net']);
  });

  it('are shown only on GitHub hosts with a token, and only when the user allows it', async () => {
    const { cross, fetched, listed } = setup(true, ['github.com']);
    const elsewhere = pulls({ key: 'github:ghe.other/octo-org/api#1', mentions: ['PAY-42'] });
    expect((await cross.related(elsewhere, settings, true)).keysByItem.size).toBe(0);
    expect((await cross.related(pulls({ mentions: ['PAY-42'] }), { ...settings, jiraOnGithub: false }, true)).keysByItem.size).toBe(0);
    expect([fetched, listed]).toEqual([[], []]);
  });

  it('are at most ten per pull request, even from a copy cached with 200', async () => {
    const { cross, fetched } = setup(true);
    const many = Array.from({ length: 200 }, (_, i) => `PAY-${i + 1}`);
    const related = await cross.related(pulls({ mentions: many }), settings, true);
    expect(askedJira(fetched)).toEqual(many.slice(0, 10).map((key) => `jira:acme.atlassian.net/${key}`));
    expect(related.keysByItem.get('github:octo-org/api#1')).toHaveLength(10);
  });

  it('are at most 50 in one request of a page, the first ones in page order', async () => {
    const { cross, fetched } = setup(true);
    const page = pulls(...Array.from({ length: 12 }, (_, i) => ({ mentions: Array.from({ length: 5 }, (_, j) => `PAY-${i * 5 + j + 1}`) })));
    const related = await cross.related(page, settings, true);
    expect(RELATED_PER_REQUEST).toBe(50);
    expect(askedJira(fetched)).toEqual(Array.from({ length: 50 }, (_, i) => `jira:acme.atlassian.net/PAY-${i + 1}`));
    expect([...related.keysByItem.keys()]).toEqual(Array.from({ length: 10 }, (_, i) => `github:octo-org/api#${i + 1}`));
    expect(related.gaps).toEqual([]);
  });
});

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
