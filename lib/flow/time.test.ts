import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from './time';

describe('time units', () => {
  it('are milliseconds', () => {
    expect([MINUTE, HOUR, DAY]).toEqual([60_000, 3_600_000, 86_400_000]);
  });
});
