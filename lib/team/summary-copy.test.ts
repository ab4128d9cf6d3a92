import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TeamSummaryAnswer } from './summary-types';
import { clearSummaryCopy, loadSummaryCopy, saveSummaryCopy } from './summary-copy';

const ANSWER: TeamSummaryAnswer = {
  summary: { at: 1, items: [], people: [], clusters: [], criticalPath: { steps: [], ageMs: 0 }, topHolders: [] } as unknown as TeamSummaryAnswer['summary'],
  sync: { configured: true, running: false, lastErrors: [] },
};

beforeEach(() => fakeBrowser.reset());

describe('summary copy', () => {
  it('keeps the last answer in session storage, not local or sync', async () => {
    expect(await loadSummaryCopy()).toBeUndefined();
    await saveSummaryCopy(ANSWER);
    expect(await loadSummaryCopy()).toEqual(ANSWER);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('treats a value of another shape as no copy, and is cleared with the cache', async () => {
    await fakeBrowser.storage.session.set({ teamSummary: { summary: { items: 'many' } } });
    expect(await loadSummaryCopy()).toBeUndefined();
    await saveSummaryCopy(ANSWER);
    await clearSummaryCopy();
    expect(await loadSummaryCopy()).toBeUndefined();
  });
});
