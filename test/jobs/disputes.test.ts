// The dispute-routing job end to end, as the gallery template ships it: disputes started through the API
// land in the inbox of the team the routing table picks (sales, billing, finance manager); every status
// change is kept in the run's `status` variable, re-routed and emailed to the owner through the SMTP sink
// in the owner's language; a validated credit note is created in SAP (one credit memo request per dispute,
// even when an answer is lost and the action retried) and its number recorded on the case; when SAP refuses,
// and for debit notes, billing accounts the note by hand; a rejected dispute ends with its reason; a dispute
// past its target date has its open task reminded.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSink, type SinkMessage, type SmtpSink } from '@ledgerflow/devstack/smtp-sink';
import { creditMemoRequests } from '../../connectors/sap/test/sap-data.ts';
import { PREFIX, startSapTestServer, type SapTestServer } from '../../connectors/sap/test/sap-test-server.ts';
import { createHarness, eventually, type Agent, type Harness } from '../helpers/api-harness.ts';
import { galleryTemplate, mailConnection } from './job-kit.ts';

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const sfx = randomUUID().slice(0, 6);

type TaskItem = {
  id: string;
  runId: string;
  title: string;
  status: string;
  assignee: { type: string; value: string };
  amount: string | null;
  currency: string | null;
  customer: string | null;
  outcomes: Array<{ name: string; label?: string; requires?: string[] }>;
};
type RunDetail = {
  run: { status: string; outcome: string | null; variables: Record<string, unknown> };
  events: Array<{ type: string; nodeId: string | null; data: Record<string, unknown> }>;
};

let h: Harness;
let sink: SmtpSink;
let sap: SapTestServer;
let owner: Agent;
let sales: Agent;
let billing: Agent;
let financeManager: Agent;
let salesAndBilling: Agent;

const SAP_USER = 'LF_DISPUTES';
const SAP_PASSWORD = 'pw-disputes';

beforeAll(async () => {
  const cmr = creditMemoRequests(1);
  sap = await startSapTestServer(
    { API_CREDIT_MEMO_REQUEST_SRV: { A_CreditMemoRequest: cmr.headers, A_CreditMemoRequestItem: cmr.items } },
    { user: SAP_USER, password: SAP_PASSWORD },
  );
  sink = await createSmtpSink({ port: 0, host: '127.0.0.1' });
  h = await createHarness({ mailSink: sink });
  owner = await h.login(['process_owner']);
  sales = await h.login(['approver'], { groups: ['sales'] });
  billing = await h.login(['approver'], { groups: ['billing'] });
  financeManager = await h.login(['manager'], { groups: ['finance-manager'] });
  salesAndBilling = await h.login(['approver'], { groups: ['sales', 'billing'] });
});
afterAll(async () => {
  await h?.close();
  await sink?.close();
  await sap?.close();
});

/** What SAP holds for a dispute number, read straight from the server (not through the connector). */
async function creditMemosFor(reference: string): Promise<Array<Record<string, unknown>>> {
  const filter = encodeURIComponent(`PurchaseOrderByCustomer eq '${reference}'`);
  const res = await fetch(
    `${sap.baseUrl}${PREFIX}/API_CREDIT_MEMO_REQUEST_SRV/A_CreditMemoRequest?$filter=${filter}&$format=json`,
    { headers: { authorization: `Basic ${Buffer.from(`${SAP_USER}:${SAP_PASSWORD}`).toString('base64')}` } },
  );
  return ((await res.json()) as { d: { results: Array<Record<string, unknown>> } }).d.results;
}
const creditMemoPosts = () =>
  sap.requests.filter((r) => r.method === 'POST' && /\/A_CreditMemoRequest$/.test(r.url)).length;

