import { fileURLToPath } from 'node:url';

/** Where the worker's bundler finds the workflow code. */
export const WORKFLOWS_PATH = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));
export const TASK_QUEUE_DEFAULT = 'ledgerflow';
