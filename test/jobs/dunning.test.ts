// The dunning job end to end, as the gallery template ships it, on a SuiteTalk REST stand-in that checks
// OAuth 1.0a signatures: overdue invoices each get a case; excluded and paused customers and amounts under
// the minimum get no letter; the level follows days overdue and the exact open amount; a collector reviews
// the letters in a batch; the sent ones reach the SMTP sink in the customer's language with the statement
// PDF; NetSuite shows level, processed and date on the invoice, cleared when invoice.paid arrives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SinkMessage, SmtpSink } from '@ledgerflow/devstack/smtp-sink';
import { addDays, receivablesAccount } from '../../connectors/netsuite/test/netsuite-data.ts';
import type { NsServer } from '../../connectors/netsuite/test/netsuite-test-server.ts';
import { eventually, type Agent, type Harness } from '../helpers/api-harness.ts';
import {
  feedCases,
  galleryTemplate,
  mailConnection,
  netsuiteConnection,
  parisToday,
  startNetSuiteJobStack,
} from './job-kit.ts';
import { hookHeaders } from '../helpers/webhook-sign.ts';

// The flow ages items and dates its write-back by the day in its timezone (Europe/Paris), with $today().
const today = parisToday();

const account = receivablesAccount(
  today,
  [
    { id: '401', name: 'Dupont SA', email: 'compta@dupont.test', language: 'fr_FR' },
    { id: '402', name: 'Acme Ltd', email: 'ap@acme.test', language: 'en_US' },
    { id: '403', name: 'Kept Out GmbH', email: 'ap@kept-out.test', language: 'de_DE', excluded: true },
    { id: '404', name: 'Pause SARL', email: 'compta@pause.test', language: 'fr_FR', pausedUntil: addDays(today, 10) },
  ],
  [
    { id: '1001', customer: '401', daysOverdue: 5, remaining: '120.00' },
    { id: '1002', customer: '402', daysOverdue: 20, remaining: '250.00' },
    { id: '1003', customer: '401', daysOverdue: 45, remaining: '800.00' },
    { id: '1004', customer: '402', daysOverdue: 40, remaining: '9.99' },
    { id: '1005', customer: '402', daysOverdue: 35, remaining: '499.99' },
    { id: '1006', customer: '403', daysOverdue: 60, remaining: '1000.00' },
    { id: '1007', customer: '404', daysOverdue: 20, remaining: '300.00' },
    { id: '1008', customer: '401', daysOverdue: -10, remaining: '75.00' },
    { id: '1009', customer: '401', daysOverdue: 30, remaining: '0.00', total: '400.00' },
    { id: '1010', customer: '401', daysOverdue: 10, remaining: '50.00', type: 'CustCred' },
    { id: '1011', customer: '402', daysOverdue: 3, remaining: '10.00' },
  ],
);
const key = (invoiceId: string) => `NS-INV-${invoiceId}`;
const invoice = (id: string) => account.records[`invoice/${id}`]!;

let stack: Awaited<ReturnType<typeof startNetSuiteJobStack>>;
let h: Harness;
let ns: NsServer;
let sink: SmtpSink;
let owner: Agent;
let collector: Agent;

beforeAll(async () => {
  stack = await startNetSuiteJobStack(account);
  ({ h, ns, sink } = stack);
  owner = await h.login(['process_owner']);
  collector = await h.login(['collector']);
});
afterAll(async () => stack?.close());

