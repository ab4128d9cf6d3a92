// Lint, including the layer rules of docs/ARCHITECTURE.md, "Layers": lib/flow imports nothing of ours
// and touches no browser, network or clock; adapters never import providers, storage or
// components; components never import adapters, providers or storage; the content side never
// imports the background. Nothing of ours writes HTML strings into a page.
//
// Outside lib/flow, a layer may import another's types (`import type`): they are erased from the
// build, so a shape is declared once, where its data lives, and the UI imports it rather than
// re-typing it. Runtime imports across layers stay refused. `import { type X }` is refused too:
// with `verbatimModuleSyntax` it is built as `import 'module'`, which loads the module after all.
// tests/unit/layer-rules.test.ts checks each of these.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const layer = (regex, message) => ({ regex, message });
/** A layer rule that lets `import type` through (typescript-eslint's `allowTypeImports`). */
const typesOnly = (regex, message) => ({ regex, message: `${message} (\`import type\` is allowed.)`, allowTypeImports: true });
/** Our own modules (relative or `@/` paths) in one of the `layers` folders, not a package of the same name. */
const ours = (layers) => `^(\\.{1,2}/|@/)(.*/)?(${layers})(/|$)`;
/** One date reader: `Date.parse` guesses (a time without a zone in the machine's zone, "garbage 2026" as a date). */
const DATE_PARSE = { object: 'Date', property: 'parse', message: 'Read times with parseTime (lib/flow/time.ts), which refuses what it would have to guess.' };
const BACKEND = typesOnly('(^|/)(background|providers|storage)(/|$)', 'The content side never imports the background, providers or storage.');

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'demo-output/', 'bench-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'Render text, never HTML strings.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Render text, never HTML strings.' },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text, never HTML strings.' },
      ],
    },
  },
  {
    files: ['lib/**/*.ts', 'components/**/*.ts', 'components/**/*.tsx', 'entrypoints/**/*.ts', 'entrypoints/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*.bench.ts', 'lib/flow/time.ts', 'lib/**/testing/**'],
    rules: { 'no-restricted-properties': ['error', DATE_PARSE] },
  },
  {
    files: ['lib/flow/**/*.ts'],
    ignores: ['lib/flow/**/*.test.ts', 'lib/flow/**/*.bench.ts', 'lib/flow/testing/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        layer('^(@|~)/', 'lib/flow imports nothing of ours outside lib/flow.'),
        layer('^\\.\\./\\.\\./', 'lib/flow imports nothing of ours outside lib/flow.'),
        layer('^(wxt|webextension-polyfill|idb|preact)', 'lib/flow is pure: no browser, storage or UI.'),
      ] }],
      'no-restricted-globals': ['error', 'fetch', 'document', 'window', 'browser', 'chrome', 'navigator', 'localStorage', 'indexedDB'],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Time is an argument in lib/flow.' }, { object: 'Math', property: 'random', message: 'lib/flow is deterministic.' }, DATE_PARSE],
    },
  },
  {
    // The one date reader (it alone may call Date.parse, after checking the form).
    files: ['lib/flow/time.ts'],
    rules: { 'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Time is an argument in lib/flow.' }, { object: 'Math', property: 'random', message: 'lib/flow is deterministic.' }] },
  },
  {
    files: ['lib/flow/*.ts'],
    ignores: ['lib/flow/**/*.test.ts', 'lib/flow/**/*.bench.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [layer('^(\\.\\./|@/|~/|wxt|webextension-polyfill|idb|preact)', 'lib/flow imports nothing of ours outside lib/flow, and nothing of the browser.')] }] },
  },
  {
    files: ['lib/adapters/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [typesOnly('(^|/)(providers|storage|background|components|content)(/|$)', 'Adapters read the page only: no providers, storage or components.'), layer('^idb$', 'Adapters never store.')] }] },
  },
  {
    files: ['components/**/*.tsx', 'components/**/*.ts'],
    // Tests and their helpers may build real values (the stored defaults), as in lib/flow.
    ignores: ['components/**/*.test.tsx', 'components/**/testing.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [typesOnly('(^|/)(adapters|providers|storage|background)(/|$)', 'Components take data through props: no adapters, providers or storage.')] }] },
  },
  {
    files: ['lib/providers/**/*.ts'],
    ignores: ['lib/providers/**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [typesOnly(ours('storage|background|team|adapters|content|components'), 'Providers talk to the APIs only: no storage, background, team, page or UI code.'), layer('^idb$', 'Providers never store.')] }] },
  },
  {
    files: ['lib/storage/**/*.ts'],
    ignores: ['lib/storage/**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [typesOnly(ours('providers|background|team|adapters|content|components'), 'Storage keeps data only: no providers, background, team, page or UI code.')] }] },
  },
  {
    files: ['lib/team/**/*.ts'],
    ignores: ['lib/team/**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [typesOnly(ours('providers|storage|background|adapters|content|components'), 'The team summary is computed from what it is given: no providers, storage, background, page or UI code.')] }] },
  },
  {
    files: ['lib/background/**/*.ts'],
    ignores: ['lib/background/**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [typesOnly(ours('adapters|content|components'), 'The background never runs page or UI code.')] }] },
  },
  {
    // The shared modules beside the layers (item keys, the protocol, flow views, formatting).
    files: ['lib/*.ts'],
    ignores: ['lib/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [typesOnly(ours('adapters|providers|storage|background|team|content|components'), 'Shared modules import only one another and the flow core.')] }] },
  },
  {
    files: ['lib/content/**/*.ts', 'entrypoints/*.content/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [BACKEND] }] },
  },
  {
    // The protocol is types only (lib/protocol.ts); the client and the schemas both take their
    // types from it and never import each other, so the popup loads no validator.
    files: ['lib/protocol.ts'],
    rules: { 'no-restricted-syntax': ['error', { selector: "ImportDeclaration[importKind='value']", message: 'lib/protocol.ts is types only: import type.' }, { selector: ':matches(VariableDeclaration, FunctionDeclaration, ClassDeclaration, ExportDefaultDeclaration)', message: 'lib/protocol.ts is types only.' }] },
  },
  {
    files: ['lib/client.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [layer('(^|/)messaging$', 'The client takes the protocol from lib/protocol.ts, not from the schemas.')] }] },
  },
  {
    files: ['lib/messaging.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [layer('(^|/)client$', 'The schemas never import the client.')] }] },
  },
  {
    files: ['tests/**/*.mjs', 'scripts/**/*.mjs', '*.config.*'],
    languageOptions: { globals: { ...globals.node } },
  },
);
