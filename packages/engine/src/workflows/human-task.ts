// The interpreter side of a human task: create it, then wait for its outcome,
// reminding and escalating on (business-calendar) timers until its deadline.
import { condition, uuid4, workflowInfo, proxyActivities } from '@temporalio/workflow';
import type { NodeOfKind } from '@ledgerflow/flow-model';
import type { EngineActivities } from '../activities/activity-types.ts';
import { event, flush, type RunContext } from './run-context.ts';

const acts = proxyActivities<EngineActivities>({ startToCloseTimeout: '1m', retry: { maximumAttempts: 10 } });
const iso = () => new Date().toISOString();

export async function runHumanTask(ctx: RunContext, node: NodeOfKind<'humanTask'>): Promise<string> {
  const cfg = node.config;
  if (cfg.check && ctx.exemptions[cfg.check]) {
    const ex = ctx.exemptions[cfg.check]!;
    event(ctx, 'task.completed', node.id, { exempted: true, check: cfg.check, reason: ex.reason, by: ex.userId }, iso());
    return cfg.outcomes[0]!.name;
  }
  const taskId = uuid4();
  // Open before the row exists: an approver fast enough to decide as the row appears is not refused.
  ctx.openTasks.set(taskId, node.id);
  const created = await acts.createTask({
    taskId, runId: ctx.input.runId, workflowId: workflowInfo().workflowId, flowId: ctx.input.flowId, nodeId: node.id,
    businessKey: ctx.input.businessKey, config: cfg as unknown as Record<string, unknown>, vars: ctx.vars, settings: ctx.settings,
    startedBy: ctx.input.startedBy, nowIso: iso(),
  });
  ctx.status = 'waiting';
  ctx.waitingFor = [{ nodeId: node.id, kind: 'task', detail: taskId }];
  event(ctx, 'task.created', node.id, { taskId, assignee: created.assignee, dueAt: created.dueAtIso }, iso());
  await flush(ctx);

  const at = (s: string | null) => (s ? Date.parse(s) : null);
  let remindAt = at(created.remindAtIso);
  let escalateAt = at(created.escalateAtIso);
  const dueAt = at(created.dueAtIso);
  // An exemption from this task's check that arrives while the task is open settles it too.
  const exempted = () => !ctx.taskResults.has(taskId) && !!cfg.check && !!ctx.exemptions[cfg.check];
  for (;;) {
    if (ctx.taskResults.has(taskId) || exempted()) break;
    const deadlines = [remindAt, escalateAt, dueAt].filter((d): d is number => d !== null);
    const nextAt = deadlines.length ? Math.min(...deadlines) : null;
    const done = await condition(() => ctx.taskResults.has(taskId) || exempted(), nextAt === null ? undefined : Math.max(0, nextAt - Date.now()));
    if (done) break;
    const now = Date.now();
    if (remindAt !== null && now >= remindAt) {
      remindAt = null;
      await acts.transitionTask({ taskId, kind: 'reminded' });
      event(ctx, 'task.reminded' as string, node.id, { taskId }, iso());
    }
    if (escalateAt !== null && now >= escalateAt) {
      escalateAt = null;
      await acts.transitionTask({ taskId, kind: 'escalated', escalateTo: cfg.escalateTo });
      event(ctx, 'task.escalated' as string, node.id, { taskId, to: cfg.escalateTo ?? null }, iso());
    }
    if (dueAt !== null && now >= dueAt && !ctx.taskResults.has(taskId)) {
      await acts.transitionTask({ taskId, kind: 'expired' });
      ctx.openTasks.delete(taskId);
      event(ctx, 'task.expired' as string, node.id, { taskId }, iso());
      ctx.status = 'running';
      ctx.waitingFor = [];
      return 'expired';
    }
  }
  if (exempted()) {
    const ex = ctx.exemptions[cfg.check!]!;
    const outcome = cfg.outcomes[0]!.name;
    await acts.transitionTask({ taskId, kind: 'exempted', exemption: { check: cfg.check!, reason: ex.reason, userId: ex.userId, outcome } });
    ctx.openTasks.delete(taskId);
    ctx.status = 'running';
    ctx.waitingFor = [];
    event(ctx, 'task.completed', node.id, { taskId, outcome, exempted: true, check: cfg.check, reason: ex.reason, by: ex.userId }, iso());
    return outcome;
  }
  const result = ctx.taskResults.get(taskId)!;
  ctx.openTasks.delete(taskId);
  ctx.lastChangedBy = result.userId;
  ctx.status = 'running';
  ctx.waitingFor = [];
  if (cfg.outputVariable) ctx.vars[cfg.outputVariable] = { outcome: result.outcome, data: result.data ?? {}, by: result.userId };
  event(ctx, 'task.completed', node.id, { taskId, outcome: result.outcome, by: result.userId }, iso());
  return result.outcome;
}
