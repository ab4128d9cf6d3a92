import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TeamSummaryAnswer } from './summary-types';
import { createSummaryCopy, FIRST_FRAME_ROWS, firstFrame, headOf, keepEachAnswer, parseSummaryCopy, parseSummaryHead, readSummaryCopy, readSummaryHead, summaryAnswers, SUMMARY_COPY_VERSION, type SummaryCopy } from './first-paint';

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
    expect(await readSummaryHead(fakeBrowser.storage.session)).toEqual(headOf(fresh));
    expect(await fakeBrowser.storage.session.get(null)).toEqual({ teamSummary: JSON.stringify(fresh.summary), teamSummaryHead: JSON.stringify(headOf(fresh)), teamSummary$: { v: SUMMARY_COPY_VERSION, at: fresh.summary.at } });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('treats a value of another shape as no copy, and is cleared with the cache', async () => {
    const fresh = later();
    await fakeBrowser.storage.session.set({ teamSummary: JSON.stringify({ ...fresh.summary, items: 'many' }), teamSummaryHead: JSON.stringify(headOf(fresh)), teamSummary$: { v: SUMMARY_COPY_VERSION } });
    expect(await copy.read()).toBeUndefined();
    await copy.write(later());
    expect(await copy.read()).toBeDefined();
    await copy.clear();
    expect(await copy.read()).toBeUndefined();
    expect(await readSummaryHead(fakeBrowser.storage.session)).toBeUndefined();
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

  it('writes the same summary again only as its head, with the sync status beside it', async () => {
    const first = later();
    await copy.write(first);
    const sets: string[][] = [];
    const area = fakeBrowser.storage.session;
    const watched = createSummaryCopy({ get: (keys) => area.get(keys), remove: (keys) => area.remove(keys), set: (items) => (sets.push(Object.keys(items)), area.set(items)) });
    await watched.write(first);
    const running = { ...first, sync: { ...first.sync, running: true } };
    await watched.write(running);
    expect(sets).toEqual([['teamSummary', 'teamSummaryHead', 'teamSummary$'], ['teamSummaryHead', 'teamSummary$']]);
    expect(await watched.read()).toEqual(running);
    // Another summary is written whole; so is the same one once the copy was removed behind its back.
    const next = { ...first, summary: { ...first.summary, at: first.summary.at + 1 } };
    await watched.write(next);
    await area.remove('teamSummary$');
    await watched.write(next);
    expect(sets.slice(2)).toEqual([['teamSummary', 'teamSummaryHead', 'teamSummary$'], ['teamSummary', 'teamSummaryHead', 'teamSummary$']]);
    expect(await watched.read()).toEqual(next);
  });

  it('keeps nothing of a write the cache was cleared during', async () => {
    const fresh = later();
    await copy.write(fresh);
    // The second write of the same summary reads the version first: the cache is cleared meanwhile.
    const area = fakeBrowser.storage.session;
    let clearing: Promise<void> | undefined;
    const racing = createSummaryCopy({ get: (keys) => ((clearing ??= racing.clear(fresh.summary.at)), area.get(keys)), remove: (keys) => area.remove(keys), set: (items) => area.set(items) });
    await racing.write(fresh);
    await racing.write(fresh);
    await clearing;
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});

const VERSION = { v: SUMMARY_COPY_VERSION };

describe('parseSummaryCopy', () => {
  const head = JSON.stringify(headOf(ANSWER));
  it('accepts the JSON of a summary with its head, of this version', () => {
    expect(parseSummaryCopy(JSON.stringify(ANSWER.summary), head, VERSION)).toEqual(ANSWER);
  });

  it('refuses a copy of another version, or with no version noted, or without its head', () => {
    expect(parseSummaryCopy(JSON.stringify(ANSWER.summary), head, { v: SUMMARY_COPY_VERSION + 1 })).toBeUndefined();
    expect(parseSummaryCopy(JSON.stringify(ANSWER.summary), head, undefined)).toBeUndefined();
    expect(parseSummaryCopy(JSON.stringify(ANSWER.summary), undefined, VERSION)).toBeUndefined();
  });

  it('refuses the object form of earlier versions, JSON that does not parse, and a summary of another time than its head', () => {
    expect(parseSummaryCopy(ANSWER.summary, head, VERSION)).toBeUndefined();
    expect(parseSummaryCopy(JSON.stringify(ANSWER.summary).slice(0, -3), head, VERSION)).toBeUndefined();
    expect(parseSummaryCopy(JSON.stringify({ ...ANSWER.summary, at: 2 }), head, VERSION)).toBeUndefined();
  });

  it.each([
    ['nothing', null],
    ['a string', 'summary'],
    ['a time that is not a number', { ...ANSWER.summary, at: '1' }],
    ['items that are not a list', { ...ANSWER.summary, items: {} }],
    ['a row without a title', { ...ANSWER.summary, items: [{ ...ITEM, title: undefined }] }],
    ['a row whose people are not names', { ...ANSWER.summary, items: [{ ...ITEM, people: [1] }] }],
    ['no critical path steps', { ...ANSWER.summary, criticalPath: {} }],
  ])('treats %s as no copy', (_, value) => {
    expect(parseSummaryCopy(JSON.stringify(value), head, VERSION)).toBeUndefined();
  });
});

describe('the copy\'s head', () => {
  const row = (n: number, state: string, since: string) => ({ ...ITEM, key: `jira:acme.atlassian.net/PAY-${n}`, url: `https://acme.atlassian.net/browse/PAY-${n}`, state, since });
  // 14 blocked rows, longest blocked first, then 3 waiting, 2 failing and 5 flowing.
  const items = [
    ...Array.from({ length: 14 }, (_, i) => row(i + 1, 'blocked', `2026-11-${String(1 + i).padStart(2, '0')}T09:00:00Z`)),
    ...Array.from({ length: 3 }, (_, i) => row(i + 20, 'waiting', '2026-11-20T09:00:00Z')),
    ...Array.from({ length: 2 }, (_, i) => row(i + 30, 'failing', '2026-11-21T09:00:00Z')),
    ...Array.from({ length: 5 }, (_, i) => row(i + 40, 'flowing', '2026-11-22T09:00:00Z')),
  ];
  const many: TeamSummaryAnswer = { ...ANSWER, summary: { ...ANSWER.summary, at: Date.parse('2026-11-30T09:00:00Z'), items } as TeamSummaryAnswer['summary'] };

  it('holds the counts of every item and only the first frame\'s stuck rows', () => {
    const { glance, sync } = headOf(many);
    expect(glance.counts).toEqual({ blocked: 14, waiting: 3, failing: 2 });
    expect(glance.open).toBe(24);
    expect(glance.stuckCount).toBe(19);
    expect(glance.stuck.map((item) => item.key)).toEqual(items.slice(0, FIRST_FRAME_ROWS).map((item) => item.key));
    // The oldest is the longest blocked (29 days), from every stuck item.
    expect(glance.oldest).toEqual({ item: items[0], ms: 29 * 86_400_000, atLeast: false });
    expect(glance.oneRepo).toBe(true);
    expect(glance.people).toEqual(['ana']);
    expect(sync).toBe(many.sync);
    // Far smaller than the whole copy.
    expect(JSON.stringify(headOf(many)).length).toBeLessThan(JSON.stringify(many).length / 2);
  });

  it('is read alone, in one call with the version, and parses back to itself', async () => {
    const asked: string[][] = [];
    const stored = { teamSummaryHead: JSON.stringify(headOf(many)), teamSummary$: VERSION };
    expect(await readSummaryHead({ get: async (keys) => (asked.push(keys), stored) })).toEqual(headOf(many));
    expect(asked).toEqual([['teamSummaryHead', 'teamSummary$']]);
  });

  const head = headOf(many);
  it.each([
    ['another version', JSON.stringify(head), { v: SUMMARY_COPY_VERSION - 1 }],
    ['JSON that does not parse', JSON.stringify(head).slice(1), VERSION],
    ['no glance', JSON.stringify({ sync: head.sync }), VERSION],
    ['a count that is not a number', JSON.stringify({ ...head, glance: { ...head.glance, counts: { blocked: '14' } } }), VERSION],
    ['a row without a title', JSON.stringify({ ...head, glance: { ...head.glance, stuck: [{ ...ITEM, title: 7 }] } }), VERSION],
    ['an oldest without its item', JSON.stringify({ ...head, glance: { ...head.glance, oldest: { ms: 1, atLeast: false } } }), VERSION],
    ['people that are not names', JSON.stringify({ ...head, glance: { ...head.glance, people: [{}] } }), VERSION],
    ['a sync without its errors', JSON.stringify({ ...head, sync: { configured: true, running: false } }), VERSION],
    ['no sync', JSON.stringify({ glance: head.glance }), VERSION],
  ])('treats %s as no head', (_, stored, meta) => {
    expect(parseSummaryHead(stored, meta)).toBeUndefined();
  });
});

describe('readSummaryCopy', () => {
  it('asks for the summary, its head and the version in one call', async () => {
    const asked: string[][] = [];
    const copy = await readSummaryCopy({ get: async (keys) => (asked.push(keys), { teamSummary: JSON.stringify(ANSWER.summary), teamSummaryHead: JSON.stringify(headOf(ANSWER)), teamSummary$: VERSION }) });
    expect(copy).toEqual(ANSWER);
    expect(asked).toEqual([['teamSummary', 'teamSummaryHead', 'teamSummary$']]);
  });

  it('counts a failing read as no copy', async () => {
    expect(await readSummaryCopy({ get: () => Promise.reject(new Error('no session storage')) })).toBeUndefined();
    expect(await readSummaryHead({ get: () => Promise.reject(new Error('no session storage')) })).toBeUndefined();
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
  const kept = { teamSummary: JSON.stringify(ANSWER.summary), teamSummaryHead: JSON.stringify(headOf(ANSWER)), teamSummary$: VERSION };

  it('paints the kept head without reading the whole copy or asking the background', async () => {
    const asked: string[][] = [];
    const ask = vi.fn(async () => 'fresh');
    expect(await firstFrame({ get: async (keys) => (asked.push(keys), kept) }, ask)).toEqual({ head: headOf(ANSWER) });
    expect(asked).toEqual([['teamSummaryHead', 'teamSummary$']]);
    expect(ask).not.toHaveBeenCalled();
  });

  it('without a copy, asks before rendering', async () => {
    const frame = await firstFrame({ get: async () => ({}) }, async () => 'fresh');
    expect('first' in frame && (await frame.first)).toBe('fresh');
  });

  it('with the head on screen, reads the whole copy and then takes the fresh answer only after the first frame, then asks anew each time', async () => {
    let framed = false;
    requestAnimationFrame(() => (framed = true));
    const order: string[] = [];
    const answers = summaryAnswers({ head: headOf(ANSWER), first: Promise.resolve('early'), readCopy: async () => (order.push(`copy ${framed ? 'after' : 'before'} the frame`), ANSWER) }, async () => (order.push('ask'), 'again'));
    expect(await answers.kept()).toBe(ANSWER);
    expect(await answers.next()).toBe('early');
    expect(await answers.next()).toBe('again');
    expect(order).toEqual(['copy after the frame', 'ask']);
  });

  it('without a head, reads no copy and takes the answer asked before rendering at once', async () => {
    let framed = false;
    requestAnimationFrame(() => (framed = true));
    const readCopy = vi.fn(async () => ANSWER);
    const answers = summaryAnswers({ first: Promise.resolve('early'), readCopy }, async () => 'again');
    expect(await answers.kept()).toBeUndefined();
    expect(await answers.next()).toBe('early');
    expect(framed).toBe(false);
    expect(readCopy).not.toHaveBeenCalled();
  });
});
