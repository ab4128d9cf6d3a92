import { describe, expect, it } from 'vitest';
import { localTime } from './local-time';

describe('localTime (the popup\'s times, one formatter per kind)', () => {
  const at = Date.parse('2026-11-03T10:02:00Z');

  it('prints each kind as the browser\'s own formatting with those options does', () => {
    expect(localTime(at, 'clock')).toBe(new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
    expect(localTime(at, 'weekdayClock')).toBe(new Date(at).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' }));
    expect(localTime(at, 'dateClock')).toBe(new Date(at).toLocaleString([], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }));
  });

  it('keeps the kinds apart once each has its formatter', () => {
    const clock = localTime(at, 'clock');
    const dated = localTime(at, 'dateClock');
    expect(dated).not.toBe(clock);
    expect(localTime(at + 60_000, 'clock')).not.toBe(clock);
    expect(localTime(at, 'clock')).toBe(clock);
    expect(localTime(at, 'dateClock')).toBe(dated);
  });
});
