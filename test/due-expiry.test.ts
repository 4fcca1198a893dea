// Due date (the SLA) and expiry are two things: past `due` a task stays open, overdue, and escalates; only
// expireAfter (or, for flows drawn before it, an `expired` edge) closes it. Real Postgres + Temporal, short durations.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';
import { publish } from './tasks-flow.ts';

type TaskJson = { id: string; runId: string; status: string; overdue: boolean; escalated: boolean; dueAt: string };
type RunJson = { run: { status: string; outcome: string | null }; events: Array<{ type: string }> };

const duration = (iso: string) => ({ type: 'duration', iso });

function callFlow(group: string, timing: Record<string, unknown>, expiredEdge: boolean) {
  return {
    schemaVersion: 1,
    name: `call ${group} ${randomUUID().slice(0, 6)}`,
    variables: [{ name: 'amount', type: 'money' }],
    nodes: [
      { id: 't', kind: 'trigger.manual', config: {} },
      {
        id: 'callHigh',
        kind: 'humanTask',
        config: {
          title: 'Call {{ businessKey }}',
          outcomes: [{ name: 'done' }],
          assignee: { type: 'group', value: group },
          escalateTo: { type: 'role', value: 'manager' },
          ...timing,
        },
      },
      { id: 'end', kind: 'end', config: { status: 'done' } },
      ...(expiredEdge ? [{ id: 'gone', kind: 'end', config: { status: 'expired' } }] : []),
    ],
    edges: [
      { id: 'a', source: 't', target: 'callHigh' },
      { id: 'b', source: 'callHigh', target: 'end', sourceHandle: 'done' },
      ...(expiredEdge ? [{ id: 'c', source: 'callHigh', target: 'gone', sourceHandle: 'expired' }] : []),
    ],
  };
}

describe('due date vs expiry of a human task', () => {
  let h: Harness;
  let owner: Agent;
  let manager: Agent;
  let group: string;

  beforeAll(async () => {
    h = await createHarness();
    group = `due-${randomUUID().slice(0, 8)}`;
    owner = await h.login(['process_owner']);
    manager = await h.login(['manager']);
    await h.login(['collector'], { groups: [group] });
  });
  afterAll(async () => h?.close());

  const start = async (flowId: string) => {
    const key = `DUE-${randomUUID().slice(0, 6)}`;
    const res = await owner.post('/api/runs', { flowId, businessKey: key, input: {} });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { runId: string }).runId;
  };
  const runOf = async (runId: string) => (await owner.get(`/api/runs/${runId}`)).json() as RunJson;
  const taskOfRun = async (runId: string) => {
    const list = (await manager.get(`/api/tasks?view=all&status=open&status=claimed&status=expired`)).json() as {
      items: TaskJson[];
    };
    return list.items.find((t) => t.runId === runId);
  };

  it('refuses to publish expireAfter without an expired edge, naming the node', async () => {
    const created = await owner.post('/api/flows', {
      definition: callFlow(group, { expireAfter: duration('PT2S') }, false),
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await owner.post(`/api/flows/${created.json().id as string}/publish`, { comment: 'v1' });
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json() as { code: string; details: { problems: Array<Record<string, string>> } };
    expect(body.code).toBe('FLOW_INVALID');
    expect(body.details.problems).toContainEqual(
      expect.objectContaining({
        nodeId: 'callHigh',
        code: 'OUTCOME_WITHOUT_EDGE',
        path: expect.stringContaining('expireAfter'),
      }),
    );
  });

  it('keeps a task past its due date open and overdue, escalates it, and the run waits (no expired edge needed)', async () => {
    const flowId = await publish(
      owner,
      callFlow(group, { due: duration('PT1S'), escalateAfter: duration('PT2S') }, false),
    );
    const runId = await start(flowId);
    const task = await eventually(async () => {
      const t = await taskOfRun(runId);
      return t?.escalated ? t : null;
    }, 20_000);
    expect(task).toMatchObject({ status: 'open', overdue: true, escalated: true });
    await new Promise((r) => setTimeout(r, 1500));
    const run = await runOf(runId);
    expect(run.run.status).toBe('waiting');
    expect(run.events.map((e) => e.type)).toContain('task.escalated');
    expect(run.events.map((e) => e.type)).not.toContain('task.expired');
    const overdue = (await manager.get('/api/tasks?view=all&due=overdue')).json() as { items: TaskJson[] };
    expect(overdue.items.map((t) => t.runId)).toContain(runId);
    const done = await manager.post(`/api/tasks/${task.id}/complete`, { outcome: 'done', data: {} });
    expect(done.statusCode, done.body).toBe(200);
    await eventually(async () => ((await runOf(runId)).run.status === 'completed' ? true : null));
  });

  it('expires the task at expireAfter, not at due, and the run takes the expired edge', async () => {
    const flowId = await publish(
      owner,
      callFlow(group, { due: duration('PT1S'), expireAfter: duration('PT4S') }, true),
    );
    const t0 = Date.now();
    const runId = await start(flowId);
    const open = await eventually(async () => {
      const t = await taskOfRun(runId);
      return t?.overdue ? t : null;
    }, 20_000);
    expect(open.status).toBe('open');
    const ended = await eventually(async () => {
      const r = await runOf(runId);
      return r.run.status === 'completed' ? r : null;
    }, 20_000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(3500);
    expect(ended.run.outcome).toBe('expired');
    expect(ended.events.map((e) => e.type)).toContain('task.expired');
    expect((await taskOfRun(runId))?.status).toBe('expired');
  });

  it('keeps a flow drawn before expireAfter (due and an expired edge) expiring at its due date', async () => {
    const flowId = await publish(owner, callFlow(group, { due: duration('PT1S') }, true));
    const runId = await start(flowId);
    const ended = await eventually(async () => {
      const r = await runOf(runId);
      return r.run.status === 'completed' ? r : null;
    }, 20_000);
    expect(ended.run.outcome).toBe('expired');
  });
});
