// The receivables ledger: imports through COPY and set-based SQL, history by as-of, settling in full snapshots,
// per-row errors, and the customer API (read, PATCH audited and role-checked).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedgerItemsStore, type LedgerRowInput } from '@ledgerflow/db';
import { createHarness, type Harness } from './helpers/api-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

const items = () => createLedgerItemsStore(h.orm.em.fork());
const row = (customerId: string, document: string, openAmount: string, extra: Partial<LedgerRowInput> = {}) =>
  ({
    customerId,
    document,
    itemType: 'invoice',
    documentDate: '2026-10-01',
    dueDate: '2026-10-31',
    currency: 'EUR',
    amount: '100.00',
    openAmount,
    ...extra,
  }) satisfies LedgerRowInput;
async function* stream(rows: LedgerRowInput[]): AsyncGenerator<LedgerRowInput> {
  yield* rows;
}
const historyOf = (source: string, company: string, document: string) =>
  h.orm.em
    .fork()
    .getConnection()
    .execute<Array<{ valid_from: string; valid_to: string | null; open_amount: string; status: string }>>(
      `select h.valid_from::text as valid_from, h.valid_to::text as valid_to, h.open_amount::text as open_amount, h.status
     from ledger_item_states h join ledger_items i on i.id = h.item_id
     where i.source = ? and i.company = ? and i.document = ? order by h.valid_from`,
      [source, company, document],
    );

