// Every node kind through the real interpreter, real activities and real Postgres, on the
// time-skipping test server (so waits cost nothing).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import type { MikroORM } from '@ledgerflow/db';
import {
  completeTaskUpdate,
  exemptUpdate,
  migrateUpdate,
  retrySignal,
  stateQuery,
  type FlowRunResult,
} from '@ledgerflow/engine';
import type { FlowDefinition } from '@ledgerflow/flow-model';
import {
  flow,
  insertFlow,
  maybeRecord,
  runEvents,
  startFlow,
  timeSkippingRig,
  type TimeSkippingRig,
} from './engine-harness.ts';

const TQ = 'interpreter';
let rig: TimeSkippingRig;
let env: TimeSkippingRig['env'];
let orm: MikroORM;
let userId: string;

beforeAll(async () => {
  rig = await timeSkippingRig(TQ);
  ({ env, orm, userId } = rig);
});
afterAll(async () => rig?.stop());

const start = (def: FlowDefinition, input: Record<string, unknown> = {}) =>
  startFlow(orm, env.client, TQ, userId, def, input);
async function until<T>(fn: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
/** The validator's refusal travels as the cause of WorkflowUpdateFailedError: an ApplicationFailure whose type is the code. */
async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (err as Error & { cause?: Error }).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    // Every refusal is typed: the code is the failure's type, never a prefix of its message.
    const type = (cause as ApplicationFailure).type;
    expect(type).toMatch(/^[A-Z_]+$/);
    expect(cause!.message).not.toMatch(/^[A-Z_]+:/);
    return `${type}: ${cause!.message}`;
  }
  throw new Error('expected the update to be rejected');
}
const taskOf = (runId: string) =>
  until(
    async () =>
      (
        await orm.em
          .fork()
          .getConnection()
          .execute<Array<{ id: string; status: string }>>('select id, status from tasks where run_id = ?', [runId])
      )[0],
  );

