import {
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  patched,
  setHandler,
  workflowInfo,
  ApplicationFailure,
  proxyActivities,
  uuid4,
} from '@temporalio/workflow';
import type { EngineActivities } from '../activities/activity-types.ts';
import { buildGraph, follow, triggerOf } from './graph.ts';
import {
  completeTaskUpdate,
  eventSignal,
  exemptUpdate,
  migrateUpdate,
  migrationCheckQuery,
  recordSignal,
  retrySignal,
  stateQuery,
  taskActionUpdate,
} from './messages.ts';
import { projectTask, settleOpenTasks, TASK_PROJECTION_PATCH } from './human-task.ts';
import { checkAction, checkCompletion, outcomeStatus, taskFailure } from './task-rules.ts';
import { event, flush, flushEvents, local, PARKED_EVENTS_PATCH, type RunContext } from './run-context.ts';
import { checkMigration } from './migration-check.ts';
import { describeFailure, executeNode } from './node-executors.ts';
import type { FlowRunInput, FlowRunResult } from './flow-run.types.ts';

const HISTORY_SOFT_LIMIT = 8_000;
/** Enough to absorb a sender's retries; bounded so a years-long case does not carry an ever-growing list. */
const SEEN_EVENT_IDS = 500;

type PathEnd = { kind: 'end'; status: string } | { kind: 'join'; joinId: string };

/** The one generic interpreter: runs any published flow version, durably. */
export async function flowRunWorkflow(input: FlowRunInput): Promise<FlowRunResult> {
  const ctx: RunContext = {
    input,
    graph: buildGraph(input.definition),
    version: input.version,
    settings: {
      timezone: input.definition.settings?.timezone ?? 'Europe/Paris',
      calendar: input.definition.settings?.calendar ?? 'FR',
      currency: input.definition.settings?.currency,
    },
    vars: input.carried?.vars ?? { ...input.input },
    seq: input.carried?.seq ?? 0,
    current: new Set(),
    status: 'running',
    inbox: input.carried?.inbox ?? [],
    seenEventIds: input.carried?.seenEventIds ?? [],
    taskResults: new Map(),
    openTasks: new Map(),
    taskWriting: null,
    exemptions: input.carried?.exemptions ?? {},
    lastChangedBy: input.carried?.lastChangedBy ?? null,
    sourceChangedBy: input.carried ? (input.carried.sourceChangedBy ?? null) : (input.sourceChangedBy ?? null),
    retryRequested: new Set(),
    wakers: new Map(),
    visits: input.carried?.visits ?? {},
    waitingFor: [],
    pending: [],
    lastFlushAt: Date.now(),
    migratedTo: null,
  };
  installHandlers(ctx);
  const now = () => new Date().toISOString();
  try {
    let startAt: string;
    if (input.carried) {
      startAt = input.carried.resumeAt;
    } else {
      if (!input.runId) await registerScheduledRun(ctx);
      if (await skipNonWorkingDay(ctx)) return { status: 'completed', outcome: 'skipped', variables: ctx.vars };
      ctx.vars.businessKey = input.businessKey;
      ctx.vars.runId = input.runId;
      event(
        ctx,
        'run.started',
        undefined,
        { version: input.version, businessKey: input.businessKey, input: input.input },
        now(),
      );
      const trigger = triggerOf(ctx.graph);
      const first = follow(ctx.graph, trigger.id);
      if (!first) throw ApplicationFailure.nonRetryable(`trigger '${trigger.id}' has no outgoing edge`, 'FLOW_INVALID');
      // The trigger is part of the path: the run viewer paints its edge and counts it like any node.
      event(ctx, 'node.entered', trigger.id, { kind: trigger.kind, visit: 1 }, now());
      event(ctx, 'node.exited', trigger.id, { handle: 'next', next: first }, now());
      startAt = first;
    }
    const end = await runPath(ctx, startAt, true);
    const status = end.kind === 'end' ? end.status : 'completed';
    ctx.status = 'completed';
    event(ctx, 'run.completed', undefined, { outcome: status }, now());
    await flush(ctx, { outcome: status, ended: true });
    return { status: 'completed', outcome: status, variables: ctx.vars };
  } catch (err) {
    if (isCancellation(err)) {
      await CancellationScope.nonCancellable(async () => {
        ctx.status = 'cancelled';
        ctx.current.clear();
        await settleOpenTasks(ctx, 'the run was cancelled');
        event(ctx, 'run.cancelled', undefined, {}, now());
        await flush(ctx, { outcome: 'cancelled', ended: true });
      });
      throw err;
    }
    if (err instanceof ContinueAsNewSignal) throw err.inner;
    ctx.status = 'failed';
    await settleOpenTasks(ctx, 'the run failed');
    // "Activity task failed" says nothing: the run's error is the cause, with its stable code.
    const { message, code } = describeFailure(err);
    event(ctx, 'run.failed', undefined, { message, code }, now());
    await flush(ctx, { outcome: 'failed', ended: true, error: { message, code } });
    throw err;
  }
}

