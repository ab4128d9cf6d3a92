/**
 * Test support: the one check both sites' page detectors pass (lib/adapters/github/page-detect.ts,
 * lib/adapters/jira/page-detect.ts): each kind accepts its own example URLs and no other kind's,
 * and pages of no kind are given none.
 */
import { expect, it } from 'vitest';

/** A site's detectors by page kind, each with the URLs it must recognise. */
type Detectors = Record<string, { test: (url: URL) => boolean; examples: readonly string[] }>;

/** Tests, in the calling `describe`, that `detect` names each example's kind and nothing for `others`. */
export function checkDetectors(detectors: Detectors, detect: (href: string) => string | undefined, others: readonly string[]): void {
  const kinds = Object.keys(detectors);
  for (const kind of kinds) {
    it(`${kind} accepts its own examples and no other kind's`, () => {
      for (const example of detectors[kind]!.examples) {
        expect(detect(example), example).toBe(kind);
        for (const other of kinds.filter((k) => k !== kind)) expect(detectors[other]!.test(new URL(example)), `${other} on ${example}`).toBe(false);
      }
    });
  }

  it.each(others)('knows no kind for %s', (url) => {
    expect(detect(url)).toBeUndefined();
  });
}
