// Starts ONE real Postgres (embedded) and ONE real Temporal dev server (in memory) plus the worker
// for all integration tests. Honors DATABASE_URL / TEMPORAL_ADDRESS to use external servers.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadEnv } from '@ledgerflow/db';
import { startStack, type Stack } from '@ledgerflow/devstack';

let stack: Stack | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ledgerflow-test-'));
  const secretKey = Buffer.alloc(32, 7).toString('base64');
  const env = loadEnv({
    ...process.env,
    LOG_LEVEL: 'warn',
    LEDGERFLOW_SECRET_KEYS: `test:${secretKey}`,
    TEMPORAL_TASK_QUEUE: 'ledgerflow-test',
  });
  const quiet = { debug() {}, info() {}, warn() {}, error: (o: unknown, m?: string) => console.error(m ?? '', o) };
  stack = await startStack({ env, dataDir, persistent: false, logger: quiet });
  const provided = {
    DATABASE_URL: stack.databaseUrl,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_TASK_QUEUE: 'ledgerflow-test',
    LEDGERFLOW_SECRET_KEYS: `test:${secretKey}`,
    LEDGERFLOW_TEST_DATA_DIR: dataDir,
  };
  Object.assign(process.env, provided);
  project.provide('stack', provided);
}

export async function teardown(): Promise<void> {
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: {
      DATABASE_URL: string;
      TEMPORAL_ADDRESS: string;
      TEMPORAL_TASK_QUEUE: string;
      LEDGERFLOW_SECRET_KEYS: string;
      LEDGERFLOW_TEST_DATA_DIR: string;
    };
  }
}
