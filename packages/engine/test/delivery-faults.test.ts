// Faults around an action, on the time-skipping server with real activities, Postgres and SMTP: event
// writes that fail, an operator's retry, and a send that a killed worker may have delivered already.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { insertRun, SecretBox, type MikroORM } from '@ledgerflow/db';
import { retrySignal, stateQuery, type FlowRunResult } from '@ledgerflow/engine';
import { messageIdFor } from '@ledgerflow/connector-email';
import { createSmtpSink, type SmtpSink } from '@ledgerflow/devstack/smtp-sink';
import type { FlowDefinition } from '@ledgerflow/flow-model';
import { flow, insertFlow, runEvents, startFlow, timeSkippingRig, type TimeSkippingRig } from './engine-harness.ts';

const TQ = 'delivery-faults';
let rig: TimeSkippingRig;
let orm: MikroORM;
let sink: SmtpSink;
const sql = <T = unknown>(q: string, params: unknown[] = []) => orm.em.fork().getConnection().execute<T[]>(q, params);

beforeAll(async () => {
  rig = await timeSkippingRig(TQ);
  orm = rig.orm;
  sink = await createSmtpSink({ port: 0 });
});
afterAll(async () => {
  await sink?.close();
  await rig?.stop();
});

const start = (def: FlowDefinition, input: Record<string, unknown> = {}) =>
  startFlow(orm, rig.env.client, TQ, rig.userId, def, input);
