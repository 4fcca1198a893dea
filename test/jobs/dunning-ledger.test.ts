// The customer-level dunning run end to end on the real stack: a French SAP-style open-item export, as a CSV file
// posted to the flow's file feed (POST /api/flows/:id/feed/files), goes into the ledger through a ledger-feed trigger
// over the Excel connector's fileRecords, and after the import the run classifies it into a review batch (holidays,
// Saturday due date, a balance a cent under the minimum, paid item, credit note, disputed invoice, excluded and paused
// customers); a collector deselects one customer and sends through the review task, and the SMTP sink gets exactly one
// letter per remaining dunned customer with the statement PDF and its penalties. A re-run sends nothing twice (marks
// and outbox keys), the follow-up case calls after the final level, and paying clears the marks.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSink, type SinkMessage, type SmtpSink } from '@ledgerflow/devstack/smtp-sink';
import { createHarness, eventually, type Agent, type Harness } from '../helpers/api-harness.ts';
import { galleryTemplate, mailConnection } from './job-kit.ts';
import {
  C03_DUE,
  C07_DUE,
  C07_USD_LINE,
  CSV,
  LEVEL2_DAYS,
  daysBetween,
  flowDefinition,
  holiday,
  multipartFile,
  nextOpen,
  pdfText,
  sapFile,
  shift,
  today,
  type BatchView,
} from './dunning-ledger-kit.ts';

const company = `D${randomUUID().slice(0, 8)}`;
let h: Harness;
let sink: SmtpSink;
let owner: Agent;
let collector: Agent;
let flowId: string;
let followUpFlowId: string;
let mail: string;

const seenBatches = new Set<string>();

/**
 * The morning's extraction: the export's CSV file is posted to the flow's file feed, the ledger feed imports it (a
 * full snapshot; its repeated header line skipped), then the rest of the flow runs as its own run. Waits for that
 * run's batch and open review task.
 */
async function runToReview(file = sapFile(CSV), expectRows = 11): Promise<{ runId: string; view: BatchView }> {
  const sync = await owner.req({
    method: 'POST',
    url: `/api/flows/${flowId}/feed/files`,
    ...multipartFile('FBL5N-postes-ouverts.csv', file),
  });
  expect(sync.statusCode, sync.body).toBe(200);
  expect(sync.json()).toMatchObject({
    status: 'done',
    arrivedVia: 'api',
    report: {
      summary: { imported: expectRows, rejected: 0, skippedHeader: 1 },
      ledger: { status: 'done', rowsRead: expectRows, errorCount: 0 },
    },
  });
  const view = await eventually(
    async () => {
      const list = (await collector.get('/api/dunning/batches?limit=200')).json() as {
        items: Array<{ id: string; flowId: string | null }>;
      };
      const b = list.items.find((x) => x.flowId === flowId && !seenBatches.has(x.id));
      if (!b) return null;
      const v = (await collector.get(`/api/dunning/batches/${b.id}`)).json() as BatchView;
      return v.task?.status === 'open' ? v : null;
    },
    30_000,
    200,
    async () => (await owner.get(`/api/runs?flowId=${flowId}`)).json(),
  );
  seenBatches.add(view.batch.id);
  return { runId: view.batch.runId, view };
}

const runEnded = (runId: string) =>
  eventually(
    async () => {
      const r = (await owner.get(`/api/runs/${runId}`)).json() as { run: { status: string; outcome: string | null } };
      return ['completed', 'failed', 'cancelled'].includes(r.run.status) ? r.run : null;
    },
    60_000,
    200,
    async () => (await owner.get(`/api/runs/${runId}`)).json(),
  );

const customerMarks = () =>
  h.orm.em
    .fork()
    .getConnection()
    .execute<
      Array<{ customer_id: string; dunning_level: number | null; processed: boolean; dunning_date: string | null }>
    >(
      `select customer_id, dunning_level, dunning_processed_at is not null as processed,
         to_char(dunning_date, 'YYYY-MM-DD') as dunning_date
       from ledger_customers where company = ? order by customer_id`,
      [company],
    );
const itemMarks = () =>
  h.orm.em
    .fork()
    .getConnection()
    .execute<
      Array<{ document: string; dunning_level: number | null; dunning_flagged: boolean; dunning_processed: boolean }>
    >(
      'select document, dunning_level, dunning_flagged, dunning_processed from ledger_items where company = ? order by document',
      [company],
    );

