import {
  createCaseStore,
  createFeedStateStore,
  createScheduleStateStore,
  pgTimestampIso,
  type CaseListQuery,
  type FeedStateRow,
} from '@ledgerflow/db';
import type { NodeOfKind } from '@ledgerflow/flow-model';
import {
  ScheduleNotFoundError,
  type ScheduleOptionsAction,
  type ScheduleOverlapPolicy,
  type ScheduleSpec,
} from '@temporalio/client';
import type { FlowDefinition } from '@ledgerflow/flow-model';
import type { FlowRunInput } from '@ledgerflow/engine';
import type { AppDeps } from '../app-deps.ts';

export const scheduleIdOf = (flowId: string) => `flow-${flowId}`;

export type FlowOverlap = NonNullable<NodeOfKind<'trigger.schedule'>['config']['overlap']>;
const TEMPORAL_OVERLAP: Record<FlowOverlap, ScheduleOverlapPolicy> = {
  allowAll: 'ALLOW_ALL',
  skip: 'SKIP',
  bufferOne: 'BUFFER_ONE',
};

/**
 * The overlap policy of the flow's schedule. Each firing of a schedule trigger starts an independent case, so by
 * default every firing starts its run even while earlier ones wait on an approval. A feed extraction must not
 * overlap itself (it would dispatch the same records twice): it always skips, and its skips are counted too.
 */
export function overlapOf(def: FlowDefinition): FlowOverlap | null {
  const trigger = def.nodes.find((n) => n.kind.startsWith('trigger.'));
  if (trigger?.kind === 'trigger.schedule') return trigger.config.overlap ?? 'allowAll';
  if (trigger?.kind === 'trigger.recordFeed' || trigger?.kind === 'trigger.ledgerFeed') return 'skip';
  return null;
}

/** The Excel connector's file feed: its records come only from received files, never from a scheduled poll. */
export const readsFiles = (c: { connector: string; feed: string }) =>
  c.connector === 'excel' && c.feed === 'fileRecords';

/**
 * Keeps the Temporal Schedule of a flow in step with its active version: a schedule trigger starts runs,
 * a record-feed trigger starts extractions (feedSyncWorkflow), a ledger-feed trigger ledger imports
 * (ledgerFeedSyncWorkflow); any other trigger has no schedule.
 */
export async function syncTriggerSchedule(
  deps: AppDeps,
  flowId: string,
  version: number,
  def: FlowDefinition,
): Promise<'created' | 'updated' | 'deleted' | 'none'> {
  const trigger = def.nodes.find((n) => n.kind.startsWith('trigger.'));
  const id = scheduleIdOf(flowId);
  const handle = deps.temporal.schedule.getHandle(id);
  let spec: ScheduleSpec | undefined;
  let action: ScheduleOptionsAction | undefined;
  if (trigger?.kind === 'trigger.schedule') {
    spec = {
      cronExpressions: [trigger.config.cron],
      timezone: trigger.config.timezone ?? def.settings?.timezone ?? 'Europe/Paris',
    };
    const args: FlowRunInput = { runId: '', flowId, version, businessKey: '', definition: def, input: {} };
    action = {
      type: 'startWorkflow',
      workflowType: 'flowRunWorkflow',
      taskQueue: deps.taskQueue,
      args: [args],
      workflowId: `sched-${flowId}`,
    };
  } else if (trigger?.kind === 'trigger.recordFeed') {
    spec = {
      cronExpressions: [trigger.config.cron],
      timezone: trigger.config.timezone ?? def.settings?.timezone ?? 'Europe/Paris',
    };
    action = {
      type: 'startWorkflow',
      workflowType: 'feedSyncWorkflow',
      taskQueue: deps.taskQueue,
      args: [{ flowId }],
      workflowId: `feed-${flowId}`,
    };
  } else if (trigger?.kind === 'trigger.ledgerFeed' && !readsFiles(trigger.config)) {
    // A ledger feed over received files imports each file as it arrives: a scheduled sweep would read nothing, and
    // a full snapshot of nothing would settle the whole ledger.
    spec = {
      cronExpressions: [trigger.config.cron],
      timezone: trigger.config.timezone ?? def.settings?.timezone ?? 'Europe/Paris',
    };
    action = {
      type: 'startWorkflow',
      workflowType: 'ledgerFeedSyncWorkflow',
      taskQueue: deps.taskQueue,
      args: [{ flowId }],
      workflowId: `ledger-feed-${flowId}`,
    };
  }
  const overlap = overlapOf(def);
  if (!spec || !action || !overlap) {
    try {
      await handle.delete();
      return 'deleted';
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) return 'none';
      throw err;
    }
  }
  try {
    await handle.update((prev) => ({
      ...prev,
      spec: spec!,
      action: action!,
      policies: { ...prev.policies, overlap: TEMPORAL_OVERLAP[overlap] },
    }));
    return 'updated';
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
  await deps.temporal.schedule.create({
    scheduleId: id,
    spec,
    action,
    policies: { overlap: TEMPORAL_OVERLAP[overlap], catchupWindow: '1h' },
    memo: { flowId, version },
  });
  // Publishing or activating a version re-activates a deactivated trigger; the new schedule counts skips from 0.
  await createScheduleStateStore(deps.orm.em.fork()).scheduleCreated(flowId);
  return 'created';
}

