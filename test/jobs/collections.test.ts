// The collections-by-segment job end to end, as the gallery template ships it, on the SuiteTalk REST
// stand-in (OAuth 1.0a signatures checked) and the SMTP sink: the customer's segment picks the strategy
// (VIP: the account manager calls first; at-risk: a firm letter and an urgent call at once; standard: the
// usual cadence), direct-debit customers get a pre-debit notice instead of dunning, promises to pay are
// followed up (kept: closed as paid on the signed invoice.paid; broken: the credit manager decides), the
// collectors' worklist ranks by amount or priority, and the statistics group the cases by segment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SinkMessage, SmtpSink } from '@ledgerflow/devstack/smtp-sink';
import {
  addDays,
  receivablesAccount,
  type CustomerSpec,
  type TransactionSpec,
} from '../../connectors/netsuite/test/netsuite-data.ts';
import type { NsServer } from '../../connectors/netsuite/test/netsuite-test-server.ts';
import { publicHolidays } from '@ledgerflow/flow-model';
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

// Due dates, promises and $today() are days in the flow's timezone.
const today = parisToday();
// The account manager is named on the NetSuite customer by Ledgerflow user name; unique per test run
// because users outlive a test file in the shared database.
const accountManagerName = `claire.am-${Date.now()}`;

const customers: CustomerSpec[] = [
  {
    id: '601',
    name: 'Maison Lefèvre',
    email: 'compta@lefevre.test',
    language: 'fr_FR',
    segment: 'VIP',
    accountManager: accountManagerName,
  },
  { id: '602', name: 'Acme Ltd', email: 'ap@acme.test', language: 'en_US', segment: 'Standard' },
  { id: '603', name: 'Risky SARL', email: 'compta@risky.test', language: 'fr_FR', segment: 'At risk' },
  // No segment in NetSuite: the standard strategy, but paying by direct debit.
  {
    id: '604',
    name: 'Debit Direct Ltd',
    email: 'ap@debit-direct.test',
    language: 'en_GB',
    directDebit: true,
    mandateReference: 'RUM-604',
  },
];
const invoices: TransactionSpec[] = [
  { id: '3001', customer: '601', daysOverdue: 10, remaining: '3200.00' },
  { id: '3002', customer: '602', daysOverdue: 8, remaining: '300.00' },
  { id: '3003', customer: '602', daysOverdue: 35, remaining: '2500.00' },
  { id: '3004', customer: '603', daysOverdue: 3, remaining: '5000.00' },
  { id: '3005', customer: '603', daysOverdue: 2, remaining: '400.00' },
  { id: '3006', customer: '604', daysOverdue: -3, remaining: '150.00' },
  { id: '3007', customer: '602', daysOverdue: -10, remaining: '99.00' },
  { id: '3008', customer: '604', daysOverdue: -20, remaining: '640.00' },
  { id: '3009', customer: '602', daysOverdue: 40, remaining: '0.00', total: '800.00' },
  { id: '3010', customer: '602', daysOverdue: 31, remaining: '1200.00' },
];
const account = receivablesAccount(today, customers, invoices);
const key = (invoiceId: string) => `NS-INV-${invoiceId}`;
const customerOf = (invoiceId: string) =>
  customers.find((c) => c.id === invoices.find((i) => i.id === invoiceId)!.customer)!;

/** `n` working days (Mon–Fri, not a French public holiday) before or after an ISO date: the flow's FR calendar. */
function weekdays(iso: string, n: number, dir: 1 | -1): string {
  let d = iso;
  for (let left = n; left > 0;) {
    d = addDays(d, dir);
    const day = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (day !== 0 && day !== 6 && !publicHolidays('FR', Number(d.slice(0, 4))).has(d)) left--;
  }
  return d;
}

let stack: Awaited<ReturnType<typeof startNetSuiteJobStack>>;
let h: Harness;
let ns: NsServer;
let sink: SmtpSink;
let owner: Agent;
let collector: Agent;
let accountManager: Agent;
let creditManager: Agent;

beforeAll(async () => {
  stack = await startNetSuiteJobStack(account);
  ({ h, ns, sink } = stack);
  owner = await h.login(['process_owner']);
  collector = await h.login(['collector']);
  accountManager = await h.login(['collector'], { username: accountManagerName });
  creditManager = await h.login(['manager']);
});
afterAll(async () => stack?.close());

type TaskItem = {
  id: string;
  businessKey: string;
  title: string;
  priority: string;
  amount: string | null;
  customer: string | null;
  assignee: { type: string; value: string };
};

