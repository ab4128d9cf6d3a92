/**
 * Where the shared test data lives: `../shared` beside the repository (real pages and API answers
 * recorded by other projects, and the flow rubric), found from this file's place in the
 * repository, never from the working directory. The data is read where it lies and never copied
 * into the project; tests that need it skip, saying why, when it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is tests/support/shared.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The absolute path of `parts` under ../shared. */
export function sharedPath(...parts: string[]): string {
  return resolve(REPO_ROOT, '../shared', ...parts);
}

/** Whether a shared file or folder is here. */
export function haveShared(...parts: string[]): boolean {
  return existsSync(sharedPath(...parts));
}

/** Why a test that reads `parts` is skipped, for its title. */
export function missingShared(...parts: string[]): string {
  return `${sharedPath(...parts)} is absent: the real data beside the repository is needed`;
}

/** A suite's title that, when `parts` is absent, says the suite is skipped and why. */
export function sharedTitle(title: string, ...parts: string[]): string {
  return haveShared(...parts) ? title : `${title} (skipped: ${missingShared(...parts)})`;
}

/** A shared JSON file, parsed. */
export function sharedJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFileSync(sharedPath(...parts), 'utf8')) as T;
}
