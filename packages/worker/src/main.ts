// Production entry of the worker (docker-compose).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { initOrm, loadEnv, StartupError, SecretBox } from '@ledgerflow/db';
import { loadConnectors } from '@ledgerflow/connector-sdk';
import { Client, Connection } from '@temporalio/client';
import {
  createTaskNotifier,
  ensureShippedLetters,
  installLetterTemplates,
  parseNoticeBackoff,
  startTaskNoticeDispatcher,
} from '@ledgerflow/engine';
import { createWorker } from './worker.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function main(): Promise<void> {
  const env = loadEnv();
  if (!env.DATABASE_URL) throw new StartupError('postgres', 'DATABASE_URL is not set', 'set DATABASE_URL');
  if (!env.TEMPORAL_ADDRESS)
    throw new StartupError('temporal', 'TEMPORAL_ADDRESS is not set', 'set TEMPORAL_ADDRESS, e.g. temporal:7233');
  if (!env.LEDGERFLOW_SECRET_KEYS)
    throw new StartupError('secrets', 'LEDGERFLOW_SECRET_KEYS is not set', 'set the same key list as the API');
  const logger = pino({ level: env.LOG_LEVEL });
  const orm = await initOrm({ url: env.DATABASE_URL });
  const temporal = new Client({
    connection: await Connection.connect({ address: env.TEMPORAL_ADDRESS }),
    namespace: env.TEMPORAL_NAMESPACE,
  });
  const registry = await loadConnectors(path.join(root, 'connectors'));
  const secrets = SecretBox.parse(env.LEDGERFLOW_SECRET_KEYS);
  const { worker } = await createWorker({
    temporal,
    onTaskChanged: createTaskNotifier(orm, logger),
    address: env.TEMPORAL_ADDRESS,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    orm,
    registry,
    secrets,
    logger,
  });
  // The dunning sender and other callers that name no letter source read the published letters.
  const uninstallLetters = installLetterTemplates(orm, registry);
  // The shipped letters are in the database from the start, for the Letters page as for the first send.
  await ensureShippedLetters(orm, registry);
  const notices = env.NOTIFY_MAIL_CONNECTION
    ? startTaskNoticeDispatcher(
        { orm, registry, secrets, logger },
        {
          connection: env.NOTIFY_MAIL_CONNECTION,
          publicUrl: env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`,
          retryBackoffMs: parseNoticeBackoff(env.NOTICE_RETRY_BACKOFF),
          maxAttempts: env.NOTICE_MAX_ATTEMPTS,
        },
      )
    : null;
  logger.info({ taskQueue: env.TEMPORAL_TASK_QUEUE, notices: env.NOTIFY_MAIL_CONNECTION ?? null }, 'worker running');
  await worker.run();
  await notices?.stop();
  uninstallLetters();
  await orm.close();
}

main().catch((err: unknown) => {
  process.stderr.write(
    err instanceof StartupError ? `${err.line()}\n` : `[ledgerflow] worker failed: ${(err as Error).stack}\n`,
  );
  process.exit(1);
});
