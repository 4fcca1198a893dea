// A worker in its own process, so a fault test can SIGKILL it mid-work. Configured by env: DATABASE_URL,
// TEMPORAL_ADDRESS, TASK_QUEUE, LEDGERFLOW_SECRET_KEYS, WORKFLOW_BUNDLE (code + .map written by the test,
// so a restart does not bundle again). Prints "ready" once polling.
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { initOrm, SecretBox } from '@ledgerflow/db';
import { loadConnectors } from '@ledgerflow/connector-sdk';
import { createWorker } from '@ledgerflow/worker';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
const orm = await initOrm({ url: env('DATABASE_URL'), poolMax: 10, quiet: true });
const bundlePath = env('WORKFLOW_BUNDLE');
const { worker } = await createWorker({
  address: env('TEMPORAL_ADDRESS'),
  namespace: 'default',
  taskQueue: env('TASK_QUEUE'),
  workflowBundle: { code: await readFile(bundlePath, 'utf8'), sourceMap: await readFile(`${bundlePath}.map`, 'utf8') },
  orm,
  registry: await loadConnectors(path.join(root, 'connectors')),
  secrets: SecretBox.parse(env('LEDGERFLOW_SECRET_KEYS')),
  logger: quiet,
  maxConcurrentActivityTaskExecutions: Number(process.env.MAX_ACTIVITIES ?? 10),
});
const running = worker.run();
process.stdout.write('ready\n');
await running;
await orm.close();
