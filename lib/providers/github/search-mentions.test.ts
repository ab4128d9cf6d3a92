import { validate } from '@octokit/graphql-schema';
import { describe, expect, it } from 'vitest';
import type { Fetch } from '../http';
import { buildMentionQuery, searchMentioningPulls } from './search-mentions';

describe('searching pull requests that name Jira keys', () => {
  it('sends a query valid against GitHub’s published schema, keys only in variables', () => {
    const { query, variables } = buildMentionQuery(['PAY-42', 'OPS-7']);
    expect(validate(query).map((e) => e.message)).toEqual([]);
    expect(variables).toEqual({ q0: '"PAY-42" is:pr in:title sort:updated-desc', q1: '"OPS-7" is:pr in:title sort:updated-desc' });
  });

  it('maps the results per key and survives a failed answer', async () => {
    const fetch: Fetch = async () =>
      new Response(JSON.stringify({ data: { k0: { nodes: [{ number: 101, repository: { nameWithOwner: 'octo-org/api' } }, {}] }, k1: null } }), { status: 200 });
    const found = await searchMentioningPulls(['PAY-42', 'OPS-7'], { fetch, host: 'github.com', token: 't', now: 0 });
    expect(found.get('PAY-42')).toEqual([{ source: 'github', host: 'github.com', owner: 'octo-org', repo: 'api', number: 101 }]);
    expect(found.get('OPS-7')).toEqual([]);
    const broken: Fetch = async () => new Response('nope', { status: 502 });
    expect((await searchMentioningPulls(['PAY-42'], { fetch: broken, host: 'github.com', token: 't', now: 0 })).size).toBe(0);
  });

  it('keeps only results that name a repository as GitHub names one', async () => {
    const nodes = [
      { number: 1, repository: { nameWithOwner: '../../user' } },
      { number: 2, repository: { nameWithOwner: 'octo-org/api/extra' } },
      { number: 3, repository: { nameWithOwner: 'octo org/api' } },
      { number: -4, repository: { nameWithOwner: 'octo-org/api' } },
      { number: 5, repository: { nameWithOwner: 'octo-org/api' } },
    ];
    const fetch: Fetch = async () => new Response(JSON.stringify({ data: { k0: { nodes } } }), { status: 200 });
    const found = await searchMentioningPulls(['PAY-42'], { fetch, host: 'ghe.corp', token: 't', now: 0 });
    expect(found.get('PAY-42')).toEqual([{ source: 'github', host: 'ghe.corp', owner: 'octo-org', repo: 'api', number: 5 }]);
  });
});
