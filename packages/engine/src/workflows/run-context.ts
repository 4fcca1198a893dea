// Mutable state of one interpreter run, plus the buffered, idempotent event log.
import { proxyLocalActivities } from '@temporalio/workflow';
import type { FlowSettings } from '@ledgerflow/flow-model';
import type { EngineActivities, RecordEventsInput, RunEventInput, RunProjection, Vars } from '../activities/activity-types.ts';
import type { Graph } from './graph.ts';
import type { ExternalEvent, TaskCompletion } from './messages.ts';
import type { FlowRunInput } from './flow-run.types.ts';

const local = proxyLocalActivities<EngineActivities>({
  startToCloseTimeout: '30s',
  retry: { maximumAttempts: 10, initialInterval: '200ms', backoffCoefficient: 2 },
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
  openTasks: Map<string, string>;
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

export function event(ctx: RunContext, type: string, nodeId: string | undefined, data: Record<string, unknown>, nowIso: string): void {
  ctx.pending.push({ seq: ++ctx.seq, type, nodeId, data, at: nowIso });
}

/**
 * Hands the buffered events and the current projection to the next activity, which writes them before
 * its own work: one round trip instead of two. Events are keyed (runId, seq): replays write nothing twice.
 */
export function takeFlush(ctx: RunContext, projection?: Partial<RunProjection>): RecordEventsInput {
  const events = ctx.pending.splice(0, ctx.pending.length);
  return { runId: ctx.input.runId, events, projection: { status: ctx.status, currentNodes: [...ctx.current], variables: ctx.vars, ...projection } };
}

/** Writes buffered events and the run projection now (before a wait that may be long, and at the end). */
export function flush(ctx: RunContext, projection?: Partial<RunProjection>): Promise<void> {
  ctx.lastFlushAt = Date.now();
  return local.recordEvents(takeFlush(ctx, projection));
}

const FLUSH_EVERY_MS = 2_000;
const FLUSH_AT_EVENTS = 100;

/**
 * The batch to write with the next activity, at most every couple of seconds while a run moves fast:
 * live runs are read through the workflow's state query, so the Postgres projection only has to be
 * exact when the run parks or ends (those points flush explicitly). Nothing is lost meanwhile: the
 * buffer is rebuilt by replay if the worker dies.
 */
export function flushIfDue(ctx: RunContext): RecordEventsInput | undefined {
  const now = Date.now();
  if (ctx.lastFlushAt !== null && now - ctx.lastFlushAt < FLUSH_EVERY_MS && ctx.pending.length < FLUSH_AT_EVENTS) return undefined;
  ctx.lastFlushAt = now;
  return takeFlush(ctx);
}

export { local };
