// The customer 360: tasks, decisions, comments and emails about one customer on one timeline, for collectors.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSink, type SmtpSink } from '@ledgerflow/devstack/smtp-sink';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';

let h: Harness;
let sink: SmtpSink;
let owner: Agent;
let collector: Agent;

beforeAll(async () => {
  sink = await createSmtpSink({ port: 0, host: '127.0.0.1' });
  h = await createHarness({ mailSink: sink });
  owner = await h.login(['process_owner']);
  collector = await h.login(['collector'], { groups: ['collections'] });
});
afterAll(async () => {
  await h?.close();
  await sink?.close();
});

describe('customer 360', () => {
  it('shows every task, decision, comment and email about a customer, newest first, with what is open', async () => {
    const tag = randomUUID().slice(0, 6);
    const customer = `Dupont ${tag} SA`;
    const integrator = await h.login(['integrator']);
    const mail = `c360-${tag}`;
    expect(
      (
        await integrator.post('/api/connections', {
          name: mail,
          connectorId: 'email',
          config: {
            host: '127.0.0.1',
            port: sink.port,
            secure: false,
            ignoreTLS: true,
            from: 'AR <ar@ledgerflow.test>',
          },
          secrets: {},
        })
      ).statusCode,
    ).toBe(201);
    const def = {
      schemaVersion: 1,
      name: `c360 ${tag}`,
      variables: [
        { name: 'customer', type: 'string' },
        { name: 'amount', type: 'money' },
      ],
      nodes: [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'letter',
          kind: 'action',
          config: {
            connector: 'email',
            action: 'send',
            connectionId: mail,
            inputs: {
              to: "['compta@dupont.test']",
              template: "'dunning-1-friendly'",
              language: "'fr'",
              data: '{"customer": {"name": customer}, "items": [], "totalDue": amount.amount, "currency": amount.currency, "company": {"name": "ACME"}}',
            },
          },
        },
        {
          id: 'call',
          kind: 'humanTask',
          config: {
            title: 'Call {{ customer }} about {{ businessKey }}',
            outcomes: [{ name: 'promised' }, { name: 'noAnswer' }],
            assignee: { type: 'group', value: 'collections' },
            customer: 'customer',
            amount: 'amount',
          },
        },
        { id: 'end', kind: 'end', config: { status: 'done' } },
      ],
      edges: [
        { id: 'a', source: 't', target: 'letter' },
        { id: 'b', source: 'letter', target: 'call' },
        { id: 'c', source: 'call', target: 'end', sourceHandle: 'promised' },
        { id: 'd', source: 'call', target: 'end', sourceHandle: 'noAnswer' },
      ],
    };
    const flowId = (await owner.post('/api/flows', { definition: def })).json().id as string;
    expect((await owner.post(`/api/flows/${flowId}/publish`, { comment: 'v1' })).statusCode).toBe(201);
    for (const [key, who, amount] of [
      [`INV-${tag}-1`, customer, '1200.50'],
      [`INV-${tag}-2`, customer, '99.50'],
      [`INV-${tag}-3`, `Other ${tag}`, '5.00'],
    ] as const) {
      expect(
        (
          await owner.post('/api/runs', {
            flowId,
            businessKey: key,
            input: { customer: who, amount: { amount, currency: 'EUR' } },
          })
        ).statusCode,
      ).toBe(201);
    }
    const tasks = await eventually(async () => {
      const items = (await collector.get(`/api/tasks?view=groups&customer=${encodeURIComponent(customer)}`)).json()
        .items as Array<{ id: string; businessKey: string }>;
      return items.length === 2 ? items : null;
    });
    const first = tasks.find((t) => t.businessKey === `INV-${tag}-1`)!;
    expect(
      (await collector.post(`/api/tasks/${first.id}/comments`, { body: 'Called the accountant: pays Friday' }))
        .statusCode,
    ).toBe(201);
    expect(
      (await collector.post(`/api/tasks/${first.id}/complete`, { outcome: 'promised', data: {} })).statusCode,
    ).toBe(200);

    const list = (await collector.get(`/api/customers?q=${encodeURIComponent(tag)}`)).json();
    expect(
      list.items.map((c: { customer: string; open: number; tasks: number }) => [c.customer, c.tasks, c.open]),
    ).toEqual([
      [customer, 2, 1],
      [`Other ${tag}`, 1, 1],
    ]); // equal open work: latest activity first
    // The export: same search, same order, a BOM for Excel; a customer outside the search is not in it.
    const csv = await collector.get(`/api/customers/export?format=csv&q=${encodeURIComponent(tag)}`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="customers-[\d-]+\.csv"$/);
    const rows = csv.body.split('\r\n').map((l) => l.split(',').slice(0, 4));
    expect(rows.slice(0, -1)).toEqual([
      ['\uFEFFcustomer', 'openTasks', 'overdueTasks', 'tasks'],
      [customer, '1', '0', '2'],
      [`Other ${tag}`, '1', '0', '1'],
    ]);
    const only = await collector.get(`/api/customers/export?format=xlsx&q=${encodeURIComponent(customer)}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(only.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getColumn(1).values.slice(1)).toEqual(['customer', customer]);
    expect((await collector.get('/api/customers/export?format=pdf')).json().code).toBe('VALIDATION_FAILED');

    const c360 = await eventually(async () => {
      const r = (await collector.get(`/api/customers/${encodeURIComponent(customer)}`)).json();
      return r.summary?.emails === 2 ? r : null;
    });
    expect(c360.summary).toMatchObject({
      tasks: 2,
      open: 1,
      overdue: 0,
      openAmounts: [{ currency: 'EUR', amount: '99.5' }],
    });
    const kinds = c360.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds.filter((k: string) => k === 'task.created')).toHaveLength(2);
    expect(kinds.filter((k: string) => k === 'email')).toHaveLength(2);
    expect(c360.timeline).toContainEqual(
      expect.objectContaining({
        kind: 'comment',
        taskId: first.id,
        detail: 'Called the accountant: pays Friday',
        by: collector.username,
      }),
    );
    expect(c360.timeline).toContainEqual(
      expect.objectContaining({ kind: 'task.decided', taskId: first.id, detail: 'promised', by: collector.username }),
    );
    // Newest first, and nothing about the other customer.
    const times = c360.timeline.map((e: { at: string }) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(JSON.stringify(c360)).not.toContain(`INV-${tag}-3`);
  });

  it('is for collections roles, and says when a customer is unknown', async () => {
    const approver = await h.login(['approver']);
    expect((await approver.get('/api/customers')).statusCode).toBe(403);
    expect((await approver.get('/api/customers/export?format=csv')).statusCode).toBe(403);
    const res = await collector.get(`/api/customers/${encodeURIComponent(`Nobody ${randomUUID()}`)}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});
