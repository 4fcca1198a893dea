// One lint config for the whole workspace.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.tools/**', '.data/**', 'coverage/**', 'test-artifacts/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { project: ['./tsconfig.json', './tsconfig.browser.json', './designer/tsconfig.json'], tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // `(where.push(a), params.push(b))` pairs are deliberate in the SQL builders.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    files: ['designer/**/*.tsx', 'designer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Tests and fixtures poke at loosely typed JSON on purpose.
    files: ['**/*.test.ts', '**/test/**/*.ts', '**/*fixtures*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Temporal workflow code runs in a deterministic sandbox: no Node built-ins, no I/O libraries.
    files: ['packages/engine/src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code must be deterministic: no Node built-ins (use an activity).' })),
        patterns: [
          { group: ['@mikro-orm/*', 'pg', 'fastify', '@ledgerflow/db', '@ledgerflow/connector-sdk', '@temporalio/activity', '@temporalio/worker', '@temporalio/client', 'node-fetch', 'axios', 'undici'], message: 'Workflow code must not do I/O: call an activity instead.' },
          { group: ['../activities/*', '!../activities/activity-types.ts'], message: 'Workflows import only activity types.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'No I/O in workflows.' }, { name: 'setTimeout', message: 'Use sleep() or condition() from @temporalio/workflow.' }],
    },
  },
);
