// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShownMap } from './layer-state';

describe('ShownMap', () => {
  it('says an item is shown exactly when an entry shows it, through any run of sets, deletes and clears', () => {
    const anchors = Array.from({ length: 4 }, () => document.createElement('a'));
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), anchor: fc.nat(3), key: fc.constantFrom('a', 'b', 'c') }),
      fc.record({ kind: fc.constant('delete' as const), anchor: fc.nat(3) }),
      fc.record({ kind: fc.constant('clear' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const shown = new ShownMap<{ key: string }>((value) => value.key);
        const model = new Map<Element, string>();
        for (const step of ops) {
          if (step.kind === 'set') {
            shown.set(anchors[step.anchor]!, { key: step.key });
            model.set(anchors[step.anchor]!, step.key);
          } else if (step.kind === 'delete') {
            expect(shown.delete(anchors[step.anchor]!)).toBe(model.delete(anchors[step.anchor]!));
          } else {
            shown.clear();
            model.clear();
          }
          for (const key of ['a', 'b', 'c']) expect(shown.shows(key)).toBe([...model.values()].includes(key));
          expect(shown.size).toBe(model.size);
        }
      }),
      { numRuns: 500 },
    );
  });
});
