import { describe, expect, it } from 'vitest';
import { formatAtLeast, formatDuration } from './format';

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;

describe('formatDuration: one unit rule, whole units rounded down', () => {
  it.each([
    [-5, '0 m'],
    [Number.NaN, '0 m'],
    [59_999, '0 m'],
    [45 * MIN, '45 m'],
    [H - 1, '59 m'],
    [H, '1 h'],
    [5 * H + 59 * MIN, '5 h'],
    [D - 1, '23 h'],
    [D, '1 d'],
    [2 * D - 1, '1 d'],
    [13 * D, '13 d'],
    // Days always: no switch to weeks, so a badge and its card never disagree in unit.
    [14 * D, '14 d'],
    [17 * D + 23 * H, '17 d'],
    [45 * D, '45 d'],
    [400 * D, '400 d'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('gives a lower bound with the same rule, never rounded up', () => {
    expect(formatAtLeast(3 * D + 23 * H)).toBe('≥ 3 d');
    expect(formatAtLeast(90 * MIN)).toBe('≥ 1 h');
  });
});
