// ESLint flat config: Next's rules (core web vitals + TypeScript) plus the import boundaries of
// ARCHITECTURE.md. `npm run lint` runs it with --max-warnings 0. scripts/lint/eslint-boundaries.test.ts
// proves each boundary fires on the fixtures in scripts/lint/__fixtures__ (which lint skips).
// Import cycles are checked by scripts/check-cycles.mjs (import/no-cycle takes ~100 s here).
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// npm packages the engine may use at runtime (it talks to MongoDB and S3 through narrow ports).
const ENGINE_PACKAGES = ['mongodb', 'mongodb-js-zstd', 'zod', 'jsondiffpatch', '@aws-sdk/client-s3', '@aws-sdk/lib-storage'];
// ...and what its tests and test kits may use on top.
const ENGINE_TEST_PACKAGES = ['vitest', 'fast-check'];

// Written with \x2F for "/": the same source serves RegExp patterns and esquery selectors,
// and esquery's regex literals cannot contain a slash.
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('/', '\\x2F');
/** A specifier that is not relative, not a `node:` builtin and not one of `packages`. */
const notAllowed = (packages) => `^(?!\\.|node:|(${packages.map(escape).join('|')})(\\x2F|$))`;
const APP_SPECIFIER = '^(@\\x2F|(\\.\\.\\x2F)+)app(\\x2F|$)';

const APP_MESSAGE = 'lib/ and components/ never import app/: move the shared code into lib/ or components/ (ARCHITECTURE.md).';
const noAppImport = { regex: APP_SPECIFIER, message: APP_MESSAGE };
const noAppPath = (target) => ({ target, from: './app', message: APP_MESSAGE });

const engineImports = (packages) => {
  const message = `lib/engine is pure: only relative imports inside lib/engine, node: builtins and ${packages.join(', ')} (ARCHITECTURE.md).`;
  return {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: notAllowed(packages), message }] }],
    'no-restricted-syntax': ['error', { selector: `ImportExpression[source.value=/${notAllowed(packages)}/]`, message }],
  };
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    '.next/**',
    '.next-test/**',
    '.data/**',
    'lib/generated/**',
    'lib/engine/__fixtures__/**',
    'scripts/lint/__fixtures__/**',
    'scripts/ferretdb/**',
    'scripts/versitygw/**',
    'playwright-report/**',
    'test-results/**',
    'coverage/**',
    'bench-results/**',
    'next-env.d.ts',
  ]),

  {
    name: 'vaultline/rules',
    rules: {
      // Files stay small enough to read in one go (CONVENTIONS.md: past 300 lines, split).
      'max-lines': ['error', { max: 300 }],
    },
  },
  {
    name: 'vaultline/typescript',
    files: ['**/*.{ts,tsx,mts}'],
    rules: {
      // Unused code is a finding, not a hint; `_`-prefixed names are deliberate.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    name: 'vaultline/tests',
    files: ['**/*.test.{ts,tsx}'],
    rules: {
      // Tests read untyped JSON (CLI output, Json columns) and poke at shapes on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },

  // lib/** (tests included) never imports app/.
  {
    name: 'vaultline/lib-not-app',
    files: ['lib/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noAppImport] }],
      'import/no-restricted-paths': ['error', { zones: [noAppPath('./lib')] }],
    },
  },

  // components/** never imports app/, the catalog client or a DAL module at runtime. Types are
  // fine (`import type` is erased). Runtime imports allowed from lib/: the pure display helpers
  // (lib/format), the typed errors (lib/errors) and the catalog's enum values (lib/db/enums).
  {
    name: 'vaultline/components-boundary',
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            noAppImport,
            {
              regex: '^(@\\x2F|(\\.\\.\\x2F)+)lib\\x2F(?!(format|errors|db\\x2Fenums)$)',
              allowTypeImports: true,
              message:
                'components/ import only types from lib/ (at run time: lib/format, lib/errors, lib/db/enums); take data as props or from a route handler.',
            },
            {
              regex: '^(@prisma\\x2F|mongodb$|pg$|pg-boss$|server-only$)',
              message: 'components/ never reach the catalog or the data plane.',
            },
          ],
        },
      ],
      'import/no-restricted-paths': ['error', { zones: [noAppPath('./components')] }],
    },
  },

  // lib/engine/** is pure: relative imports inside the engine, node builtins and a few packages.
  {
    name: 'vaultline/engine-pure',
    files: ['lib/engine/**/*.ts'],
    rules: {
      ...engineImports(ENGINE_PACKAGES),
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './lib/engine',
              from: './',
              except: ['./lib/engine', './node_modules'],
              message: 'lib/engine is pure: its imports stay inside lib/engine (ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    name: 'vaultline/engine-tests',
    files: ['lib/engine/**/*.test.ts', 'lib/engine/**/testing/**/*.ts', 'lib/engine/stores/object-store-conformance.ts'],
    rules: engineImports([...ENGINE_PACKAGES, ...ENGINE_TEST_PACKAGES]),
  },
]);
