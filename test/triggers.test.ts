import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';
import { hookHeaders } from './helpers/webhook-sign.ts';

let h: Harness;
let owner: Agent;
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(['process_owner']);
});
afterAll(async () => h?.close());

function feedFlow(records: Array<Record<string, unknown>>, onClosed: 'ignore' | 'reopen' = 'ignore') {
  return {
    schemaVersion: 1,
    name: `credit notes ${Date.now()}`,
    settings: { timezone: 'Europe/Paris', calendar: 'FR' },
    variables: [],
    nodes: [
      {
        id: 'feed',
        kind: 'trigger.recordFeed',
        config: {
          connector: 'builtin',
          feed: 'staticRecords',
          feedConfig: { records },
          cron: '0 7,13 * * 1-5',
          businessKey: 'record.id',
          onClosed,
        },
      },
      { id: 'docs', kind: 'waitForEvent', config: { event: 'document.received' } },
      { id: 'end', kind: 'end', config: { status: 'validated' } },
    ],
    edges: [
      { id: 'a', source: 'feed', target: 'docs' },
      { id: 'b', source: 'docs', target: 'end' },
    ],
  };
}

async function publish(def: unknown, flowId?: string): Promise<string> {
  const id = flowId ?? (await owner.post('/api/flows', { definition: def })).json().id;
  const res = await owner.post(`/api/flows/${id}/publish`, { comment: 'v', definition: def });
  expect(res.statusCode, res.body).toBe(201);
  return id;
}

