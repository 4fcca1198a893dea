// Platform faults against a real batch: a worker process SIGKILLed three times, then Postgres stopped for
// 20 s and the SMTP server for 30 s. Every case must complete on its own, every letter arrive (once, or
// resent visibly as uncertain), and no run's event log have a gap.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { initOrm, migrate, SecretBox, type MikroORM } from '@ledgerflow/db';
import { loadConnectors } from '@ledgerflow/connector-sdk';
import { messageIdFor } from '@ledgerflow/connector-email';
import { createSmtpSink, type SinkMessage, type SmtpSink } from '@ledgerflow/devstack/smtp-sink';
import { createWorker, workflowBundle } from '@ledgerflow/worker';
import { freePort, REPO_ROOT } from '@ledgerflow/devstack';
import type { FlowRunResult } from '@ledgerflow/engine';
import {
  emailConnection,
  eventLogs,
  spawnPostgres,
  spawnWorker,
  startCases,
  twoLetters,
  writeBundle,
  type ChildWorker,
} from './fault-kit.ts';

const stack = inject('stack');
let connection: Connection;
let client: Client;
let dir: string;

beforeAll(async () => {
  connection = await Connection.connect({ address: stack.TEMPORAL_ADDRESS });
  client = new Client({ connection });
  dir = await mkdtemp(path.join(os.tmpdir(), 'ledgerflow-faults-'));
  // As root, embedded Postgres runs as the `postgres` user, which must reach its data folder in here.
  await chmod(dir, 0o755);
});
afterAll(async () => {
  await connection?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, fn: () => boolean | Promise<boolean>, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
const byMessageId = (messages: SinkMessage[]) => {
  const m = new Map<string, number>();
  for (const x of messages) m.set(x.messageId ?? '', (m.get(x.messageId ?? '') ?? 0) + 1);
  return m;
};
/** The Message-IDs the two letters of these runs must carry: one per node visit, whatever happened. */
const expectedIds = (runIds: string[]) =>
  runIds.flatMap((id) =>
    ['first', 'second'].map((node) => messageIdFor(`run-${id}:${node}:1:1`, 'AR <ar@ledgerflow.test>')),
  );

describe('a worker killed three times mid-batch', () => {
  let orm: MikroORM;
  let sink: SmtpSink;
  let worker: ChildWorker | undefined;
  beforeAll(async () => {
    orm = await initOrm({ url: stack.DATABASE_URL, poolMax: 5, quiet: true });
    sink = await createSmtpSink({ port: 0, maxMessages: 10_000 });
  });
  afterAll(async () => {
    await worker?.kill();
    await sink?.close();
    await orm?.close(true);
  });

  it('completes 50 cases of two letters each: every letter arrives, once unless resent as uncertain, no event gap', async () => {
    const mail = await emailConnection(orm, stack.LEDGERFLOW_SECRET_KEYS, sink.port);
    const taskQueue = `faults-kill-${randomUUID().slice(0, 8)}`;
    const env = {
      DATABASE_URL: stack.DATABASE_URL,
      TEMPORAL_ADDRESS: stack.TEMPORAL_ADDRESS,
      LEDGERFLOW_SECRET_KEYS: stack.LEDGERFLOW_SECRET_KEYS,
      TASK_QUEUE: taskQueue,
      WORKFLOW_BUNDLE: await writeBundle(dir),
      MAX_ACTIVITIES: '8',
    };
    worker = spawnWorker(env);
    await worker.ready;
    const cases = await startCases(orm, client, taskQueue, twoLetters(mail), 50);
    // Each kill lands while letters are going out; the next worker takes over the same queue.
    for (const after of [10, 40, 70]) {
      await until(`${after} letters`, () => sink.list().length >= after);
      await worker.kill();
      worker = spawnWorker(env);
      await worker.ready;
    }
    const results = (await Promise.all(cases.map((c) => c.handle.result()))) as FlowRunResult[];
    expect(results.every((r) => r.status === 'completed' && r.outcome === 'sent')).toBe(true);

    const runIds = cases.map((c) => c.runId);
    const { byRun, gaps, statuses } = await eventLogs(orm, runIds);
    expect(gaps).toEqual([]);
    expect(new Set(Object.values(statuses))).toEqual(new Set(['completed']));

    const counts = byMessageId(sink.list());
    expect([...counts.keys()].sort()).toEqual(expectedIds(runIds).sort());
    // SMTP cannot be exactly-once across a kill between the server's "250 OK" and recording it: such a
    // letter is resent under the same Message-ID, and the run must say so. Any other duplicate is a bug.
    const uncertain = new Set<string>();
    for (const events of byRun.values()) {
      for (const e of events)
        if (e.type === 'delivery.uncertain')
          uncertain.add(messageIdFor(String(e.data.idempotencyKey), 'AR <ar@ledgerflow.test>'));
    }
    const duplicated = [...counts].filter(([, n]) => n > 1);
    for (const [id, n] of duplicated) {
      expect(n).toBe(2);
      expect(uncertain.has(id)).toBe(true);
    }
    expect(sink.list()).toHaveLength(100 + duplicated.length);
    console.info(
      `[faults] kill test: ${sink.list().length} messages, ${duplicated.length} resent as uncertain, ${uncertain.size} uncertain deliveries reported`,
    );
  });
});

describe('Postgres down for 20 s and the SMTP server for 30 s mid-batch', () => {
  it('every case completes with no manual retry, every letter arrives exactly once, no event is missing', async () => {
    const pgDir = path.join(dir, 'outage-pg');
    const pgPort = await freePort();
    let pg = await spawnPostgres(pgDir, pgPort);
    const orm = await initOrm({ url: pg.url, poolMax: 10, quiet: true });
    await migrate(orm);
    let sink = await createSmtpSink({ port: 0, maxMessages: 10_000 });
    const sinkPort = sink.port;
    const received: SinkMessage[] = [];
    const taskQueue = `faults-outage-${randomUUID().slice(0, 8)}`;
    const { worker, connection: workerConnection } = await createWorker({
      address: stack.TEMPORAL_ADDRESS,
      namespace: 'default',
      taskQueue,
      workflowBundle: await workflowBundle(),
      orm,
      registry: await loadConnectors(path.join(REPO_ROOT, 'connectors')),
      secrets: SecretBox.parse(stack.LEDGERFLOW_SECRET_KEYS),
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    const running = worker.run();
    try {
      const mail = await emailConnection(orm, stack.LEDGERFLOW_SECRET_KEYS, sinkPort);
      // The second letters fall due while both are down; retries are paced for a test (default: 1 s → 30 s).
      const cases = await startCases(orm, client, taskQueue, twoLetters(mail, 'PT4S'), 40, {
        platformRetry: { firstDelayMs: 500, maxDelayMs: 3_000 },
      });
      const runIds = cases.map((c) => c.runId);
      await until('the first letters recorded as sent', async () => {
        const [row] = await orm.em
          .fork()
          .getConnection()
          .execute<Array<{ n: string }>>(
            `select count(*) as n from outbox_messages where key like 'run-%:first:%' and key = any(?::text[]) and status = 'sent'`,
            [`{${runIds.map((id) => `run-${id}:first:1:1`).join(',')}}`],
          );
        return Number(row?.n) === 40;
      });
      received.push(...sink.list());
      await sink.close();
      const smtpBack = sleep(30_000).then(
        async () => (sink = await createSmtpSink({ port: sinkPort, maxMessages: 10_000 })),
      );
      await sleep(1_000);
      await pg.stop();
      await sleep(20_000);
      pg = await spawnPostgres(pgDir, pgPort);
      await smtpBack;

      const results = (await Promise.all(cases.map((c) => c.handle.result()))) as FlowRunResult[];
      expect(results.every((r) => r.status === 'completed' && r.outcome === 'sent')).toBe(true);
      received.push(...sink.list());
      const counts = byMessageId(received);
      expect([...counts.keys()].sort()).toEqual(expectedIds(runIds).sort());
      expect(received).toHaveLength(80);

      const { byRun, gaps, statuses } = await eventLogs(orm, runIds);
      expect(gaps).toEqual([]);
      expect(new Set(Object.values(statuses))).toEqual(new Set(['completed']));
      const all = [...byRun.values()].flat();
      // Both faults were met and retried, never parked.
      const retried = new Set(all.filter((e) => e.type === 'action.retrying').map((e) => String(e.data.code)));
      expect(retried).toEqual(new Set(['PLATFORM_UNAVAILABLE', 'CONNECTOR_UNREACHABLE']));
      expect(all.filter((e) => ['error', 'needs_attention', 'delivery.uncertain'].includes(e.type))).toEqual([]);
    } finally {
      worker.shutdown();
      await running;
      await workerConnection.close();
      await sink.close();
      await orm.close(true);
      await pg.stop();
    }
  });
});
