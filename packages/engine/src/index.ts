export { createActivities } from './activities/index.ts';
export type { ActivityDeps } from './activities/deps.ts';
export { insertRun } from './activities/flows.activity.ts';
export { toFailure } from './activities/action.activity.ts';
export type * from './activities/activity-types.ts';
export { stateQuery, eventSignal, recordSignal, retrySignal, completeTaskUpdate, exemptUpdate, migrateUpdate } from './workflows/messages.ts';
export type { RunStateView, ExternalEvent, TaskCompletion, MigrateRequest } from './workflows/messages.ts';
export type { FlowRunInput, FlowRunResult, CarriedState } from './workflows/flow-run.types.ts';
export { WORKFLOWS_PATH, TASK_QUEUE_DEFAULT } from './paths.ts';
