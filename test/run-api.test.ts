import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';

let h: Harness;
let owner: Agent;
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(['process_owner']);
});
afterAll(async () => h?.close());

async function publish(def: unknown): Promise<string> {
  const id = (await owner.post('/api/flows', { definition: def })).json().id;
  const res = await owner.post(`/api/flows/${id}/publish`, { comment: 'v1' });
  expect(res.statusCode, res.body).toBe(201);
  return id;
}
const runOf = async (runId: string) => (await owner.get(`/api/runs/${runId}`)).json();

describe('run API', () => {
  it('cancels a waiting run, records it, and refuses to cancel it twice', async () => {
    const flowId = await publish({
      schemaVersion: 1,
      name: 'cancellable',
      variables: [],
      nodes: [
        { id: 't', kind: 'trigger.manual', config: {} },
        { id: 'w', kind: 'wait', config: { until: { type: 'duration', iso: 'P30D' } } },
        { id: 'end', kind: 'end', config: { status: 'done' } },
      ],
      edges: [
        { id: 'a', source: 't', target: 'w' },
        { id: 'b', source: 'w', target: 'end' },
      ],
    });
    const { runId } = (await owner.post('/api/runs', { flowId, businessKey: 'CX-1' })).json();
    const waiting = await eventually(async () => {
      const r = await runOf(runId);
      return r.run.status === 'waiting' ? r : null;
    });
    expect(waiting.run.currentNodes).toEqual(['w']);
    expect(waiting.run.waitingFor[0]).toMatchObject({ nodeId: 'w', kind: 'timer' });
    expect((await owner.post(`/api/runs/${runId}/cancel`)).statusCode).toBe(200);
    const cancelled = await eventually(async () => {
      const r = await runOf(runId);
      return r.run.status === 'cancelled' ? r : null;
    });
    expect(cancelled.events.at(-1).type).toBe('run.cancelled');
    const again = await owner.post(`/api/runs/${runId}/cancel`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('RUN_ENDED');
  });

  it('shows a failed action as needing attention, and retries it from the API', async () => {
    let calls = 0;
    const server = http.createServer((_req, res) => {
      calls++;
      res.writeHead(calls === 1 ? 422 : 200, { 'content-type': 'application/json' }).end(JSON.stringify({ calls }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/post`;
    try {
      const flowId = await publish({
        schemaVersion: 1,
        name: 'retryable',
        variables: [],
        nodes: [
          { id: 't', kind: 'trigger.manual', config: {} },
          {
            id: 'post',
            kind: 'action',
            config: {
              connector: 'builtin',
              action: 'http',
              inputs: { method: "'POST'", url: `'${url}'` },
              retry: { maximumAttempts: 1, initialIntervalSeconds: 1, backoffCoefficient: 2 },
            },
          },
          { id: 'end', kind: 'end', config: { status: 'done' } },
        ],
        edges: [
          { id: 'a', source: 't', target: 'post' },
          { id: 'b', source: 'post', target: 'end' },
        ],
      });
      const { runId } = (await owner.post('/api/runs', { flowId, businessKey: 'RT-1' })).json();
      const parked = await eventually(async () => {
        const r = await runOf(runId);
        return r.run.status === 'needs_attention' ? r : null;
      });
      expect(parked.run.error).toMatchObject({ nodeId: 'post', code: 'CONNECTOR_REJECTED' });
      expect(parked.run.error.message).toContain('builtin.http');
      const listed = (await owner.get(`/api/runs?flowId=${flowId}&status=needs_attention`)).json();
      expect(listed.items.map((r: { runId: string }) => r.runId)).toEqual([runId]);
      expect((await owner.post(`/api/runs/${runId}/retry`, {})).statusCode).toBe(200);
      const done = await eventually(async () => {
        const r = await runOf(runId);
        return r.run.status === 'completed' ? r : null;
      });
      expect(done.run.error).toBeNull();
      expect(calls).toBe(2);
      expect((await owner.post(`/api/runs/${runId}/retry`, {})).json().code).toBe('RUN_NOT_FAILED');
    } finally {
      server.close();
    }
  });

  it('filters runs by business key and date, and rejects a malformed filter', async () => {
    const res = await owner.get('/api/runs?businessKey=CX-1&from=2020-01-01T00:00:00Z');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.every((r: { businessKey: string }) => r.businessKey === 'CX-1')).toBe(true);
    const bad = await owner.get('/api/runs?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.problems[0].path).toBe('querystring/from');
  });
  it("computes $today() in the flow's timezone, for setVariables and action inputs", async () => {
    // UTC+14 or UTC-11: at any hour one of them is on another date than UTC, so a UTC answer fails the test.
    const dateIn = (zone: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
        new Date(),
      );
    const tz = dateIn('Pacific/Kiritimati') !== dateIn('UTC') ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
    const flowId = await publish({
      schemaVersion: 1,
      name: `today ${Date.now()}`,
      variables: [],
      settings: { timezone: tz, calendar: 'FR' },
      nodes: [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'set',
          kind: 'setVariables',
          config: {
            assignments: [
              { variable: 'today', expression: '$today()' },
              { variable: 'age', expression: "$daysBetween('2026-01-01', today)" },
            ],
          },
        },
        {
          id: 'echo',
          kind: 'action',
          config: { connector: 'builtin', action: 'echo', inputs: { value: '$today()' }, outputVariable: 'echoed' },
        },
        { id: 'end', kind: 'end', config: { status: 'done' } },
      ],
      edges: [
        { id: 'a', source: 't', target: 'set' },
        { id: 'b', source: 'set', target: 'echo' },
        { id: 'c', source: 'echo', target: 'end' },
      ],
    });
    const local = () => dateIn(tz);
    const before = local();
    const { runId } = (await owner.post('/api/runs', { flowId, businessKey: 'TZ-1' })).json();
    const done = await eventually(async () => {
      const r = await runOf(runId);
      return r.run.status === 'completed' ? r : null;
    });
    const expected = [before, local()];
    expect(expected).toContain(done.run.variables.today);
    expect(done.run.variables.today).not.toBe(new Date().toISOString().slice(0, 10));
    expect(done.run.variables.echoed).toEqual({ value: done.run.variables.today });
    expect(done.run.variables.age).toBe((Date.parse(done.run.variables.today) - Date.parse('2026-01-01')) / 86_400_000);
  });
  it('clears a variable whose expression gives nothing, instead of keeping its old value', async () => {
    const flowId = await publish({
      schemaVersion: 1,
      name: `clear ${Date.now()}`,
      variables: [],
      nodes: [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'first',
          kind: 'setVariables',
          config: {
            assignments: [
              { variable: 'line', expression: "{ 'id': 'L1' }" },
              { variable: 'statement', expression: "{ 'lines': [] }" },
            ],
          },
        },
        // The invoice is no longer on the statement: the lookup gives nothing, and `line` must say so.
        {
          id: 'again',
          kind: 'setVariables',
          config: { assignments: [{ variable: 'line', expression: "statement.lines[id = 'L1']" }] },
        },
        { id: 'end', kind: 'end', config: { status: 'done' } },
      ],
      edges: [
        { id: 'a', source: 't', target: 'first' },
        { id: 'b', source: 'first', target: 'again' },
        { id: 'c', source: 'again', target: 'end' },
      ],
    });
    const { runId } = (await owner.post('/api/runs', { flowId, businessKey: 'CLR-1' })).json();
    const done = await eventually(async () => {
      const r = await runOf(runId);
      return r.run.status === 'completed' ? r : null;
    });
    expect(done.run.variables).toHaveProperty('line', null);
  });
});
