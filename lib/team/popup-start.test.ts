import { describe, expect, it } from 'vitest';
import { pageApi, startPopupReads, takePopupStart, type PageApi } from './popup-start';
import { SUMMARY_COPY_VERSION } from './summary-copy-read';

const ANSWER = {
  summary: { at: 1, items: [], people: [], clusters: [], criticalPath: { steps: [] }, topHolders: [] },
  sync: { configured: true, running: false, lastErrors: [] },
};

/** A page API that records what was asked, with a kept copy when `copy` is given. */
function fakeApi(copy?: unknown) {
  const asked: unknown[] = [];
  const api: PageApi = {
    runtime: { id: 'ext', sendMessage: async (message) => (asked.push(message), { ok: true, data: 'fresh' }) },
    storage: { session: { get: async (keys) => (asked.push(keys), copy === undefined ? {} : { teamSummary: JSON.stringify(copy), teamSummary$: { v: SUMMARY_COPY_VERSION } }) } },
  };
  return { api, asked };
}

describe('popup start', () => {
  it('uses `browser` where it is the extension API (Firefox), else `chrome`', () => {
    const firefox = fakeApi().api;
    const chrome = fakeApi().api;
    expect(pageApi({ browser: firefox, chrome })).toBe(firefox);
    expect(pageApi({ browser: { ...firefox, runtime: { sendMessage: firefox.runtime.sendMessage } }, chrome })).toBe(chrome);
    expect(pageApi({ chrome })).toBe(chrome);
  });

  it('starts the copy read and the summary request at once, and the module takes them once', async () => {
    const { api, asked } = fakeApi(ANSWER);
    const scope = { chrome: api };
    const started = startPopupReads(scope);
    expect(asked).toEqual([['teamSummary', 'teamSummary$'], { type: 'team/summary' }]);
    expect(takePopupStart(scope)).toBe(started);
    expect(await started.copy).toEqual(ANSWER);
    expect(await started.first).toEqual({ ok: true, data: 'fresh' });
    // Taken: a second page load in this scope starts its own reads.
    const again = takePopupStart(scope);
    expect(again).not.toBe(started);
    expect(asked).toHaveLength(4);
  });

  it('starts the reads itself when the head script did not run, and a missing copy is no copy', async () => {
    const { api, asked } = fakeApi();
    const started = takePopupStart({ chrome: api });
    expect(asked).toHaveLength(2);
    expect(await started.copy).toBeUndefined();
  });
});