describe('collections by segment on NetSuite', () => {
  it("follows each segment's strategy, sends pre-debit notices, follows promises up and ranks the worklist", async () => {
    const integrator = await h.login(['integrator']);
    const connections = {
      netsuite: await netsuiteConnection(integrator, ns),
      email: await mailConnection(integrator, sink),
    };
    const flowId = (
      await owner.post('/api/flows', { definition: galleryTemplate('collections-by-segment.json', connections) })
    ).json().id as string;
    const pub = await owner.post(`/api/flows/${flowId}/publish`, { comment: 'from the gallery' });
    expect(pub.statusCode, pub.body).toBe(201);

    // Every open invoice gets a case, not yet due ones too (direct debits are noticed before the due date);
    // the paid one does not.
    expect((await owner.post(`/api/flows/${flowId}/feed/sync`)).json()).toMatchObject({
      polled: 9,
      started: 9,
      failed: [],
    });
    const { cases, runOf, parkedAt } = feedCases(owner, flowId, key);
    expect((await cases()).items.map((c) => c.businessKey).sort()).toEqual(
      ['3001', '3002', '3003', '3004', '3005', '3006', '3007', '3008', '3010'].map(key),
    );
    const tasksOf = async (agent: Agent, query: string) =>
      ((await agent.get(`/api/tasks?flowId=${flowId}&${query}`)).json() as { items: TaskItem[] }).items;
    const complete = (agent: Agent, taskId: string, outcome: string, data: Record<string, unknown>) =>
      agent.post(`/api/tasks/${taskId}/complete`, { outcome, data });

    // Collectors' tasks: the two standard calls and the two at-risk calls, each with its open amount.
    const worklist = await eventually(
      async () => {
        const items = await tasksOf(collector, 'view=groups&sort=amount');
        return items.length === 4 ? items : null;
      },
      30_000,
      200,
      async () => (await cases()).items,
    );
    // VIP: the account manager's own call, before any letter.
    const [vipCall] = await eventually(async () => {
      const items = await tasksOf(accountManager, 'view=mine');
      return items.length === 1 ? items : null;
    });
    expect(vipCall).toMatchObject({
      businessKey: key('3001'),
      title: 'Call Maison Lefèvre personally about invoice INV3001',
      priority: 'high',
      amount: '3200',
      customer: 'Maison Lefèvre',
      assignee: { type: 'user', value: accountManagerName },
    });

    // The ranked worklist: by open amount, or by the priority the strategy gave (urgent for at-risk from 1 000 EUR).
    expect(worklist.map((t) => [t.businessKey, t.amount, t.priority])).toEqual([
      [key('3004'), '5000', 'urgent'],
      [key('3003'), '2500', 'normal'],
      [key('3010'), '1200', 'normal'],
      [key('3005'), '400', 'high'],
    ]);
    const byPriority = await tasksOf(collector, 'view=groups&sort=priority');
    expect(byPriority.map((t) => t.priority)).toEqual(['urgent', 'high', 'normal', 'normal']);
    expect(byPriority.slice(0, 2).map((t) => t.businessKey)).toEqual(['3004', '3005'].map(key));
    expect(worklist[0]!.title).toBe('Urgent: call Risky SARL about invoice INV3004');
    const task = (invoiceId: string) => worklist.find((t) => t.businessKey === key(invoiceId))!;

    // Letters: a friendly reminder for standard 3002, firm letters for at-risk 3004/3005, a pre-debit notice
    // for 3006 (due in 3 days, inside the notice period of 5 weekdays). Nothing for the VIP, nothing for
    // the standard call step, nothing before the due date.
    const mails = await eventually(
      async () => (sink.list().length >= 4 ? sink.list() : null),
      30_000,
      200,
      async () => (await cases()).items,
    );
    const mailFor = (id: string) => mails.filter((m) => m.text?.includes(`INV${id}`));
    const letters: Record<string, string> = {
      '3002': 'dunning-1-friendly/en',
      '3004': 'dunning-2-firm/fr',
      '3005': 'dunning-2-firm/fr',
      '3006': 'pre-debit-notice/en',
    };
    for (const [id, template] of Object.entries(letters)) {
      const [m] = mailFor(id) as [SinkMessage];
      expect(mailFor(id)).toHaveLength(1);
      expect(m.to).toEqual([customerOf(id).email]);
      expect(m.headers['x-ledgerflow-template']).toBe(template);
      // Reminders carry the account statement; the notice announces a debit and carries nothing.
      expect(m.attachments.map((a) => a.contentType)).toEqual(
        template.startsWith('dunning') ? ['application/pdf'] : [],
      );
    }
    const due3006 = addDays(today, 3);
    const notice = mailFor('3006')[0]!;
    expect(notice.subject).toBe(
      `Direct debit notice: €150.00 on ${new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(`${due3006}T00:00:00Z`))} for Debit Direct Ltd`,
    );
    expect(notice.text).toContain('Mandate reference: RUM-604');
    expect(mailFor('3004')[0]!.text).toContain('Total dû : 5\u202f000,00\u00a0€');

    // Direct debit: the notice, then a wait for the collection, no dunning; the later debit waits for its
    // notice date, five weekdays before its due date. The not-yet-due standard invoice waits for its due date.
    expect((await parkedAt('3006', 'awaitDebit')).run.variables.contacts).toEqual([
      { on: today, step: 'preDebitNotice', channel: 'email', template: 'pre-debit-notice/en', debitDate: due3006 },
    ]);
    expect((await parkedAt('3008', 'noticeWait')).run.variables).toMatchObject({
      segment: 'standard',
      directDebit: true,
      noticeDate: weekdays(addDays(today, 20), 5, -1),
    });
    await parkedAt('3007', 'untilDue');
    await parkedAt('3002', 'recheck');
    expect((await runOf('3002')).run.variables).toMatchObject({ segment: 'standard', stepsDone: ['friendlyReminder'] });
    expect((await runOf('3004')).run.variables).toMatchObject({ segment: 'at-risk', stepsDone: ['firmUrgentCall'] });
    expect((await runOf('3001')).run.variables).toMatchObject({
      segment: 'vip',
      accountManager: accountManagerName,
      contacts: [],
    });

    // A promise needs its date: "Payment promised" refuses an amount alone, and the task stays open.
    const noDate = await complete(collector, task('3005').id, 'promised', { promisedAmount: '400.00' });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().code).toBe('FORM_INVALID');
    expect(noDate.json().details.problems).toEqual([
      expect.objectContaining({ path: '/data/promisedDate', code: 'REQUIRED' }),
    ]);
    expect((await tasksOf(collector, 'view=groups')).map((t) => t.id)).toContain(task('3005').id);

    // A promise the customer made for last week and did not keep: its grace day is over, so the case
    // goes straight to the credit manager with a task saying so.
    const lastWeek = addDays(today, -7);
    const broken = await complete(collector, task('3005').id, 'promised', {
      promisedDate: lastWeek,
      promisedAmount: '400.00',
      note: 'Said the transfer left last week',
    });
    expect(broken.statusCode, broken.body).toBe(200);
    const brokenTask = await eventually(async () =>
      (await tasksOf(creditManager, 'view=groups')).find((t) => t.businessKey === key('3005')),
    );
    expect(brokenTask).toMatchObject({
      title: 'Broken promise: Risky SARL, invoice INV3005',
      priority: 'urgent',
      amount: '400',
    });
    const risky = (await parkedAt('3005', 'brokenPromise')).run.variables;
    expect(risky.promises).toEqual([
      {
        date: lastWeek,
        amount: { amount: '400.00', currency: 'EUR' },
        by: collector.userId,
        recordedOn: today,
        step: 'firmCall',
        status: 'broken',
        settledOn: today,
      },
    ]);

    // The credit manager hands it over; the history shows the letter, the call and the decision.
    expect((await complete(creditManager, brokenTask.id, 'handOver', {})).statusCode).toBe(200);
    const handedOver = await eventually(async () => {
      const r = await runOf('3005');
      return r.run.status === 'completed' ? r.run : null;
    });
    expect(handedOver.outcome).toBe('handedOver');
    expect(
      handedOver.variables.contacts.map((c: { channel: string; outcome?: string }) => [c.channel, c.outcome ?? null]),
    ).toEqual([
      ['email', null],
      ['call', 'promised'],
      ['decision', 'handOver'],
    ]);
    expect(handedOver.variables.contacts[0]).toMatchObject({ step: 'firmCall', template: 'dunning-2-firm/fr' });

    // The urgent at-risk call is not answered: recorded, and the cadence goes on.
    expect((await complete(collector, task('3004').id, 'noAnswer', { note: 'Voicemail' })).statusCode).toBe(200);
    expect((await parkedAt('3004', 'recheck')).run.variables.contacts.at(-1)).toMatchObject({
      channel: 'call',
      outcome: 'noAnswer',
      by: collector.userId,
      note: 'Voicemail',
    });

    // The follow-up needs both the date and the amount: "Payment promised" without them is refused naming both.
    const empty = await complete(collector, task('3003').id, 'promised', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('FORM_INVALID');
    expect(
      empty
        .json()
        .details.problems.map((p: { path: string }) => p.path)
        .sort(),
    ).toEqual(['/data/promisedAmount', '/data/promisedDate']);
    expect(
      (
        await complete(collector, task('3003').id, 'promised', {
          promisedDate: addDays(today, 14),
          promisedAmount: '2500.00',
        })
      ).statusCode,
    ).toBe(200);
    expect((await parkedAt('3003', 'awaitPromise')).run.variables.promises).toMatchObject([
      {
        date: addDays(today, 14),
        amount: { amount: '2500.00', currency: 'EUR' },
        by: collector.userId,
        status: 'pending',
      },
    ]);

    // A promise for last week that NetSuite shows paid although no invoice.paid came: when it falls due the
    // case reads the statement again and counts the promise as kept.
    account.transactions.find((t) => t.id === '3010')!.foreignamountremaining = '0.00';
    expect(
      (await complete(collector, task('3010').id, 'promised', { promisedDate: lastWeek, promisedAmount: '1200.00' }))
        .statusCode,
    ).toBe(200);
    const paidAnyway = await eventually(
      async () => {
        const r = await runOf('3010');
        return r.run.status === 'completed' ? r.run : null;
      },
      30_000,
      200,
      async () => (await runOf('3010')).run.currentNodes,
    );
    expect(paidAnyway.outcome).toBe('paid');
    expect(paidAnyway.variables.promises).toMatchObject([{ date: lastWeek, status: 'kept', settledOn: today }]);

    // The VIP promises to pay next week; NetSuite's payment script then posts invoice.paid, signed with the
    // flow's secret: the promise is kept and the case closes as paid. The direct debit of 3006 is collected too.
    const kept = await complete(accountManager, vipCall!.id, 'promised', {
      promisedDate: addDays(today, 7),
      promisedAmount: '3200.00',
    });
    expect(kept.statusCode, kept.body).toBe(200);
    const vipWaiting = (await parkedAt('3001', 'awaitPromise')).run.variables;
    // Kept if paid by the end of the next weekday after the promised date.
    expect(vipWaiting.promiseDeadline).toBe(addDays(weekdays(addDays(today, 7), 1, 1), 1));
    const { secret } = (await owner.post(`/api/flows/${flowId}/webhook/rotate`)).json() as { secret: string };
    for (const id of ['3001', '3006']) {
      const body = JSON.stringify({
        event: 'invoice.paid',
        businessKey: key(id),
        eventId: `pay-${id}`,
        payload: { invoiceId: id, paidOn: today },
      });
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/hooks/${flowId}/events`,
        payload: body,
        headers: hookHeaders(secret, body),
      });
      expect(res.statusCode, res.body).toBe(202);
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
    ).toEqual(['3001', '3005', '3006', '3010'].map(key));
    const vip = (await runOf('3001')).run;
    expect(vip).toMatchObject({ status: 'completed', outcome: 'paid' });
    expect(vip.variables.promises).toMatchObject([
      {
        date: addDays(today, 7),
        amount: { amount: '3200.00', currency: 'EUR' },
        by: accountManager.userId,
        status: 'kept',
        settledOn: today,
      },
    ]);
    expect((await runOf('3006')).run).toMatchObject({ status: 'completed', outcome: 'paid' });
    // Four letters in all: no dunning for the direct debits, none for the VIP.
    expect(sink.list()).toHaveLength(4);

    // Statistics per segment: cases by status and the exact open amount when they started.
    const closedIds = new Set(['3001', '3005', '3006', '3010']);
    const segmentOf = (id: string) =>
      (({ VIP: 'vip', 'At risk': 'at-risk' }) as Record<string, string>)[customerOf(id).segment ?? ''] ?? 'standard';
    const expected = new Map<string, { key: string; runs: number; byStatus: Record<string, number>; cents: bigint }>();
    for (const inv of invoices.filter((i) => i.remaining !== '0.00')) {
      const g = expected.get(segmentOf(inv.id)) ?? { key: segmentOf(inv.id), runs: 0, byStatus: {}, cents: 0n };
      const status = closedIds.has(inv.id) ? 'completed' : 'waiting';
      g.runs++;
      g.byStatus[status] = (g.byStatus[status] ?? 0) + 1;
      g.cents += BigInt(inv.remaining.replace('.', ''));
      expected.set(g.key, g);
    }
    const stats = (await owner.get(`/api/flows/${flowId}/breakdown?groupBy=segment&sum=amount`)).json();
    expect(stats).toMatchObject({ groupBy: 'segment', sum: 'amount', total: 9 });
    // The all-status totals; the split by status and outcome is run-breakdown.test.ts's.
    const overall = (stats.groups as Array<Record<string, unknown>>).map(({ key, runs, byStatus, totals }) => ({
      key,
      runs,
      byStatus,
      totals,
    }));
    expect(overall).toEqual(
      [...expected.values()]
        .sort((a, b) => b.runs - a.runs)
        .map((g) => ({
          key: g.key,
          runs: g.runs,
          byStatus: g.byStatus,
          totals: [{ currency: 'EUR', amount: `${g.cents / 100n}.${String(g.cents % 100n).padStart(2, '0')}` }],
        })),
    );
  });
});
