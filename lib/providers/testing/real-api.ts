/**
 * Test support: the real GitHub and Jira API answers in `../shared/fixtures/real-api/`, recorded
 * by other public projects (its README says where each comes from). They are read where they
 * lie, next to the repository, never copied into it; tests that need them skip when they are
 * absent (`describe.skipIf(!HAS_REAL_API)`).
 */
import { haveShared, sharedJson, sharedPath, sharedTitle } from '../../../tests/support/shared';

/** `../shared/fixtures/real-api`, found from the repository root (tests/support/shared.ts). */
export const REAL_API = sharedPath('fixtures/real-api');

/** Whether the recorded answers are there; the reason to give when they are not. */
export const HAS_REAL_API = haveShared('fixtures/real-api');
export const NO_REAL_API = `the recorded answers are not at ${REAL_API} (../shared is absent)`;

/** A suite's title, saying why it is skipped when the recorded answers are absent. */
export const realApiTitle = (what: string): string => sharedTitle(what, 'fixtures/real-api');

/** A recorded answer, parsed: `path` is relative to REAL_API, e.g. `github-rest/x.json`. */
export function readReal<T = unknown>(path: string): T {
  return sharedJson<T>('fixtures/real-api', path);
}

/**
 * A value read from the recorded answers while a suite is collected: read only when they are
 * here. vitest runs a skipped suite's body too (to list its tests), so without them the value is
 * left undefined, and the suite, skipped, never touches it.
 */
export function whenReal<T>(read: () => T): T {
  return HAS_REAL_API ? read() : (undefined as T);
}
