// Pause, resume, deactivate and re-activate a flow's Temporal schedule, and its status with the firings the overlap
// policy skipped. Every change is audited.
import type { FastifyRequest } from 'fastify';
import { ConflictError, type FlowDefinition } from '@ledgerflow/flow-model';
import { createScheduleStateStore, pgTimestampIso } from '@ledgerflow/db';
import { ScheduleNotFoundError, type ScheduleDescription } from '@temporalio/client';
import type { AppDeps } from '../app-deps.ts';
import { FlowService } from './flow.service.ts';
import { recordAudit } from './audit.service.ts';
import { overlapOf, scheduleIdOf, syncTriggerSchedule, type FlowOverlap } from './trigger.service.ts';

export type ScheduleState = 'active' | 'paused' | 'inactive' | 'none';

export interface ScheduleStatus {
  flowId: string;
  /** none: the active version has no schedule (no version, or a manual or webhook trigger). */
  state: ScheduleState;
  trigger: 'trigger.schedule' | 'trigger.recordFeed' | 'trigger.ledgerFeed' | null;
  overlap: FlowOverlap | null;
  note: string | null;
  nextFireAt: string | null;
  /** Temporal tracks the runs a schedule started only when they can block a firing: null under allowAll. */
  running: number | null;
  actionsTaken: number;
  /** Firings dropped because earlier runs were still running, over every schedule this flow had. */
  skipped: { total: number; lastSeenAt: string | null };
  deactivatedAt: string | null;
}

const iso = (v: Date | string | null | undefined) => (v ? pgTimestampIso(v) : null);

async function activeDefinition(deps: AppDeps, flowId: string) {
  const flow = await new FlowService(deps).get(flowId);
  if (!flow.activeVersion) return { version: null, def: null };
  const v = await new FlowService(deps).version(flowId, flow.activeVersion);
  return { version: v.version, def: v.definition as FlowDefinition };
}

async function describe(deps: AppDeps, flowId: string): Promise<ScheduleDescription | null> {
  try {
    return await deps.temporal.schedule.getHandle(scheduleIdOf(flowId)).describe();
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return null;
    throw err;
  }
}

/**
 * The schedule's state. Temporal only counts skipped firings; each read folds the new ones into the flow's total and
 * audits them (schedule.firings_skipped), so a skip is recorded at the latest when someone looks — not when it happens.
 */
export async function scheduleStatus(deps: AppDeps, flowId: string): Promise<ScheduleStatus> {
  const { def } = await activeDefinition(deps, flowId);
  const states = createScheduleStateStore(deps.orm.em.fork());
  const overlap = def ? overlapOf(def) : null;
  const kind = def?.nodes.find(
    (n) => n.kind === 'trigger.schedule' || n.kind === 'trigger.recordFeed' || n.kind === 'trigger.ledgerFeed',
  )?.kind;
  const desc = overlap ? await describe(deps, flowId) : null;
  if (desc) {
    const fresh = await states.observeSkipped(flowId, desc.info.numActionsSkippedOverlap);
    if (fresh > 0)
      await recordAudit(deps, null, {
        action: 'schedule.firings_skipped',
        targetType: 'flow',
        targetId: flowId,
        details: { skipped: fresh, overlap },
      });
  }
  const row = await states.get(flowId);
  return {
    flowId,
    state: !overlap ? 'none' : !desc ? 'inactive' : desc.state.paused ? 'paused' : 'active',
    trigger: kind ?? null,
    overlap,
    note: desc?.state.note ?? null,
    nextFireAt: desc && !desc.state.paused ? iso(desc.info.nextActionTimes[0]) : null,
    running: !desc || overlap === 'allowAll' ? null : desc.info.runningActions.length,
    actionsTaken: desc?.info.numActionsTaken ?? 0,
    skipped: { total: row?.skipped_total ?? 0, lastSeenAt: iso(row?.last_skip_seen_at) },
    deactivatedAt: iso(row?.deactivated_at),
  };
}

function notScheduled(flowId: string, state: ScheduleState): never {
  if (state === 'none')
    throw new ConflictError('NOT_A_SCHEDULED_FLOW', 'The active version of this flow has no schedule', { flowId });
  throw new ConflictError('SCHEDULE_INACTIVE', 'The schedule of this flow is deactivated; activate it first', {
    flowId,
  });
}

export async function pauseSchedule(deps: AppDeps, req: FastifyRequest, flowId: string) {
  const before = await scheduleStatus(deps, flowId);
  if (before.state !== 'active' && before.state !== 'paused') notScheduled(flowId, before.state);
  await deps.temporal.schedule.getHandle(scheduleIdOf(flowId)).pause(`Paused by ${req.user?.username ?? 'unknown'}`);
  return audited(deps, req, flowId, 'schedule.paused', before);
}

export async function resumeSchedule(deps: AppDeps, req: FastifyRequest, flowId: string) {
  const before = await scheduleStatus(deps, flowId);
  if (before.state !== 'active' && before.state !== 'paused') notScheduled(flowId, before.state);
  await deps.temporal.schedule.getHandle(scheduleIdOf(flowId)).unpause(`Resumed by ${req.user?.username ?? 'unknown'}`);
  return audited(deps, req, flowId, 'schedule.resumed', before);
}

/** Deletes the Temporal schedule; the trigger stays inactive until a version is published or activated, or /activate. */
export async function deactivateSchedule(deps: AppDeps, req: FastifyRequest, flowId: string) {
  const before = await scheduleStatus(deps, flowId);
  if (before.state === 'none') notScheduled(flowId, before.state);
  if (before.state === 'inactive') return before;
  try {
    await deps.temporal.schedule.getHandle(scheduleIdOf(flowId)).delete();
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
  await createScheduleStateStore(deps.orm.em.fork()).deactivate(flowId, req.user?.id ?? null);
  return audited(deps, req, flowId, 'schedule.deactivated', before);
}

/** Re-creates the schedule of the active version (unpaused); a no-op when it already exists. */
export async function activateSchedule(deps: AppDeps, req: FastifyRequest, flowId: string) {
  const before = await scheduleStatus(deps, flowId);
  if (before.state === 'none') notScheduled(flowId, before.state);
  if (before.state !== 'inactive') return before;
  const { version, def } = await activeDefinition(deps, flowId);
  await syncTriggerSchedule(deps, flowId, version!, def!);
  return audited(deps, req, flowId, 'schedule.activated', before);
}

async function audited(
  deps: AppDeps,
  req: FastifyRequest,
  flowId: string,
  action: 'schedule.paused' | 'schedule.resumed' | 'schedule.deactivated' | 'schedule.activated',
  before: ScheduleStatus,
) {
  const after = await scheduleStatus(deps, flowId);
  await recordAudit(deps, req, {
    action,
    targetType: 'flow',
    targetId: flowId,
    before: { state: before.state },
    after: { state: after.state },
  });
  return after;
}
