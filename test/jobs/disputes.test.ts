// The dispute-routing job end to end, as the gallery template ships it: disputes started through the API
// land in the inbox of the team the routing table picks (sales, billing, finance manager); every status
// change is kept in the run's `status` variable, re-routed and emailed to the owner through the SMTP sink
// in the owner's language; a validated dispute ends with its credit note accounted, a rejected one with
// its reason; a dispute past its target date has its open task reminded.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSink, type SinkMessage, type SmtpSink } from '@ledgerflow/devstack/smtp-sink';
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
let owner: Agent;
let sales: Agent;
let billing: Agent;
let financeManager: Agent;
let salesAndBilling: Agent;

beforeAll(async () => {
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
});

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
      invoice: o.invoice,
      description: `Customer letter about ${o.invoice}`,
    },
  };
}

describe('dispute routing', () => {
  it('routes disputes by reason and amount, emails the owner at each status change, and accounts or rejects them', async () => {
    const integrator = await h.login(['integrator']);
    const mail = await mailConnection(integrator, sink, 'Disputes <disputes@ledgerflow.test>');
    const created = await owner.post('/api/flows', {
      definition: galleryTemplate('dispute-routing.json', { email: mail }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const flowId = created.json().id as string;
    const pub = await owner.post(`/api/flows/${flowId}/publish`, { comment: 'v1' });
    expect(pub.statusCode, pub.body).toBe(201);

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
        invoice: 'F-2026-0101',
      }),
      admin: dispute(keys.admin, {
        type: 'administrative',
        rootCause: 'duplicate-invoice',
        amount: '480.00',
        targetDate: isoDay(-1),
        owner: 'tom',
        customer: 'Acme Ltd',
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

    // Small dispute: sales validates, billing accounts a credit note (never the validator: four eyes);
    // the owner hears of each step in French.
    const validated = await salesAndBilling.post(`/api/tasks/${smallTask.id}/complete`, {
      outcome: 'validate',
      data: { comment: 'Le prix remisé était bien convenu' },
    });
    expect(validated.statusCode, validated.body).toBe(200);
    const accountTask = await taskOf(billing, runs.small, /^Account the note/);
    expect(accountTask.assignee).toEqual({ type: 'group', value: 'billing' });
    expect((await runOf(runs.small)).run.variables.status).toBe('validated');
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
    const smallDone = await eventually(async () => {
      const r = await runOf(runs.small);
      return r.run.status === 'completed' ? r.run : null;
    });
    expect(smallDone.outcome).toBe('accounted');
    // Its target date is weeks away: no reminder.
    expect((await runOf(runs.small)).events.some((e) => e.type === 'task.reminded')).toBe(false);
    expect(smallDone.variables).toMatchObject({
      status: 'accounted',
      note: { type: 'credit', number: 'AV-2026-0042' },
      rootCause: 'price',
      amount: { amount: '1250.00', currency: 'EUR' },
    });
    expect(
      (smallDone.variables.statusHistory as Array<{ status: string; by?: string }>).map((s) => [s.status, s.by]),
    ).toEqual([
      ['new', undefined],
      ['validated', salesAndBilling.userId],
      ['accounted', billing.userId],
    ]);
    const claire = await awaitMails(email('small'), 3);
    expect(claire.map((m) => m.subject)).toEqual([
      `Litige ${keys.small} : enregistré`,
      `Litige ${keys.small} : validé`,
      `Litige ${keys.small} : comptabilisé (avoir AV-2026-0042)`,
    ]);
    expect(claire.map((m) => m.headers['x-ledgerflow-template'])).toEqual(Array(3).fill('dispute-status/fr'));
    expect(claire[1]!.text).toContain('Commentaire : Le prix remisé était bien convenu');
    expect(claire[1]!.text).toContain('par l’équipe facturation');
    expect(claire[2]!.text).toContain('L’avoir AV-2026-0042 a été comptabilisé.');

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

    // Big dispute: the finance manager validates, and the change re-routes the note to billing.
    expect(
      (await financeManager.post(`/api/tasks/${bigTask.id}/complete`, { outcome: 'validate', data: {} })).statusCode,
    ).toBe(200);
    const bigAccount = await taskOf(billing, runs.big, /^Account the note/);
    expect(bigAccount).toMatchObject({ assignee: { type: 'group', value: 'billing' }, amount: '12500' });
    expect((await inbox(financeManager)).filter((t) => t.assignee.type === 'group')).toEqual([]);
    const ana: SinkMessage[] = await awaitMails(email('big'), 2);
    expect(ana[1]!.subject).toBe(`Dispute ${keys.big}: validated`);
    expect(ana[1]!.text).toContain('Next step: accounting of the credit or debit note, by the billing team.');
    expect((await runOf(runs.big)).run.variables).toMatchObject({ status: 'validated', team: 'billing' });

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
});
