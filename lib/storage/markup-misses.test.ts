import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadMarkupMisses, MISS_MEMORY_MS, recordMarkupMiss } from './markup-misses';

const NOW = Date.parse('2026-11-20T12:00:00Z');
beforeEach(() => fakeBrowser.reset());

describe('markup misses', () => {
  it('counts misses per site and remembers the last page kind', async () => {
    await recordMarkupMiss('github', 'repoPullList', NOW);
    await recordMarkupMiss('github', 'pullRequest', NOW + 1000);
    await recordMarkupMiss('jira', 'issue view', NOW + 2000);
    expect(await loadMarkupMisses(NOW + 3000)).toEqual([
      { site: 'github', count: 2, lastAt: NOW + 1000, lastPage: 'pullRequest' },
      { site: 'jira', count: 1, lastAt: NOW + 2000, lastPage: 'issue view' },
    ]);
  });

  it('forgets a site whose last miss is over a week old, and starts counting again', async () => {
    await recordMarkupMiss('github', 'issue', NOW);
    expect(await loadMarkupMisses(NOW + MISS_MEMORY_MS)).toEqual([]);
    await recordMarkupMiss('github', 'issue', NOW + MISS_MEMORY_MS);
    expect((await loadMarkupMisses(NOW + MISS_MEMORY_MS))[0]?.count).toBe(1);
  });

  it('reads a broken stored value as no misses', async () => {
    await fakeBrowser.storage.local.set({ markupMisses: [{ site: 'gitlab', count: -1 }] });
    expect(await loadMarkupMisses(NOW)).toEqual([]);
  });
});
