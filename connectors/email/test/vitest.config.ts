import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The email tests only need the in-process SMTP sink, not the shared Postgres/Temporal stack of
// the root integration project: `npx vitest run --config connectors/email/test/vitest.config.ts`.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../../..', import.meta.url)),
    include: ['connectors/email/src/**/*.test.ts', 'connectors/email/test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