/** Runs the flow's feed extraction now (the "sync now" button and tests), waiting for its result. */
export async function syncFeedNow(deps: AppDeps, flowId: string) {
  const handle = await deps.temporal.workflow.start('feedSyncWorkflow', {
    taskQueue: deps.taskQueue,
    workflowId: `feed-${flowId}-manual-${Date.now()}`,
    args: [{ flowId }],
  });
  return handle.result();
}

const isoOrNull = (v: Date | string | null) => (v ? pgTimestampIso(v) : null);

/** A feed's extraction state from its row: never run, running (started, not finished), done, or failed. */
export function feedStatus(row: FeedStateRow | undefined) {
  if (!row?.sync_started_at)
    return {
      state: 'never' as const,
      startedAt: null,
      finishedAt: null,
      lastPageAt: isoOrNull(row?.last_polled_at ?? null),
      stats: null,
      error: null,
    };
  const s = row.last_stats;
  const n = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : 0);
  const stats = {
    polled: n('polled'),
    started: n('started'),
    updated: n('updated'),
    unchanged: n('unchanged'),
    ignored: n('ignored'),
    reopened: n('reopened'),
    failed: Array.isArray(s.failed) ? (s.failed as Array<{ key: string; error: string }>) : [],
  };
  const state = row.sync_finished_at ? ('done' as const) : row.sync_error ? ('failed' as const) : ('running' as const);
  return {
    state,
    startedAt: isoOrNull(row.sync_started_at),
    finishedAt: isoOrNull(row.sync_finished_at),
    lastPageAt: isoOrNull(row.last_polled_at),
    stats,
    error: row.sync_error,
  };
}

export async function readFeedStatus(deps: AppDeps, flowId: string) {
  return feedStatus(await createFeedStateStore(deps.orm.em.fork()).get(flowId));
}

/** The cases of a record-feed flow (the business table its extractions keep), with what is late and closed. */
export async function listCases(deps: AppDeps, flowId: string, q: CaseListQuery) {
  const cases = createCaseStore(deps.orm.em.fork());
  const rows = await cases.list(flowId, q);
  return {
    counts: await cases.counts(flowId),
    items: rows.map((r) => ({
      businessKey: r.business_key,
      status: r.status,
      runId: r.run_id,
      runStatus: r.run_status,
      late: r.late,
      updates: r.updates,
      record: r.record,
      firstSeenAt: new Date(r.first_seen_at).toISOString(),
      lastSeenAt: new Date(r.last_seen_at).toISOString(),
      closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
      goneAt: r.gone_at ? new Date(r.gone_at).toISOString() : null,
    })),
  };
}
