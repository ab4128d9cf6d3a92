// npm run bench: API requests a page of 25 or 100 GitHub rows costs, cold and warm, with and
// without a token, through the real background service (fake network, counted), and the GraphQL
// points those queries cost by GitHub's published formula (tests/support/graphql-cost.ts).
import { bench, describe } from 'vitest';
import { createFlowService } from '../../lib/background/flow-service';
import type { GithubRef } from '../../lib/item-key';
import type { Fetch } from '../../lib/providers/http';
import { FlowCache } from '../../lib/storage/cache';
import { memoryRecordStore } from '../../lib/storage/record-store';
import { DEFAULT_SETTINGS, NO_SECRETS } from '../../lib/storage/settings';
import { queryCost } from '../support/graphql-cost';

const NOW = Date.parse('2026-11-20T00:00:00Z');
const refs = (n: number): GithubRef[] => Array.from({ length: n }, (_, i) => ({ source: 'github', host: 'github.com', owner: 'octo-org', repo: 'api', number: i + 1 }));

/** A GitHub that answers every item as an open pull request, counting requests. */
function fakeGithub() {
  const counter = { requests: 0, points: 0 };
  const pull = (n: number) => ({ __typename: 'PullRequest', number: n, title: `PR ${n}`, url: `https://github.com/octo-org/api/pull/${n}`, pullState: 'OPEN', createdAt: '2026-11-01T00:00:00Z', author: null, reviewDecision: 'REVIEW_REQUIRED', mergeable: 'MERGEABLE' });
  const fetch: Fetch = async (url, init) => {
    counter.requests += 1;
    if (url.endsWith('/graphql')) {
      const { query, variables } = JSON.parse(String(init?.body)) as { query: string; variables: Record<string, number> };
      counter.points += queryCost(query, variables).points;
      const data = Object.fromEntries(Object.entries(variables).filter(([k]) => k.startsWith('n')).map(([k, n]) => [`i${k.slice(1)}`, { issueOrPullRequest: pull(n) }]));
      return new Response(JSON.stringify({ data }), { status: 200 });
    }
    const n = Number(url.split('/').pop());
    return new Response(JSON.stringify({ number: n, title: `PR ${n}`, html_url: `https://github.com/octo-org/api/pull/${n}`, state: 'open', created_at: '2026-11-01T00:00:00Z', pull_request: { merged_at: null } }), { status: 200, headers: { etag: `"${n}"` } });
  };
  return { counter, fetch };
}

async function measure(rows: number, token: boolean) {
  const { counter, fetch } = fakeGithub();
  const cache = new FlowCache(memoryRecordStore());
  const service = createFlowService({
    cache: async () => cache,
    fetch,
    now: () => NOW,
    loadSettings: async () => DEFAULT_SETTINGS,
    loadSecrets: async () => (token ? { ...NO_SECRETS, githubTokens: { 'github.com': 'ghp_x' } } : NO_SECRETS),
  });
  await service.refresh(refs(rows));
  const cold = counter.requests;
  const points = counter.points;
  await service.cached(refs(rows));
  await service.refresh(refs(rows));
  return { cold, warm: counter.requests - cold, points };
}

const rows: string[] = [];
for (const n of [25, 100]) {
  for (const token of [true, false]) {
    const { cold, warm, points } = await measure(n, token);
    rows.push(`| ${n} rows | ${token ? 'token (GraphQL)' : 'no token (REST)'} | ${cold} | ${warm} | ${token ? `${points} (${Math.round((points * 100) / n)} per 100 items)` : '—'} |`);
  }
}
console.log(['| page | access | requests cold | requests warm (within TTL) | GraphQL points cold, by GitHub’s formula |', '| --- | --- | --- | --- | --- |', ...rows].join('\n'));

describe('background refresh of a page', () => {
  bench('100 rows, cold cache, token', async () => {
    await measure(100, true);
  });
});