describe('interpreter node kinds', () => {
  it('assigns variables, decides with a collect table, runs parallel branches and joins', async () => {
    const def = flow(
      'logic',
      [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'set',
          kind: 'setVariables',
          config: {
            assignments: [
              { variable: 'total', expression: '$string($number(a) + $number(b))' },
              { variable: 'big', expression: "total = '30'" },
            ],
          },
        },
        {
          id: 'table',
          kind: 'decisionTable',
          config: {
            hitPolicy: 'collect',
            columns: [
              { fact: 'total', operator: 'amountGte' },
              { fact: 'segment', operator: 'textEquals' },
            ],
            rows: [
              { cells: ['10', null], outcome: 'remind' },
              { cells: [null, 'vip'], outcome: 'call' },
              { cells: ['1000', null], outcome: 'legal' },
            ],
            defaultOutcome: 'none',
            outputVariable: 'actions',
          },
        },
        { id: 'split', kind: 'parallel.split', config: {} },
        {
          id: 'left',
          kind: 'action',
          config: { connector: 'builtin', action: 'echo', inputs: { value: "'L'" }, outputVariable: 'left' },
        },
        {
          id: 'right',
          kind: 'action',
          config: { connector: 'builtin', action: 'echo', inputs: { value: "'R'" }, outputVariable: 'right' },
        },
        { id: 'join', kind: 'parallel.join', config: {} },
        { id: 'end', kind: 'end', config: { status: 'done' } },
        { id: 'other', kind: 'end', config: { status: 'none' } },
      ],
      [
        ['t', 'set'],
        ['set', 'table'],
        ['table', 'split', 'remind'],
        ['table', 'other', 'none'],
        ['table', 'split', 'call'],
        ['split', 'left'],
        ['split', 'right'],
        ['left', 'join'],
        ['right', 'join'],
        ['join', 'end'],
      ],
      [
        { name: 'a', type: 'string' },
        { name: 'b', type: 'string' },
        { name: 'segment', type: 'string' },
      ],
    );
    const { runId, handle } = await start(def, { a: '10', b: '20', segment: 'VIP' });
    const r = (await handle.result()) as FlowRunResult;
    await maybeRecord(handle, 'logic-parallel');
    expect(r.outcome).toBe('done');
    expect(r.variables).toMatchObject({
      total: '30',
      big: true,
      actions: ['remind', 'call'],
      left: { value: 'L' },
      right: { value: 'R' },
    });
    const decision = (await runEvents(orm, runId)).find((e) => e.type === 'decision')!;
    expect(decision.data.outcomes).toEqual(['remind', 'call']);
  });

  it('follows the error edge of a failing action, naming connector and action', async () => {
    const def = flow(
      'error edge',
      [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'boom',
          kind: 'action',
          config: {
            connector: 'builtin',
            action: 'fail',
            inputs: { message: "'SAP is down'", record: "'CN-9'" },
            retry: { maximumAttempts: 1, initialIntervalSeconds: 1, backoffCoefficient: 2 },
          },
        },
        { id: 'ok', kind: 'end', config: { status: 'ok' } },
        { id: 'handled', kind: 'end', config: { status: 'handled' } },
      ],
      [
        ['t', 'boom'],
        ['boom', 'ok'],
        ['boom', 'handled', 'error'],
      ],
    );
    const { runId, handle } = await start(def);
    expect(((await handle.result()) as FlowRunResult).outcome).toBe('handled');
    const err = (await runEvents(orm, runId)).find((e) => e.type === 'error')!;
    expect(err.data).toMatchObject({ connector: 'builtin', action: 'fail', code: 'TEST_FAILURE', retryable: false });
    expect(String(err.data.message)).toContain('builtin.fail [record CN-9]: SAP is down');
  });

  it('parks a run that needs attention, then resumes when retried from outside', async () => {
    let calls = 0;
    const server = http.createServer((_req, res) => {
      calls++;
      res.writeHead(calls === 1 ? 400 : 200, { 'content-type': 'application/json' }).end(JSON.stringify({ calls }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
    try {
      const def = flow(
        'attention',
        [
          { id: 't', kind: 'trigger.manual', config: {} },
          {
            id: 'call',
            kind: 'action',
            config: {
              connector: 'builtin',
              action: 'http',
              inputs: { method: "'POST'", url: `'${url}'`, body: '{"n": 1}' },
              outputVariable: 'res',
              retry: { maximumAttempts: 1, initialIntervalSeconds: 1, backoffCoefficient: 2 },
            },
          },
          { id: 'end', kind: 'end', config: { status: 'done' } },
        ],
        [
          ['t', 'call'],
          ['call', 'end'],
        ],
      );
      const { runId, handle } = await start(def);
      await until(async () => (await handle.query(stateQuery)).status === 'needs_attention');
      const [row] = await orm.em
        .fork()
        .getConnection()
        .execute<Array<{ status: string; error: { code: string } }>>('select status, error from runs where id = ?', [
          runId,
        ]);
      expect(row).toMatchObject({ status: 'needs_attention', error: { code: 'CONNECTOR_REJECTED' } });
      await handle.signal(retrySignal, {});
      const r = (await handle.result()) as FlowRunResult;
      expect(r.outcome).toBe('done');
      expect(r.variables.res).toMatchObject({ status: 200, body: { calls: 2 } });
    } finally {
      server.close();
    }
  });

  it('ends a wait early when the run is retried on it, and waits its full time otherwise', async () => {
    const def = flow(
      'skippable wait',
      [
        { id: 't', kind: 'trigger.manual', config: {} },
        { id: 'hold', kind: 'wait', config: { until: { type: 'duration', iso: 'PT720H' } } },
        { id: 'end', kind: 'end', config: { status: 'released' } },
      ],
      [
        ['t', 'hold'],
        ['hold', 'end'],
      ],
    );
    const elapsedHours = async (runId: string) => {
      const events = await runEvents(orm, runId);
      const at = (type: string) => new Date(events.find((e) => e.type === type)!.at).getTime();
      return (at('run.completed') - at('wait.scheduled')) / 3_600_000;
    };
    const woken = await start(def);
    await until(async () => (await woken.handle.query(stateQuery)).waitingFor[0]?.kind === 'timer');
    await woken.handle.signal(retrySignal, { nodeId: 'hold' });
    expect(((await woken.handle.result()) as FlowRunResult).outcome).toBe('released');
    expect(await elapsedHours(woken.runId)).toBeLessThan(1);
    const full = await start(def);
    expect(((await full.handle.result()) as FlowRunResult).outcome).toBe('released');
    expect(await elapsedHours(full.runId)).toBeGreaterThanOrEqual(720);
  });

  it('completes a human task once through the update, refusing a wrong outcome and the four-eyes case', async () => {
    const def = flow(
      'task',
      [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'approve',
          kind: 'humanTask',
          config: {
            title: 'Approve',
            outcomes: [{ name: 'approve' }, { name: 'reject' }],
            assignee: { type: 'role', value: 'manager' },
            fourEyes: true,
            outputVariable: 'decision',
          },
        },
        { id: 'ok', kind: 'end', config: { status: 'approved' } },
        { id: 'ko', kind: 'end', config: { status: 'rejected' } },
      ],
      [
        ['t', 'approve'],
        ['approve', 'ok', 'approve'],
        ['approve', 'ko', 'reject'],
      ],
    );
    const { handle, runId } = await start(def);
    const task = await taskOf(runId);
    const args = (outcome: string, who: string) => ({
      args: [{ taskId: task.id, outcome, userId: who }] as [{ taskId: string; outcome: string; userId: string }],
      updateId: task.id,
    });
    expect(
      await rejection(
        handle.executeUpdate(completeTaskUpdate, { ...args('approve', userId), updateId: `${task.id}-self` }),
      ),
    ).toMatch(/^FOUR_EYES/);
    expect(
      await rejection(
        handle.executeUpdate(completeTaskUpdate, { ...args('maybe', 'someone-else'), updateId: `${task.id}-bad` }),
      ),
    ).toMatch(/^TASK_OUTCOME_INVALID/);
    const first = await handle.executeUpdate(completeTaskUpdate, args('approve', 'manager-1'));
    // Same update id (a double click): deduplicated, same result, no second completion.
    const again = await handle.executeUpdate(completeTaskUpdate, args('approve', 'manager-1'));
    expect(first).toEqual({ ok: true, outcome: 'approve' });
    expect(again).toEqual(first);
    const r = (await handle.result()) as FlowRunResult;
    await maybeRecord(handle, 'task-completed');
    expect(r.outcome).toBe('approved');
    expect(r.variables.decision).toMatchObject({ outcome: 'approve', by: 'manager-1' });
    expect((await runEvents(orm, runId)).filter((e) => e.type === 'task.completed')).toHaveLength(1);
  });

  it('bars whoever last changed the case from the next four-eyes task', async () => {
    const def = flow(
      'two steps',
      [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'check',
          kind: 'humanTask',
          config: { title: 'Check', outcomes: [{ name: 'ok' }], assignee: { type: 'role', value: 'approver' } },
        },
        {
          id: 'approve',
          kind: 'humanTask',
          config: {
            title: 'Approve',
            outcomes: [{ name: 'approve' }],
            assignee: { type: 'role', value: 'manager' },
            fourEyes: true,
          },
        },
        { id: 'end', kind: 'end', config: { status: 'approved' } },
      ],
      [
        ['t', 'check'],
        ['check', 'approve', 'ok'],
        ['approve', 'end', 'approve'],
      ],
    );
    const { handle, runId } = await start(def);
    const first = await taskOf(runId);
    await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: first.id, outcome: 'ok', userId: 'clerk-1' }],
      updateId: first.id,
    });
    const second = await until(
      async () =>
        (
          await orm.em
            .fork()
            .getConnection()
            .execute<Array<{ id: string }>>(`select id from tasks where run_id = ? and node_id = 'approve'`, [runId])
        )[0],
    );
    expect(
      await rejection(
        handle.executeUpdate(completeTaskUpdate, {
          args: [{ taskId: second.id, outcome: 'approve', userId: 'clerk-1' }],
          updateId: `${second.id}-x`,
        }),
      ),
    ).toMatch(/^FOUR_EYES: the person who last changed/);
    await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: second.id, outcome: 'approve', userId: 'manager-2' }],
      updateId: second.id,
    });
    expect(((await handle.result()) as FlowRunResult).outcome).toBe('approved');
  });

  it('skips a task whose check a manager exempted, recording who and why', async () => {
    const def = flow(
      'exempt',
      [
        { id: 't', kind: 'trigger.manual', config: {} },
        { id: 'w', kind: 'wait', config: { until: { type: 'duration', iso: 'PT1H' } } },
        {
          id: 'docs',
          kind: 'humanTask',
          config: {
            title: 'Check documents',
            check: 'supportingDocuments',
            outcomes: [{ name: 'ok' }, { name: 'missing' }],
            assignee: { type: 'role', value: 'approver' },
          },
        },
        { id: 'end', kind: 'end', config: { status: 'done' } },
        { id: 'miss', kind: 'end', config: { status: 'missing' } },
      ],
      [
        ['t', 'w'],
        ['w', 'docs'],
        ['docs', 'end', 'ok'],
        ['docs', 'miss', 'missing'],
      ],
    );
    const { handle, runId } = await start(def);
    expect(
      await rejection(
        handle.executeUpdate(exemptUpdate, { args: [{ check: 'supportingDocuments', reason: ' ', userId: 'm1' }] }),
      ),
    ).toMatch(/^EXEMPTION_REASON_REQUIRED/);
    await handle.executeUpdate(exemptUpdate, {
      args: [{ check: 'supportingDocuments', reason: 'Customer is a subsidiary', userId: 'm1' }],
    });
    expect(((await handle.result()) as FlowRunResult).outcome).toBe('done');
    const events = await runEvents(orm, runId);
    expect(events.find((e) => e.type === 'exemption')!.data).toMatchObject({
      check: 'supportingDocuments',
      reason: 'Customer is a subsidiary',
      userId: 'm1',
    });
    expect(events.find((e) => e.type === 'task.completed')!.data).toMatchObject({ exempted: true });
  });

  it('calls a sub-flow and fans out a for-each with bounded concurrency, collecting results', async () => {
    const child = flow(
      'child',
      [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'set',
          kind: 'setVariables',
          config: { assignments: [{ variable: 'doubled', expression: '$string($number(item ? item : n) * 2)' }] },
        },
        { id: 'end', kind: 'end', config: { status: 'child-done' } },
      ],
      [
        ['t', 'set'],
        ['set', 'end'],
      ],
      [
        { name: 'item', type: 'any' },
        { name: 'n', type: 'any' },
      ],
    );
    const childId = await insertFlow(orm, userId, child);
    const parent = flow(
      'parent',
      [
        { id: 't', kind: 'trigger.manual', config: {} },
        { id: 'sub', kind: 'subFlow', config: { flowId: childId, inputs: { n: '21' }, outputVariable: 'one' } },
        {
          id: 'each',
          kind: 'forEach',
          config: { items: 'invoices', flowId: childId, concurrency: 2, outputVariable: 'all' },
        },
        { id: 'end', kind: 'end', config: { status: 'done' } },
      ],
      [
        ['t', 'sub'],
        ['sub', 'each'],
        ['each', 'end'],
      ],
      [{ name: 'invoices', type: 'list' }],
    );
    const { handle, runId } = await start(parent, { invoices: ['1', '2', '3'] });
    const r = (await handle.result()) as FlowRunResult;
    expect(r.variables.one).toMatchObject({ outcome: 'child-done', variables: { doubled: '42' } });
    expect((r.variables.all as Array<{ variables: { doubled: string } }>).map((x) => x.variables.doubled)).toEqual([
      '2',
      '4',
      '6',
    ]);
    const [row] = await orm.em
      .fork()
      .getConnection()
      .execute<Array<{ n: string }>>('select count(*) as n from runs where parent_run_id = ?', [runId]);
    expect(Number(row?.n)).toBe(4);
  });

  it('migrates a parked run to a new version, and refuses when its node is gone', async () => {
    const v1 = flow(
      'migrate',
      [
        { id: 't', kind: 'trigger.manual', config: {} },
        { id: 'w', kind: 'waitForEvent', config: { event: 'doc.received' } },
        { id: 'end', kind: 'end', config: { status: 'v1' } },
      ],
      [
        ['t', 'w'],
        ['w', 'end'],
      ],
    );
    const v2: FlowDefinition = {
      ...v1,
      nodes: [...v1.nodes.slice(0, 2), { id: 'end2', kind: 'end', config: { status: 'v2' } }],
      edges: [v1.edges[0]!, { id: 'x', source: 'w', target: 'end2' }],
    };
    const v3: FlowDefinition = {
      ...v1,
      nodes: [v1.nodes[0]!, { id: 'end3', kind: 'end', config: { status: 'v3' } }],
      edges: [{ id: 'y', source: 't', target: 'end3' }],
    };
    const { handle } = await start(v1);
    await until(async () => (await handle.query(stateQuery)).currentNodes.includes('w'));
    expect(await rejection(handle.executeUpdate(migrateUpdate, { args: [{ version: 3, definition: v3 }] }))).toMatch(
      /^NODE_MISSING/,
    );
    expect(await handle.executeUpdate(migrateUpdate, { args: [{ version: 2, definition: v2 }] })).toEqual({
      ok: true,
      from: 1,
      to: 2,
    });
    await handle.signal('event', { name: 'doc.received' });
    expect(((await handle.result()) as FlowRunResult).outcome).toBe('v2');
  });

  it('continues as new on long loops, keeping variables and a gap-free event log', async () => {
    const def = flow(
      'loop',
      [
        { id: 't', kind: 'trigger.manual', config: {} },
        {
          id: 'inc',
          kind: 'setVariables',
          config: { assignments: [{ variable: 'i', expression: '$exists(i) ? i + 1 : 1' }] },
        },
        {
          id: 'more',
          kind: 'decision',
          config: {
            outcomes: [{ name: 'again', when: { all: [{ fact: 'i', operator: 'lessThan', value: 40 }] } }],
            defaultOutcome: 'stop',
          },
        },
        { id: 'nap', kind: 'wait', config: { until: { type: 'duration', iso: 'PT1M' } } },
        { id: 'end', kind: 'end', config: { status: 'looped' } },
      ],
      [
        ['t', 'inc'],
        ['inc', 'more'],
        ['more', 'nap', 'again'],
        ['nap', 'inc'],
        ['more', 'end', 'stop'],
      ],
    );
    const flowId = await insertFlow(orm, userId, def);
    const { randomUUID } = await import('node:crypto');
    const runId = randomUUID();
    const { insertRun } = await import('@ledgerflow/db');
    await insertRun({ orm }, { runId, workflowId: `run-${runId}`, flowId, version: 1, businessKey: 'loop', input: {} });
    const handle = await env.client.workflow.start('flowRunWorkflow', {
      taskQueue: TQ,
      workflowId: `run-${runId}`,
      args: [{ runId, flowId, version: 1, businessKey: 'loop', definition: def, input: {}, historySoftLimit: 60 }],
    });
    const r = (await handle.result()) as FlowRunResult;
    expect(r).toMatchObject({ outcome: 'looped', variables: { i: 40 } });
    const desc = await handle.describe();
    expect(desc.runId).not.toBe(handle.firstExecutionRunId);
    const seqs = (await runEvents(orm, runId)).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });
});