describe('ledger ingest', () => {
  const company = `C${randomUUID().slice(0, 6)}`;
  const oct1 = new Date('2026-10-01T06:00:00Z');
  const oct2 = new Date('2026-10-02T06:00:00Z');
  const oct3 = new Date('2026-10-03T06:00:00Z');

  it('keeps a history row per change dated by the import, writes nothing for unchanged rows, settles what a full snapshot leaves out', async () => {
    const source = 'sap';
    const first = await items().ingest({
      source,
      company,
      mode: 'full',
      asOf: oct1,
      rows: stream([
        row('K1', 'D1', '100.00', { customer: { name: 'Alpha', segment: 'B2B', language: 'fr' } }),
        row('K1', 'D2', '-20.00', { itemType: 'credit_note', amount: '-20.00' }),
        row('K2', 'D3', '50.5'),
      ]),
    });
    expect(first).toMatchObject({ status: 'done', rowsRead: 3, inserted: 3, updated: 0, unchanged: 0, settled: 0 });
    // A current state is written once, in the item row: the history table only receives states items leave.
    const [stored] = await h.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ n: number }>>(
        `select count(*)::int as n from ledger_item_history h join ledger_items i on i.id = h.item_id
          where i.company = ?`,
        [company],
      );
    expect(stored?.n).toBe(0);
    const d2Before = await items().byDocument(source, company, 'D2');

    const second = await items().ingest({
      source,
      company,
      mode: 'full',
      asOf: oct2,
      rows: stream([
        row('K1', 'D1', '40.00'), // partly paid
        row('K1', 'D2', '-20.00', { itemType: 'credit_note', amount: '-20.00' }), // unchanged
        row('K1', 'D4', '10.00'), // new; D3 is gone
      ]),
    });
    expect(second).toMatchObject({ status: 'done', rowsRead: 3, inserted: 1, updated: 1, unchanged: 1, settled: 1 });

    expect(await historyOf(source, company, 'D1')).toEqual([
      {
        valid_from: expect.stringMatching(/^2026-10-01 06:00:00/),
        valid_to: expect.stringMatching(/^2026-10-02 06:00:00/),
        open_amount: '100.0000',
        status: 'open',
      },
      {
        valid_from: expect.stringMatching(/^2026-10-02 06:00:00/),
        valid_to: null,
        open_amount: '40.0000',
        status: 'open',
      },
    ]);
    // Unchanged: one history row, still current, and the item still points at the first import.
    expect(await historyOf(source, company, 'D2')).toHaveLength(1);
    expect(await items().byDocument(source, company, 'D2')).toEqual(d2Before);
    const d3 = await items().byDocument(source, company, 'D3');
    expect(d3).toMatchObject({ status: 'settled', open_amount: '0.0000', amount: '100.0000' });
    expect(d3?.settled_at).toMatch(/^2026-10-02 06:00:00/);

    // As-of reads: on Oct 1 K1 owed 100 - 20, now 40 - 20 + 10.
    const asOf1 = await items().ofCustomerAsOf(company, 'K1', new Date('2026-10-01T12:00:00Z'));
    expect(asOf1.map((r) => [r.document, r.open_amount])).toEqual([
      ['D1', '100.0000'],
      ['D2', '-20.0000'],
    ]);
    const now = await items().ofCustomerAsOf(company, 'K1', new Date('2026-10-05T00:00:00Z'));
    expect(now.map((r) => [r.document, r.open_amount])).toEqual([
      ['D1', '40.0000'],
      ['D2', '-20.0000'],
      ['D4', '10.0000'],
    ]);
    const k2 = await items().ofCustomerAsOf(company, 'K2', new Date('2026-10-02T12:00:00Z'));
    expect(k2.map((r) => [r.document, r.open_amount, r.status])).toEqual([['D3', '0.0000', 'settled']]);

    // Customers: one row per customer named, fields from the rows that carry them.
    const [k1] = await h.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ name: string; segment: string; language: string }>>(
        'select name, segment, language from ledger_customers where company = ? and customer_id = ?',
        [company, 'K1'],
      );
    expect(k1).toEqual({ name: 'Alpha', segment: 'B2B', language: 'fr' });
  });

  it('an incremental import never settles; an item coming back reopens', async () => {
    const source = 'netsuite';
    await items().ingest({
      source,
      company,
      mode: 'full',
      asOf: oct1,
      rows: stream([row('K3', 'N1', '10.00'), row('K3', 'N2', '20.00')]),
    });
    const inc = await items().ingest({
      source,
      company,
      mode: 'incremental',
      asOf: oct2,
      rows: stream([row('K3', 'N2', '5.00')]),
    });
    expect(inc).toMatchObject({ status: 'done', inserted: 0, updated: 1, unchanged: 0, settled: 0 });
    expect(await items().byDocument(source, company, 'N1')).toMatchObject({ status: 'open', open_amount: '10.0000' });

    // A full snapshot without N1 settles it, the next one that lists it again reopens it.
    await items().ingest({ source, company, mode: 'full', asOf: oct2, rows: stream([row('K3', 'N2', '5.00')]) });
    expect(await items().byDocument(source, company, 'N1')).toMatchObject({ status: 'settled' });
    const back = await items().ingest({
      source,
      company,
      mode: 'full',
      asOf: oct3,
      rows: stream([row('K3', 'N1', '10.00'), row('K3', 'N2', '5.00')]),
    });
    expect(back).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, settled: 0 });
    expect(await items().byDocument(source, company, 'N1')).toMatchObject({ status: 'open', settled_at: null });
    expect((await historyOf(source, company, 'N1')).map((r) => [r.status, r.open_amount])).toEqual([
      ['open', '10.0000'],
      ['settled', '0.0000'],
      ['open', '10.0000'],
    ]);
  });

  it('reports bad rows by number and field and imports the others; an input of bad rows only fails', async () => {
    const source = 'excel:errors';
    const res = await items().ingest({
      source,
      company,
      mode: 'full',
      asOf: oct1,
      rows: stream([
        row('K4', 'E1', '10.00'),
        row('K4', 'E2', '1,5'),
        row('K4', 'E3', '10.00', { currency: 'euro' }),
        row('', 'E4', '10.00'),
        row('K4', 'E5', '10.00', { dueDate: '2026-02-30' }),
        row('K4', 'E6', '10.00', { itemType: 'DR' }),
        row('K4', 'E1', '12.00'),
      ]),
    });
    expect(res).toMatchObject({ status: 'done', rowsRead: 7, inserted: 1, errorCount: 6 });
    expect(res.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'openAmount'],
      [3, 'currency'],
      [4, 'customerId'],
      [5, 'dueDate'],
      [6, 'itemType'],
      [1, 'document'],
    ]);
    expect(await items().byDocument(source, company, 'E1')).toMatchObject({ open_amount: '12.0000' });

    const bad = await items().ingest({
      source,
      company,
      mode: 'full',
      asOf: oct2,
      rows: stream([row('K4', 'E1', 'x')]),
    });
    expect(bad).toMatchObject({ status: 'failed', rowsRead: 1, inserted: 0, settled: 0, errorCount: 1 });
    // The failed full import settled nothing.
    expect(await items().byDocument(source, company, 'E1')).toMatchObject({ status: 'open', open_amount: '12.0000' });
  });
});

