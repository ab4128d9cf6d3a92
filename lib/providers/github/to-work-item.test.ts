import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { GithubRef } from '../../item-key';
import { graphPull } from './schema';
import { pullToItem } from './to-work-item';

// The hand-written GraphQL node of octo-org/api#101 (a fixture), as our query asks for it.
const node = (n: number) => v.parse(graphPull, JSON.parse(readFileSync(resolve(`tests/fixtures/github/api/graphql/octo-org/api/${n}.json`), 'utf8')));
const ref = (number: number): GithubRef => ({ source: 'github', host: 'github.com', owner: 'octo-org', repo: 'api', number });

describe('pullToItem on a hand-written pull request fixture', () => {
  const item = pullToItem(ref(101), node(101));

  it('turns the timeline into flow events and skips event types it does not know', () => {
    expect(item.timeline.filter((e) => e.type !== 'check')).toEqual([
      { type: 'created', at: '2026-11-10T09:00:00Z' },
      { type: 'commit', at: '2026-11-10T08:55:00Z', sha: 'a1b2c3d' },
      { type: 'review-requested', at: '2026-11-10T09:01:00Z', reviewer: { id: 'bob', name: 'bob', url: 'https://github.com/bob' } },
      { type: 'labeled', at: '2026-11-14T16:20:00Z', label: 'blocked' },
    ]);
  });

  it('keeps every check run, reruns included, with the head sha and whether it is required', () => {
    const checks = item.timeline.filter((e) => e.type === 'check');
    expect(checks.map((c) => `${c.name} ${c.conclusion} ${c.required}`)).toEqual([
      'test (20) failure true',
      'test (20) failure true',
      'lint failure false',
      'lint success false',
      'deploy/preview success false',
    ]);
    expect(checks.every((c) => c.sha === 'a1b2c3d')).toBe(true);
    // lint failed then passed on a rerun: only test (20) is failing now.
    expect(item.signals.failingChecks).toEqual(['test (20)']);
  });

  it('reads dependencies from the body and the issues it closes', () => {
    expect(item.upstream).toEqual([{ key: 'github:octo-org/web#14', kind: 'depends-on' }]);
    expect(item.downstream).toEqual([
      { key: 'github:octo-org/api#90', kind: 'depends-on', url: 'https://github.com/octo-org/api/issues/90', open: true },
    ]);
  });

  it('sees a PR stacked on another open PR through its base branch', () => {
    expect(pullToItem(ref(103), node(103)).upstream).toEqual([
      { key: 'github:octo-org/api#101', kind: 'stacked-on', url: 'https://github.com/octo-org/api/pull/101', title: 'Add retry to payment webhook', open: true },
    ]);
  });
});
