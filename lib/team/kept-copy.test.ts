import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TeamSummaryAnswer } from './summary-types';
import { clearKeptCopy, loadKeptCopy, keepCopy } from './kept-copy';
import { parseKeptCopy, readKeptCopy, KEPT_COPY_VERSION } from './kept-copy-read';

const ITEM = { key: 'github:github.com/o/r#1', source: 'github', title: 'Fix it', url: 'https://github.com/o/r/pull/1', state: 'blocked', ageMs: 5, people: ['ana'], holdsUp: 0, blockedMs: 0, blockedByCluster: {} };
const ANSWER: TeamSummaryAnswer = {
  summary: { at: 1, items: [ITEM], people: ['ana'], clusters: [], criticalPath: { steps: [], ageMs: 0 }, topHolders: [] } as unknown as TeamSummaryAnswer['summary'],
  sync: { configured: true, running: false, lastErrors: [] },
};
const later = (answer = ANSWER) => ({ ...answer, summary: { ...answer.summary, at: Date.now() + 3_600_000 } });

beforeEach(() => fakeBrowser.reset());

describe('kept copy', () => {
  it('keeps the last answer in session storage as JSON with its version, not in local or sync', async () => {
    expect(await loadKeptCopy()).toBeUndefined();
    const fresh = later();
    await keepCopy(fresh);
    expect(await loadKeptCopy()).toEqual(fresh);
    expect(await fakeBrowser.storage.session.get(['teamSummary', 'teamSummary$'])).toEqual({ teamSummary: JSON.stringify(fresh), teamSummary$: { v: KEPT_COPY_VERSION } });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('treats a value of another shape as no copy, and is cleared with the cache', async () => {
    await fakeBrowser.storage.session.set({ teamSummary: JSON.stringify({ summary: { items: 'many' } }), teamSummary$: { v: KEPT_COPY_VERSION } });
    expect(await loadKeptCopy()).toBeUndefined();
    await keepCopy(later());
    expect(await loadKeptCopy()).toBeDefined();
    await clearKeptCopy();
    expect(await loadKeptCopy()).toBeUndefined();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('does not keep a summary computed before the cache was cleared', async () => {
    const cleared = Date.now() + 60_000;
    await clearKeptCopy(cleared);
    await keepCopy({ ...ANSWER, summary: { ...ANSWER.summary, at: cleared - 1 } });
    expect(await loadKeptCopy()).toBeUndefined();
    await keepCopy({ ...ANSWER, summary: { ...ANSWER.summary, at: cleared + 1 } });
    expect((await loadKeptCopy())?.summary.at).toBe(cleared + 1);
  });
});

const VERSION = { v: KEPT_COPY_VERSION };

describe('parseKeptCopy', () => {
  it('accepts the JSON of a summary answer of this version', () => {
    expect(parseKeptCopy(JSON.stringify(ANSWER), VERSION)).toEqual(ANSWER);
  });

  it('refuses a copy of another version, or with no version noted', () => {
    expect(parseKeptCopy(JSON.stringify(ANSWER), { v: KEPT_COPY_VERSION + 1 })).toBeUndefined();
    expect(parseKeptCopy(JSON.stringify(ANSWER), undefined)).toBeUndefined();
  });

  it('refuses the object form of earlier versions, and JSON that does not parse', () => {
    expect(parseKeptCopy(ANSWER, VERSION)).toBeUndefined();
    expect(parseKeptCopy(JSON.stringify(ANSWER).slice(0, -3), VERSION)).toBeUndefined();
  });

  it.each([
    ['nothing', null],
    ['a string', 'summary'],
    ['no sync', { summary: ANSWER.summary }],
    ['a time that is not a number', { ...ANSWER, summary: { ...ANSWER.summary, at: '1' } }],
    ['items that are not a list', { ...ANSWER, summary: { ...ANSWER.summary, items: {} } }],
    ['a row without a title', { ...ANSWER, summary: { ...ANSWER.summary, items: [{ ...ITEM, title: undefined }] } }],
    ['a row whose people are not names', { ...ANSWER, summary: { ...ANSWER.summary, items: [{ ...ITEM, people: [1] }] } }],
    ['no critical path steps', { ...ANSWER, summary: { ...ANSWER.summary, criticalPath: {} } }],
    ['a sync without its errors', { ...ANSWER, sync: { configured: true, running: false } }],
  ])('treats %s as no copy', (_, value) => {
    expect(parseKeptCopy(JSON.stringify(value), VERSION)).toBeUndefined();
  });
});

describe('readKeptCopy', () => {
  it('asks for the value and its version in one call', async () => {
    const asked: string[][] = [];
    const copy = await readKeptCopy({ get: async (keys) => (asked.push(keys), { teamSummary: JSON.stringify(ANSWER), teamSummary$: VERSION }) });
    expect(copy).toEqual(ANSWER);
    expect(asked).toEqual([['teamSummary', 'teamSummary$']]);
  });

  it('counts a failing read as no copy', async () => {
    expect(await readKeptCopy({ get: () => Promise.reject(new Error('no session storage')) })).toBeUndefined();
  });
});