describe('record feed: one durable case per record', () => {
  it('starts new keys, signals changed records, leaves unchanged ones, and ignores closed ones', async () => {
    const v1 = feedFlow([
      { id: 'CN-1', amount: '100.00' },
      { id: 'CN-2', amount: '20000.00' },
    ]);
    const flowId = await publish(v1);
    expect((await owner.get(`/api/flows/${flowId}/feed`)).json()).toMatchObject({ state: 'never' });
    const schedule = await h.temporal.schedule.getHandle(`flow-${flowId}`).describe();
    expect(schedule.spec.timezone).toBe('Europe/Paris');
    expect(JSON.stringify(schedule.spec.calendars)).toMatch(/"hour":\[\{"start":7/);
    expect(JSON.stringify(schedule.action)).toContain('feedSyncWorkflow');

    const first = (await owner.post(`/api/flows/${flowId}/feed/sync`)).json();
    expect(first).toMatchObject({ polled: 2, started: 2, updated: 0, unchanged: 0, failed: [] });
    const status = (await owner.get(`/api/flows/${flowId}/feed`)).json();
    expect(status).toMatchObject({ state: 'done', error: null, stats: { polled: 2, started: 2, failed: [] } });
    expect(Date.parse(status.finishedAt)).toBeGreaterThanOrEqual(Date.parse(status.startedAt));
    const again = (await owner.post(`/api/flows/${flowId}/feed/sync`)).json();
    expect(again).toMatchObject({ polled: 2, started: 0, unchanged: 2 });

    // The extractor now sees CN-1 with a new amount: its running case gets the changed record.
    await publish(
      feedFlow([
        { id: 'CN-1', amount: '150.00' },
        { id: 'CN-2', amount: '20000.00' },
      ]),
      flowId,
    );
    const changed = (await owner.post(`/api/flows/${flowId}/feed/sync`)).json();
    expect(changed).toMatchObject({ updated: 1, unchanged: 1, started: 0 });
    const cases = (await owner.get(`/api/flows/${flowId}/cases`)).json();
    expect(cases.counts).toMatchObject({ open: 2, closed: 0 });
    const cn1 = cases.items.find((c: { businessKey: string }) => c.businessKey === 'CN-1');
    await eventually(async () => {
      const run = (await owner.get(`/api/runs/${cn1.runId}`)).json().run;
      return run.variables.record?.amount === '150.00';
    });

    // CN-1's documents arrive: the case ends and leaves the open list; the next extraction ignores it.
    expect(
      (await owner.post('/api/events', { businessKey: 'CN-1', flowId, event: 'document.received' })).statusCode,
    ).toBe(202);
    await eventually(
      async () => (await owner.get(`/api/flows/${flowId}/cases?status=closed`)).json().counts.closed === 1,
    );
    const after = (await owner.post(`/api/flows/${flowId}/feed/sync`)).json();
    expect(after).toMatchObject({ ignored: 1, unchanged: 1, started: 0 });
  });

  it('reopens a closed key when configured to', async () => {
    const def = feedFlow([{ id: 'R-1' }], 'reopen');
    const flowId = await publish(def);
    await owner.post(`/api/flows/${flowId}/feed/sync`);
    await owner.post('/api/events', { businessKey: 'R-1', flowId, event: 'document.received' });
    await eventually(
      async () => (await owner.get(`/api/flows/${flowId}/cases?status=closed`)).json().counts.closed === 1,
    );
    expect((await owner.post(`/api/flows/${flowId}/feed/sync`)).json()).toMatchObject({ reopened: 1 });
    const runs = (await owner.get(`/api/runs?flowId=${flowId}`)).json();
    expect(runs.total).toBe(2);
  });
});

describe('record feed: the cases list as a file', () => {
  it("exports a flow's cases with the list's filters, never another flow's, for those who oversee runs", async () => {
    const tag = `X${Date.now().toString(36)}`;
    const flowId = await publish(feedFlow([{ id: `${tag}-A1` }, { id: `${tag}-B2` }]));
    const otherId = await publish(feedFlow([{ id: `${tag}-C3` }]));
    await owner.post(`/api/flows/${flowId}/feed/sync`);
    await owner.post(`/api/flows/${otherId}/feed/sync`);
    const keys = (body: string) =>
      body
        .split('\r\n')
        .slice(1, -1)
        .map((l) => l.split(',')[0]);

    const csv = await owner.get(`/api/flows/${flowId}/cases/export?format=csv&q=${tag.toLowerCase()}`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="cases-[\d-]+\.csv"$/);
    expect(csv.body.split('\r\n')[0]).toBe(
      '\uFEFFbusinessKey,status,late,runStatus,firstSeenAt,lastSeenAt,closedAt,updates,runId',
    );
    // The other flow's case shares the text but is not this list's.
    expect(keys(csv.body).sort()).toEqual([`${tag}-A1`, `${tag}-B2`]);
    expect(keys((await owner.get(`/api/flows/${flowId}/cases/export?format=csv&q=a1`)).body)).toEqual([`${tag}-A1`]);
    const listed = (await owner.get(`/api/flows/${flowId}/cases?q=b2`)).json() as { items: unknown[] };
    expect(listed.items).toEqual([expect.objectContaining({ businessKey: `${tag}-B2` })]);
    expect(keys((await owner.get(`/api/flows/${flowId}/cases/export?format=csv&status=closed`)).body)).toEqual([]);
    const xlsx = await owner.get(`/api/flows/${flowId}/cases/export?format=xlsx&late=true`);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await owner.get(`/api/flows/${flowId}/cases/export?format=pdf`)).statusCode).toBe(400);
    const collector = await h.login(['collector']);
    expect((await collector.get(`/api/flows/${flowId}/cases/export?format=csv`)).statusCode).toBe(403);
  });
});