/** The gallery template on this test's SMTP sink and SAP stand-in, published. */
async function publishDisputeFlow(): Promise<string> {
  const integrator = await h.login(['integrator']);
  const mail = await mailConnection(integrator, sink, 'Disputes <disputes@ledgerflow.test>');
  const erp = await integrator.post('/api/connections', {
    name: `s4hana-${randomUUID().slice(0, 8)}`,
    connectorId: 'sap',
    config: { baseUrl: sap.baseUrl, auth: { type: 'basic', user: SAP_USER } },
    secrets: { password: SAP_PASSWORD },
  });
  expect(erp.statusCode, erp.body).toBe(201);
  const created = await owner.post('/api/flows', {
    definition: galleryTemplate('dispute-routing.json', { email: mail, sap: erp.json().name as string }),
  });
  expect(created.statusCode, created.body).toBe(201);
  const flowId = created.json().id as string;
  const pub = await owner.post(`/api/flows/${flowId}/publish`, { comment: 'v1' });
  expect(pub.statusCode, pub.body).toBe(201);
  return flowId;
}

function dispute(
  key: string,
  o: {
    type: string;
    rootCause: string;
    amount: string;
    targetDate: string;
    owner: string;
    language?: string;
    customer: string;
    customerId: string;
    invoice: string;
  },
) {
  return {
    businessKey: key,
    input: {
      reason: { type: o.type, rootCause: o.rootCause },
      amount: { amount: o.amount, currency: 'EUR' },
      targetDate: o.targetDate,
      owner: o.owner,
      ownerEmail: `${o.owner}-${sfx}@ledgerflow.test`,
      ...(o.language ? { ownerLanguage: o.language } : {}),
      customer: o.customer,
      customerId: o.customerId,
      invoice: o.invoice,
      description: `Customer letter about ${o.invoice}`,
    },
  };
}

