/**
 * Test support: the real GitHub and Jira API answers in `../shared/fixtures/real-api/`, recorded
 * by other public projects (its README says where each comes from). They are read where they
 * lie, next to the repository, never copied into it; tests that need them skip when they are
 * absent (`describe.skipIf(!HAS_REAL_API)`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `../shared/fixtures/real-api` from the repository root (this file is in lib/providers/testing). */
export const REAL_API = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures/real-api');

/** Whether the recorded answers are there; the reason to give when they are not. */
export const HAS_REAL_API = existsSync(REAL_API);
export const NO_REAL_API = `the recorded answers are not at ${REAL_API} (../shared is absent)`;

/** A recorded answer, parsed: `path` is relative to REAL_API, e.g. `github-rest/x.json`. */
export function readReal<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(resolve(REAL_API, path), 'utf8')) as T;
}
