import { defineConfig } from 'vitest/config';

// Fallback for running this connector's tests alone (no Postgres/Temporal needed):
// `npx vitest run --config connectors/netsuite/vitest.config.ts`.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
