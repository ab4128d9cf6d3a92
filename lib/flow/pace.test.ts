import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { currentStretch, paceSample, PACE_MIN_SAMPLE, poolStretches, standingIn, standingWords, stretchLengths } from './pace';
import type { LifeSegment } from './life-split';

const HOUR = 3_600_000;
const segment = (kind: LifeSegment['kind'], hours: number, open?: true): LifeSegment => ({ kind, start: '2026-11-01T00:00:00.000Z', end: '2026-11-01T00:00:00.000Z', ms: hours * HOUR, ...(open ? { open } : {}) });

describe('the team’s stretches', () => {
  it('keeps each ended stretch by kind, never the open one', () => {
    const life = [segment('neither', 2), segment('review', 24), segment('author', 3), segment('review', 5), segment('review', 7, true)];
    expect(stretchLengths(life)).toEqual({ neither: [2 * HOUR], review: [24 * HOUR, 5 * HOUR], author: [3 * HOUR] });
    expect(currentStretch(life)).toEqual(segment('review', 7, true));
    expect(currentStretch(life.slice(0, 4))).toBeUndefined();
  });

  it('pools lives newest first and keeps the newest of each kind', () => {
    expect(poolStretches([{ review: [1, 2] }, { review: [3], ci: [9] }, { review: [4] }], 3)).toEqual({ review: [1, 2, 3], ci: [9] });
  });

  it('sorts the kept figures once into a sample', () => {
    const sample = paceSample({ cycleTimesMs: [5, 1, 3], stretchesMs: { review: [9, 2] }, at: 7 }, 90);
    expect(sample).toEqual({ cycleTimesMs: [1, 3, 5], stretchesMs: { review: [2, 9] }, items: 3, windowDays: 90, at: 7 });
  });
});

describe('where a figure stands', () => {
  // Twenty reviews of 1 h … 20 h.
  const reviews = Array.from({ length: 20 }, (_, i) => (i + 1) * HOUR);

  it('counts the team’s figures shorter and longer than it', () => {
    // 17.5 h: 17 of 20 are shorter (85 %), 3 longer (15 %).
    expect(standingIn(17.5 * HOUR, reviews)).toEqual({ longerThan: 85, shorterThan: 15, sample: 20 });
    // Exactly 4 h: 3 shorter, 16 longer, itself neither.
    expect(standingIn(4 * HOUR, reviews)).toEqual({ longerThan: 15, shorterThan: 80, sample: 20 });
    expect(standingIn(30 * HOUR, reviews)).toEqual({ longerThan: 100, shorterThan: 0, sample: 20 });
  });

  it('says nothing from fewer than the minimum sample, or of no figure', () => {
    expect(standingIn(HOUR, reviews.slice(0, PACE_MIN_SAMPLE - 1))).toBeUndefined();
    expect(standingIn(HOUR, reviews.slice(0, PACE_MIN_SAMPLE))).toBeDefined();
    expect(standingIn(NaN, reviews)).toBeUndefined();
  });

  it('says the standing in words from the larger side', () => {
    expect(standingWords({ longerThan: 85, shorterThan: 15, sample: 20 })).toBe('longer than 85% of');
    expect(standingWords({ longerThan: 15, shorterThan: 80, sample: 20 })).toBe('shorter than 80% of');
    expect(standingWords({ longerThan: 45, shorterThan: 45, sample: 20 })).toBe('about the middle of');
  });

  it('never says more than the whole sample, and a longer figure never stands lower', () => {
    const sorted = fc.array(fc.nat(1000), { minLength: PACE_MIN_SAMPLE, maxLength: 60 }).map((list) => [...list].sort((a, b) => a - b));
    fc.assert(
      fc.property(sorted, fc.nat(1100), fc.nat(100), (sample, ms, more) => {
        const at = standingIn(ms, sample)!;
        const later = standingIn(ms + more, sample)!;
        expect(at.longerThan + at.shorterThan).toBeLessThanOrEqual(100);
        expect(later.longerThan).toBeGreaterThanOrEqual(at.longerThan);
        expect(later.shorterThan).toBeLessThanOrEqual(at.shorterThan);
      }),
    );
  });
});
