// Mutable state of one interpreter run, plus the buffered, idempotent event log.
import { proxyLocalActivities } from '@temporalio/workflow';
import type { FlowSettings } from '@ledgerflow/flow-model';
import type {
  EngineActivities,
  RecordEventsInput,
  RunEventInput,
  RunProjection,
  Vars,
} from '../activities/activity-types.ts';
import type { Graph } from './graph.ts';
import type { ExternalEvent, TaskCompletion } from './messages.ts';
import type { FlowRunInput } from './flow-run.types.ts';
import type { TaskState } from './task-rules.ts';

/**
 * Local activities write events and evaluate; their only transient failure is our own Postgres being away,
 * so they retry for the platform window (a 20 s outage must not fail a run). Evaluation errors are
 * non-retryable and fail at once.
 */
const local = proxyLocalActivities<EngineActivities>({
  startToCloseTimeout: '30s',
  scheduleToCloseTimeout: '20m',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '15s' },
});

export interface RunContext {
  input: FlowRunInput;
  graph: Graph;
  version: number;
  settings: FlowSettings;
  vars: Vars;
  seq: number;
  current: Set<string>;
  status: RunProjection['status'];
  inbox: ExternalEvent[];
  /** Ids of the latest external events received: a sender's retry is not a second event. */
  seenEventIds: string[];
  taskResults: Map<string, TaskCompletion>;
  /** The run's open tasks by id: their state is the run's, the tasks rows follow it. */
  openTasks: Map<string, TaskState>;
  /** The task-row write in flight, if any: the next one waits for it (human-task.ts). */
  taskWriting: Promise<void> | null;
  exemptions: Record<string, { reason: string; userId: string }>;
  /** Who last changed the case (decided a task, exempted a check): barred from the next four-eyes task. */
  lastChangedBy: string | null;
  /** Who last changed the case's record in the source system (user name there), when the feed says. */
  sourceChangedBy: string | null;
  retryRequested: Set<string>;
  /** Resolvers of waits a retry signal may end early, by node id. */
  wakers: Map<string, () => void>;
  visits: Record<string, number>;
  waitingFor: Array<{ nodeId: string; kind: string; detail?: string }>;
  pending: RunEventInput[];
  /** Workflow time of the last write of events and projection (the API wrote the run row at start). */
  lastFlushAt: number | null;
  /** Set by a migrate update: nodes read their config again from here. */
  migratedTo: number | null;
}

export function event(
  ctx: RunContext,
  type: string,
  nodeId: string | undefined,
  data: Record<string, unknown>,
  nowIso: string,
): void {
  ctx.pending.push({ seq: ++ctx.seq, type, nodeId, data, at: nowIso });
}

/**
 * Hands the buffered events and the current projection to the next activity, which writes them before
 * its own work: one round trip instead of two. The events stay buffered until that activity returns
 * (see `acked`): if it fails, they ride again on the next one. Events are keyed (runId, seq), so
 * writing a batch twice (a retry, a replay, two parallel branches carrying the same prefix) adds nothing.
 */
export function takeFlush(ctx: RunContext, projection?: Partial<RunProjection>): RecordEventsInput {
  return {
    runId: ctx.input.runId,
    events: ctx.pending.slice(),
    projection: { status: ctx.status, currentNodes: [...ctx.current], variables: ctx.vars, ...projection },
  };
}

/**
 * Drops the events a batch carried, once the activity that wrote them has returned. The buffer only
 * grows at its end, so a batch is a prefix of it: everything up to its last seq is written.
 */
export function acked(ctx: RunContext, batch: RecordEventsInput | undefined): void {
  const last = batch?.events[batch.events.length - 1];
  if (!last) return;
  let n = 0;
  while (n < ctx.pending.length && ctx.pending[n]!.seq <= last.seq) n++;
  if (n) ctx.pending.splice(0, n);
}

/** Writes buffered events and the run projection now (before a wait that may be long, and at the end). */
export function flush(ctx: RunContext, projection?: Partial<RunProjection>): Promise<void> {
  ctx.lastFlushAt = Date.now();
  const batch = takeFlush(ctx, projection);
  return local.recordEvents(batch).then(() => acked(ctx, batch));
}

/** Events made while the run is parked are written when they happen (histories before this waited for the next move). */
export const PARKED_EVENTS_PATCH = 'flush-events-while-parked';

/**
 * Writes the buffered events alone, from a handler or a timer while the run is parked: an auditor reading a
 * waiting case sees them now. No projection: a handler's write could land after the main path's newer one,
 * while events are keyed (runId, seq) and acked as a prefix, so a concurrent flush of the same events adds nothing.
 */
export function flushEvents(ctx: RunContext): Promise<void> {
  if (!ctx.pending.length) return Promise.resolve();
  const batch: RecordEventsInput = { runId: ctx.input.runId, events: ctx.pending.slice() };
  return local.recordEvents(batch).then(() => acked(ctx, batch));
}

const FLUSH_EVERY_MS = 2_000;
const FLUSH_AT_EVENTS = 100;

/**
 * The batch to write with the next activity, at most every couple of seconds while a run moves fast:
 * live runs are read through the workflow's state query, so the Postgres projection only has to be
 * exact when the run parks or ends (those points flush explicitly). Nothing is lost meanwhile: the
 * buffer is rebuilt by replay if the worker dies, and a batch leaves it only once written (`acked`).
 */
export function flushIfDue(ctx: RunContext): RecordEventsInput | undefined {
  const now = Date.now();
  if (ctx.lastFlushAt !== null && now - ctx.lastFlushAt < FLUSH_EVERY_MS && ctx.pending.length < FLUSH_AT_EVENTS)
    return undefined;
  ctx.lastFlushAt = now;
  return takeFlush(ctx);
}

export { local };
