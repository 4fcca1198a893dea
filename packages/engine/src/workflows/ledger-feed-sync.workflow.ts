import { ParentClosePolicy, patched, proxyActivities, startChild, uuid4, workflowInfo } from '@temporalio/workflow';
import type { EngineActivities, SyncLedgerFeedInput, SyncLedgerFeedResult } from '../activities/activity-types.ts';
import type { FlowRunInput } from './flow-run.types.ts';

// An import is one transaction: a retried attempt starts the extraction over, so few and spaced retries.
const { syncLedgerFeed } = proxyActivities<EngineActivities>({
  startToCloseTimeout: '2h',
  heartbeatTimeout: '5m',
  retry: { maximumAttempts: 3, initialInterval: '1m', backoffCoefficient: 2 },
});
// Looking the flow up and registering its run fail only when Postgres is away: retried for the platform window.
const structural = proxyActivities<EngineActivities>({
  startToCloseTimeout: '1m',
  scheduleToCloseTimeout: '20m',
  retry: { maximumInterval: '30s' },
});

/**
 * Started by the flow's Temporal Schedule: one extraction of the ledger feed into one ledger import. When the
 * trigger leads on (a daily dunning run after the morning's extract), the rest of the flow runs after the import
 * as a run of its own, with the import's counts in `ledgerImport`; it outlives this workflow (a review can take days).
 */
export async function ledgerFeedSyncWorkflow(input: SyncLedgerFeedInput): Promise<SyncLedgerFeedResult> {
  const result = await syncLedgerFeed(input);
  // Imports that were already under way when runs began to follow them end as they began: with the import.
  if (result.status !== 'done' || !patched('ledger-feed-run-follows')) return result;
  const flow = await structural.resolveFlow({ flowId: input.flowId });
  const trigger = flow.definition.nodes.find((n) => n.kind === 'trigger.ledgerFeed');
  if (!trigger || !flow.definition.edges.some((e) => e.source === trigger.id)) return result;
  const runId = uuid4();
  const businessKey = `ledger-import-${result.importId}`;
  const runInput = { ledgerImport: { ...result, errors: result.errors.slice(0, 20) } };
  const workflowId = `run-${runId}`;
  await structural.registerRun({
    runId,
    workflowId,
    flowId: flow.flowId,
    version: flow.version,
    businessKey,
    input: runInput,
  });
  const args: FlowRunInput = {
    runId,
    flowId: flow.flowId,
    version: flow.version,
    businessKey,
    definition: flow.definition,
    input: runInput,
  };
  await startChild('flowRunWorkflow', {
    workflowId,
    args: [args],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    taskQueue: workflowInfo().taskQueue,
  });
  return result;
}