/** Wraps continueAsNew's throw so the catch-all above does not record it as a failure. */
class ContinueAsNewSignal extends Error {
  readonly inner: unknown;
  constructor(inner: unknown) {
    super('continue-as-new');
    this.inner = inner;
  }
}

async function runPath(ctx: RunContext, startId: string, isMain: boolean): Promise<PathEnd> {
  let nodeId: string | undefined = startId;
  while (nodeId) {
    const node = ctx.graph.nodes.get(nodeId);
    if (!node) throw ApplicationFailure.nonRetryable(`edge leads to unknown node '${nodeId}'`, 'FLOW_INVALID');
    if (node.kind === 'parallel.join') return { kind: 'join', joinId: node.id };
    if (isMain && ctx.current.size === 0 && continueAsNewDue(ctx)) await continueAsNewAt(ctx, node.id);
    ctx.visits[node.id] = (ctx.visits[node.id] ?? 0) + 1;
    ctx.current.add(node.id);
    event(ctx, 'node.entered', node.id, { kind: node.kind, visit: ctx.visits[node.id] }, new Date().toISOString());
    if (node.kind === 'parallel.split') {
      const branches = (ctx.graph.out.get(node.id) ?? []).map((e) => e.target);
      ctx.current.delete(node.id);
      event(ctx, 'node.exited', node.id, { handle: 'next', branches }, new Date().toISOString());
      const ends = await Promise.all(branches.map((b) => runPath(ctx, b, false)));
      const ended = ends.find((e) => e.kind === 'end');
      if (ended) return ended;
      const joinId = (ends[0] as { joinId: string }).joinId;
      nodeId = follow(ctx.graph, joinId);
      continue;
    }
    if (node.kind === 'end') {
      ctx.current.delete(node.id);
      event(ctx, 'node.exited', node.id, { status: node.config.status }, new Date().toISOString());
      return { kind: 'end', status: node.config.status || 'completed' };
    }
    const handle = await executeNode(ctx, node);
    // A migrated run continues on the new graph from the same node id.
    const next = follow(ctx.graph, node.id, handle);
    ctx.current.delete(node.id);
    event(ctx, 'node.exited', node.id, { handle, next: next ?? null }, new Date().toISOString());
    if (!next)
      throw ApplicationFailure.nonRetryable(`node '${node.id}' has no edge for '${handle}'`, 'FLOW_INVALID', {
        nodeId: node.id,
        handle,
      });
    nodeId = next;
  }
  return { kind: 'end', status: 'completed' };
}

const structural = proxyActivities<EngineActivities>({ startToCloseTimeout: '1m', retry: { maximumAttempts: 10 } });

/** A Temporal Schedule starts runs with fixed arguments: such a run names and registers itself. */
async function registerScheduledRun(ctx: RunContext): Promise<void> {
  const info = workflowInfo();
  ctx.input.runId = uuid4();
  ctx.input.businessKey ||= `${ctx.input.definition.name}@${new Date().toISOString().slice(0, 16)}`;
  await structural.registerRun({
    runId: ctx.input.runId,
    workflowId: info.workflowId,
    flowId: ctx.input.flowId,
    version: ctx.input.version,
    businessKey: ctx.input.businessKey,
    input: ctx.input.input,
  });
}

