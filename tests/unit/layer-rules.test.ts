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
  // The layers of docs/ARCHITECTURE.md, "Layers": each refuses code of the layers it may not run,
  // lets their types through, and leaves alone a package that shares a layer's name.
  it.each([
    ['lib/providers/github/layer.ts', '../../storage/settings', 'Providers talk to the APIs only: no storage, background, team, page or UI code.'],
    ['lib/storage/layer.ts', '../providers/http', 'Storage keeps data only: no providers, background, team, page or UI code.'],
    ['lib/team/layer.ts', '../storage/settings', 'The team summary is computed from what it is given: no providers, storage, background, page or UI code.'],
    ['lib/background/layer.ts', '../../components/FlowBadge', 'The background never runs page or UI code.'],
    ['lib/layer.ts', './background/router', 'Shared modules import only one another and the flow core.'],
  ])('in %s, refuse code of %s and let its types through', async (file, source, why) => {
    expect(await importProblems(file, `import type { X } from '${source}';\nexport type Shown = X;\n`)).toEqual([]);
    expect(await importProblems(file, `import { x } from '${source}';\nexport const read = x;\n`)).toEqual([refused(source, `${why} (\`import type\` is allowed.)`)]);
  });

  it('let the team state use WXT’s storage package: a package is not the storage layer', async () => {
    expect(await importProblems('lib/team/layer.ts', "import { storage } from 'wxt/utils/storage';\nexport const area = storage;\n")).toEqual([]);
  });

  it('keep providers from storing on their own', async () => {
    expect(await importProblems('lib/providers/layer.ts', "import { openDB } from 'idb';\nexport const open = openDB;\n")).toEqual(["@typescript-eslint/no-restricted-imports: 'idb' import is restricted from being used by a pattern. Providers never store."]);
  });
});