beforeAll(async () => {
  sink = await createSmtpSink({ port: 0, host: '127.0.0.1' });
  h = await createHarness({ mailSink: sink });
  owner = await h.login(['process_owner']);
  collector = await h.login(['collector']);
  const integrator = await h.login(['integrator']);
  mail = await mailConnection(integrator, sink);
  const followUp = await owner.post('/api/flows', { definition: galleryTemplate('dunning-follow-up.json', {}) });
  expect(followUp.statusCode, followUp.body).toBe(201);
  followUpFlowId = followUp.json().id;
  expect((await owner.post(`/api/flows/${followUpFlowId}/publish`, { comment: 'follow-up' })).statusCode).toBe(201);
  const created = await owner.post('/api/flows', {
    definition: flowDefinition(company, mail, followUpFlowId),
  });
  expect(created.statusCode, created.body).toBe(201);
  flowId = created.json().id;
  const pub = await owner.post(`/api/flows/${flowId}/publish`, { comment: 'dunning run' });
  expect(pub.statusCode, pub.body).toBe(201);
});
afterAll(async () => {
  await h?.close();
  await sink?.close();
});

const letters = () => sink.list().filter((m) => m.headers['x-ledgerflow-idempotency-key']?.includes(`:${company}:`));

describe('customer-level dunning run', () => {
  let first: { runId: string; view: BatchView };

  it('classifies the ledger into a review batch with levels and penalties, and flags the marks', async () => {
    first = await runToReview();
    const byCustomer = Object.fromEntries(first.view.lines.map((l) => [l.customerId, l]));
    // C01: Saturday due date moved to Monday (two days fewer: level 1, not 2), net of its credit note.
    // C02: a holiday due date moved to the next working day (level 2, not 3); its paid invoice counts for nothing.
    // C03: level 3, its disputed invoice left out. C04 is 0.01 under the 50.00 minimum; C08 is not due.
    expect(Object.keys(byCustomer).sort()).toEqual(['C01', 'C02', 'C03', 'C07']);
    expect(byCustomer.C01).toMatchObject({ level: 1, days: LEVEL2_DAYS - 2, balance: '1000.00' });
    expect(byCustomer.C02).toMatchObject({ level: 2, days: daysBetween(nextOpen(holiday), today), balance: '5000.00' });
    expect(byCustomer.C03).toMatchObject({ level: 3, days: daysBetween(C03_DUE, today), balance: '800.00' });
    expect(byCustomer.C07).toMatchObject({ level: 1, days: daysBetween(C07_DUE, today), balance: '150.00' });
    expect(first.view.skipped.map((s) => `${s.customerId}:${s.reason}`).sort()).toEqual(['C05:excluded', 'C06:paused']);
    expect(first.view.levels).toEqual([1, 2, 3]);
    // L441-10: 40 EUR per late invoice, interest on each; the disputed invoice bears none.
    expect(byCustomer.C03!.items.map((i) => i.document)).toEqual(['9005']);
    expect(byCustomer.C03!.penaltyFlat).toBe('40.00');
    expect(Number(byCustomer.C03!.penaltyInterest)).toBeGreaterThan(0);
    expect(byCustomer.C02!.items.map((i) => i.document)).toEqual(['9003']);

    // Flagged at classification, not processed yet.
    const marks = Object.fromEntries((await customerMarks()).map((m) => [m.customer_id, m]));
    expect(marks.C01).toMatchObject({ dunning_level: 1, processed: false });
    expect(marks.C03).toMatchObject({ dunning_level: 3, processed: false });
    expect(marks.C04).toMatchObject({ dunning_level: null });
    expect((await itemMarks()).find((i) => i.document === '9005')).toMatchObject({
      dunning_level: 3,
      dunning_flagged: true,
      dunning_processed: false,
    });
  });

  it('previews the letter, lets the collector deselect a customer (audited), and sends one letter per customer', async () => {
    const { view, runId } = first;
    const c01 = view.lines.find((l) => l.customerId === 'C01')!;
    const preview = (await collector.get(`/api/dunning/batches/${view.batch.id}/lines/${c01.id}/preview`)).json();
    expect(preview).toMatchObject({ to: 'compta@dupont.test', level: 1, language: 'fr' });
    expect(preview.subject).toBe('Petit rappel : factures échues pour Boulangerie Dupont');
    expect(pdfText(preview.statement.base64)).toContain('9002');

    const c07 = view.lines.find((l) => l.customerId === 'C07')!;
    const viewer = await h.login(['viewer']);
    expect(
      (
        await viewer.req({
          method: 'PATCH',
          url: `/api/dunning/batches/${view.batch.id}/lines/${c07.id}`,
          payload: { selected: false },
        })
      ).statusCode,
    ).toBe(403);
    const patched = await collector.req({
      method: 'PATCH',
      url: `/api/dunning/batches/${view.batch.id}/lines/${c07.id}`,
      payload: { selected: false },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ customerId: 'C07', selected: false });
    const audit = (await (await h.login(['admin'])).get('/api/admin/audit?action=dunning.line_changed')).json() as {
      items: Array<{ targetId: string; actorUsername: string; after: unknown }>;
    };
    expect(audit.items.find((e) => e.targetId === `${view.batch.id}/${c07.id}`)).toMatchObject({
      actorUsername: collector.username,
      after: { selected: false, levelOverride: null },
    });

    const done = await collector.post(`/api/tasks/${view.task!.id}/complete`, { outcome: 'send', data: {} });
    expect(done.statusCode, done.body).toBe(200);
    expect(await runEnded(runId)).toMatchObject({ status: 'completed' });
    // Sending is over: the batch no longer changes.
    const late = await collector.req({
      method: 'PATCH',
      url: `/api/dunning/batches/${view.batch.id}/lines/${c07.id}`,
      payload: { selected: true },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('DUNNING_BATCH_NOT_IN_REVIEW');

    const mails = letters();
    const to = (m: SinkMessage) => m.to[0];
    expect(mails.map(to).sort()).toEqual(['ap@acme.test', 'compta@dupont.test', 'compta@martin.test']);
    const mail = (addr: string) => mails.find((m) => to(m) === addr)!;
    expect(mail('compta@dupont.test').headers['x-ledgerflow-template']).toBe('dunning-customer-1-friendly/fr');
    expect(mail('ap@acme.test').headers['x-ledgerflow-template']).toBe('dunning-customer-2-firm/en');
    expect(mail('compta@martin.test').headers['x-ledgerflow-template']).toBe('dunning-customer-3-final/fr');
    expect(mail('ap@acme.test').subject).toBe('Second reminder: payment overdue for Acme Ltd');

    const c03 = view.lines.find((l) => l.customerId === 'C03')!;
    const interest = c03.penaltyInterest.replace('.', ',');
    expect(mail('compta@martin.test').text?.replace(/[\u00a0\u202f]/g, ' ')).toContain(
      `Intérêts de retard (EUR) : ${interest} €`,
    );
    for (const m of mails) {
      expect(m.attachments).toHaveLength(1);
      expect(m.attachments[0]!.contentType).toBe('application/pdf');
    }
    // The statement shows every open item (the credit note too) and the penalties of the overdue invoices.
    const dupont = pdfText(mail('compta@dupont.test').attachments[0]!.content);
    expect(dupont).toContain('Relevé de compte');
    expect(dupont).toMatch(/9002\s+Avoir/);
    expect(dupont).toMatch(/9001\s+\d+\s+40,00 €/);
    const martin = pdfText(mail('compta@martin.test').attachments[0]!.content);
    expect(martin).toMatch(new RegExp(`9005\\s+${daysBetween(C03_DUE, today)}\\s+40,00 €\\s+${interest} €`));
    expect(martin).toContain('9006'); // disputed: still an open item on the statement, without penalties

    // Processed on the customer and on the invoices the letter named; the deselected one stays flagged only.
    const marks = Object.fromEntries((await customerMarks()).map((m) => [m.customer_id, m]));
    expect(marks.C01).toMatchObject({ dunning_level: 1, processed: true, dunning_date: view.batch.asOf });
    expect(marks.C03).toMatchObject({ dunning_level: 3, processed: true });
    expect(marks.C07).toMatchObject({ dunning_level: 1, processed: false });
    expect((await itemMarks()).find((i) => i.document === '9005')).toMatchObject({ dunning_processed: true });
    const sent = (await collector.get(`/api/dunning/batches/${view.batch.id}`)).json() as BatchView;
    expect(sent.batch.status).toBe('sent');
    expect(Object.fromEntries(sent.lines.map((l) => [l.customerId, l.status]))).toEqual({
      C01: 'sent',
      C02: 'sent',
      C03: 'sent',
      C07: 'skipped',
    });
  });

  it('sends nothing twice on a re-run, even when a crash left a letter sent but not marked processed', async () => {
    // As if the worker died after the SMTP server took C01's letter and before its marks were written.
    await h.orm.em
      .fork()
      .getConnection()
      .execute('update ledger_customers set dunning_processed_at = null where company = ? and customer_id = ?', [
        company,
        'C01',
      ]);
    const before = new Set(letters().map((m) => m.id));
    const again = await runToReview();
    expect(again.view.lines.map((l) => l.customerId).sort()).toEqual(['C01', 'C02', 'C03', 'C07']);
    expect(
      (await collector.post(`/api/tasks/${again.view.task!.id}/complete`, { outcome: 'send', data: {} })).statusCode,
    ).toBe(200);
    expect(await runEnded(again.runId)).toMatchObject({ status: 'completed' });
    // Only C07, deselected last time, gets its first letter.
    expect(
      letters()
        .filter((m) => !before.has(m.id))
        .map((m) => m.to[0]),
    ).toEqual(['compta@deselected.test']);
    expect(letters()).toHaveLength(4);
    const view = (await collector.get(`/api/dunning/batches/${again.view.batch.id}`)).json() as BatchView;
    expect(Object.fromEntries(view.lines.map((l) => [l.customerId, l.status]))).toEqual({
      C01: 'already_sent',
      C02: 'already_sent',
      C03: 'already_sent',
      C07: 'sent',
    });
    // The batches list as a file: the list's status filter applies, a review-only export leaves the sent batch out.
    const csv = await collector.get('/api/dunning/batches/export?status=sent&format=csv');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="dunning-batches-[\d-]+\.csv"$/);
    const rows = csv.body.split('\r\n').slice(0, -1);
    expect(rows[0]).toBe('\uFEFFasOf,company,status,customers,selected,sent,createdAt,sentAt,batchId');
    const batch = rows.find((r) => r.endsWith(`,${again.view.batch.id}`));
    expect(batch).toMatch(new RegExp(`^${view.batch.asOf},${company},sent,4,`));
    expect(rows.slice(1).every((r) => r.split(',')[2] === 'sent')).toBe(true);
    const review = await collector.get('/api/dunning/batches/export?status=review&format=csv');
    expect(review.body).not.toContain(again.view.batch.id);
    const bad = await collector.get('/api/dunning/batches/export?format=ods');
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('follows each dunned customer up in one case: a call after the final level, a promise to pay pauses dunning', async () => {
    type RunItem = { runId: string; businessKey: string; status: string; currentNodes: string[] };
    const runs = async () =>
      ((await owner.get(`/api/runs?flowId=${followUpFlowId}&limit=50`)).json() as { items: RunItem[] }).items;
    const cases = await eventually(
      async () => {
        const r = await runs();
        return r.length === 4 && r.every((c) => c.currentNodes.length > 0) ? r : null;
      },
      30_000,
      200,
      runs,
    );
    const at = Object.fromEntries(cases.map((c) => [c.businessKey, c.currentNodes]));
    // C01, C02 and C07 got a first or second level: their cases wait for the next letter; C03 got the final one.
    expect(at).toEqual({
      [`${company}/C01`]: ['nextLetter'],
      [`${company}/C02`]: ['nextLetter'],
      [`${company}/C03`]: ['call'],
      [`${company}/C07`]: ['nextLetter'],
    });
    const tasks = (await collector.get(`/api/tasks?view=groups&flowId=${followUpFlowId}`)).json() as {
      items: Array<{ id: string; title: string }>;
    };
    expect(tasks.items.map((t) => t.title)).toEqual([
      `Call Martin SARL: final dunning notice sent on ${first.view.batch.asOf}`,
    ]);
    const promised = shift(today, 14);
    const done = await collector.post(`/api/tasks/${tasks.items[0]!.id}/complete`, {
      outcome: 'promise',
      data: { promiseDate: promised, promiseAmount: '800.00' },
    });
    expect(done.statusCode, done.body).toBe(200);
    const paused = await eventually(async () => {
      const [row] = await h.orm.em
        .fork()
        .getConnection()
        .execute<Array<{ paused_until: string | null; pause_reason: string | null }>>(
          `select to_char(paused_until, 'YYYY-MM-DD') as paused_until, pause_reason from ledger_customers
           where company = ? and customer_id = 'C03'`,
          [company],
        );
      return row?.paused_until ? row : null;
    });
    expect(paused).toEqual({ paused_until: promised, pause_reason: `promise to pay 800.00 by ${promised}` });
  });

  it('clears the marks once the customer has paid', async () => {
    // The next extract no longer lists C01's items: paid.
    const run = await runToReview(
      sapFile(CSV, (c) => c !== 'C01'),
      9,
    );
    // C03 promised to pay: paused until then, so skipped, its marks kept (it still owes).
    expect(run.view.lines.map((l) => l.customerId).sort()).toEqual(['C02', 'C07']);
    expect(run.view.skipped.map((x) => `${x.customerId}:${x.reason}`).sort()).toEqual([
      'C03:paused',
      'C05:excluded',
      'C06:paused',
    ]);
    const marks = Object.fromEntries((await customerMarks()).map((m) => [m.customer_id, m]));
    expect(marks.C01).toMatchObject({ dunning_level: null, processed: false, dunning_date: null });
    expect(marks.C03).toMatchObject({ dunning_level: 3, processed: true });
    expect((await itemMarks()).filter((i) => ['9001', '9002'].includes(i.document))).toEqual([
      { document: '9001', dunning_level: null, dunning_flagged: false, dunning_processed: false },
      { document: '9002', dunning_level: null, dunning_flagged: false, dunning_processed: false },
    ]);
    expect(
      (await collector.post(`/api/tasks/${run.view.task!.id}/complete`, { outcome: 'cancel', data: {} })).statusCode,
    ).toBe(200);
    expect(await runEnded(run.runId)).toMatchObject({ status: 'completed', outcome: 'notSent' });
    // Decided without sending: the batch is cancelled and no longer changes.
    const cancelled = (await collector.get(`/api/dunning/batches/${run.view.batch.id}`)).json() as BatchView;
    expect(cancelled.batch.status).toBe('cancelled');
    const line = cancelled.lines[0]!;
    const late = await collector.req({
      method: 'PATCH',
      url: `/api/dunning/batches/${run.view.batch.id}/lines/${line.id}`,
      payload: { levelOverride: 3 },
    });
    expect(late.statusCode).toBe(409);
  });

  it('dunns a second currency reaching a level the customer already had a letter for: one letter, keyed by currency', async () => {
    const before = new Set(letters().map((m) => m.id));
    const run = await runToReview(
      sapFile(`${CSV}${C07_USD_LINE}\n`, (c) => c !== 'C01'),
      10,
    );
    const c07 = run.view.lines.filter((l) => l.customerId === 'C07');
    expect(c07.map((l) => [l.currency, l.level, l.balance])).toEqual([
      ['EUR', 1, '150.00'],
      ['USD', 1, '200.00'],
    ]);
    expect(
      (await collector.post(`/api/tasks/${run.view.task!.id}/complete`, { outcome: 'send', data: {} })).statusCode,
    ).toBe(200);
    expect(await runEnded(run.runId)).toMatchObject({ status: 'completed' });
    // C07 had its level-1 letter for the euros: it gets one for the dollars only; C02's level 2 went out already.
    const fresh = letters().filter((m) => !before.has(m.id));
    expect(fresh.map((m) => m.to[0])).toEqual(['compta@deselected.test']);
    expect(fresh[0]!.headers['x-ledgerflow-idempotency-key']).toMatch(
      new RegExp(`^dunning:${company}:C07:L1:USD:\\d{4}-\\d{2}-\\d{2}$`),
    );
    const statement = pdfText(fresh[0]!.attachments[0]!.content);
    expect(statement).toContain('9012');
    const view = (await collector.get(`/api/dunning/batches/${run.view.batch.id}`)).json() as BatchView;
    expect(view.lines.map((l) => `${l.customerId}/${l.currency}:${l.status}`)).toEqual([
      'C02/EUR:already_sent',
      'C07/EUR:already_sent',
      'C07/USD:sent',
    ]);
  });

  it('answers an export the feed cannot read with a 400 naming the cell, and leaves the ledger as it was', async () => {
    const before = await itemMarks();
    const noDueDate = Buffer.from('Client;Pièce;Type;Devise;Montant ouvert\r\nC02;9003;DR;EUR;5 000,00\r\n', 'utf8');
    const res = await owner.req({
      method: 'POST',
      url: `/api/flows/${flowId}/feed/files`,
      ...multipartFile('FBL5N-incomplet.csv', noDueDate),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'EXCEL_HEADER_MISSING',
      details: { file: 'FBL5N-incomplet.csv', row: 1, fileId: expect.any(String) },
    });
    expect(await itemMarks()).toEqual(before);
  });
});
