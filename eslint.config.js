// ESLint flat config: the linter backs up what the per-layer tsconfigs already enforce (STYLE.md
// conventions 1, 8, 9, 10, 15, 20). Each layer gets one list of forbidden import sources; strictness
// rules are errors, never warnings; there are no formatting rules. Layering uses `no-restricted-imports`
// only: `no-restricted-modules` (require()) is deprecated, the TypeScript is ESM, and a require() in
// core/ already fails to type-check there (no Node types).
//
// Type information comes from `parserOptions.projectService`: each file is checked with the nearest
// tsconfig.json (core/, core/node/, renderer/, electron/, tests/). Unit tests that sit beside the code
// (core/**/x.test.ts, renderer/**/x.test.tsx, electron/**/x.test.ts) and the root *.config.ts files
// belong to tests/tsconfig.json instead, which is not their nearest tsconfig, so they name it through
// `parserOptions.project`. resources/ has no tsconfig: its scripts are linted without type information.
import { builtinModules } from 'node:module';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import eslintComments from '@eslint-community/eslint-plugin-eslint-comments';

const TS_FILES = ['**/*.ts', '**/*.tsx'];
const TYPED_FILES = ['{core,electron,renderer,tests}/**/*.{ts,tsx}', '*.config.ts'];
const TESTS_PROJECT_FILES = [
  '{core,electron,renderer}/**/*.test.{ts,tsx}',
  '*.config.ts',
];
const TEST_FILES = ['**/*.test.{ts,tsx}', 'tests/**/*.{ts,tsx,mjs}'];
const CONFIG_FILES = ['*.config.{ts,js,mjs}'];

// Forbidden import sources, one entry per reason. `patterns` with `regex` also catch subpaths
// (react-dom/client, node:fs/promises, ../../renderer/state/store).
const uiModules = {
  regex: '^(react|react-dom|electron|plotly\\.js-dist-min)(/|$)',
  message: 'core/ is pure TypeScript: UI and Electron code belongs in renderer/ or electron/.',
};
const nodeBuiltins = {
  regex: `^(node:.*|(${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(/.*)?)$`,
  message: 'Node built-ins are only for core/node/ and electron/; this layer runs without Node.',
};
const upperLayers = {
  regex: '^(\\.\\./)+(renderer|electron)(/|$)',
  message: 'core/ must not depend on renderer/ or electron/: move the shared piece into core/.',
};
const electronFromRenderer = {
  regex: '^electron(/|$)',
  message: 'renderer/ talks to the main process only through the bridge (electron/contract.ts types).',
};
const rendererFromElectron = {
  regex: '^(\\.\\./)+renderer(/|$)',
  allowTypeImports: true,
  message: 'electron/ must not run renderer/ code; `import type` may cross.',
};
const restrictImports = (...patterns) => ['error', { patterns }];

const noMathRandom = { object: 'Math', property: 'random', message: 'Use an Rng from core/random/rng.ts (createRng(seed)).' };
const noFocusedOrSkipped = ['describe', 'it', 'test'].flatMap((object) =>
  ['only', 'skip'].map((property) => ({ object, property, message: 'Tests run in full: no .only or .skip.' })),
);

export default defineConfig([
  globalIgnores([
    'out/',
    'node_modules/',
    'dist/',
    'release/',
    'test-results/',
    'playwright-report/',
    '.bench/',
    'tests/fixtures/',
    'tests/e2e/artifacts/',
    // AssemblyScript (a TypeScript dialect with its own types and decorators), compiled and checked
    // by asc through scripts/build-kernels.mjs, not by tsc.
    'core/kernels/assembly/',
    'resources/sample/*.{csv,sav,json}',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@eslint-community/eslint-comments': eslintComments },
    rules: {
      '@eslint-community/eslint-comments/require-description': 'error',
      '@eslint-community/eslint-comments/no-unlimited-disable': 'error',
      // No default exports (convention 20); config files below are the exception tools require.
      'no-restricted-exports': [
        'error',
        { restrictDefaultExports: { direct: true, named: true, defaultFrom: true, namedFrom: true, namespaceFrom: true } },
      ],
    },
  },
  {
    files: TS_FILES,
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description' }],
      // Convention 15. Interfaces stay legal inside `declare global`/`declare module` (augmentation
      // needs them), which @typescript-eslint/consistent-type-definitions would also flag.
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a string-literal union, not an enum.' },
        {
          selector: 'Program > TSInterfaceDeclaration, Program > ExportNamedDeclaration > TSInterfaceDeclaration',
          message: 'Use `type`, not `interface`, for data.',
        },
      ],
    },
  },
  {
    files: TYPED_FILES,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Convention 10: only Error objects (InputError, CancellationError, BugError...) are thrown.
      '@typescript-eslint/only-throw-error': 'error',
      // Convention 15: a switch over a union names every member or ends in a default (assertNever).
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: TESTS_PROJECT_FILES,
    languageOptions: {
      parserOptions: { projectService: false, project: './tests/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: CONFIG_FILES,
    rules: { 'no-restricted-exports': 'off' },
  },
  {
    // Ambient declarations describe what exists: global interfaces merge, CommonJS modules export default.
    files: ['**/*.d.ts'],
    rules: {
      'no-restricted-exports': 'off',
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a string-literal union, not an enum.' }],
    },
  },

  // Layering (convention 1). Later blocks replace earlier options for the same rule, so each file
  // group lists every restriction it needs.
  {
    files: ['core/**'],
    rules: { 'no-restricted-imports': restrictImports(uiModules, nodeBuiltins, upperLayers) },
  },
  {
    // Node scripts kept beside the code they generate (core/segment/lca/generate-kernels.mjs) are
    // build tools run by `node`, never bundled into core.
    files: ['core/node/**', 'core/**/*.test.ts', 'core/**/*.{js,mjs,cjs}'],
    rules: { 'no-restricted-imports': restrictImports(uiModules, upperLayers) },
  },
  {
    files: ['renderer/**'],
    rules: { 'no-restricted-imports': restrictImports(electronFromRenderer, nodeBuiltins) },
  },
  {
    files: ['renderer/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': restrictImports(electronFromRenderer) },
  },
  {
    files: ['electron/**'],
    rules: { 'no-restricted-imports': restrictImports(rendererFromElectron) },
  },
  // Randomness only through a seeded Rng (convention 8); tests run in full (no .only or .skip).
  {
    files: ['core/**'],
    rules: { 'no-restricted-properties': ['error', noMathRandom] },
  },
  // Convention 9: the engine reports through Notices and progress events, never the console.
  {
    files: ['core/**/*.ts'],
    ignores: ['core/node/**', '**/*.test.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: TEST_FILES,
    rules: { 'no-restricted-properties': ['error', ...noFocusedOrSkipped] },
  },
  {
    files: ['core/**/*.test.ts'],
    rules: { 'no-restricted-properties': ['error', noMathRandom, ...noFocusedOrSkipped] },
  },
]);