describe('ledger API', () => {
  const company = `A${randomUUID().slice(0, 6)}`;
  beforeAll(async () => {
    await items().ingest({
      source: 'sap',
      company,
      mode: 'full',
      asOf: new Date('2026-10-01T06:00:00Z'),
      rows: stream([
        row('P1', 'X1', '100.00', { dueDate: '2026-09-01', customer: { name: '=Pâtisserie', language: 'fr' } }),
        row('P1', 'X2', '-30.00', { itemType: 'credit_note', amount: '-30.00', dueDate: '2026-09-15' }),
        row('P1', 'X3', '12.34', { currency: 'USD', dueDate: '2099-01-01' }),
        row('P2', 'X4', '5.00'),
      ]),
    });
  });

  it('lists customers with open and overdue balances per currency, reads one with items and history, exports', async () => {
    const collector = await h.login(['collector']);
    const list = await collector.get(`/api/ledger/customers?company=${company}&asOf=2026-10-01&sort=customerId`);
    expect(list.statusCode).toBe(200);
    const body = list.json() as { total: number; items: Array<{ customerId: string; balances: unknown[] }> };
    expect(body.total).toBe(2);
    expect(body.items[0]).toMatchObject({
      customerId: 'P1',
      name: '=Pâtisserie',
      balances: [
        { currency: 'EUR', open: '70.0000', overdue: '70.0000', items: 2 },
        { currency: 'USD', open: '12.3400', overdue: '0', items: 1 },
      ],
    });
    const one = await collector.get(`/api/ledger/customers/${company}/P1`);
    expect(one.statusCode).toBe(200);
    const detail = one.json() as { items: Array<{ document: string }>; history: unknown[] };
    expect(detail.items.map((i) => i.document)).toEqual(['X1', 'X2', 'X3']);
    expect(detail.history).toHaveLength(3);
    expect((await collector.get(`/api/ledger/customers/${company}/NOPE`)).statusCode).toBe(404);

    const csv = await collector.get(`/api/ledger/customers/export?format=csv&company=${company}&asOf=2026-10-01`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\r\n').slice(0, 3)).toEqual([
      '\uFEFFcompany,customer,name,segment,language,email,excluded,pausedUntil,currency,open,overdue,openItems,dunningLevel',
      `${company},P1,'=Pâtisserie,,fr,,no,,EUR,70.0000,70.0000,2,`,
      `${company},P1,'=Pâtisserie,,fr,,no,,USD,12.3400,0,1,`,
    ]);
    const imports = await collector.get(`/api/ledger/imports?company=${company}`);
    expect((imports.json() as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ source: 'sap', status: 'done', rowsRead: 4, inserted: 4, errorCount: 0 }),
    ]);
    // The imports list as a file, with the same filters: this company's import only, its counts in their columns.
    const file = await collector.get(`/api/ledger/imports/export?format=csv&company=${company}`);
    expect(file.statusCode, file.body).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="ledger-imports-[\d-]+\.csv"$/);
    const lines = file.body.split('\r\n').slice(0, -1);
    expect(lines[0]).toBe(
      '\uFEFFstartedAt,finishedAt,source,company,mode,asOf,status,rowsRead,inserted,updated,unchanged,settled,errors,' +
        'failure,importId',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`,sap,${company},\\w+,[^,]+,done,4,4,0,0,0,0,,`));
    const none = await collector.get(`/api/ledger/imports/export?format=csv&company=${company}&status=failed`);
    expect(none.body.split('\r\n').slice(1)).toEqual(['']);
  });

  it("filters one customer's items and history by status and document, on the page and in its exports", async () => {
    const co = `B${randomUUID().slice(0, 6)}`;
    const ingest = (asOf: string, rows: LedgerRowInput[]) =>
      items().ingest({ source: 'sap', company: co, mode: 'full', asOf: new Date(asOf), rows: stream(rows) });
    const q1 = [
      row('Q1', 'INV-1', '100.00'),
      row('Q1', 'CN-3', '-5.00', { itemType: 'credit_note', amount: '-5.00' }),
      row('Q2', 'INV-9', '7.00'),
    ];
    await ingest('2026-10-01T06:00:00Z', [...q1, row('Q1', 'INV-2', '20.00')]);
    // The next full snapshot leaves INV-2 out: it is settled.
    await ingest('2026-10-02T06:00:00Z', q1);
    const collector = await h.login(['collector']);
    const page = (await collector.get(`/api/ledger/customers/${co}/Q1?status=open&q=inv`)).json() as {
      items: Array<{ document: string }>;
    };
    expect(page.items.map((i) => i.document)).toEqual(['INV-1']);

    const base = `/api/ledger/customers/${co}/Q1/export`;
    const open = await collector.get(`${base}?format=csv&status=open&q=inv`);
    expect(open.statusCode, open.body).toBe(200);
    expect(open.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(open.headers['content-disposition']).toMatch(/^attachment; filename="ledger-Q1-items-[\d-]+\.csv"$/);
    const lines = (r: { body: string }) => r.body.split('\r\n').slice(0, -1);
    // Q2's INV-9 (another customer) and the settled INV-2 are not in the file, nor the credit note the text leaves out.
    expect(lines(open)).toEqual([
      '\uFEFFdocument,type,documentDate,dueDate,currency,amount,openAmount,status,disputed,settledAt,dunningLevel',
      'INV-1,invoice,2026-10-01,2026-10-31,EUR,100.0000,100.0000,open,no,,',
    ]);
    const settled = lines(await collector.get(`${base}?format=csv&status=settled`));
    expect(settled.slice(1).map((l) => l.split(',').slice(0, 8).join(','))).toEqual([
      'INV-2,invoice,2026-10-01,2026-10-31,EUR,100.0000,0.0000,settled',
    ]);
    // A credit note's minus is a sign, not a formula: no apostrophe.
    expect(lines(await collector.get(`${base}?format=csv&q=cn`))[1]).toMatch(
      /^CN-3,credit_note,.*,-5\.0000,-5\.0000,open,/,
    );
    const history = lines(await collector.get(`${base}?format=csv&list=history&q=INV-2`));
    expect(history[0]).toBe(
      '\uFEFFdocument,validFrom,validTo,currency,amount,openAmount,dueDate,status,disputed,importId',
    );
    expect(history.slice(1).map((l) => `${l.split(',')[0]}:${l.split(',')[7]}`)).toEqual([
      'INV-2:settled',
      'INV-2:open',
    ]);
    const xlsx = await collector.get(`${base}?format=xlsx&list=history&status=settled`);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await collector.get(`${base}?format=pdf`)).statusCode).toBe(400);
    expect((await collector.get(`/api/ledger/customers/${co}/NOPE/export?format=csv`)).statusCode).toBe(404);
    expect((await (await h.login(['approver'])).get(`${base}?format=csv`)).statusCode).toBe(403);
  });

  it('changes the dunning fields of a customer, audited, for the collection roles only', async () => {
    const approver = await h.login(['approver']);
    const url = `/api/ledger/customers/${company}/P2`;
    const patch = { excluded: true, pausedUntil: '2026-12-31', pauseReason: 'promise to pay', collector: 'jdoe' };
    const refused = await approver.req({ method: 'PATCH', url, payload: patch });
    expect(refused.statusCode).toBe(403);

    const manager = await h.login(['manager']);
    const res = await manager.req({ method: 'PATCH', url, payload: patch });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      excluded: true,
      pausedUntil: '2026-12-31',
      pauseReason: 'promise to pay',
      collector: 'jdoe',
    });
    const bad = await manager.req({ method: 'PATCH', url, payload: { pausedUntil: '31/12/2026' } });
    expect(bad.statusCode).toBe(400);

    const admin = await h.login(['admin']);
    const audit = (
      await admin.get(`/api/admin/audit?action=ledger.customer_changed&targetId=${company}/P2`)
    ).json() as {
      items: Array<{ actorUsername: string; before: unknown; after: unknown }>;
    };
    expect(audit.items).toEqual([
      expect.objectContaining({
        actorUsername: manager.username,
        before: { excluded: false, pausedUntil: null, pauseReason: null, collector: null },
        after: { excluded: true, pausedUntil: '2026-12-31', pauseReason: 'promise to pay', collector: 'jdoe' },
      }),
    ]);
    // The next import does not undo what the user set: its rows carry no customer fields.
    await items().ingest({
      source: 'sap',
      company,
      mode: 'incremental',
      asOf: new Date('2026-10-02T06:00:00Z'),
      rows: stream([row('P2', 'X4', '4.00')]),
    });
    expect((await manager.get(url)).json()).toMatchObject({ excluded: true, collector: 'jdoe' });
  });
});

