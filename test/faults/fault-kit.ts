// Shared by the fault tests: a two-email flow through the real email connector, many cases of it, a worker
// in a child process that can be killed, and the checks every fault test makes (completed, gap-free).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { workflowBundle } from '@ledgerflow/worker';
import type { FlowRunInput } from '@ledgerflow/engine';
import { insertRun, SecretBox, type MikroORM } from '@ledgerflow/db';
import type { FlowDefinition } from '@ledgerflow/flow-model';

export const FROM = 'AR <ar@ledgerflow.test>';
const HERE = path.dirname(fileURLToPath(import.meta.url));

export async function emailConnection(orm: MikroORM, secretKeys: string, port: number): Promise<string> {
  const name = `fault-mail-${randomUUID().slice(0, 8)}`;
  const { ciphertext, keyId } = SecretBox.parse(secretKeys).encrypt({});
  await orm.em
    .fork()
    .getConnection()
    .execute(
      'insert into connections (id, name, connector_id, config, secrets_enc, key_id) values (?, ?, ?, ?::jsonb, ?, ?)',
      [
        randomUUID(),
        name,
        'email',
        JSON.stringify({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, from: FROM, timeoutMs: 5000 }),
        ciphertext,
        keyId,
      ],
    );
  return name;
}

/** Two letters per case, optionally with a pause between them (so a batch is mid-flight for a while). */
export function twoLetters(connection: string, pause?: string): FlowDefinition {
  const mail = (id: string, template: string) => ({
    id,
    kind: 'action' as const,
    config: {
      connector: 'email',
      action: 'send',
      connectionId: connection,
      outputVariable: id,
      inputs: {
        to: '[email]',
        template: `'${template}'`,
        data: '{"assignee": {"name": businessKey}, "task": {"title": businessKey, "url": "u"}, "flow": {"name": "faults"}}',
      },
    },
  });
  const nodes: FlowDefinition['nodes'] = [
    { id: 't', kind: 'trigger.manual', config: {} },
    mail('first', 'task-assigned'),
    mail('second', 'task-reminder'),
    { id: 'end', kind: 'end', config: { status: 'sent' } },
  ];
  const edges: Array<[string, string]> = [
    ['t', 'first'],
    ['first', 'second'],
    ['second', 'end'],
  ];
  if (pause) {
    nodes.push({ id: 'pause', kind: 'wait', config: { until: { type: 'duration', iso: pause } } });
    edges.splice(1, 1, ['first', 'pause'], ['pause', 'second']);
  }
  return {
    schemaVersion: 1,
    name: 'two letters',
    settings: { timezone: 'Europe/Paris', calendar: 'FR' },
    variables: [{ name: 'email', type: 'string' }],
    nodes,
    edges: edges.map(([source, target], i) => ({ id: `e${i}`, source, target })),
  };
}

export async function insertFlow(orm: MikroORM, definition: FlowDefinition): Promise<string> {
  const flowId = randomUUID();
  const userId = randomUUID();
  const conn = orm.em.fork().getConnection();
  await conn.execute(
    `insert into users (id, username, display_name, password_hash, roles) values (?, ?, 'fault test', 'x', '{admin}')`,
    [userId, `fault-${userId}`],
  );
  await conn.execute(
    'insert into flows (id, name, draft, active_version, latest_version, created_by) values (?, ?, ?::jsonb, 1, 1, ?)',
    [flowId, definition.name, JSON.stringify(definition), userId],
  );
  await conn.execute(
    `insert into flow_versions (id, flow_id, version, definition, hash, published_by) values (?, ?, 1, ?::jsonb, 'test', ?)`,
    [randomUUID(), flowId, JSON.stringify(definition), userId],
  );
  return flowId;
}

export async function startCases(
  orm: MikroORM,
  client: Client,
  taskQueue: string,
  definition: FlowDefinition,
  n: number,
  extra: Partial<FlowRunInput> = {},
) {
  const flowId = await insertFlow(orm, definition);
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const runId = randomUUID();
      const workflowId = `run-${runId}`;
      const businessKey = `CASE-${i}`;
      const input = { email: `case-${i}@example.com` };
      await insertRun({ orm }, { runId, workflowId, flowId, version: 1, businessKey, input });
      const args: FlowRunInput = { runId, flowId, version: 1, businessKey, definition, input, ...extra };
      return { runId, handle: await client.workflow.start('flowRunWorkflow', { taskQueue, workflowId, args: [args] }) };
    }),
  );
}

/** Per run: every event seq from 1 to its last, none missing; plus the runs' statuses. */
export async function eventLogs(orm: MikroORM, runIds: string[]) {
  const conn = orm.em.fork().getConnection();
  const events = await conn.execute<
    Array<{ run_id: string; seq: number; type: string; data: Record<string, unknown> }>
  >('select run_id, seq, type, data from run_events where run_id = any(?::uuid[]) order by run_id, seq', [
    `{${runIds.join(',')}}`,
  ]);
  const runs = await conn.execute<Array<{ id: string; status: string }>>(
    'select id, status from runs where id = any(?::uuid[])',
    [`{${runIds.join(',')}}`],
  );
  const byRun = new Map<string, typeof events>(runIds.map((id) => [id, []]));
  for (const e of events) byRun.get(e.run_id)!.push(e);
  const gaps = [...byRun]
    .filter(([, es]) => es.length === 0 || es.some((e, i) => e.seq !== i + 1))
    .map(([id, es]) => ({ id, seqs: es.map((e) => e.seq) }));
  return { byRun, gaps, statuses: Object.fromEntries(runs.map((r) => [r.id, r.status])) };
}

/** The interpreter bundle written once for child workers (bundling takes seconds; a restart should not). */
export async function writeBundle(dir: string): Promise<string> {
  const b = await workflowBundle();
  const file = path.join(dir, 'workflow-bundle.js');
  await writeFile(file, b.code);
  await writeFile(`${file}.map`, b.sourceMap);
  return file;
}

export interface ChildWorker {
  child: ChildProcess;
  ready: Promise<void>;
  kill(): Promise<void>;
}

export function spawnWorker(env: Record<string, string>): ChildWorker {
  return spawnChild('worker-child.ts', env);
}

/** A Postgres that can be stopped (SIGTERM: a clean, fast shutdown) and started again on the same data. */
export async function spawnPostgres(
  dataDir: string,
  port: number,
): Promise<ChildWorker & { url: string; stop(): Promise<void> }> {
  const c = spawnChild('postgres-child.ts', { PG_DIR: dataDir, PG_PORT: String(port) });
  let url = '';
  c.child.stdout!.on('data', (d: Buffer) => (url ||= /ready (\S+)/.exec(d.toString())?.[1] ?? ''));
  await c.ready;
  const exited = new Promise<void>((resolve) =>
    c.child.exitCode !== null ? resolve() : c.child.once('exit', () => resolve()),
  );
  return {
    ...c,
    url,
    async stop() {
      c.child.kill('SIGTERM');
      await exited;
    },
  };
}

function spawnChild(script: string, env: Record<string, string>): ChildWorker {
  const child = spawn(process.execPath, [path.join(HERE, script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    void exited.then(() => reject(new Error(`${script} exited before ready: ${stderr}`)));
  });
  return {
    child,
    ready,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