describe('dunning on NetSuite', () => {
  it('duns overdue invoices by level after the collector review, and clears the invoice once paid', async () => {
    const integrator = await h.login(['integrator']);
    const connections = {
      netsuite: await netsuiteConnection(integrator, ns),
      email: await mailConnection(integrator, sink),
    };
    const flowId = (await owner.post('/api/flows', { definition: galleryTemplate('dunning.json', connections) })).json()
      .id;
    const pub = await owner.post(`/api/flows/${flowId}/publish`, { comment: 'from the gallery' });
    expect(pub.statusCode, pub.body).toBe(201);

    // Not due yet (1008), paid (1009) and the credit memo (1010) are not overdue invoices: no case.
    expect((await owner.post(`/api/flows/${flowId}/feed/sync`)).json()).toMatchObject({
      polled: 8,
      started: 8,
      failed: [],
    });
    const { cases, runOf, parkedAt } = feedCases(owner, flowId, key);
    expect((await cases()).items.map((c) => c.businessKey).sort()).toEqual(
      ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1011'].map(key),
    );

    // One letter to review per invoice that reached a level; the level is flagged on the invoice before review.
    const tasks = await eventually(
      async () => {
        const list = (await collector.get(`/api/tasks?view=groups&flowId=${flowId}`)).json() as {
          items: Array<{ id: string; businessKey: string; title: string; customer: string }>;
        };
        return list.items.length === 5 ? list.items : null;
      },
      30_000,
      200,
      async () => (await cases()).items,
    );
    const byKey = Object.fromEntries(tasks.map((t) => [t.businessKey, t]));
    expect(Object.keys(byKey).sort()).toEqual(['1001', '1002', '1003', '1005', '1011'].map(key));
    // 5 days / 120.00 → 1; 20 days / 250.00 → 2; 45 days / 800.00 → 3; 499.99 misses level 3's 500.00 by a cent; 10.00 is exactly level 1's minimum.
    const expected: Record<string, number> = { '1001': 1, '1002': 2, '1003': 3, '1005': 2, '1011': 1 };
    for (const [id, level] of Object.entries(expected)) {
      expect(byKey[key(id)]!.title).toMatch(new RegExp(`^Dunning level ${level}: .+, invoice INV${id}$`));
      expect(invoice(id)).toMatchObject({
        custbody_lf_dunning_level: level,
        custbody_lf_dunning_processed: false,
        custbody_lf_dunning_date: null,
      });
    }
    expect(byKey[key('1001')]!.customer).toBe('Dupont SA');

    // Under the minimum, excluded, paused: each case waits, with no letter to review and nothing written to NetSuite.
    await parkedAt('1004', 'recheck');
    await parkedAt('1006', 'excludedHold');
    await parkedAt('1007', 'pausedHold');
    const patched = () => new Set(ns.patches.map((p) => p.path));
    for (const id of ['1004', '1006', '1007']) expect(patched().has(`invoice/${id}`)).toBe(false);
    expect(sink.list()).toHaveLength(0);

    // The collector's batch review: four letters approved at once, the minimum-amount one skipped.
    const send = ['1001', '1002', '1003', '1005'].map((id) => byKey[key(id)]!.id);
    const bulk = (
      await collector.post('/api/tasks/bulk', { action: 'complete', taskIds: send, outcome: 'send' })
    ).json();
    expect(bulk).toMatchObject({ succeeded: 4, failed: 0 });
    expect(
      (await collector.post(`/api/tasks/${byKey[key('1011')]!.id}/complete`, { outcome: 'skip', data: {} })).statusCode,
    ).toBe(200);

    const mails = await eventually(
      async () => (sink.list().length >= 4 ? sink.list() : null),
      30_000,
      200,
      async () => (await cases()).items,
    );
    const mailFor = (id: string) => mails.filter((m) => m.text?.includes(`INV${id}`));
    const letters: Record<string, { to: string; template: string }> = {
      '1001': { to: 'compta@dupont.test', template: 'dunning-1-friendly/fr' },
      '1003': { to: 'compta@dupont.test', template: 'dunning-3-final/fr' },
      '1002': { to: 'ap@acme.test', template: 'dunning-2-firm/en' },
      '1005': { to: 'ap@acme.test', template: 'dunning-2-firm/en' },
    };
    for (const [id, l] of Object.entries(letters)) {
      const [m] = mailFor(id) as [SinkMessage];
      expect(mailFor(id)).toHaveLength(1);
      expect(m.to).toEqual([l.to]);
      expect(m.headers['x-ledgerflow-template']).toBe(l.template);
      const [pdf] = m.attachments;
      expect(m.attachments).toHaveLength(1);
      expect(pdf!.contentType).toBe('application/pdf');
      expect(pdf!.filename).toBe(`statement-C${id === '1002' || id === '1005' ? '402' : '401'}-${today}.pdf`);
      const bytes = Buffer.from(pdf!.content, 'base64');
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(bytes.subarray(-8).toString()).toContain('%%EOF');
    }
    // In the customer's language, with exact amounts formatted for it.
    expect(mailFor('1001')[0]!.subject).toBe('Petit rappel : 1 facture(s) en attente pour Dupont SA');
    expect(mailFor('1003')[0]!.text).toContain('Total dû : 800,00\u00a0€');
    expect(mailFor('1005')[0]!.subject).toBe('Second reminder: payment overdue for Acme Ltd');
    expect(mailFor('1005')[0]!.text).toContain('Total due: €499.99');

    // Level, processed and date on the invoices in NetSuite; the skipped letter stays flagged, unprocessed.
    await eventually(
      async () => ['1001', '1002', '1003', '1005'].every((id) => invoice(id).custbody_lf_dunning_processed === true),
      30_000,
    );
    for (const id of ['1001', '1002', '1003', '1005']) {
      expect(invoice(id)).toMatchObject({
        custbody_lf_dunning_level: expected[id],
        custbody_lf_dunning_processed: true,
        custbody_lf_dunning_date: today,
      });
    }
    expect(invoice('1011')).toMatchObject({
      custbody_lf_dunning_level: 1,
      custbody_lf_dunning_processed: false,
      custbody_lf_dunning_date: null,
    });
    await parkedAt('1001', 'recheck');
    await parkedAt('1003', 'finalNotice');
    await parkedAt('1011', 'recheck');
    expect(sink.list()).toHaveLength(4);

    // Customers pay; NetSuite's user-event script posts invoice.paid for each, signed with the flow's secret
    // (no Ledgerflow session), with the payment's id so that its retries count once.
    const { secret } = (await owner.post(`/api/flows/${flowId}/webhook/rotate`)).json() as { secret: string };
    for (const id of ['1001', '1003', '1011', '1004']) {
      const tx = account.transactions.find((t) => t.id === id)!;
      tx.foreignamountremaining = '0.00';
      const body = JSON.stringify({
        event: 'invoice.paid',
        businessKey: key(id),
        eventId: `pay-${id}`,
        payload: { invoiceId: id, tranId: tx.tranid, paidOn: today },
      });
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/hooks/${flowId}/events`,
        payload: body,
        headers: hookHeaders(secret, body),
      });
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json().delivered).toHaveLength(1);
    }
    const closed = await eventually(
      async () => {
        const c = await cases();
        return c.counts.closed === 4 ? c : null;
      },
      30_000,
      200,
      cases,
    );
    expect(
      closed.items
        .filter((c) => c.status === 'closed')
        .map((c) => c.businessKey)
        .sort(),
    ).toEqual(['1001', '1003', '1004', '1011'].map(key));
    for (const id of ['1001', '1003', '1011', '1004'])
      expect((await runOf(id)).run).toMatchObject({ status: 'completed', outcome: 'paid' });
    for (const id of ['1001', '1003', '1011']) {
      expect(invoice(id)).toMatchObject({
        custbody_lf_dunning_level: null,
        custbody_lf_dunning_processed: false,
        custbody_lf_dunning_date: null,
      });
    }
    // Never flagged, so never written to: the clearing only undoes what the job set.
    expect(patched().has('invoice/1004')).toBe(false);
    expect(ns.patches.filter((p) => p.path === 'invoice/1001')).toHaveLength(3);

    // The next morning's extraction no longer sees the paid invoices and starts nothing new.
    expect((await owner.post(`/api/flows/${flowId}/feed/sync`)).json()).toMatchObject({
      polled: 4,
      started: 0,
      unchanged: 4,
      failed: [],
    });
    expect(sink.list()).toHaveLength(4);
  });
});
