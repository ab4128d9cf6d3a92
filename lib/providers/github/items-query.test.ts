import { validate } from '@octokit/graphql-schema';
import { describe, expect, it } from 'vitest';
import type { GithubRef } from '../../item-key';
import { buildItemsQuery, GITHUB_BATCH } from './items-query';

// `validate` checks a query against GitHub's published schema, as @octokit/graphql-schema ships it.

const ref = (number: number, repo = 'api'): GithubRef => ({ source: 'github', host: 'github.com', owner: 'octo-org', repo, number });

describe('batched items query', () => {
  it('is valid against GitHub’s published GraphQL schema', () => {
    const { query } = buildItemsQuery([ref(1), ref(2, 'web')]);
    expect(validate(query).map((e) => e.message)).toEqual([]);
  });

  it('puts page data only in variables, one alias per item', () => {
    const { query, variables, aliases } = buildItemsQuery([ref(7), { ...ref(9), owner: 'x") { evil }' }]);
    expect(query).not.toContain('evil');
    expect(variables).toMatchObject({ o0: 'octo-org', r0: 'api', n0: 7, o1: 'x") { evil }', n1: 9 });
    expect([...aliases.keys()]).toEqual(['i0', 'i1']);
  });

  it('stays valid at a full batch', () => {
    const refs = Array.from({ length: GITHUB_BATCH }, (_, i) => ref(i + 1));
    const { query, aliases } = buildItemsQuery(refs);
    expect(aliases.size).toBe(GITHUB_BATCH);
    expect(validate(query)).toEqual([]);
  });
});
