// The start command on running servers: it points a 'local-mail' email connection at its SMTP sink, and a
// restart moves only that connection's port (same connection, same secrets), never a second one.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { initOrm, type MikroORM } from '@ledgerflow/db';
import { freePort } from '@ledgerflow/devstack';

const root = path.resolve(import.meta.dirname, '..');
const stack = inject('stack');
let orm: MikroORM;
let dataDir: string;
/** On an empty database the start command creates the first admin: removed again after, so other files see what they expect. */
let hadUsers = true;

/** Starts the product, waits until it says it is up, then stops it with Ctrl-C. */
async function startAndStop(smtpPort: number): Promise<string> {
  const child = spawn(process.execPath, [path.join(root, 'packages/devstack/src/start.ts')], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      LOG_LEVEL: 'error',
      LEDGERFLOW_DATA_DIR: dataDir,
      DATABASE_URL: stack.DATABASE_URL,
      TEMPORAL_ADDRESS: stack.TEMPORAL_ADDRESS,
      LEDGERFLOW_SECRET_KEYS: stack.LEDGERFLOW_SECRET_KEYS,
      TEMPORAL_TASK_QUEUE: `start-command-${process.pid}`,
      PORT: String(await freePort()),
      SMTP_SINK_PORT: String(smtpPort),
    },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('Ctrl-C stops everything')) (clearInterval(timer), resolve());
      if (child.exitCode !== null) (clearInterval(timer), reject(new Error(`start exited: ${out}`)));
    }, 100);
  });
  child.kill('SIGINT');
  // async-exit-hook ends a SIGINT with 128 + 2, as a shell would.
  expect(await exited, out).toBe(130);
  expect(out).toContain('stopped cleanly');
  return out;
}

const localMail = () =>
  orm.em.fork().getConnection().execute<
    Array<{
      id: string;
      connector_id: string;
      config: { port: number; host: string; ignoreTLS: boolean };
      secrets_enc: string;
    }>
  >(`select id, connector_id, config, secrets_enc from connections where name = 'local-mail'`);

beforeAll(async () => {
  orm = await initOrm({ url: stack.DATABASE_URL, poolMax: 2, quiet: true });
  await mkdir(path.join(root, 'test-artifacts'), { recursive: true });
  dataDir = await mkdtemp(path.join(root, 'test-artifacts', 'start-command-'));
  await orm.em.fork().getConnection().execute(`delete from connections where name = 'local-mail'`);
  const [users] = await orm.em.fork().getConnection().execute<Array<{ n: string }>>('select count(*) as n from users');
  hadUsers = Number(users?.n) > 0;
});
afterAll(async () => {
  await orm?.em.fork().getConnection().execute(`delete from connections where name = 'local-mail'`);
  if (!hadUsers) await orm?.em.fork().getConnection().execute(`delete from users where username = 'admin'`);
  await orm?.close(true);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('start command: the local mail connection', () => {
  it('points local-mail at the sink, and a restart moves only its port', async () => {
    const first = await freePort();
    const out = await startAndStop(first);
    expect(out).toContain(`Mail sink        : smtp://127.0.0.1:${first}`);
    const [created, ...more] = await localMail();
    expect(more).toEqual([]);
    expect(created).toMatchObject({
      connector_id: 'email',
      config: { host: '127.0.0.1', port: first, ignoreTLS: true },
    });

    const second = await freePort();
    await startAndStop(second);
    const after = await localMail();
    expect(after).toEqual([{ ...created, config: { ...created!.config, port: second } }]);
  });
});
