// @vitest-environment node
/**
 * docs/ARCHITECTURE.md stays true to the code and the repository stands alone: every section the
 * code cites is in the document, every path the document names exists, its layer table names
 * every folder of lib/, and no file of the project cites a document outside the repository.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/shared';

const DOC = 'docs/ARCHITECTURE.md';
const doc = readFileSync(resolve(REPO_ROOT, DOC), 'utf8');
const sections = new Set([...doc.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim()));

/** The project's own tracked text files (fixtures of real sites' markup and answers left out). */
function trackedText(): string[] {
  const files = execFileSync('git', ['ls-files'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n');
  return files.filter((file) => /\.(ts|tsx|js|mjs|md|json|css|html)$/.test(file) && !file.startsWith('tests/fixtures/') && file !== 'package-lock.json' && existsSync(resolve(REPO_ROOT, file)));
}

describe('docs/ARCHITECTURE.md', () => {
  it('has the sections the issue asks for', () => {
    for (const section of ["Data's way", 'Layers', 'Badge contract', 'Domain words']) expect(sections).toContain(section);
  });

  it('has every section the code cites', () => {
    const cited: string[] = [];
    // The document's own example of a citation aside.
    for (const file of trackedText().filter((name) => name !== DOC)) {
      const text = readFileSync(resolve(REPO_ROOT, file), 'utf8');
      for (const m of text.matchAll(/docs\/ARCHITECTURE\.md, "([^"]+)"/g)) cited.push(`${file}: ${m[1]}`);
    }
    expect(cited.length).toBeGreaterThan(5);
    expect(cited.filter((entry) => !sections.has(entry.slice(entry.indexOf(': ') + 2)))).toEqual([]);
  });

  it('names only paths that exist', () => {
    const named = [...doc.matchAll(/`((?:lib|components|entrypoints|tests|scripts|docs)\/[^`*\s]*)`/g)].map((m) => m[1]!.replace(/\/…$/, ''));
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((path) => !existsSync(resolve(REPO_ROOT, path)))).toEqual([]);
  });

  it('lists every folder of lib/ in its layer table (test support aside)', () => {
    const table = doc.slice(doc.indexOf('## Layers'), doc.indexOf('## Badge contract'));
    const folders = readdirSync(resolve(REPO_ROOT, 'lib'), { withFileTypes: true }).filter((entry) => entry.isDirectory() && entry.name !== 'testing');
    expect(folders.map((entry) => entry.name).filter((name) => !table.includes(`\`lib/${name}/\``))).toEqual([]);
  });
});

describe('the repository stands alone', () => {
  it('cites no design, style or toolchain document from outside it', () => {
    // Built from parts, so this file does not name what it looks for.
    const outside = new RegExp(['DESIGN', 'STYLE', 'TOOLCHAIN'].map((name) => `\\b${name}\\.md`).join('|'));
    const citing = trackedText().filter((file) => outside.test(readFileSync(resolve(REPO_ROOT, file), 'utf8')));
    expect(citing).toEqual([]);
  });

  it('has code that cites the shared data beside it nowhere: only tests read it, through tests/support/shared.ts', () => {
    const code = trackedText().filter((file) => /^(lib|components|entrypoints)\/.*\.tsx?$/.test(file) && !/\.(test|bench)\.tsx?$|\/testing\//.test(file));
    expect(code.filter((file) => readFileSync(resolve(REPO_ROOT, file), 'utf8').includes('../shared'))).toEqual([]);
  });
});
