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
    const fresh = { ...ANSWER, summary: { ...ANSWER.summary, at: Date.now() + 3_600_000 } };
    await saveSummaryCopy(fresh);
    expect(await loadSummaryCopy()).toEqual(fresh);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('treats a value of another shape as no copy, and is cleared with the cache', async () => {
    await fakeBrowser.storage.session.set({ teamSummary: { summary: { items: 'many' } } });
    expect(await loadSummaryCopy()).toBeUndefined();
    await saveSummaryCopy({ ...ANSWER, summary: { ...ANSWER.summary, at: Date.now() + 3_600_000 } });
    expect(await loadSummaryCopy()).toBeDefined();
    await clearSummaryCopy();
    expect(await loadSummaryCopy()).toBeUndefined();
  });

  it('does not keep a summary computed before the cache was cleared', async () => {
    const cleared = Date.now() + 60_000;
    await clearSummaryCopy(cleared);
    await saveSummaryCopy({ ...ANSWER, summary: { ...ANSWER.summary, at: cleared - 1 } });
    expect(await loadSummaryCopy()).toBeUndefined();
    await saveSummaryCopy({ ...ANSWER, summary: { ...ANSWER.summary, at: cleared + 1 } });
    expect((await loadSummaryCopy())?.summary.at).toBe(cleared + 1);
  });
});
