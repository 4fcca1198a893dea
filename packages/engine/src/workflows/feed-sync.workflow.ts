import { proxyActivities } from '@temporalio/workflow';
import type { EngineActivities, SyncFeedInput, SyncFeedResult } from '../activities/activity-types.ts';

const { syncFeed } = proxyActivities<EngineActivities>({
  startToCloseTimeout: '2h',
  heartbeatTimeout: '2m',
  retry: { maximumAttempts: 5, initialInterval: '10s', backoffCoefficient: 2 },
});

/** Started by the flow's Temporal Schedule (e.g. twice a day): one extraction of the record feed. */
export async function feedSyncWorkflow(input: SyncFeedInput): Promise<SyncFeedResult> {
  return syncFeed(input);
}
