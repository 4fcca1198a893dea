// The interpreter side of a human task: create it, then wait for its outcome, reminding and escalating on
// (business-calendar) timers until it expires (if it may: past its due date alone it stays open, overdue). The run owns the task's state (task-rules.ts); the tasks row
// is its projection, written only through the task activities, one write at a time.
import { condition, patched, proxyActivities, proxyLocalActivities, uuid4, workflowInfo } from '@temporalio/workflow';
import type { NodeOfKind } from '@ledgerflow/flow-model';
import type { EngineActivities, TaskProjectionInput } from '../activities/activity-types.ts';
import { hasHandle } from './graph.ts';
import { event, flush, flushEvents, PARKED_EVENTS_PATCH, type RunContext } from './run-context.ts';
import { taskFailure, type TaskState } from './task-rules.ts';

const acts = proxyActivities<EngineActivities>({ startToCloseTimeout: '1m', retry: { maximumAttempts: 10 } });
/** A person waits on these writes (the update answers once the row says what the run decided). */
const local = proxyLocalActivities<EngineActivities>({
  startToCloseTimeout: '30s',
  scheduleToCloseTimeout: '5m',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '10s' },
});
const iso = () => new Date().toISOString();
/** Updates write the row themselves and the end of a run settles its open tasks (histories before this did not). */
export const TASK_PROJECTION_PATCH = 'task-projection-one-writer';
/**
 * `due` is the SLA (overdue, escalation), expireAfter the expiry. Runs recorded before this expired at `due`; a task
 * with an `expired` edge and no expireAfter still does, so flows drawn that way keep their meaning.
 */
export const DUE_IS_SLA_PATCH = 'task-due-is-sla';

/**
 * Runs task-row writes one after another, in the order the run decided them: a claim's write can never land
 * after a later expiry's. When nothing is in flight the write starts at once (same commands as before).
 */
function serialized<T>(ctx: RunContext, write: () => Promise<T>): Promise<T> {
  const run = ctx.taskWriting ? ctx.taskWriting.then(write, write) : write();
  const tail: Promise<void> = run.then(
    () => undefined,
    () => undefined,
  );
  ctx.taskWriting = tail;
  void tail.then(() => {
    if (ctx.taskWriting === tail) ctx.taskWriting = null;
  });
  return run;
}

/** Writes a change the run has just made to a task (from an update handler or the end of the run). */
export async function projectTask(
  ctx: RunContext,
  t: TaskState,
  input: Omit<TaskProjectionInput, 'rev'>,
): Promise<void> {
  t.rev += 1;
  const rev = t.rev;
  try {
    await serialized(ctx, () => local.projectTask({ ...input, rev }));
  } catch (err) {
    throw taskFailure('TASK_WRITE_FAILED', `the task could not be recorded: ${(err as Error).message}`, {
      taskId: input.taskId,
    });
  }
}

/** A run that ends (cancelled, failed) with tasks still open settles them: no one can decide them any more. */
export async function settleOpenTasks(ctx: RunContext, why: string): Promise<void> {
  if (!ctx.openTasks.size || !patched(TASK_PROJECTION_PATCH)) return;
  const open = [...ctx.openTasks.entries()].filter(([, t]) => t.status === 'open' || t.status === 'claimed');
  for (const [taskId, t] of open) {
    t.status = 'settled';
    await projectTask(ctx, t, {
      taskId,
      change: { kind: 'cancelled' },
      history: { kind: 'cancelled', userId: null, reason: why },
    });
  }
}

