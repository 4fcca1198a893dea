// One lint config for the whole workspace.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// Layers point one way (issue #11): flow-model ← connector-sdk, db ← engine ← api, worker ← devstack; connectors
// see only flow-model, the SDK and the connectors they declare. Each package folder lists what it may NOT import
// (a package or any of its subpaths). typescript-eslint's variant of the rule, so it neither replaces nor is replaced
// by the workflow sandbox's no-restricted-imports below, and type-only imports can be let through where allowed.
const pkg = (...names) => names.flatMap((n) => [`@ledgerflow/${n}`, `@ledgerflow/${n}/*`]);
const LAYERS_MESSAGE =
  'Layers point one way: flow-model ← connector-sdk, db ← engine ← api, worker ← devstack (docs/ARCHITECTURE.md).';
const layer = (files, forbidden, { ignores = [], typesOnly = [] } = {}) => ({
  files,
  ignores,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: forbidden, message: LAYERS_MESSAGE },
          ...(typesOnly.length
            ? [{ group: typesOnly, allowTypeImports: true, message: `${LAYERS_MESSAGE} Types only.` }]
            : []),
        ],
      },
    ],
  },
});
const CONNECTORS = [
  'connector-builtin',
  'connector-email',
  'connector-excel',
  'connector-netsuite',
  'connector-pdf',
  'connector-sap',
];
// Test harnesses stand the whole product up (devstack starts Postgres, Temporal and the worker; the SMTP sink is
// devstack's), so tests inside a package may reach up to devstack, the worker and the connectors; the code under
// test may not. Later blocks replace earlier ones for the same file, hence `ignores` on the code blocks.
const TESTS = ['**/*.test.ts', '**/test/**/*.ts'];
const layers = [
  layer(['packages/flow-model/**/*.ts'], ['@ledgerflow/*']),
  layer(['packages/connector-sdk/**/*.ts'], pkg('db', 'engine', 'api', 'worker', 'devstack', ...CONNECTORS)),
  layer(['packages/db/**/*.ts'], pkg('connector-sdk', 'engine', 'api', 'worker', 'devstack', ...CONNECTORS)),
  layer(['packages/engine/**/*.ts'], pkg('api', 'worker', 'devstack', ...CONNECTORS), { ignores: TESTS }),
  layer(['packages/engine/**/*.test.ts', 'packages/engine/test/**/*.ts'], pkg('api')),
  layer(['packages/api/**/*.ts'], pkg('worker', 'devstack', ...CONNECTORS), { ignores: TESTS }),
  layer(['packages/worker/**/*.ts'], pkg('api', 'devstack', ...CONNECTORS), { ignores: TESTS }),
  layer(['packages/worker/**/*.test.ts', 'packages/worker/test/**/*.ts'], pkg('api')),
  layer(['connectors/**/*.ts'], pkg('db', 'engine', 'api', 'worker', 'devstack'), { ignores: TESTS }),
  layer(['connectors/**/*.test.ts', 'connectors/**/test/**/*.ts'], pkg('db', 'engine', 'api', 'worker')),
  // The browser bundle: flow-model, and the API's schemas as types only (they vanish from the bundle).
  layer(
    ['designer/**/*.ts', 'designer/**/*.tsx'],
    pkg('connector-sdk', 'db', 'engine', 'worker', 'devstack', ...CONNECTORS),
    { typesOnly: pkg('api') },
  ),
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.tools/**',
      '.data/**',
      'coverage/**',
      'test-artifacts/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.browser.json', './designer/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // `(where.push(a), params.push(b))` pairs are deliberate in the SQL builders.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  ...layers,
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
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflow code must be deterministic: no Node built-ins (use an activity).',
          })),
          patterns: [
            {
              group: [
                '@mikro-orm/*',
                'pg',
                'fastify',
                '@ledgerflow/db',
                '@ledgerflow/connector-sdk',
                '@temporalio/activity',
                '@temporalio/worker',
                '@temporalio/client',
                'node-fetch',
                'axios',
                'undici',
              ],
              message: 'Workflow code must not do I/O: call an activity instead.',
            },
            {
              group: ['../activities/*', '!../activities/activity-types.ts'],
              message: 'Workflows import only activity types.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'No I/O in workflows.' },
        { name: 'setTimeout', message: 'Use sleep() or condition() from @temporalio/workflow.' },
      ],
    },
  },
);
