// Issue #15, screens around the designer: the home figures across every flow (cases late and done, task money in the
// company currency at the admin's rates, a weekly trend) and the runs list the home drills into (flow names,
// late/task filters, sort, CSV/XLSX export), plus audited Cancel. Fixture runs and tasks are written straight to the
// tables so every figure is exact; the home totals are compared before and after since earlier files leave runs.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subtractDecimal } from '@ledgerflow/flow-model';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';
import { approvalFlow, publish } from './tasks-flow.ts';

type Money = { tasks: number; amount: string; unconverted: number };
type Home = {
  currency: string;
  weekStart: string;
  cases: { open: number; late: number; doneThisWeek: number };
  money: { overdue: Money; inReview: Money; approvedThisWeek: Money };
  trend: Array<{ week: string; started: number; done: number; approved: string }>;
};
type RunItem = { runId: string; flowName: string | null; businessKey: string; status: string; currentLabels: string[] };

const DAY = 86_400_000;

describe('home figures and the runs list', () => {
  let h: Harness;
  let admin: Agent;
  let owner: Agent;
  let approver: Agent;
  let flowId: string;
  let flowName: string;
  let tag: string;
  let before: Home;
  const ids: Record<string, string> = {};

  async function run(key: string, status: string, startedAt: Date, endedAt: Date | null): Promise<void> {
    const id = randomUUID();
    ids[key] = id;
    await h.orm.em.getConnection().execute(
      `insert into runs (id, workflow_id, flow_id, version, business_key, status, input, variables, started_at, ended_at)
         values (?, ?, ?, 1, ?, ?, '{}', '{}', ?, ?)`,
      [id, `wf-${id}`, flowId, `${tag}-${key}`, status, startedAt, endedAt],
    );
  }
  async function task(
    runKey: string,
    t: { status: string; amount: string; currency: string; dueAt?: Date; outcome?: string; completedAt?: Date },
  ): Promise<void> {
    await h.orm.em.getConnection().execute(
      `insert into tasks (id, run_id, workflow_id, flow_id, node_id, business_key, title, assignee_type, assignee_value,
         status, due_at, amount, currency, outcome, completed_at)
       values (?, ?, 'wf', ?, 'approve', ?, 'Approve', 'group', 'nobody', ?, ?, ?, ?, ?, ?)`,
      [
        randomUUID(),
        ids[runKey],
        flowId,
        `${tag}-${runKey}`,
        t.status,
        t.dueAt ?? null,
        t.amount,
        t.currency,
        t.outcome ?? null,
        t.completedAt ?? null,
      ],
    );
  }

  beforeAll(async () => {
    h = await createHarness();
    tag = `home-${randomUUID().slice(0, 6)}`;
    admin = await h.login(['admin']);
    owner = await h.login(['process_owner']);
    approver = await h.login(['approver'], { groups: [tag] });
    const rates = await admin.put('/api/admin/exchange-rates', {
      companyCurrency: 'EUR',
      rates: [{ currency: 'USD', rate: '0.9' }],
    });
    expect(rates.statusCode, rates.body).toBe(200);
    const def = approvalFlow({ group: tag, fourEyes: false });
    Object.assign(def.nodes[1]!, { label: 'Approve the credit note' });
    flowName = def.name;
    flowId = await publish(owner, def);
    before = (await owner.get('/api/home?weeks=4')).json() as Home;

    const now = Date.now();
    const weekStart = Date.parse(before.weekStart);
    const lastWeek = new Date(weekStart - 3 * DAY);
    // Open, with an overdue 1 000.00 USD task (900.00 EUR): late.
    await run('overdue', 'waiting', new Date(now - 10 * DAY), null);
    await task('overdue', { status: 'open', amount: '1000.00', currency: 'USD', dueAt: new Date(now - DAY) });
    // Open, a task due tomorrow in EUR and one in CHF, which has no rate: in review, not late.
    await run('review', 'waiting', new Date(now - 2 * DAY), null);
    await task('review', { status: 'claimed', amount: '250.50', currency: 'EUR', dueAt: new Date(now + DAY) });
    await task('review', { status: 'open', amount: '40.00', currency: 'CHF' });
    // Needs attention: late without a task.
    await run('stuck', 'needs_attention', new Date(now - DAY), null);
    await h.orm.em
      .getConnection()
      .execute(`update runs set current_nodes = '{approve,gone}' where id = ?`, [ids.stuck]);
    // Approved this week (18 250.00 EUR) and completed this week.
    await run('done', 'completed', new Date(weekStart - 2 * DAY), new Date(now));
    await task('done', {
      status: 'completed',
      amount: '18250.00',
      currency: 'EUR',
      outcome: 'approve',
      completedAt: new Date(now),
    });
    // Approved and completed last week, rejected this week: in the trend only.
    await run('old', 'completed', lastWeek, lastWeek);
    await task('old', {
      status: 'completed',
      amount: '500.00',
      currency: 'USD',
      outcome: 'approve',
      completedAt: lastWeek,
    });
    await run('rejected', 'completed', new Date(now - DAY), new Date(now));
    await task('rejected', {
      status: 'completed',
      amount: '99.00',
      currency: 'EUR',
      outcome: 'reject',
      completedAt: new Date(now),
    });
  });
  afterAll(async () => h?.close());

  it('counts late and done cases and converts task money to the company currency', async () => {
    const res = await owner.get('/api/home?weeks=4');
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as Home;
    expect(after.currency).toBe('EUR');
    expect({
      open: after.cases.open - before.cases.open,
      late: after.cases.late - before.cases.late,
      done: after.cases.doneThisWeek - before.cases.doneThisWeek,
    }).toEqual({ open: 3, late: 2, done: 2 });
    const delta = (k: keyof Home['money']) => ({
      tasks: after.money[k].tasks - before.money[k].tasks,
      amount: subtractDecimal(after.money[k].amount, before.money[k].amount),
      unconverted: after.money[k].unconverted - before.money[k].unconverted,
    });
    expect(delta('overdue')).toEqual({ tasks: 1, amount: '900', unconverted: 0 });
    expect(delta('inReview')).toEqual({ tasks: 3, amount: '1150.5', unconverted: 1 });
    expect(delta('approvedThisWeek')).toEqual({ tasks: 1, amount: '18250', unconverted: 0 });
    expect(after.trend).toHaveLength(4);
    const [prev, cur] = after.trend.slice(-2).map((w, i) => {
      const b = before.trend.slice(-2)[i]!;
      return { week: w.week, done: w.done - b.done, approved: subtractDecimal(w.approved, b.approved) };
    });
    expect(cur).toEqual({ week: before.trend.at(-1)!.week, done: 2, approved: '18250' });
    expect(prev).toEqual({ week: before.trend.at(-2)!.week, done: 1, approved: '450' });
    expect(new Date(`${cur!.week}T12:00:00Z`).getUTCDay()).toBe(1);
    expect((await approver.get('/api/home')).statusCode).toBe(403);
    expect((await owner.get('/api/home?weeks=0')).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('lists runs with flow names, filtered as the home drills down, sorted and exported', async () => {
    const list = async (q: string) => {
      const res = await owner.get(`/api/runs?flowId=${flowId}&${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { items: RunItem[]; total: number }).items.map((r) => r.businessKey.slice(tag.length + 1));
    };
    const all = (await owner.get(`/api/runs?flowId=${flowId}&sort=businessKey&order=asc`)).json() as {
      items: RunItem[];
    };
    expect(all.items.map((r) => r.flowName)).toEqual(Array(6).fill(flowName));
    // Current steps by their label in the run's version; a node the version lacks keeps its id.
    expect(all.items.find((r) => r.businessKey === `${tag}-stuck`)?.currentLabels).toEqual([
      'Approve the credit note',
      'gone',
    ]);
    expect(all.items.map((r) => r.businessKey.slice(tag.length + 1))).toEqual([
      'done',
      'old',
      'overdue',
      'rejected',
      'review',
      'stuck',
    ]);
    expect(await list('late=true&sort=businessKey&order=asc')).toEqual(['overdue', 'stuck']);
    expect(await list('task=overdue')).toEqual(['overdue']);
    expect(await list('task=open')).toEqual(['review', 'overdue']);
    const since = encodeURIComponent(before.weekStart);
    expect(await list(`task=approved&taskFrom=${since}`)).toEqual(['done']);
    expect(await list(`status=completed&endedFrom=${since}&sort=businessKey`)).toEqual(['rejected', 'done']);
    expect(await list('status=needs_attention')).toEqual(['stuck']);

    const csv = await owner.get(`/api/runs/export?format=csv&flowId=${flowId}&late=true&sort=businessKey&order=asc`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('runId,flow,flowId,version,businessKey,status,outcome,currentSteps,startedAt,endedAt');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 8))).toEqual([
      [ids.overdue, flowName, flowId, '1', `${tag}-overdue`, 'waiting', '', ''],
      [ids.stuck, flowName, flowId, '1', `${tag}-stuck`, 'needs_attention', '', 'Approve the credit note | gone'],
    ]);
    const xlsx = await owner.get(`/api/runs/export?format=xlsx&flowId=${flowId}&task=overdue`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().slice(1) as unknown[][];
    expect(rows.map((r) => r.slice(1, 3))).toEqual([
      ['runId', 'flow'],
      [ids.overdue, flowName],
    ]);
  });

  it('cancels a live run once, audited, and refuses a retry of a run that does not need attention', async () => {
    const started = await owner.post('/api/runs', {
      flowId,
      businessKey: `${tag}-live`,
      input: { creditNote: 'CN-1', amount: { amount: '10.00', currency: 'EUR' } },
    });
    expect(started.statusCode, started.body).toBe(201);
    const { runId } = started.json() as { runId: string };
    const retry = await owner.post(`/api/runs/${runId}/retry`, {});
    expect(retry.statusCode).toBe(409);
    expect(retry.json()).toMatchObject({ code: 'RUN_NOT_FAILED' });
    expect((await owner.post(`/api/runs/${runId}/cancel`)).statusCode).toBe(200);
    await eventually(
      async () => ((await owner.get(`/api/runs/${runId}`)).json() as { run: RunItem }).run.status === 'cancelled',
    );
    const again = await owner.post(`/api/runs/${runId}/cancel`);
    expect(again.statusCode).toBe(409);
    const audit = (await admin.get(`/api/admin/audit?targetId=${runId}`)).json() as {
      items: Array<{ action: string; actorUsername: string; details: unknown }>;
    };
    expect(audit.items.map((a) => [a.action, a.actorUsername])).toEqual([['run.cancelled', owner.username]]);
    expect(['running', 'waiting']).toContain((audit.items[0]!.details as { status: string }).status);
  });
});
