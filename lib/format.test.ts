import { describe, expect, it } from 'vitest';
import { formatDuration } from './format';

describe('formatDuration', () => {
  it.each([
    [-5, '0m'],
    [59_999, '0m'],
    [45 * 60_000, '45m'],
    [5 * 3_600_000 + 59 * 60_000, '5h'],
    [86_400_000, '1d'],
    [13 * 86_400_000, '13d'],
    [14 * 86_400_000, '2w'],
    [45 * 86_400_000, '6w'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