async function until<T>(fn: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
const contiguous = (seqs: number[]) => expect(seqs).toEqual(seqs.map((_, i) => i + 1));

describe('buffered run events', () => {
  it('keeps the events an activity carried when their write fails, and writes them later: no gap', async () => {
    // A real write failure: Postgres refuses the run's first event statements as if it were restarting (57P03).
    const conn = orm.em.fork().getConnection();
    await conn.execute(`create table if not exists fault_event_runs (run_id uuid primary key)`);
    await conn.execute(`drop sequence if exists fault_event_writes; create sequence fault_event_writes`);
    await conn.execute(`create or replace function fault_event_write() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from fault_event_runs where run_id = new.run_id) and nextval('fault_event_writes') <= 3 then
          raise exception 'injected: the database system is starting up' using errcode = '57P03';
        end if;
        return new;
      end $$`);
    await conn.execute(
      `drop trigger if exists fault_event_write on run_events; create trigger fault_event_write before insert on run_events for each row execute function fault_event_write()`,
    );
    try {
      const def = flow(
        'events kept',
        [
          { id: 't', kind: 'trigger.manual', config: {} },
          // Past the flush interval, so the action carries the buffered events.
          { id: 'pause', kind: 'wait', config: { until: { type: 'duration', iso: 'PT5S' } } },
          {
            id: 'act',
            kind: 'action',
            config: {
              connector: 'builtin',
              action: 'echo',
              inputs: { value: "'x'" },
              retry: { maximumAttempts: 1, initialIntervalSeconds: 1, backoffCoefficient: 2 },
            },
          },
          { id: 'end', kind: 'end', config: { status: 'done' } },
        ],
        [
          ['t', 'pause'],
          ['pause', 'act'],
          ['act', 'end'],
        ],
      );
      const runId = randomUUID();
      await conn.execute('insert into fault_event_runs values (?)', [runId]);
      const { handle } = await startWithRunId(def, runId);
      expect(((await handle.result()) as FlowRunResult).outcome).toBe('done');
      const [{ used }] = (await sql<{ used: string }>(`select last_value as used from fault_event_writes`)) as [
        { used: string },
      ];
      expect(Number(used)).toBeGreaterThan(3); // the injected failures did happen
      const events = await runEvents(orm, runId);
      contiguous(events.map((e) => e.seq));
      expect(events.map((e) => e.type).slice(0, 4)).toEqual([
        'run.started',
        'node.entered',
        'node.exited',
        'node.entered',
      ]);
      const retrying = events.find((e) => e.type === 'action.retrying');
      expect(retrying?.data).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', retry: 1 });
      expect(events.filter((e) => e.type === 'error' || e.type === 'needs_attention')).toEqual([]);
    } finally {
      await conn.execute(`drop trigger if exists fault_event_write on run_events`);
    }
  });
});

/** Time skips through the platform retries' pauses: a long window keeps the run retrying until the test lets it through. */
async function startWithRunId(def: FlowDefinition, runId = randomUUID(), windowMs: number | null = 7 * 24 * 3600_000) {
  const flowId = await insertFlow(orm, rig.userId, def);
  const workflowId = `run-${runId}`;
  await insertRun({ orm }, { runId, workflowId, flowId, version: 1, businessKey: runId, input: {} });
  const args = [
    {
      runId,
      flowId,
      version: 1,
      businessKey: runId,
      definition: def,
      input: {},
      startedBy: rig.userId,
      ...(windowMs === null ? {} : { platformRetry: { windowMs } }),
    },
  ];
  const handle = await rig.env.client.workflow.start('flowRunWorkflow', { taskQueue: TQ, workflowId, args });
  return { handle, workflowId, runId };
}
const outboxRow = async (key: string) =>
  (
    await sql<{ status: string; error: string | null }>('select status, error from outbox_messages where key = ?', [
      key,
    ])
  )[0];

describe("an operator's retry", () => {
  it('calls again with the same idempotency key as the attempt it retries', async () => {
    const keys: string[] = [];
    const server = http.createServer((req, res) => {
      keys.push(String(req.headers['idempotency-key']));
      res.writeHead(keys.length === 1 ? 400 : 200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
      const def = flow(
        'same key',
        [
          { id: 't', kind: 'trigger.manual', config: {} },
          {
            id: 'call',
            kind: 'action',
            config: {
              connector: 'builtin',
              action: 'http',
              inputs: { method: "'POST'", url: `'${url}'`, body: '{}' },
              retry: { maximumAttempts: 1, initialIntervalSeconds: 1, backoffCoefficient: 2 },
            },
          },
          { id: 'end', kind: 'end', config: { status: 'done' } },
        ],
        [
          ['t', 'call'],
          ['call', 'end'],
        ],
      );
      const { handle, workflowId } = await start(def);
      await until(async () => (await handle.query(stateQuery)).status === 'needs_attention');
      await handle.signal(retrySignal, {});
      expect(((await handle.result()) as FlowRunResult).outcome).toBe('done');
      expect(keys).toEqual([`${workflowId}:call:1:1`, `${workflowId}:call:1:1`]);
    } finally {
      server.close();
    }
  });
});

describe('a send an earlier attempt may have delivered', () => {
  const from = 'AR <ar@ledgerflow.test>';

  async function emailConnection(port: number): Promise<string> {
    const name = `mail-${randomUUID().slice(0, 8)}`;
    const { ciphertext, keyId } = SecretBox.parse(inject('stack').LEDGERFLOW_SECRET_KEYS).encrypt({});
    await sql(
      'insert into connections (id, name, connector_id, config, secrets_enc, key_id) values (?, ?, ?, ?::jsonb, ?, ?)',
      [
        randomUUID(),
        name,
        'email',
        JSON.stringify({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, from, timeoutMs: 2000 }),
        ciphertext,
        keyId,
      ],
    );
    return name;
  }

  it.each(['pending', 'sending'])(
    'is never marked failed when the resend cannot connect (left %s), then resent with the same Message-ID and reported',
    async (left) => {
      const closed = await new Promise<number>((resolve) => {
        const s = http.createServer().listen(0, '127.0.0.1', () => {
          const { port } = s.address() as AddressInfo;
          s.close(() => resolve(port));
        });
      });
      const connection = await emailConnection(closed);
      const def = flow(
        'uncertain',
        [
          { id: 't', kind: 'trigger.manual', config: {} },
          {
            id: 'mail',
            kind: 'action',
            config: {
              connector: 'email',
              action: 'send',
              connectionId: connection,
              outputVariable: 'sent',
              inputs: {
                to: "['client@example.com']",
                template: "'task-assigned'",
                data: '{"assignee": {"name": "A"}, "task": {"title": "T", "url": "u"}, "flow": {"name": "F"}}',
              },
              retry: { maximumAttempts: 1, initialIntervalSeconds: 1, backoffCoefficient: 2 },
            },
          },
          { id: 'end', kind: 'end', config: { status: 'done' } },
        ],
        [
          ['t', 'mail'],
          ['mail', 'end'],
        ],
      );
      const runId = randomUUID();
      const key = `run-${runId}:mail:1:1`;
      // What a worker killed after the SMTP server accepted the message leaves behind.
      await sql(
        `insert into outbox_messages (key, channel, recipients, subject, status, meta) values (?, 'email', '{client@example.com}', 'New task: T', ?, '{}')`,
        [key, left],
      );
      const { handle } = await startWithRunId(def, runId);
      const row = await until(async () => {
        const r = await outboxRow(key);
        return r?.status !== left && r;
      });
      expect(row.status).toBe('uncertain');
      expect(row.error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
      // The SMTP server is reachable again: the platform retry resends.
      await sql(`update connections set config = jsonb_set(config, '{port}', ?::jsonb) where name = ?`, [
        String(sink.port),
        connection,
      ]);
      const r = (await handle.result()) as FlowRunResult;
      expect(r.variables.sent).toMatchObject({
        status: 'sent',
        deliveryUncertain: true,
        messageId: messageIdFor(key, from),
      });
      expect(sink.findByMessageId(messageIdFor(key, from))).toHaveLength(1);
      expect((await outboxRow(key))?.status).toBe('sent');
      const events = await runEvents(orm, runId);
      contiguous(events.map((e) => e.seq));
      expect(events.find((e) => e.type === 'delivery.uncertain')?.data).toMatchObject({
        connector: 'email',
        action: 'send',
        idempotencyKey: key,
      });
      expect(events.find((e) => e.type === 'action.result')?.data).toMatchObject({ deliveryUncertain: true });
      expect(events.find((e) => e.type === 'action.retrying')?.data).toMatchObject({ code: 'CONNECTOR_UNREACHABLE' });
    },
  );

  it('marks a definitely refused first attempt failed, and a later attempt sends it (not uncertain)', async () => {
    const connection = await emailConnection(sink.port);
    await sql(`update connections set config = config || '{"port": 1}'::jsonb where name = ?`, [connection]);
    const def = flow(
      'refused then sent',
      [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'mail',
          kind: 'action',
          config: {
            connector: 'email',
            action: 'send',
            connectionId: connection,
            outputVariable: 'sent',
            inputs: {
              to: "['b@example.com']",
              template: "'task-assigned'",
              data: '{"assignee": {"name": "B"}, "task": {"title": "T", "url": "u"}, "flow": {"name": "F"}}',
            },
          },
        },
        { id: 'end', kind: 'end', config: { status: 'done' } },
      ],
      [
        ['t', 'mail'],
        ['mail', 'end'],
      ],
    );
    const { handle, runId } = await startWithRunId(def);
    const key = `run-${runId}:mail:1:1`;
    await until(async () => (await outboxRow(key))?.status === 'failed');
    await sql(`update connections set config = jsonb_set(config, '{port}', ?::jsonb) where name = ?`, [
      String(sink.port),
      connection,
    ]);
    const r = (await handle.result()) as FlowRunResult;
    expect(r.variables.sent).toMatchObject({ status: 'sent', messageId: messageIdFor(key, from) });
    expect(r.variables.sent).not.toHaveProperty('deliveryUncertain');
    expect((await runEvents(orm, runId)).some((e) => e.type === 'delivery.uncertain')).toBe(false);
  });

  it('parks only once the platform window is spent, with the code of the fault', async () => {
    const connection = await emailConnection(1);
    const def = flow(
      'unreachable',
      [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'mail',
          kind: 'action',
          config: {
            connector: 'email',
            action: 'send',
            connectionId: connection,
            inputs: {
              to: "['c@example.com']",
              template: "'task-assigned'",
              data: '{"assignee": {"name": "C"}, "task": {"title": "T", "url": "u"}, "flow": {"name": "F"}}',
            },
            retry: { maximumAttempts: 1, initialIntervalSeconds: 1, backoffCoefficient: 2 },
          },
        },
        { id: 'end', kind: 'end', config: { status: 'done' } },
      ],
      [
        ['t', 'mail'],
        ['mail', 'end'],
      ],
    );
    const { handle, runId } = await startWithRunId(def, randomUUID(), 60_000);
    // Time skips only while the test waits on the server: let a couple of minutes pass.
    await rig.env.sleep(120_000);
    await until(async () => (await handle.query(stateQuery)).status === 'needs_attention');
    const [row] = await sql<{ status: string; error: { code: string; message: string } }>(
      'select status, error from runs where id = ?',
      [runId],
    );
    expect(row?.error).toMatchObject({ code: 'CONNECTOR_UNREACHABLE', nodeId: 'mail' });
    expect(row?.error.message).toContain('still failing after 60 s of retries');
    const events = await runEvents(orm, runId);
    // 1 s, 2 s, 4 s … capped at 30 s: six retries fit in the minute.
    expect(events.filter((e) => e.type === 'action.retrying').map((e) => e.data.delayMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000,
    ]);
    await handle.terminate();
  });

  it("takes the window from the flow's settings, as the process owner set it", async () => {
    const connection = await emailConnection(1);
    const def = flow(
      'unreachable, 2 minutes',
      [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'mail',
          kind: 'action',
          config: {
            connector: 'email',
            action: 'send',
            connectionId: connection,
            inputs: {
              to: "['d@example.com']",
              template: "'task-assigned'",
              data: '{"assignee": {"name": "D"}, "task": {"title": "T", "url": "u"}, "flow": {"name": "F"}}',
            },
            retry: { maximumAttempts: 1, initialIntervalSeconds: 1, backoffCoefficient: 2 },
          },
        },
        { id: 'end', kind: 'end', config: { status: 'done' } },
      ],
      [
        ['t', 'mail'],
        ['mail', 'end'],
      ],
    );
    def.settings = { timezone: 'Europe/Paris', calendar: 'FR', platformRetryMinutes: 2 };
    const { handle, runId } = await startWithRunId(def, randomUUID(), null);
    await rig.env.sleep(240_000);
    await until(async () => (await handle.query(stateQuery)).status === 'needs_attention');
    const [row] = await sql<{ error: { code: string; message: string } }>('select error from runs where id = ?', [
      runId,
    ]);
    expect(row?.error.message).toContain('still failing after 120 s of retries');
    await handle.terminate();
  });
});