describe('record feed: who changed the record in the source system', () => {
  it("bars that person from the case's four-eyes task, and follows a later change", async () => {
    const tag = Date.now().toString(36);
    const clerk = await h.login(['approver'], { username: `jdupont-${tag}` });
    const flowFor = (records: Array<Record<string, unknown>>) => ({
      schemaVersion: 1,
      name: `four-eyes feed ${tag}`,
      settings: { timezone: 'Europe/Paris', calendar: 'FR' },
      variables: [],
      nodes: [
        {
          id: 'feed',
          kind: 'trigger.recordFeed',
          config: {
            connector: 'builtin',
            feed: 'staticRecords',
            feedConfig: { records },
            cron: '0 7 * * 1-5',
            businessKey: 'record.id',
            changedBy: 'record.createdByUser',
            onClosed: 'ignore',
          },
        },
        {
          id: 'approve',
          kind: 'humanTask',
          config: {
            title: 'Approve {{record.id}}',
            outcomes: [{ name: 'approve' }, { name: 'reject' }],
            assignee: { type: 'role', value: 'approver' },
            fourEyes: true,
          },
        },
        { id: 'ok', kind: 'end', config: { status: 'approved' } },
        { id: 'ko', kind: 'end', config: { status: 'rejected' } },
      ],
      edges: [
        { id: 'a', source: 'feed', target: 'approve' },
        { id: 'b', source: 'approve', target: 'ok', sourceHandle: 'approve' },
        { id: 'c', source: 'approve', target: 'ko', sourceHandle: 'reject' },
      ],
    });
    // SAP names users its own way (upper case): matched to the Ledgerflow user name ignoring case.
    const key = `CN-4E-${tag}`;
    const flowId = await publish(flowFor([{ id: key, createdByUser: `JDUPONT-${tag.toUpperCase()}` }]));
    expect((await owner.post(`/api/flows/${flowId}/feed/sync`)).json()).toMatchObject({ started: 1, failed: [] });
    const task = await eventually(
      async () =>
        (await clerk.get(`/api/tasks?view=groups&businessKey=${key}`)).json().items[0] as { id: string } | undefined,
    );
    const refused = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'approve', data: {} });
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json()).toMatchObject({ details: { reason: 'FOUR_EYES' } });
    expect(refused.json().message).toContain(`JDUPONT-${tag.toUpperCase()}`);

    // The record is changed by someone else in SAP: the clerk is no longer the last to have touched it.
    await publish(flowFor([{ id: key, createdByUser: 'MMARTIN', note: 'corrected' }]), flowId);
    expect((await owner.post(`/api/flows/${flowId}/feed/sync`)).json()).toMatchObject({ updated: 1 });
    await eventually(async () => {
      const res = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'approve', data: {} });
      return res.statusCode === 200;
    });
  });

  it('reports a record whose changed-by expression fails, and starts no case for it', async () => {
    const def = feedFlow([{ id: 'BAD-1' }]) as { nodes: Array<{ config: Record<string, unknown> }> };
    def.nodes[0]!.config.changedBy = '$error("no user on this record")';
    const flowId = await publish(def);
    const r = (await owner.post(`/api/flows/${flowId}/feed/sync`)).json();
    expect(r).toMatchObject({ polled: 1, started: 0 });
    expect(r.failed[0]).toMatchObject({ key: 'BAD-1' });
    expect(r.failed[0].error).toMatch(/changed by: .*no user on this record/);
  });
});

