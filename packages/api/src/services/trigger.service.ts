import { ScheduleNotFoundError, type ScheduleOptionsAction, type ScheduleSpec } from '@temporalio/client';
import type { FlowDefinition } from '@ledgerflow/flow-model';
import type { FlowRunInput } from '@ledgerflow/engine';
import type { AppDeps } from '../app-deps.ts';

export const scheduleIdOf = (flowId: string) => `flow-${flowId}`;

/**
 * Keeps the Temporal Schedule of a flow in step with its active version: a schedule trigger starts runs,
 * a record-feed trigger starts extractions (feedSyncWorkflow); any other trigger has no schedule.
 */
export async function syncTriggerSchedule(deps: AppDeps, flowId: string, version: number, def: FlowDefinition): Promise<'created' | 'updated' | 'deleted' | 'none'> {
  const trigger = def.nodes.find((n) => n.kind.startsWith('trigger.'));
  const id = scheduleIdOf(flowId);
  const handle = deps.temporal.schedule.getHandle(id);
  let spec: ScheduleSpec | undefined;
  let action: ScheduleOptionsAction | undefined;
  if (trigger?.kind === 'trigger.schedule') {
    spec = { cronExpressions: [trigger.config.cron], timezone: trigger.config.timezone ?? def.settings?.timezone ?? 'Europe/Paris' };
    const args: FlowRunInput = { runId: '', flowId, version, businessKey: '', definition: def, input: {} };
    action = { type: 'startWorkflow', workflowType: 'flowRunWorkflow', taskQueue: deps.taskQueue, args: [args], workflowId: `sched-${flowId}` };
  } else if (trigger?.kind === 'trigger.recordFeed') {
    spec = { cronExpressions: [trigger.config.cron], timezone: trigger.config.timezone ?? def.settings?.timezone ?? 'Europe/Paris' };
    action = { type: 'startWorkflow', workflowType: 'feedSyncWorkflow', taskQueue: deps.taskQueue, args: [{ flowId }], workflowId: `feed-${flowId}` };
  }
  if (!spec || !action) {
    try {
      await handle.delete();
      return 'deleted';
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) return 'none';
      throw err;
    }
  }
  try {
    await handle.update((prev) => ({ ...prev, spec: spec!, action: action! }));
    return 'updated';
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
  // A feed that overlaps itself would double-dispatch; skip an extraction still running.
  await deps.temporal.schedule.create({ scheduleId: id, spec, action, policies: { overlap: 'SKIP', catchupWindow: '1h' }, memo: { flowId, version } });
  return 'created';
}

/** Runs the flow's feed extraction now (the "sync now" button and tests), waiting for its result. */
export async function syncFeedNow(deps: AppDeps, flowId: string) {
  const handle = await deps.temporal.workflow.start('feedSyncWorkflow', { taskQueue: deps.taskQueue, workflowId: `feed-${flowId}-manual-${Date.now()}`, args: [{ flowId }] });
  return handle.result();
}
