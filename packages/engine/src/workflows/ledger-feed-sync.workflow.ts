import { proxyActivities } from '@temporalio/workflow';
import type { EngineActivities, SyncLedgerFeedInput, SyncLedgerFeedResult } from '../activities/activity-types.ts';

// An import is one transaction: a retried attempt starts the extraction over, so few and spaced retries.
const { syncLedgerFeed } = proxyActivities<EngineActivities>({
  startToCloseTimeout: '2h',
  heartbeatTimeout: '5m',
  retry: { maximumAttempts: 3, initialInterval: '1m', backoffCoefficient: 2 },
});

/** Started by the flow's Temporal Schedule: one extraction of the ledger feed into one ledger import. */
export async function ledgerFeedSyncWorkflow(input: SyncLedgerFeedInput): Promise<SyncLedgerFeedResult> {
  return syncLedgerFeed(input);
}