describe('run event writes', () => {
  it('group concurrent writes, and one failing write does not fail its neighbours', async () => {
    const { createActivities } = await import('@ledgerflow/engine');
    const { randomUUID } = await import('node:crypto');
    const acts = createActivities({
      orm,
      registry: { get: () => undefined } as never,
      secrets: {} as never,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    const flowId = await insertFlow(
      orm,
      userId,
      flow(
        'writes',
        [
          { id: 't', kind: 'trigger.manual', config: {} },
          { id: 'e', kind: 'end', config: { status: 'done' } },
        ],
        [['t', 'e']],
      ),
    );
    const { insertRun } = await import('@ledgerflow/db');
    const good = [randomUUID(), randomUUID()];
    for (const runId of good)
      await insertRun({ orm }, { runId, workflowId: `w-${runId}`, flowId, version: 1, businessKey: runId, input: {} });
    const at = new Date().toISOString();
    const write = (runId: string) =>
      acts.recordEvents({
        runId,
        events: [{ seq: 1, type: 'run.started', at }],
        projection: { status: 'running', currentNodes: ['x'] },
      });
    const results = await Promise.allSettled([write(good[0]!), write(randomUUID()), write(good[1]!)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rows = await orm.em
      .fork()
      .getConnection()
      .execute<Array<{ run_id: string }>>('select run_id from run_events where run_id in (?, ?)', good);
    expect(rows).toHaveLength(2);
  });
});
