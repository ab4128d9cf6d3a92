// @vitest-environment node
/**
 * The code stays easy to change: no function outside tests is longer than 60 lines or takes more
 * than four positional parameters (an options object says what each value is). Functions are
 * read with the TypeScript compiler: declarations, function expressions, arrows and methods.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/shared';

const MAX_LINES = 60;
const MAX_PARAMETERS = 4;

interface Fn {
  where: string;
  lines: number;
  parameters: number;
}

/** The project's own code: lib, components and entrypoints, tests, benchmarks and test support aside. */
function codeFiles(): string[] {
  const files = execFileSync('git', ['ls-files', 'lib', 'components', 'entrypoints'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n');
  return files.filter((file) => /\.tsx?$/.test(file) && !/\.(test|bench)\.tsx?$|\/testing\//.test(file));
}

/** Every function of `file`, with its length in lines and its parameter count. */
function functionsOf(file: string): Fn[] {
  const text = readFileSync(resolve(REPO_ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Fn[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ where: `${file}:${start + 1}`, lines: end - start + 1, parameters: node.parameters.length });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the size of functions', () => {
  const functions = codeFiles().flatMap(functionsOf);

  it('reads the code (over a thousand functions)', () => {
    expect(functions.length).toBeGreaterThan(1000);
  });

  it(`has none over ${MAX_LINES} lines`, () => {
    expect(functions.filter((fn) => fn.lines > MAX_LINES).map((fn) => `${fn.where}: ${fn.lines} lines`)).toEqual([]);
  });

  it(`has none with more than ${MAX_PARAMETERS} parameters`, () => {
    expect(functions.filter((fn) => fn.parameters > MAX_PARAMETERS).map((fn) => `${fn.where}: ${fn.parameters} parameters`)).toEqual([]);
  });
});
