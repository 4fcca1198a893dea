// Issue #12: tasks routed to the requester's manager or to the approver whose limit covers the amount, approvals
// refused above the approver's limit, publication refusing assignees nobody answers to, and the directory the
// designer's picker reads. Real Postgres + Temporal (see global-setup.ts).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserStore } from '@ledgerflow/db';
import { createHarness, eventually, type Agent, type Harness } from './helpers/api-harness.ts';
import { publish, routedApprovalFlow as approvalFlow } from './tasks-flow.ts';

type TaskJson = { id: string; runId: string; status: string; assignee: { type: string; value: string } };

describe('approval routing: manager and approver assignees, approval limits, known assignees', () => {
  let h: Harness;
  let owner: Agent;
  let requester: Agent;
  let manager: Agent;
  let director: Agent;
  let admin: Agent;
  let approverFlow: string;
  let managerFlow: string;
  /** Managers other test files left enabled: set aside so the approver chosen is one of ours. */
  let setAside: string[] = [];

  beforeAll(async () => {
    h = await createHarness();
    const users = createUserStore(h.orm.em.fork());
    setAside = (await users.list()).filter((u) => !u.disabled && u.roles.includes('manager')).map((u) => u.id);
    for (const id of setAside) await users.setDisabled(id, true);
    owner = await h.login(['process_owner']);
    admin = await h.login(['admin']);
    manager = await h.login(['manager']);
    director = await h.login(['manager']);
    requester = await h.login(['process_owner', 'approver']);
    await users.update(manager.userId, { approvalLimit: { amount: '50000', currency: 'EUR' } });
    await users.update(director.userId, { approvalLimit: { amount: '1000000', currency: 'EUR' } });
    await users.update(requester.userId, { managerId: manager.userId });
    approverFlow = await publish(
      owner,
      approvalFlow(`Approver ${randomUUID()}`, { type: 'approver', value: 'manager' }),
    );
    managerFlow = await publish(
      owner,
      approvalFlow(`Manager ${randomUUID()}`, { type: 'manager', value: 'startedBy' }),
    );
  });
  afterAll(async () => {
    const users = createUserStore(h.orm.em.fork());
    for (const id of setAside) await users.setDisabled(id, false);
    await h?.close();
  });

  async function startCase(who: Agent, flowId: string, amount: string): Promise<{ runId: string; task: TaskJson }> {
    const key = `CN-${randomUUID().slice(0, 8)}`;
    const start = await who.post('/api/runs', {
      flowId,
      businessKey: key,
      input: { creditNote: key, amount: { amount, currency: 'EUR' } },
    });
    expect(start.statusCode, start.body).toBe(201);
    const { runId } = start.json() as { runId: string };
    const task = await eventually(async () => {
      const list = (await admin.get(`/api/tasks?view=all&businessKey=${key}`)).json() as { items: TaskJson[] };
      return list.items.find((t) => t.runId === runId);
    });
    return { runId, task };
  }
  const runOf = async (runId: string) =>
    (await admin.get(`/api/runs/${runId}`)).json() as {
      run: { status: string; outcome: string | null };
      events: Array<{ type: string; data: Record<string, unknown> }>;
    };

  it('gives an approver task to the manager whose limit is the smallest covering the amount', async () => {
    const small = await startCase(owner, approverFlow, '20000.00');
    expect(small.task.assignee).toEqual({ type: 'user', value: manager.username });
    const large = await startCase(owner, approverFlow, '60000.00');
    expect(large.task.assignee).toEqual({ type: 'user', value: director.username });

    const ok = await manager.post(`/api/tasks/${small.task.id}/complete`, { outcome: 'approve', data: {} });
    expect(ok.statusCode, ok.body).toBe(200);
    const byDirector = await director.post(`/api/tasks/${large.task.id}/complete`, { outcome: 'approve', data: {} });
    expect(byDirector.statusCode, byDirector.body).toBe(200);
    await eventually(async () => (await runOf(large.runId)).run.outcome === 'approved');
  });

  it("gives a manager task to the requester's manager, who may reject above their limit but not approve", async () => {
    const { runId, task } = await startCase(requester, managerFlow, '60000.00');
    expect(task.assignee).toEqual({ type: 'user', value: manager.username });

    const refused = await manager.post(`/api/tasks/${task.id}/complete`, { outcome: 'approve', data: {} });
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json()).toMatchObject({
      code: 'APPROVAL_LIMIT_EXCEEDED',
      details: { taskId: task.id, amount: '60000.00', currency: 'EUR', limit: { amount: '50000', currency: 'EUR' } },
    });
    const rejected = await manager.post(`/api/tasks/${task.id}/complete`, { outcome: 'reject', data: {} });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    await eventually(async () => (await runOf(runId)).run.outcome === 'rejected');
  });

  it("escalates to the requester's manager, named as a user once the escalation happens", async () => {
    const flowId = await publish(
      owner,
      approvalFlow(
        `Escalation ${randomUUID()}`,
        { type: 'role', value: 'approver' },
        { escalateAfter: { type: 'duration', iso: 'PT1S' }, escalateTo: { type: 'manager', value: 'startedBy' } },
      ),
    );
    const { runId, task } = await startCase(requester, flowId, '100.00');
    expect(task.assignee).toEqual({ type: 'role', value: 'approver' });
    const escalated = await eventually(async () => {
      const t = (await admin.get(`/api/tasks/${task.id}`)).json() as { task: TaskJson };
      return t.task.assignee.type === 'user' ? t.task : undefined;
    });
    expect(escalated.assignee).toEqual({ type: 'user', value: manager.username });
    // The run's own rules follow: the manager decides it.
    const ok = await manager.post(`/api/tasks/${task.id}/complete`, { outcome: 'approve', data: {} });
    expect(ok.statusCode, ok.body).toBe(200);
    // Events are written in batches: read once the run has ended.
    const ended = await eventually(async () => {
      const r = await runOf(runId);
      return r.run.outcome === 'approved' ? r : undefined;
    });
    const ev = ended.events.find((e) => e.type === 'task.escalated');
    expect(ev?.data).toMatchObject({ to: { type: 'user', value: manager.username } });
  });

  it('fails the run with NO_APPROVER_FOR_AMOUNT when no limit covers the amount', async () => {
    const key = `CN-${randomUUID().slice(0, 8)}`;
    const start = await owner.post('/api/runs', {
      flowId: approverFlow,
      businessKey: key,
      input: { creditNote: key, amount: { amount: '2000000.00', currency: 'EUR' } },
    });
    expect(start.statusCode, start.body).toBe(201);
    const { runId } = start.json() as { runId: string };
    const failed = await eventually(async () => {
      const r = await runOf(runId);
      return r.run.status === 'failed' ? r : undefined;
    });
    const ev = failed.events.find((e) => e.type === 'run.failed');
    expect(ev?.data).toMatchObject({ code: 'NO_APPROVER_FOR_AMOUNT' });
    expect(String(ev?.data.message)).toContain('2000000.00 EUR');
  });

  it('refuses to publish a flow whose static assignees name nobody, with a problem per path', async () => {
    const def = approvalFlow(
      `Unknown ${randomUUID()}`,
      { type: 'user', value: `ghost-${randomUUID().slice(0, 6)}` },
      {
        assignmentRules: [
          { when: { all: [] }, assignee: { type: 'role', value: 'wizard' } },
          { when: { all: [] }, assignee: { type: 'group', value: `nobody-${randomUUID().slice(0, 6)}` } },
          { when: { all: [] }, assignee: { type: 'user', value: '{{ creditNote }}' } },
          { when: { all: [] }, assignee: { type: 'user', value: director.username } },
        ],
        escalateAfter: { type: 'duration', iso: 'P2D' },
        escalateTo: { type: 'approver', value: 'boss' },
      },
    );
    const created = await owner.post('/api/flows', { definition: def });
    expect(created.statusCode, created.body).toBe(201);
    const res = await owner.post(`/api/flows/${created.json().id}/publish`, { comment: 'v1' });
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json() as { code: string; details: { problems: Array<{ path: string; code: string }> } };
    expect(body.code).toBe('FLOW_INVALID');
    expect(body.details.problems.map((p) => p.path).sort()).toEqual([
      '/nodes/1/config/assignee/value',
      '/nodes/1/config/assignmentRules/0/assignee/value',
      '/nodes/1/config/assignmentRules/1/assignee/value',
      '/nodes/1/config/escalateTo/value',
    ]);
    expect(body.details.problems.every((p) => p.code === 'UNKNOWN_ASSIGNEE')).toBe(true);
  });

  it('lists the directory for process owners, managers and admins only', async () => {
    const res = await owner.get('/api/directory');
    expect(res.statusCode, res.body).toBe(200);
    const dir = res.json() as {
      users: Array<{ username: string; roles: string[] }>;
      groups: string[];
      roles: string[];
      assigneeTypes: string[];
    };
    expect(dir.users.find((u) => u.username === director.username)).toMatchObject({ roles: ['manager'] });
    expect(dir.roles).toContain('approver');
    expect(dir.assigneeTypes).toEqual(expect.arrayContaining(['manager', 'approver']));
    expect((await manager.get('/api/directory')).statusCode).toBe(200);
    const approver = await h.login(['approver']);
    const refused = await approver.get('/api/directory');
    expect(refused.statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: '/api/directory' })).statusCode).toBe(401);
  });
});