export async function runHumanTask(ctx: RunContext, node: NodeOfKind<'humanTask'>): Promise<string> {
  const cfg = node.config;
  if (cfg.check && ctx.exemptions[cfg.check]) {
    const ex = ctx.exemptions[cfg.check]!;
    event(
      ctx,
      'task.completed',
      node.id,
      { exempted: true, check: cfg.check, reason: ex.reason, by: ex.userId },
      iso(),
    );
    return cfg.outcomes[0]!.name;
  }
  const taskId = uuid4();
  // Open before the row exists: an approver fast enough to decide as the row appears is not refused.
  const t: TaskState = {
    nodeId: node.id,
    check: cfg.check ?? null,
    status: 'open',
    assignee: null,
    claimedBy: null,
    rev: 0,
    amount: null,
    currency: null,
  };
  ctx.openTasks.set(taskId, t);
  const created = await acts.createTask({
    taskId,
    runId: ctx.input.runId,
    workflowId: workflowInfo().workflowId,
    flowId: ctx.input.flowId,
    nodeId: node.id,
    businessKey: ctx.input.businessKey,
    config: cfg as unknown as Record<string, unknown>,
    vars: ctx.vars,
    settings: ctx.settings,
    startedBy: ctx.input.startedBy,
    nowIso: iso(),
  });
  t.assignee ??= created.assignee;
  // Runs whose task was created before amounts were returned have none: their approvals are not limited.
  t.amount = created.amount ?? null;
  t.currency = created.currency ?? null;
  ctx.status = 'waiting';
  ctx.waitingFor = [{ nodeId: node.id, kind: 'task', detail: taskId }];
  event(ctx, 'task.created', node.id, { taskId, assignee: created.assignee, dueAt: created.dueAtIso }, iso());
  await flush(ctx);

  const at = (s: string | null) => (s ? Date.parse(s) : null);
  let remindAt = at(created.remindAtIso);
  let escalateAt = at(created.escalateAtIso);
  const dueAt = at(created.dueAtIso);
  const expireAt = !patched(DUE_IS_SLA_PATCH)
    ? dueAt
    : cfg.expireAfter
      ? at(created.expireAtIso ?? null)
      : hasHandle(ctx.graph, node.id, 'expired')
        ? dueAt
        : null;
  const active = () => t.status === 'open' || t.status === 'claimed';
  // An exemption from this task's check that arrives while the task is open settles it too.
  const exempted = () => active() && !ctx.taskResults.has(taskId) && !!cfg.check && !!ctx.exemptions[cfg.check];
  // Main-path writes go through the same queue as the updates' (and carry the next revision once patched).
  const transition = (input: Parameters<EngineActivities['transitionTask']>[0]) =>
    serialized(ctx, () => acts.transitionTask(input));
  const nextRev = () => (patched(TASK_PROJECTION_PATCH) ? ++t.rev : undefined);
  for (;;) {
    if (ctx.taskResults.has(taskId) || exempted()) break;
    const deadlines = [remindAt, escalateAt, expireAt].filter((d): d is number => d !== null);
    const nextAt = deadlines.length ? Math.min(...deadlines) : null;
    const done = await condition(
      () => ctx.taskResults.has(taskId) || exempted(),
      nextAt === null ? undefined : Math.max(0, nextAt - Date.now()),
    );
    if (done) break;
    const now = Date.now();
    if (remindAt !== null && now >= remindAt) {
      remindAt = null;
      await transition({ taskId, kind: 'reminded' });
      event(ctx, 'task.reminded' as string, node.id, { taskId }, iso());
    }
    if (escalateAt !== null && now >= escalateAt && active()) {
      escalateAt = null;
      t.status = 'open';
      t.claimedBy = null;
      const to = cfg.escalateTo;
      if (to) t.assignee = to;
      const indirect = to?.type === 'manager' || to?.type === 'approver';
      const res = await transition({
        taskId,
        kind: 'escalated',
        escalateTo: to,
        rev: nextRev(),
        ...(indirect
          ? {
              case: {
                nodeId: node.id,
                vars: ctx.vars,
                startedBy: ctx.input.startedBy,
                amount: t.amount,
                currency: t.currency,
              },
            }
          : {}),
      });
      // A manager or an approver is named once found: the task's rules and its history name that user.
      const escalatedTo = res ? res.escalatedTo : undefined;
      if (escalatedTo) t.assignee = escalatedTo;
      event(ctx, 'task.escalated' as string, node.id, { taskId, to: escalatedTo ?? to ?? null }, iso());
    }
    if (expireAt !== null && now >= expireAt && active() && !ctx.taskResults.has(taskId)) {
      t.status = 'settled';
      await transition({ taskId, kind: 'expired', rev: nextRev() });
      ctx.openTasks.delete(taskId);
      event(ctx, 'task.expired' as string, node.id, { taskId }, iso());
      ctx.status = 'running';
      ctx.waitingFor = [];
      return 'expired';
    }
    // A reminder or escalation happened while the task waits: its events are written now, not when it is decided.
    if (ctx.pending.length && patched(PARKED_EVENTS_PATCH)) await flushEvents(ctx);
  }
  if (exempted()) {
    const ex = ctx.exemptions[cfg.check!]!;
    const outcome = cfg.outcomes[0]!.name;
    t.status = 'settled';
    await transition({
      taskId,
      kind: 'exempted',
      exemption: { check: cfg.check!, reason: ex.reason, userId: ex.userId, outcome },
      rev: nextRev(),
    });
    ctx.openTasks.delete(taskId);
    ctx.status = 'running';
    ctx.waitingFor = [];
    event(
      ctx,
      'task.completed',
      node.id,
      { taskId, outcome, exempted: true, check: cfg.check, reason: ex.reason, by: ex.userId },
      iso(),
    );
    return outcome;
  }
  const result = ctx.taskResults.get(taskId)!;
  ctx.openTasks.delete(taskId);
  ctx.lastChangedBy = result.userId;
  ctx.status = 'running';
  ctx.waitingFor = [];
  if (cfg.outputVariable)
    ctx.vars[cfg.outputVariable] = { outcome: result.outcome, data: result.data ?? {}, by: result.userId };
  event(ctx, 'task.completed', node.id, { taskId, outcome: result.outcome, by: result.userId }, iso());
  return result.outcome;
}
