import { defineConfig } from 'vitest/config';

// Unit tests sit next to the code (src/**/*.test.ts) and need nothing running.
// Integration tests (test/**/*.test.ts) share one real Postgres and one real Temporal dev server,
// started once by test/global-setup.ts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'connectors/*/src/**/*.test.ts', 'designer/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['packages/*/test/**/*.test.ts', 'connectors/*/test/**/*.test.ts', 'test/**/*.test.ts'],
          globalSetup: ['./test/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // Files run one after another in one worker; sharing its module graph saves each file re-importing the
          // API, engine and connectors (a third of an isolated file's time). Every file builds its own harness.
          isolate: false,
        },
      },
    ],
  },
});
