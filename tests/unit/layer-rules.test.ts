// @vitest-environment node
/**
 * The layer rules of eslint.config.js, run through ESLint itself on one-line files placed where
 * the rules apply: a type imported across layers passes, a runtime import is refused. Each case
 * fails if its rule is loosened (or tightened) in the config.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The messages of the rules on imports for `code` as if it were the file at `filePath`. */
async function importProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => /import/.test(m.ruleId ?? '') || m.fatal).map((m) => `${m.ruleId}: ${m.message}`);
}

/** What the layer rule says when it refuses `source`. */
const refused = (source: string, why: string) => `@typescript-eslint/no-restricted-imports: '${source}' import is restricted from being used by a pattern. ${why}`;
const COMPONENTS = 'Components take data through props: no adapters, providers or storage. (`import type` is allowed.)';

describe('the layer rules', () => {
  it('let a component import the settings shape as a type', async () => {
    expect(await importProblems('components/options/Layer.tsx', "import type { Settings } from '../../lib/storage/settings';\nexport type Shown = Settings;\n")).toEqual([]);
    expect(await importProblems('components/options/Layer.tsx', "export type { Settings } from '../../lib/storage/settings';\n")).toEqual([]);
  });

  it('refuse a component’s runtime import of storage', async () => {
    expect(await importProblems('components/options/Layer.tsx', "import { loadSettings } from '../../lib/storage/settings';\nexport const read = loadSettings;\n")).toEqual([refused('../../lib/storage/settings', COMPONENTS)]);
  });

  it('refuse `import { type X }`, which the build keeps as a runtime import', async () => {
    expect(await importProblems('components/options/Layer.tsx', "import { type Settings } from '../../lib/storage/settings';\nexport type Shown = Settings;\n")).toEqual([
      '@typescript-eslint/no-import-type-side-effects: TypeScript will only remove the inline type specifiers which will leave behind a side effect import at runtime. Convert this to a top-level type qualifier to properly remove the entire import.',
    ]);
  });

  it('refuse a runtime import mixed with types', async () => {
    const problems = await importProblems('components/options/Layer.tsx', "import { loadSettings, type Settings } from '../../lib/storage/settings';\nexport const read: () => Promise<Settings> = loadSettings;\n");
    expect(problems).toEqual([refused('../../lib/storage/settings', COMPONENTS)]);
  });

  it('let adapters and the content side import types across layers, never code', async () => {
    expect(await importProblems('lib/adapters/github/layer.ts', "import type { Settings } from '../../storage/settings';\nexport type Shown = Settings;\n")).toEqual([]);
    expect(await importProblems('lib/adapters/github/layer.ts', "import { loadSettings } from '../../storage/settings';\nexport const read = loadSettings;\n")).toEqual([
      refused('../../storage/settings', 'Adapters read the page only: no providers, storage or components. (`import type` is allowed.)'),
    ]);
    expect(await importProblems('lib/content/layer.ts', "import type { Settings } from '../storage/settings';\nexport type Shown = Settings;\n")).toEqual([]);
    expect(await importProblems('lib/content/layer.ts', "import { loadSettings } from '../storage/settings';\nexport const read = loadSettings;\n")).toEqual([
      refused('../storage/settings', 'The content side never imports the background, providers or storage. (`import type` is allowed.)'),
    ]);
  });

  it('keep lib/flow closed to everything of ours outside it, types included', async () => {
    expect(await importProblems('lib/flow/layer.ts', "import type { Settings } from '../storage/settings';\nexport type Shown = Settings;\n")).toEqual([
      refused('../storage/settings', 'lib/flow imports nothing of ours outside lib/flow, and nothing of the browser.'),
    ]);
  });
});