describe('schedule and webhook triggers', () => {
  it('creates a Temporal Schedule for a schedule trigger; a fired schedule registers its run', async () => {
    const def = {
      schemaVersion: 1,
      name: `dunning batch ${Date.now()}`,
      variables: [],
      nodes: [
        { id: 'cron', kind: 'trigger.schedule', config: { cron: '0 6 * * *', timezone: 'Europe/Paris' } },
        { id: 'log', kind: 'action', config: { connector: 'builtin', action: 'log', inputs: { message: "'batch'" } } },
        { id: 'end', kind: 'end', config: { status: 'done' } },
      ],
      edges: [
        { id: 'a', source: 'cron', target: 'log' },
        { id: 'b', source: 'log', target: 'end' },
      ],
    };
    const flowId = await publish(def);
    const handle = h.temporal.schedule.getHandle(`flow-${flowId}`);
    const desc = await handle.describe();
    expect(desc.spec.timezone).toBe('Europe/Paris');
    await handle.trigger();
    const run = await eventually(async () => {
      const list = (await owner.get(`/api/runs?flowId=${flowId}`)).json();
      return list.items.find((r: { status: string }) => r.status === 'completed');
    });
    expect(run.businessKey).toContain(def.name);
    await handle.delete();
  });

  it('starts a run from a signed webhook and refuses a wrong signature', async () => {
    const def = {
      schemaVersion: 1,
      name: `dispute hook ${Date.now()}`,
      variables: [],
      nodes: [
        { id: 'hook', kind: 'trigger.webhook', config: { businessKey: 'payload.dispute.id' } },
        { id: 'end', kind: 'end', config: { status: 'received' } },
      ],
      edges: [{ id: 'a', source: 'hook', target: 'end' }],
    };
    const flowId = await publish(def);
    const { secret, url } = (await owner.post(`/api/flows/${flowId}/webhook/rotate`)).json();
    const body = JSON.stringify({ dispute: { id: 'D-42', reason: 'commercial' } });
    const bad = await h.app.inject({ method: 'POST', url, headers: hookHeaders('wrong', body), payload: body });
    expect(bad.statusCode).toBe(401);
    const ok = await h.app.inject({ method: 'POST', url, headers: hookHeaders(secret, body), payload: body });
    expect(ok.statusCode, ok.body).toBe(202);
    expect(ok.json().businessKey).toBe('D-42');
    const info = (await owner.get(`/api/flows/${flowId}/webhook`)).json();
    expect(info).toEqual({ url, configured: true });
    expect(JSON.stringify(info)).not.toContain(secret);
  });
  it('takes signed events from a source system for running cases, once per event id, with no session', async () => {
    const def = {
      schemaVersion: 1,
      name: `paid events ${Date.now()}`,
      variables: [],
      nodes: [
        { id: 't', kind: 'trigger.manual', config: {} },
        { id: 'paid', kind: 'waitForEvent', config: { event: 'invoice.paid', outputVariable: 'payment' } },
        { id: 'again', kind: 'waitForEvent', config: { event: 'invoice.paid', outputVariable: 'second' } },
        { id: 'end', kind: 'end', config: { status: 'paid' } },
      ],
      edges: [
        { id: 'a', source: 't', target: 'paid' },
        { id: 'b', source: 'paid', target: 'again' },
        { id: 'c', source: 'again', target: 'end' },
      ],
    };
    const flowId = await publish(def);
    const { secret } = (await owner.post(`/api/flows/${flowId}/webhook/rotate`)).json();
    const key = `INV-${Date.now()}`;
    const { runId } = (await owner.post('/api/runs', { flowId, businessKey: key })).json();
    const url = `/api/hooks/${flowId}/events`;
    const send = (payload: unknown, signWith = secret) => {
      const body = JSON.stringify(payload);
      return h.app.inject({ method: 'POST', url, headers: hookHeaders(signWith, body), payload: body });
    };
    const paid = { event: 'invoice.paid', businessKey: key, eventId: 'ns-evt-1', payload: { amount: '120.00' } };
    expect((await send(paid, 'not the secret')).statusCode).toBe(401);
    const bad = await send({ event: 'invoice.paid', businessKey: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('/businessKey');
    expect((await send({ ...paid, businessKey: 'INV-unknown' })).statusCode).toBe(404);
    const ok = await send(paid);
    expect(ok.statusCode, ok.body).toBe(202);
    expect(ok.json()).toEqual({ delivered: [runId] });
    // The script retries (timeout on its side): the same event id is not a second payment.
    expect((await send(paid)).statusCode).toBe(202);
    await eventually(async () => (await owner.get(`/api/runs/${runId}`)).json().run.currentNodes.includes('again'));
    await new Promise((r) => setTimeout(r, 500));
    expect((await owner.get(`/api/runs/${runId}`)).json().run).toMatchObject({
      status: 'waiting',
      currentNodes: ['again'],
    });
    expect((await send({ ...paid, eventId: 'ns-evt-2' })).statusCode).toBe(202);
    await eventually(async () => (await owner.get(`/api/runs/${runId}`)).json().run.status === 'completed');
  });
});
