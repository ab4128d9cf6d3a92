import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createInterner } from './interned';

describe('createInterner', () => {
  it('gives back the same value, deeply, and pools each string once', () => {
    const intern = createInterner();
    const views = [
      { key: 'github:o/r#1', state: 'waiting', moves: [{ level: 'P2', text: 'Ask for a review.' }], traces: { state: { clock: 'calendar', events: ['opened'] } }, blockers: 0, stale: false, none: null },
      { key: 'github:o/r#2', state: 'waiting', moves: [{ level: 'P2', text: 'Ask for a review.' }], traces: { state: { clock: 'calendar', events: ['opened'] } }, blockers: 1, stale: true, none: null },
    ];
    const copy = structuredClone(views);
    expect(intern(views)).toBe(views);
    expect(views).toEqual(copy);
    // Two keys, and one each of the state, level, text, clock and event.
    expect(intern.size).toBe(7);
  });

  it('never holds more than its limit, and forgets the pool when cleared', () => {
    const intern = createInterner(3);
    intern(['a', 'b', 'c']);
    expect(intern.size).toBe(3);
    intern(['d']);
    expect(intern.size).toBe(1);
    intern.clear();
    expect(intern.size).toBe(0);
  });

  it('changes no JSON value it is given', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const before = JSON.stringify(value);
      expect(JSON.stringify(createInterner(5)(value))).toBe(before);
    }));
  });
});
