import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// The designer's browser tests drive the built app in Debian Chromium against the bench's stub API;
// they need neither Postgres nor Temporal, so they run outside the integration project's global setup.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: [
      'test/browser/designer.test.ts',
      'test/browser/designer-keyboard.test.ts',
      'test/browser/gallery.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