/** "Working days only" schedules: a run that fires on a weekend or holiday ends at once, recorded as skipped. */
async function skipNonWorkingDay(ctx: RunContext): Promise<boolean> {
  const trigger = triggerOf(ctx.graph);
  if (trigger.kind !== 'trigger.schedule' || !trigger.config.workingDaysOnly) return false;
  const r = await local.evaluate({
    type: 'isWorkingDay',
    nodeId: trigger.id,
    atIso: new Date().toISOString(),
    settings: ctx.settings,
  });
  if (r.type !== 'isWorkingDay' || r.working) return false;
  ctx.status = 'completed';
  event(
    ctx,
    'run.completed',
    trigger.id,
    { outcome: 'skipped', reason: 'not a working day' },
    new Date().toISOString(),
  );
  await flush(ctx, { outcome: 'skipped', ended: true });
  return true;
}

/** Checked before every node, so kept synchronous (no promise, see executeNode). */
function continueAsNewDue(ctx: RunContext): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength >= (ctx.input.historySoftLimit ?? HISTORY_SOFT_LIMIT);
}

async function continueAsNewAt(ctx: RunContext, resumeAt: string): Promise<void> {
  await flush(ctx);
  try {
    await continueAsNew<typeof flowRunWorkflow>({
      ...ctx.input,
      definition: ctx.graph.def,
      version: ctx.version,
      carried: {
        vars: ctx.vars,
        seq: ctx.seq,
        resumeAt,
        inbox: ctx.inbox,
        exemptions: ctx.exemptions,
        visits: ctx.visits,
        lastChangedBy: ctx.lastChangedBy,
        sourceChangedBy: ctx.sourceChangedBy,
        seenEventIds: ctx.seenEventIds,
      },
    });
  } catch (err) {
    throw new ContinueAsNewSignal(err);
  }
}

/**
 * Events a handler made while the run is parked reach run_events now, not when the run moves on. A signal
 * handler cannot wait: a failed write leaves the events buffered, and they ride with the next flush.
 */
function flushParkedEvents(ctx: RunContext): Promise<void> {
  if (ctx.status !== 'waiting' || !ctx.pending.length || !patched(PARKED_EVENTS_PATCH)) return Promise.resolve();
  return flushEvents(ctx).catch(() => undefined);
}

