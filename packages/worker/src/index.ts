export { createWorker, workflowBundle } from './worker.ts';
export type { WorkerOptions } from './worker.ts';