describe('dispute routing', () => {
  it('routes disputes by reason and amount, emails the owner at each status change, and accounts or rejects them', async () => {
    const flowId = await publishDisputeFlow();

    const inbox = async (who: Agent) =>
      (await who.get(`/api/tasks?view=groups&flowId=${flowId}`)).json().items as TaskItem[];
    const runOf = async (runId: string) => (await owner.get(`/api/runs/${runId}`)).json() as RunDetail;
    // Oldest first: the sink lists the newest first, and one dispute's emails go out one after the other.
    const mailsTo = (address: string) =>
      sink
        .list()
        .filter((m) => m.to.includes(address))
        .reverse();
    const awaitMails = (address: string, n: number) =>
      eventually(async () => (mailsTo(address).length >= n ? mailsTo(address) : null));
    const taskOf = (who: Agent, runId: string, title: RegExp) =>
      eventually(
        async () => (await inbox(who)).find((t) => t.runId === runId && title.test(t.title)),
        30_000,
        100,
        async () => runOf(runId),
      );

    // A small commercial dispute (owner reads French), an administrative one already past its target date
    // (owner without a language), and a commercial one above 10 000 EUR.
    const keys = { small: `DSP-${sfx}-1`, admin: `DSP-${sfx}-2`, big: `DSP-${sfx}-3` };
    const cases = {
      small: dispute(keys.small, {
        type: 'commercial',
        rootCause: 'price',
        amount: '1250.00',
        targetDate: isoDay(45),
        owner: 'claire',
        language: 'fr',
        customer: 'Dupont SA',
        customerId: '17100001',
        invoice: 'F-2026-0101',
      }),
      admin: dispute(keys.admin, {
        type: 'administrative',
        rootCause: 'duplicate-invoice',
        amount: '480.00',
        targetDate: isoDay(-1),
        owner: 'tom',
        customer: 'Acme Ltd',
        customerId: '17100002',
        invoice: 'F-2026-0102',
      }),
      big: dispute(keys.big, {
        type: 'commercial',
        rootCause: 'damaged',
        amount: '12500.00',
        targetDate: isoDay(45),
        owner: 'ana',
        language: 'en',
        customer: 'Globex GmbH',
        customerId: '17100003',
        invoice: 'F-2026-0103',
      }),
    };
    const runs: Record<keyof typeof cases, string> = { small: '', admin: '', big: '' };
    for (const k of Object.keys(cases) as Array<keyof typeof cases>) {
      const res = await owner.post('/api/runs', { flowId, ...cases[k] });
      expect(res.statusCode, res.body).toBe(201);
      runs[k] = res.json().runId;
    }
    const email = (k: keyof typeof cases) => cases[k].input.ownerEmail;

    // Each dispute waits for validation in its team's inbox, and only there.
    const smallTask = await taskOf(sales, runs.small, /^Validate dispute/);
    const adminTask = await taskOf(billing, runs.admin, /^Validate dispute/);
    const bigTask = await taskOf(financeManager, runs.big, /^Validate dispute/);
    expect(smallTask).toMatchObject({
      title: `Validate dispute ${keys.small} (Dupont SA, invoice F-2026-0101)`,
      assignee: { type: 'group', value: 'sales' },
      amount: '1250',
      currency: 'EUR',
      customer: 'Dupont SA',
    });
    expect(adminTask).toMatchObject({
      assignee: { type: 'group', value: 'billing' },
      amount: '480',
      customer: 'Acme Ltd',
    });
    expect(bigTask).toMatchObject({ assignee: { type: 'group', value: 'finance-manager' }, amount: '12500' });
    expect((await inbox(sales)).map((t) => t.runId)).toEqual([runs.small]);
    expect((await inbox(billing)).map((t) => t.runId)).toEqual([runs.admin]);
    expect((await inbox(financeManager)).filter((t) => t.assignee.type === 'group').map((t) => t.runId)).toEqual([
      runs.big,
    ]);
    const foreign = await sales.post(`/api/tasks/${adminTask.id}/complete`, { outcome: 'validate', data: {} });
    expect(foreign.statusCode).toBe(403);

    for (const [k, rootCause] of [
      ['small', 'price'],
      ['admin', 'duplicate-invoice'],
      ['big', 'damaged'],
    ] as const) {
      expect((await runOf(runs[k])).run.variables).toMatchObject({
        status: 'new',
        rootCause,
        amount: cases[k].input.amount,
      });
    }
    const [smallNew] = await awaitMails(email('small'), 1);
    expect(smallNew!.subject).toBe(`Litige ${keys.small} : enregistré`);
    expect(smallNew!.text).toContain('Prochaine étape : validation, par l’équipe commerciale.');
    expect(smallNew!.text).toContain('1\u202f250,00\u00a0€');
    const [adminNew] = await awaitMails(email('admin'), 1);
    expect(adminNew!.subject).toBe(`Dispute ${keys.admin}: registered`);
    expect(adminNew!.text).toContain('Next step: validation, by the billing team.');
    const [bigNew] = await awaitMails(email('big'), 1);
    expect(bigNew!.text).toContain('Next step: validation, by the finance manager.');

    // Past its target date, the open task was reminded at once (its notification is recorded for the team).
    const reminder = await eventually(async () => {
      const items = (await owner.get(`/api/outbox?taskId=${adminTask.id}`)).json().items as Array<{
        key: string;
        subject: string;
        meta: { users: string[] };
      }>;
      return items.find((m) => m.key === `task:${adminTask.id}:reminded`);
    });
    expect(reminder.subject).toBe(`Reminder: Validate dispute ${keys.admin} (Acme Ltd, invoice F-2026-0102)`);
    expect(reminder.meta.users).toContain(billing.username);

    // Small dispute: sales validates it as a credit note (the form's default), and the template creates the
    // credit memo request in SAP under the dispute number. SAP's first answer is lost after it created the
    // request: the retried action finds that request instead of creating a second one.
    sap.loseResponse(/\/A_CreditMemoRequest$/);
    const postsBefore = creditMemoPosts();
    const validated = await salesAndBilling.post(`/api/tasks/${smallTask.id}/complete`, {
      outcome: 'validate',
      data: { comment: 'Le prix remisé était bien convenu' },
    });
    expect(validated.statusCode, validated.body).toBe(200);
    const smallDone = await eventually(
      async () => {
        const r = await runOf(runs.small);
        return r.run.status === 'completed' ? r.run : null;
      },
      30_000,
      200,
      async () => runOf(runs.small),
    );
    expect(smallDone.outcome).toBe('accounted');
    const memos = await creditMemosFor(keys.small);
    expect(memos).toHaveLength(1);
    expect(memos[0]).toMatchObject({ SoldToParty: '17100001', TotalNetAmount: '1250.00', TransactionCurrency: 'EUR' });
    const memoNumber = memos[0]!.CreditMemoRequest as string;
    expect(creditMemoPosts() - postsBefore).toBe(1);
    const erpResults = (await runOf(runs.small)).events.filter(
      (e) => e.type === 'action.result' && e.nodeId === 'createCreditMemo',
    );
    // The answer the run got came from the retry's look-up: the lost POST had created it.
    expect(erpResults.map((e) => (e.data.output as { created: boolean }).created)).toEqual([false]);
    // No billing task: the ERP accounted it.
    expect((await inbox(billing)).some((t) => t.runId === runs.small)).toBe(false);
    // Its target date is weeks away: no reminder.
    expect((await runOf(runs.small)).events.some((e) => e.type === 'task.reminded')).toBe(false);
    expect(smallDone.variables).toMatchObject({
      status: 'accounted',
      note: { type: 'credit', number: memoNumber },
      noteType: 'credit',
      erpError: null,
      rootCause: 'price',
      amount: { amount: '1250.00', currency: 'EUR' },
    });
    expect(
      (smallDone.variables.statusHistory as Array<{ status: string; by?: string }>).map((s) => [s.status, s.by]),
    ).toEqual([
      ['new', undefined],
      ['validated', salesAndBilling.userId],
      ['accounted', undefined],
    ]);
    const claire = await awaitMails(email('small'), 3);
    expect(claire.map((m) => m.subject)).toEqual([
      `Litige ${keys.small} : enregistré`,
      `Litige ${keys.small} : validé`,
      `Litige ${keys.small} : comptabilisé (avoir ${memoNumber})`,
    ]);
    expect(claire.map((m) => m.headers['x-ledgerflow-template'])).toEqual(Array(3).fill('dispute-status/fr'));
    expect(claire[1]!.text).toContain('Commentaire : Le prix remisé était bien convenu');
    expect(claire[1]!.text).toContain('par l’équipe facturation');
    expect(claire[2]!.text).toContain(`L’avoir ${memoNumber} a été comptabilisé.`);

    // Administrative dispute: the owner is told why it was rejected, so a rejection without a reason (or with
    // a blank one) is refused and the task stays open for the same team. The inbox shows which outcome needs it.
    expect(adminTask.outcomes).toEqual([
      { name: 'validate', label: 'Validate' },
      { name: 'reject', label: 'Reject', requires: ['comment'] },
    ]);
    for (const data of [{}, { comment: '   ' }]) {
      const refused = await billing.post(`/api/tasks/${adminTask.id}/complete`, { outcome: 'reject', data });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json()).toMatchObject({
        code: 'FORM_INVALID',
        details: { problems: [{ path: '/data/comment', code: 'REQUIRED', message: 'comment is required to reject' }] },
      });
    }
    expect((await inbox(billing)).map((t) => t.id)).toEqual([adminTask.id]);
    expect((await runOf(runs.admin)).run.variables.status).toBe('new');
    const reason = 'Duplicate of F-2026-0099, already credited';
    const rejected = await billing.post(`/api/tasks/${adminTask.id}/complete`, {
      outcome: 'reject',
      data: { comment: reason },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const adminDone = await eventually(async () => {
      const r = await runOf(runs.admin);
      return r.run.status === 'completed' ? r.run : null;
    });
    expect(adminDone.outcome).toBe('rejected');
    expect((await runOf(runs.admin)).events.filter((e) => e.type === 'task.reminded').map((e) => e.nodeId)).toEqual([
      'validate',
    ]);
    expect(adminDone.variables).toMatchObject({ status: 'rejected', comment: reason, rootCause: 'duplicate-invoice' });
    const tom = await awaitMails(email('admin'), 2);
    expect(tom.map((m) => m.subject)).toEqual([`Dispute ${keys.admin}: registered`, `Dispute ${keys.admin}: rejected`]);
    expect(tom.map((m) => m.headers['x-ledgerflow-template'])).toEqual(['dispute-status/en', 'dispute-status/en']);
    expect(tom[1]!.text).toContain(`Comment: ${reason}`);
    expect(tom[1]!.text).not.toContain('Next step');

    // Big dispute: the finance manager validates it as a debit note, which billing posts by hand: the change
    // re-routes the note to billing, and nothing goes to SAP.
    const bigValidated = await financeManager.post(`/api/tasks/${bigTask.id}/complete`, {
      outcome: 'validate',
      data: { noteType: 'debit' },
    });
    expect(bigValidated.statusCode, bigValidated.body).toBe(200);
    const bigAccount = await taskOf(billing, runs.big, /^Account the note/);
    expect(bigAccount).toMatchObject({ assignee: { type: 'group', value: 'billing' }, amount: '12500' });
    const bigDetail = (await billing.get(`/api/tasks/${bigAccount.id}`)).json().task as { description: string };
    expect(bigDetail.description).toContain('Account the debit note in the ERP and give its number.');
    expect(bigDetail.description).not.toContain('did not create');
    expect(await creditMemosFor(keys.big)).toEqual([]);
    expect((await inbox(financeManager)).filter((t) => t.assignee.type === 'group')).toEqual([]);
    const ana: SinkMessage[] = await awaitMails(email('big'), 2);
    expect(ana[1]!.subject).toBe(`Dispute ${keys.big}: validated`);
    expect(ana[1]!.text).toContain('Next step: accounting of the credit or debit note, by the billing team.');
    expect((await runOf(runs.big)).run.variables).toMatchObject({
      status: 'validated',
      team: 'billing',
      noteType: 'debit',
    });

    // Statistics on root causes: one dispute each, their exact amounts, where each stands.
    // (The projection of the big one settles on "waiting" once its accounting task is written.)
    const stats = await eventually(async () => {
      const s = (await owner.get(`/api/flows/${flowId}/breakdown?groupBy=rootCause&sum=amount`)).json();
      return s.groups.some(
        (g: { key: string; byStatus: Record<string, number> }) => g.key === 'damaged' && g.byStatus.waiting === 1,
      )
        ? s
        : null;
    });
    expect(stats.total).toBe(3);
    expect(
      Object.fromEntries(
        stats.groups.map((g: { key: string; runs: number; byStatus: Record<string, number>; totals: unknown[] }) => [
          g.key,
          { runs: g.runs, byStatus: g.byStatus, totals: g.totals },
        ]),
      ),
    ).toEqual({
      price: { runs: 1, byStatus: { completed: 1 }, totals: [{ currency: 'EUR', amount: '1250.00' }] },
      'duplicate-invoice': { runs: 1, byStatus: { completed: 1 }, totals: [{ currency: 'EUR', amount: '480.00' }] },
      damaged: { runs: 1, byStatus: { waiting: 1 }, totals: [{ currency: 'EUR', amount: '12500.00' }] },
    });
  });

  it('a credit note SAP refuses goes to billing by hand, with what SAP said on the task', async () => {
    const flowId = await publishDisputeFlow();
    const runOf = async (runId: string) => (await owner.get(`/api/runs/${runId}`)).json() as RunDetail;
    const taskOf = (who: Agent, runId: string, title: RegExp) =>
      eventually(
        async () =>
          ((await who.get(`/api/tasks?view=groups&flowId=${flowId}`)).json().items as TaskItem[]).find(
            (t) => t.runId === runId && title.test(t.title),
          ),
        30_000,
        100,
        async () => runOf(runId),
      );
    const key = `DSP-${sfx}-4`;
    const started = await owner.post('/api/runs', {
      flowId,
      ...dispute(key, {
        type: 'commercial',
        rootCause: 'quantity',
        amount: '300.00',
        targetDate: isoDay(45),
        owner: 'lea',
        language: 'en',
        customer: 'Initech',
        customerId: '17109999',
        invoice: 'F-2026-0104',
      }),
    });
    expect(started.statusCode, started.body).toBe(201);
    const runId = started.json().runId as string;
    const validateTask = await taskOf(sales, runId, /^Validate dispute/);
    // SAP turns the request down for good (a 400 is not retried).
    sap.inject({
      status: 400,
      match: /\/A_CreditMemoRequest$/,
      body: {
        error: {
          code: 'V1/385',
          message: { lang: 'en', value: 'Sold-to party 17109999 is not defined for sales area 1010/10/00' },
          innererror: { errordetails: [] },
        },
      },
    });
    const validated = await salesAndBilling.post(`/api/tasks/${validateTask.id}/complete`, {
      outcome: 'validate',
      data: { noteType: 'credit' },
    });
    expect(validated.statusCode, validated.body).toBe(200);
    const accountTask = await taskOf(billing, runId, /^Account the note/);
    const detail = (await billing.get(`/api/tasks/${accountTask.id}`)).json().task as { description: string };
    expect(detail.description).toContain(
      `The ERP did not create the credit memo request (sap.createCreditMemoRequest [record ${key}]: HTTP 400 ` +
        'SAP V1/385: Sold-to party 17109999 is not defined for sales area 1010/10/00). Account the credit note in the ERP',
    );
    // The task row is written when the task opens; the run's events reach run_events when it parks just after.
    const waiting = await eventually(async () => {
      const r = await runOf(runId);
      return r.run.status === 'waiting' && r.events.some((e) => e.type === 'error') ? r : null;
    });
    expect(waiting.run.variables).toMatchObject({ status: 'validated', noteType: 'credit', note: null });
    expect(waiting.events.filter((e) => e.type === 'error').map((e) => [e.nodeId, e.data.code])).toEqual([
      ['createCreditMemo', 'CONNECTOR_REJECTED'],
    ]);
    expect(await creditMemosFor(key)).toEqual([]);

    // Billing posts it by hand: still four eyes (not the validator) and the number is required.
    const ownNote = await salesAndBilling.post(`/api/tasks/${accountTask.id}/complete`, {
      outcome: 'creditNote',
      data: { noteNumber: 'AV-2026-0041' },
    });
    expect(ownNote.statusCode).toBe(403);
    expect(ownNote.json().details.reason).toBe('FOUR_EYES');
    const noNumber = await billing.post(`/api/tasks/${accountTask.id}/complete`, { outcome: 'creditNote', data: {} });
    expect(noNumber.statusCode).toBe(400);
    expect(noNumber.json().code).toBe('FORM_INVALID');
    const accounted = await billing.post(`/api/tasks/${accountTask.id}/complete`, {
      outcome: 'creditNote',
      data: { noteNumber: 'AV-2026-0042' },
    });
    expect(accounted.statusCode, accounted.body).toBe(200);
    const done = await eventually(async () => {
      const r = await runOf(runId);
      return r.run.status === 'completed' ? r.run : null;
    });
    expect(done.outcome).toBe('accounted');
    expect(done.variables).toMatchObject({ status: 'accounted', note: { type: 'credit', number: 'AV-2026-0042' } });
    expect(
      (done.variables.statusHistory as Array<{ status: string; by?: string }>).map((s) => [s.status, s.by]),
    ).toEqual([
      ['new', undefined],
      ['validated', salesAndBilling.userId],
      ['accounted', billing.userId],
    ]);
    const address = `lea-${sfx}@ledgerflow.test`;
    const lea = await eventually(async () => {
      const m = sink
        .list()
        .filter((x) => x.to.includes(address))
        .reverse();
      return m.length >= 3 ? m : null;
    });
    expect(lea.map((m) => m.subject)).toEqual([
      `Dispute ${key}: registered`,
      `Dispute ${key}: validated`,
      `Dispute ${key}: accounted (credit note AV-2026-0042)`,
    ]);
  });
});
