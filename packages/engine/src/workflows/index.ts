// Entry for the worker's workflow bundle: every workflow type the worker serves.
export { flowRunWorkflow } from './flow-run.workflow.ts';
export { feedSyncWorkflow } from './feed-sync.workflow.ts';
export { ledgerFeedSyncWorkflow } from './ledger-feed-sync.workflow.ts';
export { connectionTestWorkflow, rotateSecretsWorkflow } from './maintenance.workflow.ts';
