// Multi-day and multi-week timelines on the time-skipping test server: no real waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeWaitUntil } from '@ledgerflow/flow-model';
import type { MikroORM } from '@ledgerflow/db';
import type { FlowRunResult } from '@ledgerflow/engine';
import { flow, maybeRecord, runEvents, startFlow, timeSkippingRig, type TimeSkippingRig } from './engine-harness.ts';

const TQ = 'timelines';
let rig: TimeSkippingRig;
let env: TimeSkippingRig['env'];
let orm: MikroORM;
let userId: string;

beforeAll(async () => {
  rig = await timeSkippingRig(TQ);
  ({ env, orm, userId } = rig);
});
afterAll(async () => rig?.stop());

describe('durable timelines (time-skipping server)', () => {
  it('waits 3 working days on the FR calendar, then goes on', async () => {
    const def = flow(
      'wait',
      [
        { id: 't', kind: 'trigger.manual', config: {} },
        { id: 'w', kind: 'wait', config: { until: { type: 'calendar', rule: { type: 'workingDays', days: 3 } } } },
        { id: 'end', kind: 'end', config: { status: 'done' } },
      ],
      [
        ['t', 'w'],
        ['w', 'end'],
      ],
    );
    const before = await env.currentTimeMs();
    const { runId, handle } = await startFlow(orm, env.client, TQ, userId, def, {});
    const result = (await handle.result()) as FlowRunResult;
    await maybeRecord(handle, 'wait-working-days');
    expect(result.outcome).toBe('done');
    const events = await runEvents(orm, runId);
    const scheduled = events.find((e) => e.type === 'wait.scheduled')!;
    const until = new Date(scheduled.data.until as string);
    const expected = await computeWaitUntil(
      { type: 'calendar', rule: { type: 'workingDays', days: 3 } },
      new Date(before),
      { calendar: 'FR', timezone: 'Europe/Paris', vars: {} },
    );
    // the workflow computed from its own clock, a few ms after `before`
    expect(Math.abs(until.getTime() - expected.getTime())).toBeLessThan(60_000);
    expect(until.getTime() - before).toBeGreaterThanOrEqual(3 * 86_400_000 - 60_000);
    expect(await env.currentTimeMs()).toBeGreaterThanOrEqual(until.getTime());
  });

  it('reminds, escalates, then expires an unanswered task over two weeks', async () => {
    const def = flow(
      'task timeline',
      [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'approve',
          kind: 'humanTask',
          config: {
            title: 'Approve {{creditNote}}',
            outcomes: [{ name: 'approve' }, { name: 'reject' }],
            assignee: { type: 'role', value: 'approver' },
            priority: 'urgent',
            remindAfter: { type: 'calendar', rule: { type: 'workingDays', days: 2 } },
            escalateAfter: { type: 'calendar', rule: { type: 'workingDays', days: 5 } },
            escalateTo: { type: 'role', value: 'manager' },
            due: { type: 'calendar', rule: { type: 'workingDays', days: 10 } },
          },
        },
        { id: 'ok', kind: 'end', config: { status: 'approved' } },
        { id: 'ko', kind: 'end', config: { status: 'rejected' } },
        { id: 'late', kind: 'end', config: { status: 'expired' } },
      ],
      [
        ['t', 'approve'],
        ['approve', 'ok', 'approve'],
        ['approve', 'ko', 'reject'],
        ['approve', 'late', 'expired'],
      ],
      [{ name: 'creditNote', type: 'string' }],
    );
    const { runId, handle } = await startFlow(orm, env.client, TQ, userId, def, { creditNote: 'CN-7' });
    const result = (await handle.result()) as FlowRunResult;
    await maybeRecord(handle, 'task-remind-escalate-expire');
    expect(result.outcome).toBe('expired');
    const types = (await runEvents(orm, runId)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['task.created', 'task.reminded', 'task.escalated', 'task.expired']));
    expect(types.indexOf('task.reminded')).toBeLessThan(types.indexOf('task.escalated'));
    expect(types.indexOf('task.escalated')).toBeLessThan(types.indexOf('task.expired'));
    const [task] = await orm.em
      .fork()
      .getConnection()
      .execute<Array<{ status: string; escalated: boolean; assignee_value: string; title: string; priority: string }>>(
        'select status, escalated, assignee_value, title, priority from tasks where run_id = ?',
        [runId],
      );
    // Escalation raises a task to high, never lowers an urgent one.
    expect(task).toMatchObject({
      status: 'expired',
      escalated: true,
      assignee_value: 'manager',
      title: 'Approve CN-7',
      priority: 'urgent',
    });
  });

  it('takes the timeout edge when an awaited event never comes, and the event edge when it does', async () => {
    const def = flow(
      'event',
      [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'paid',
          kind: 'waitForEvent',
          config: { event: 'invoice.paid', timeout: { type: 'duration', iso: 'P30D' }, outputVariable: 'payment' },
        },
        { id: 'yes', kind: 'end', config: { status: 'paid' } },
        { id: 'no', kind: 'end', config: { status: 'unpaid' } },
      ],
      [
        ['t', 'paid'],
        ['paid', 'yes'],
        ['paid', 'no', 'timeout'],
      ],
    );
    const silent = await startFlow(orm, env.client, TQ, userId, def, {});
    expect(((await silent.handle.result()) as FlowRunResult).outcome).toBe('unpaid');

    const answered = await startFlow(orm, env.client, TQ, userId, def, {});
    await answered.handle.signal('event', { name: 'invoice.paid', payload: { amount: '120.00', currency: 'EUR' } });
    const r = (await answered.handle.result()) as FlowRunResult;
    await maybeRecord(answered.handle, 'event-received');
    await maybeRecord(silent.handle, 'event-timeout');
    expect(r.outcome).toBe('paid');
    expect(r.variables.payment).toEqual({ amount: '120.00', currency: 'EUR' });
  });

  it('waits until the 1st of next month after the 20th, else 7 days (day-of-month reminder rule)', async () => {
    const rule = {
      type: 'ifDayOfMonthAfter',
      day: 20,
      then: { type: 'dayOfMonth', day: 1, monthOffset: 1 },
      else: { type: 'calendarDays', days: 7 },
    } as const;
    const def = flow(
      'dom',
      [
        { id: 't', kind: 'trigger.manual', config: {} },
        { id: 'w', kind: 'wait', config: { until: { type: 'calendar', rule } } },
        { id: 'end', kind: 'end', config: { status: 'done' } },
      ],
      [
        ['t', 'w'],
        ['w', 'end'],
      ],
    );
    const before = new Date(await env.currentTimeMs());
    const { runId, handle } = await startFlow(orm, env.client, TQ, userId, def, {});
    await handle.result();
    const scheduled = (await runEvents(orm, runId)).find((e) => e.type === 'wait.scheduled')!;
    const expected = await computeWaitUntil({ type: 'calendar', rule }, before, {
      calendar: 'FR',
      timezone: 'Europe/Paris',
      vars: {},
    });
    expect(Math.abs(new Date(scheduled.data.until as string).getTime() - expected.getTime())).toBeLessThan(60_000);
  });
});
