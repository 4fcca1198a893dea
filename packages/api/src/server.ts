// Production entry of the API alone (docker-compose); the worker runs in its own process.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { initOrm, loadEnv, migrate, StartupError } from '@ledgerflow/db';
import { loadConnectors } from '@ledgerflow/connector-sdk';
import { buildApp } from './app.ts';
import { ensureAdmin } from './services/user.service.ts';
import { loadSecretBox } from './services/secrets.service.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function main(): Promise<void> {
  const env = loadEnv();
  if (!env.DATABASE_URL)
    throw new StartupError(
      'postgres',
      'DATABASE_URL is not set',
      'set DATABASE_URL (or use the README start command for embedded defaults)',
    );
  if (!env.TEMPORAL_ADDRESS)
    throw new StartupError('temporal', 'TEMPORAL_ADDRESS is not set', 'set TEMPORAL_ADDRESS, e.g. temporal:7233');
  const orm = await initOrm({ url: env.DATABASE_URL });
  await migrate(orm);
  let connection: Connection;
  try {
    connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS, connectTimeout: '10s' });
  } catch (err) {
    throw new StartupError(
      'temporal',
      `cannot reach Temporal at ${env.TEMPORAL_ADDRESS}: ${(err as Error).message.split('\n')[0]}`,
      'check TEMPORAL_ADDRESS and that the server is up',
    );
  }
  const dataDir = env.LEDGERFLOW_DATA_DIR ?? path.join(root, '.data');
  const app = await buildApp({
    env,
    orm,
    temporal: new Client({ connection, namespace: env.TEMPORAL_NAMESPACE }),
    registry: await loadConnectors(path.join(root, 'connectors')),
    secrets: loadSecretBox(env, dataDir),
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    temporalUiUrl: env.TEMPORAL_UI_URL ?? null,
    designerDist: path.join(root, 'designer', 'dist'),
  });
  const admin = await ensureAdmin(orm);
  if (admin) app.log.warn(`first admin user created: ${admin.username} / ${admin.password} (shown once)`);
  const close = async () => {
    await app.close();
    await connection.close();
    await orm.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void close());
  process.on('SIGINT', () => void close());
  await app.listen({ port: env.PORT, host: env.HOST });
}

main().catch((err: unknown) => {
  process.stderr.write(
    err instanceof StartupError ? `${err.line()}\n` : `[ledgerflow] api failed: ${(err as Error).stack}\n`,
  );
  process.exit(1);
});
