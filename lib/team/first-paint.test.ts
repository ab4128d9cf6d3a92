import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TeamSummaryAnswer } from './summary-types';
import { createSummaryCopy, firstFrame, freshAnswers, keepEachAnswer, parseSummaryCopy, readSummaryCopy, SUMMARY_COPY_VERSION, type SummaryCopy } from './first-paint';

const ITEM = { key: 'github:github.com/o/r#1', source: 'github', title: 'Fix it', url: 'https://github.com/o/r/pull/1', state: 'blocked', ageMs: 5, people: ['ana'], holdsUp: 0, blockedMs: 0, blockedByCluster: {} };
const ANSWER: TeamSummaryAnswer = {
  summary: { at: 1, items: [ITEM], people: ['ana'], clusters: [], criticalPath: { steps: [], ageMs: 0 }, topHolders: [] } as unknown as TeamSummaryAnswer['summary'],
  sync: { configured: true, running: false, lastErrors: [] },
};
const later = (answer = ANSWER) => ({ ...answer, summary: { ...answer.summary, at: Date.now() + 3_600_000 } });

let copy: SummaryCopy;
beforeEach(() => {
  fakeBrowser.reset();
  copy = createSummaryCopy(fakeBrowser.storage.session);
});

describe('summary copy', () => {
  it('keeps the last answer in session storage as JSON with its version, not in local or sync', async () => {
    expect(await copy.read()).toBeUndefined();
    const fresh = later();
    await copy.write(fresh);
    expect(await copy.read()).toEqual(fresh);
    expect(await fakeBrowser.storage.session.get(['teamSummary', 'teamSummary$'])).toEqual({ teamSummary: JSON.stringify(fresh), teamSummary$: { v: SUMMARY_COPY_VERSION } });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('treats a value of another shape as no copy, and is cleared with the cache', async () => {
    await fakeBrowser.storage.session.set({ teamSummary: JSON.stringify({ summary: { items: 'many' } }), teamSummary$: { v: SUMMARY_COPY_VERSION } });
    expect(await copy.read()).toBeUndefined();
    await copy.write(later());
    expect(await copy.read()).toBeDefined();
    await copy.clear();
    expect(await copy.read()).toBeUndefined();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('does not keep a summary computed before the cache was cleared', async () => {
    const cleared = Date.now() + 60_000;
    await copy.clear(cleared);
    await copy.write({ ...ANSWER, summary: { ...ANSWER.summary, at: cleared - 1 } });
    expect(await copy.read()).toBeUndefined();
    await copy.write({ ...ANSWER, summary: { ...ANSWER.summary, at: cleared + 1 } });
    expect((await copy.read())?.summary.at).toBe(cleared + 1);
  });
});

const VERSION = { v: SUMMARY_COPY_VERSION };

describe('parseSummaryCopy', () => {
  it('accepts the JSON of a summary answer of this version', () => {
    expect(parseSummaryCopy(JSON.stringify(ANSWER), VERSION)).toEqual(ANSWER);
  });

  it('refuses a copy of another version, or with no version noted', () => {
    expect(parseSummaryCopy(JSON.stringify(ANSWER), { v: SUMMARY_COPY_VERSION + 1 })).toBeUndefined();
    expect(parseSummaryCopy(JSON.stringify(ANSWER), undefined)).toBeUndefined();
  });

  it('refuses the object form of earlier versions, and JSON that does not parse', () => {
    expect(parseSummaryCopy(ANSWER, VERSION)).toBeUndefined();
    expect(parseSummaryCopy(JSON.stringify(ANSWER).slice(0, -3), VERSION)).toBeUndefined();
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
    expect(parseSummaryCopy(JSON.stringify(value), VERSION)).toBeUndefined();
  });
});

describe('readSummaryCopy', () => {
  it('asks for the value and its version in one call', async () => {
    const asked: string[][] = [];
    const copy = await readSummaryCopy({ get: async (keys) => (asked.push(keys), { teamSummary: JSON.stringify(ANSWER), teamSummary$: VERSION }) });
    expect(copy).toEqual(ANSWER);
    expect(asked).toEqual([['teamSummary', 'teamSummary$']]);
  });

  it('counts a failing read as no copy', async () => {
    expect(await readSummaryCopy({ get: () => Promise.reject(new Error('no session storage')) })).toBeUndefined();
  });
});

describe('keepEachAnswer (the background)', () => {
  const ok = (at: number) => ({ ok: true as const, data: { ...ANSWER, summary: { ...ANSWER.summary, at } } });

  it('keeps each good answer as the copy, and lets asks made while one is computed share it', async () => {
    let computed = 0;
    const summaries = keepEachAnswer(copy, async () => ok(Date.now() + ++computed));
    const [a, b] = await Promise.all([summaries.answer(), summaries.answer()]);
    expect(a).toBe(b);
    expect(computed).toBe(1);
    await vi.waitFor(async () => expect(await copy.read()).toEqual(a.ok ? a.data : undefined));
    await summaries.answer();
    expect(computed).toBe(2);
  });

  it('keeps no copy of a failed answer, and still gives the answer', async () => {
    const failed = { ok: false as const, error: { code: 'bad-response' as const, message: 'No cache.' } };
    expect(await keepEachAnswer(copy, async () => failed).answer()).toEqual(failed);
    expect(await copy.read()).toBeUndefined();
  });

  it('builds the copy at the worker\'s start when there is none, and only then', async () => {
    let computed = 0;
    const summaries = keepEachAnswer(copy, async () => (computed++, ok(Date.now() + 1)));
    await summaries.fillIfMissing();
    await vi.waitFor(async () => expect(await copy.read()).toBeDefined());
    await summaries.fillIfMissing();
    expect(computed).toBe(1);
  });

  it('builds nothing and rejects nothing when the summary fails', async () => {
    await expect(keepEachAnswer(copy, () => Promise.reject(new Error('no cache'))).fillIfMissing()).resolves.toBeUndefined();
  });
});

describe('the popup\'s first frame', () => {
  const kept = { teamSummary: JSON.stringify(ANSWER), teamSummary$: VERSION };

  it('paints the kept copy without asking the background', async () => {
    const ask = vi.fn(async () => 'fresh');
    expect(await firstFrame({ get: async () => kept }, ask)).toEqual({ copy: ANSWER });
    expect(ask).not.toHaveBeenCalled();
  });

  it('without a copy, asks before rendering', async () => {
    const frame = await firstFrame({ get: async () => ({}) }, async () => 'fresh');
    expect('first' in frame && (await frame.first)).toBe('fresh');
  });

  it('with a copy on screen, takes the fresh answer only after the first frame, then asks anew each time', async () => {
    let framed = false;
    requestAnimationFrame(() => (framed = true));
    const asked: string[] = [];
    const next = freshAnswers({ copy: ANSWER, first: Promise.resolve('early') }, async () => (asked.push('ask'), 'again'));
    expect(await next()).toBe('early');
    expect(framed).toBe(true);
    expect(await next()).toBe('again');
    expect(asked).toEqual(['ask']);
  });

  it('without a copy, takes the answer asked before rendering at once', async () => {
    let framed = false;
    requestAnimationFrame(() => (framed = true));
    const next = freshAnswers({ first: Promise.resolve('early') }, async () => 'again');
    expect(await next()).toBe('early');
    expect(framed).toBe(false);
  });
});