function installHandlers(ctx: RunContext): void {
  setHandler(stateQuery, () => ({
    status: ctx.status,
    currentNodes: [...ctx.current],
    variables: ctx.vars,
    version: ctx.version,
    waitingFor: ctx.waitingFor,
  }));
  setHandler(eventSignal, (e) => {
    if (e.id) {
      if (ctx.seenEventIds.includes(e.id)) return;
      ctx.seenEventIds.push(e.id);
      if (ctx.seenEventIds.length > SEEN_EVENT_IDS) ctx.seenEventIds.shift();
    }
    ctx.inbox.push(e);
  });
  setHandler(recordSignal, ({ record, variable, changedBy }) => {
    ctx.vars[variable] = record;
    // Absent means the flow does not track it; null means the source did not say who changed it.
    if (changedBy !== undefined) ctx.sourceChangedBy = changedBy;
    event(
      ctx,
      'variables.set',
      undefined,
      { source: 'feed', variable, ...(changedBy !== undefined ? { changedBy } : {}) },
      new Date().toISOString(),
    );
    void flushParkedEvents(ctx);
  });
  setHandler(retrySignal, ({ nodeId }) => {
    for (const id of nodeId ? [nodeId] : [...ctx.current]) {
      ctx.retryRequested.add(id);
      ctx.wakers.get(id)?.();
    }
  });
  setHandler(
    completeTaskUpdate,
    async (c) => {
      const t = ctx.openTasks.get(c.taskId)!;
      if (!patched(TASK_PROJECTION_PATCH)) {
        ctx.taskResults.set(c.taskId, c);
        return { ok: true as const, outcome: c.outcome };
      }
      const node = ctx.graph.nodes.get(t.nodeId);
      const status = node?.kind === 'humanTask' ? outcomeStatus(node, c.outcome) : 'completed';
      const before = t.status;
      t.status = 'deciding';
      try {
        await projectTask(ctx, t, {
          taskId: c.taskId,
          change: { kind: status, outcome: c.outcome, userId: c.userId, form: c.data ?? {} },
          history: { kind: status, userId: c.userId, reason: null, data: { outcome: c.outcome } },
        });
      } catch (err) {
        t.status = before;
        throw err;
      }
      // The run moves on only once the row says so: the API answers with the row.
      ctx.taskResults.set(c.taskId, c);
      return { ok: true as const, outcome: c.outcome, ...(c.requestId ? { requestId: c.requestId } : {}) };
    },
    // Synchronous: an async validator could never reject.
    { validator: (c) => checkCompletion(ctx, c) },
  );
  setHandler(
    taskActionUpdate,
    async (a) => {
      const t = ctx.openTasks.get(a.taskId)!;
      if (a.action === 'claim' && t.claimedBy === a.actor.userId) return { ok: true as const, status: t.status };
      if (a.action === 'claim') {
        t.status = 'claimed';
        t.claimedBy = a.actor.userId;
        await projectTask(ctx, t, {
          taskId: a.taskId,
          change: { kind: 'claimed', userId: a.actor.userId },
          history: { kind: 'claimed', userId: a.actor.userId, reason: null },
        });
      } else if (a.action === 'unclaim') {
        t.status = 'open';
        t.claimedBy = null;
        await projectTask(ctx, t, {
          taskId: a.taskId,
          change: { kind: 'unclaimed' },
          history: { kind: 'unclaimed', userId: a.actor.userId, reason: null },
        });
      } else if (a.action === 'delegate' || a.action === 'reassign') {
        const { to, reason } = a;
        // Whom the task moves from is known once createTask has answered.
        if (!t.assignee) await condition(() => t.assignee !== null);
        checkAction(ctx, a);
        const from = t.assignee!;
        const kind = a.action === 'delegate' ? 'delegated' : 'reassigned';
        t.assignee = { type: to.type, value: to.value };
        t.status = 'open';
        t.claimedBy = null;
        await projectTask(ctx, t, {
          taskId: a.taskId,
          change: { kind, assignee: t.assignee },
          notify: kind,
          history: {
            kind,
            userId: a.actor.userId,
            reason,
            data: { from, to: { ...t.assignee, ...(to.username ? { username: to.username } : {}) } },
          },
        });
      }
      return { ok: true as const, status: t.status };
    },
    { validator: (a) => checkAction(ctx, a) },
  );
  setHandler(
    exemptUpdate,
    async ({ check, reason, userId }) => {
      ctx.exemptions[check] = { reason, userId };
      ctx.lastChangedBy = userId;
      event(ctx, 'exemption', undefined, { check, reason, userId }, new Date().toISOString());
      await flushParkedEvents(ctx);
      // Answers once the open tasks of that check are settled (their rows written), so the caller reads them so.
      if (patched(TASK_PROJECTION_PATCH))
        await condition(() => ![...ctx.openTasks.values()].some((t) => t.check === check));
      return { ok: true as const };
    },
    {
      validator: ({ reason }) => {
        if (!reason.trim()) throw taskFailure('EXEMPTION_REASON_REQUIRED', 'an exemption needs a reason');
      },
    },
  );
  setHandler(migrationCheckQuery, ({ definition }) => checkMigration(ctx.graph, [...ctx.current], definition));
  setHandler(
    migrateUpdate,
    async ({ version, definition }) => {
      const from = ctx.version;
      ctx.graph = buildGraph(definition);
      ctx.version = version;
      ctx.migratedTo = version;
      event(ctx, 'run.migrated', undefined, { from, to: version }, new Date().toISOString());
      // Answers once the event is written: the caller reads the migration in the run's history.
      await flushParkedEvents(ctx);
      return { ok: true as const, from, to: version };
    },
    {
      // The code is the failure's type, so the API reports it without reading the message.
      validator: ({ definition }) => {
        const check = checkMigration(ctx.graph, [...ctx.current], definition);
        if (!check.ok)
          throw ApplicationFailure.create({
            type: check.code,
            message: check.reason,
            nonRetryable: true,
            details: check.changes ? [{ changes: check.changes }] : undefined,
          });
      },
    },
  );
}
