// Issue #10, fault 5: starting a run is idempotent with an Idempotency-Key, and answers 503 quickly, leaving
// no row behind, when Temporal cannot be reached.
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import type { InjectOptions } from 'fastify';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';
import { publish } from './tasks-flow.ts';

let h: Harness;
let owner: Agent;
let flowId: string;
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(['process_owner']);
  flowId = await publish(owner, {
    schemaVersion: 1,
    name: `start once ${Date.now()}`,
    variables: [{ name: 'amount', type: 'decimal', required: true }],
    nodes: [
      { id: 't', kind: 'trigger.manual', config: {} },
      { id: 'end', kind: 'end', config: { status: 'done' } },
    ],
    edges: [{ id: 'a', source: 't', target: 'end' }],
  });
});
afterAll(async () => h?.close());

const start = (a: Agent, businessKey: string, key?: string, amount = '10.00') =>
  a.req({
    method: 'POST',
    url: '/api/runs',
    headers: key ? { 'idempotency-key': key } : {},
    payload: { flowId, businessKey, input: { amount } },
  });
const runsOf = async (businessKey: string) =>
  (await owner.get(`/api/runs?businessKey=${businessKey}`)).json() as {
    items: Array<{ runId: string; status: string }>;
    total: number;
  };

describe('idempotent run start', () => {
  it('returns the first run for a retried start with the same Idempotency-Key, even after it ended', async () => {
    const businessKey = `IDEM-${randomUUID().slice(0, 6)}`;
    const key = randomUUID();
    const first = await start(owner, businessKey, key);
    expect(first.statusCode, first.body).toBe(201);
    const runId = first.json().runId as string;
    const retry = await start(owner, businessKey, key);
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toMatchObject({ runId, workflowId: first.json().workflowId });
    await eventually(async () => (await runsOf(businessKey)).items[0]?.status === 'completed');
    const late = await start(owner, businessKey, key);
    expect(late.statusCode).toBe(200);
    expect(late.json().runId).toBe(runId);
    expect((await runsOf(businessKey)).total).toBe(1);

    const reused = await start(owner, businessKey, key, '99.00');
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', details: { runId } });
    // Keys belong to their user; a legitimate second run of the business key takes a new key.
    const other = await h.login(['process_owner']);
    expect((await start(other, businessKey, key)).statusCode).toBe(201);
    expect((await start(owner, businessKey, randomUUID())).statusCode).toBe(201);
    expect((await runsOf(businessKey)).total).toBe(3);
  });
});

describe('Temporal unreachable', () => {
  let closedPort: number;
  let down: Harness;
  let lazy: Connection;
  beforeAll(async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    closedPort = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    lazy = Connection.lazy({ address: `127.0.0.1:${closedPort}` });
    down = await createHarness({ temporal: new Client({ connection: lazy }) });
  });
  afterAll(async () => {
    await down?.close();
    await lazy?.close();
  });

  it('answers 503 TEMPORAL_UNAVAILABLE within seconds, leaves no run, and the retried start makes exactly one run', async () => {
    // Same database, so the owner's session is valid on the app whose Temporal is down.
    const viaDown = (o: InjectOptions) =>
      down.app.inject({ ...o, headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, ...(o.headers ?? {}) } });
    const businessKey = `DOWN-${randomUUID().slice(0, 6)}`;
    const key = randomUUID();
    for (const headers of [{ 'idempotency-key': key }, {}]) {
      const t0 = Date.now();
      const res = await viaDown({
        method: 'POST',
        url: '/api/runs',
        headers,
        payload: { flowId, businessKey, input: { amount: '5.00' } },
      });
      const ms = Date.now() - t0;
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json()).toMatchObject({ code: 'TEMPORAL_UNAVAILABLE', message: expect.stringContaining('Temporal') });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(ms).toBeLessThan(6000);
    }
    expect((await runsOf(businessKey)).total).toBe(0);

    // Temporal is back (the healthy app): the client retries with its key.
    const retried = await start(owner, businessKey, key, '5.00');
    expect(retried.statusCode, retried.body).toBe(201);
    const again = await start(owner, businessKey, key, '5.00');
    expect(again.json().runId).toBe(retried.json().runId);
    await eventually(async () => (await runsOf(businessKey)).items[0]?.status === 'completed');
    expect((await runsOf(businessKey)).total).toBe(1);
  });
});
