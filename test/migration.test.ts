// Migrating running cases onto another version (dry run, then apply), and events written while a case waits,
// on real Postgres + Temporal (see global-setup.ts).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';
import { approvalFlow, publish } from './tasks-flow.ts';

/** The approval flow, loosely typed so a test can change a node's config. */
type Flow = Record<string, unknown> & {
  nodes: Array<{ id: string; kind: string; config: Record<string, unknown> }>;
  edges: Array<{ id: string; source: string; target: string; sourceHandle?: string }>;
};
type RunDetail = {
  run: { status: string; outcome: string | null; version: number };
  events: Array<{ type: string; data: Record<string, unknown> }>;
};

let h: Harness;
let owner: Agent;
let approver: Agent;
let group: string;
beforeAll(async () => {
  h = await createHarness();
  group = `mig-${randomUUID().slice(0, 8)}`;
  owner = await h.login(['process_owner']);
  approver = await h.login(['approver'], { groups: [group] });
});
afterAll(async () => h?.close());

const flow = (): Flow => approvalFlow({ group, fourEyes: false }) as unknown as Flow;
/** v2 of the approval flow renames the open task's 'approve' outcome to 'accept' (and its edge). */
function renamedOutcome(): Flow {
  const def = flow();
  const task = def.nodes.find((n) => n.id === 'approve')!;
  const [, reject] = task.config.outcomes as unknown[];
  task.config = { ...task.config, outcomes: [{ name: 'accept', label: 'Accept' }, reject] };
  def.edges = def.edges.map((e) => (e.sourceHandle === 'approve' ? { ...e, sourceHandle: 'accept' } : e));
  return def;
}
/** v2 that leaves the task as it is and only changes where approving ends. */
function newEndStatus(): Flow {
  const def = flow();
  def.nodes = def.nodes.map((n) => (n.id === 'endApproved' ? { ...n, config: { status: 'approvedV2' } } : n));
  return def;
}

const runOf = async (runId: string) => (await owner.get(`/api/runs/${runId}`)).json() as RunDetail;

async function startCase(flowId: string): Promise<{ runId: string; taskId: string }> {
  const key = `CN-${randomUUID().slice(0, 8)}`;
  const start = await owner.post('/api/runs', {
    flowId,
    businessKey: key,
    input: { creditNote: key, amount: { amount: '1200.00', currency: 'EUR' } },
  });
  expect(start.statusCode, start.body).toBe(201);
  const { runId } = start.json() as { runId: string };
  const task = await eventually(async () => {
    const list = (await approver.get(`/api/tasks?view=groups&businessKey=${key}`)).json() as {
      items: Array<{ id: string; runId: string }>;
    };
    return list.items.find((t) => t.runId === runId);
  });
  await eventually(async () => (await runOf(runId)).run.status === 'waiting');
  return { runId, taskId: task.id };
}

async function publishVersion(flowId: string, definition: Flow): Promise<number> {
  const res = await owner.post(`/api/flows/${flowId}/publish`, { comment: 'next', definition });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().version as number;
}

describe('migration of running cases', () => {
  it('refuses, in the dry run and on apply, a version that changes the open task, which stays decidable', async () => {
    const flowId = await publish(owner, flow());
    const { runId, taskId } = await startCase(flowId);
    const v2 = await publishVersion(flowId, renamedOutcome());

    const preview = await owner.post(`/api/flows/${flowId}/migrate`, { toVersion: v2, dryRun: true });
    expect(preview.statusCode, preview.body).toBe(200);
    const refusal = {
      runId,
      from: 1,
      code: 'OPEN_TASK_CHANGED',
      reason: expect.stringContaining("'approve'"),
      changes: [
        {
          nodeId: 'approve',
          field: 'outcomes',
          before: [
            { name: 'approve', kind: 'other', requires: [] },
            { name: 'reject', kind: 'reject', requires: [] },
          ],
          after: [
            { name: 'accept', kind: 'other', requires: [] },
            { name: 'reject', kind: 'reject', requires: [] },
          ],
        },
      ],
    };
    expect(preview.json()).toEqual({ toVersion: v2, dryRun: true, migrated: [], notMigrated: [refusal] });

    // Applying refuses the same run: the task keeps outcomes its approver can use.
    const applied = await owner.post(`/api/flows/${flowId}/migrate`, { toVersion: v2 });
    expect(applied.json()).toEqual({ toVersion: v2, dryRun: false, migrated: [], notMigrated: [refusal] });
    const done = await approver.post(`/api/tasks/${taskId}/complete`, { outcome: 'approve', data: { comment: 'ok' } });
    expect(done.statusCode, done.body).toBe(200);
    const run = await eventually(async () => {
      const r = await runOf(runId);
      return r.run.status === 'completed' ? r : null;
    });
    expect(run.run).toMatchObject({ outcome: 'approved', version: 1 });
    expect(run.events.map((e) => e.type)).not.toContain('run.migrated');
  });

  it('applies nothing in a dry run; applying moves the run and its history shows it while it still waits', async () => {
    const flowId = await publish(owner, flow());
    const { runId, taskId } = await startCase(flowId);
    const v2 = await publishVersion(flowId, newEndStatus());

    const preview = (await owner.post(`/api/flows/${flowId}/migrate`, { toVersion: v2, dryRun: true })).json();
    expect(preview).toEqual({ toVersion: v2, dryRun: true, migrated: [{ runId, from: 1 }], notMigrated: [] });
    const untouched = await runOf(runId);
    expect(untouched.run.version).toBe(1);
    expect(untouched.events.map((e) => e.type)).not.toContain('run.migrated');

    const applied = (await owner.post(`/api/flows/${flowId}/migrate`, { toVersion: v2 })).json();
    expect(applied).toEqual({ toVersion: v2, dryRun: false, migrated: [{ runId, from: 1 }], notMigrated: [] });
    // Read at once, the case still waiting on its task: the migration is in its history already.
    const waiting = await runOf(runId);
    expect(waiting.run).toMatchObject({ status: 'waiting', version: v2 });
    expect(waiting.events.find((e) => e.type === 'run.migrated')?.data).toEqual({ from: 1, to: v2 });
    const audit: Array<{ after: unknown }> = await h.orm.em
      .fork()
      .getConnection()
      .execute(`select after from audit_log where action = 'flow.runs_migrated' and target_id = ?`, [flowId]);
    expect(audit.map((r) => r.after)).toEqual([{ toVersion: v2 }]);

    await approver.post(`/api/tasks/${taskId}/complete`, { outcome: 'approve', data: { comment: 'ok' } });
    const run = await eventually(async () => {
      const r = await runOf(runId);
      return r.run.status === 'completed' ? r : null;
    });
    expect(run.run.outcome).toBe('approvedV2');
  });

  it("writes a task's reminder to the run's history while the task waits", async () => {
    const def = flow();
    const task = def.nodes.find((n) => n.id === 'approve')!;
    task.config = { ...task.config, remindAfter: { type: 'duration', iso: 'PT1S' } };
    const flowId = await publish(owner, def);
    const { runId } = await startCase(flowId);
    const reminded = await eventually(async () => {
      const r = await runOf(runId);
      return r.events.some((e) => e.type === 'task.reminded') ? r : null;
    }, 15_000);
    expect(reminded.run.status).toBe('waiting');
  });
});
