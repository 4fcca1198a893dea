export { createActivities } from './activities/index.ts';
export type { ActivityDeps } from './activities/deps.ts';
export { toFailure } from './activities/action.activity.ts';
export type * from './activities/activity-types.ts';
export {
  stateQuery,
  eventSignal,
  recordSignal,
  retrySignal,
  completeTaskUpdate,
  exemptUpdate,
  migrateUpdate,
  migrationCheckQuery,
  taskActionUpdate,
  TASK_FAILURES,
} from './workflows/messages.ts';
export type {
  RunStateView,
  ExternalEvent,
  TaskCompletion,
  MigrateRequest,
  MigrationChange,
  MigrationCheck,
  TaskAction,
  TaskActor,
  TaskFailureType,
} from './workflows/messages.ts';
export type { FlowRunInput, FlowRunResult, CarriedState } from './workflows/flow-run.types.ts';
export { WORKFLOWS_PATH, TASK_QUEUE_DEFAULT } from './paths.ts';
export {
  startTaskNoticeDispatcher,
  parseNoticeBackoff,
  DEFAULT_NOTICE_BACKOFF_MS,
  DEFAULT_NOTICE_MAX_ATTEMPTS,
} from './notices/task-notice-dispatcher.ts';
export { createTaskNotifier } from './notices/task-notifier.ts';
export { reconcileTasks, startTaskReconciler, taskRepairCount } from './activities/task-reconciler.ts';
export type { TaskNoticeDeps, TaskNoticeOptions } from './notices/task-notice-dispatcher.ts';
export { classifyDunning } from './dunning/dunning-classify.service.ts';
export type {
  ClassifyDunningOptions,
  DunningClassification,
  DunningCustomer,
  DunningInvoice,
  DunningSkipped,
} from './dunning/dunning-classify.service.ts';
export { previewDunningLetter } from './dunning/dunning-preview.service.ts';
export type { DunningLetterPreview } from './dunning/dunning-preview.service.ts';
export {
  createLetterTemplateSource,
  ensureShippedLetters,
  installLetterTemplates,
} from './letters/letter-templates.ts';