describe('ledger feed trigger', () => {
  it('a published flow with trigger.ledgerFeed imports every page of its feed through the mapping', async () => {
    const owner = await h.login(['process_owner']);
    const company = `F${randomUUID().slice(0, 6)}`;
    const inv = (id: string, customerId: string, remaining: string, due: string) => ({
      id,
      customerId,
      tranDate: '2026-09-01',
      dueDate: due,
      total: { amount: '100.00', currency: 'EUR' },
      amountRemaining: { amount: remaining, currency: 'EUR' },
    });
    const def = {
      schemaVersion: 1,
      name: `ledger feed ${company}`,
      variables: [],
      nodes: [
        {
          id: 'feed',
          kind: 'trigger.ledgerFeed',
          config: {
            connector: 'builtin',
            feed: 'staticRecords',
            // Three pages of NetSuite-shaped open invoices, mapped by the NetSuite preset's paths.
            feedConfig: {
              pageSize: 2,
              records: [
                inv('101', 'N1', '100.00', '2026-09-30'),
                inv('102', 'N1', '40.50', '2026-10-15'),
                inv('103', 'N2', '100.00', '2026-10-31'),
                inv('104', 'N2', 'oops', '2026-10-31'),
                inv('105', 'N3', '7.00', '2026-11-30'),
              ],
            },
            cron: '0 6 * * 1-5',
            company,
            mode: 'full',
            mapping: {
              fields: {
                customerId: 'customerId',
                document: 'id',
                documentDate: 'tranDate',
                dueDate: 'dueDate',
                amount: 'total',
                openAmount: 'amountRemaining',
              },
              defaultItemType: 'invoice',
            },
          },
        },
        { id: 'end', kind: 'end', config: { status: 'completed' } },
      ],
      edges: [{ id: 'a', source: 'feed', target: 'end' }],
    };
    const created = await owner.post('/api/flows', { definition: def });
    expect(created.statusCode, created.body).toBe(201);
    const flowId = (created.json() as { id: string }).id;
    const published = await owner.post(`/api/flows/${flowId}/publish`, { comment: 'v1' });
    expect(published.statusCode, published.body).toBe(201);
    const schedule = (await owner.get(`/api/flows/${flowId}/schedule`)).json() as { trigger: string; state: string };
    expect(schedule).toMatchObject({ trigger: 'trigger.ledgerFeed', state: 'active' });

    const sync = await owner.post(`/api/flows/${flowId}/ledger/sync`);
    expect(sync.statusCode, sync.body).toBe(200);
    expect(sync.json()).toMatchObject({
      status: 'done',
      pages: 3,
      rowsRead: 5,
      inserted: 4,
      errorCount: 1,
      errors: [{ row: 4, field: 'openAmount' }],
    });
    expect(await items().byDocument('builtin:staticRecords', company, '102')).toMatchObject({
      customer_id: 'N1',
      item_type: 'invoice',
      currency: 'EUR',
      amount: '100.0000',
      open_amount: '40.5000',
      due_date: '2026-10-15',
    });
    // The flow's feed status, as the dashboard reads it: rows read, and the bad row.
    expect((await owner.get(`/api/flows/${flowId}/feed`)).json()).toMatchObject({
      state: 'done',
      stats: { polled: 5, failed: [{ key: 'row 4', error: expect.stringMatching(/^openAmount: /) }] },
    });
    const imports = (await owner.get(`/api/ledger/imports?company=${company}`)).json() as { items: unknown[] };
    expect(imports.items).toEqual([expect.objectContaining({ flowId, mode: 'full', rowsRead: 5, errorCount: 1 })]);
  });
});
