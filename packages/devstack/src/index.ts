export { startStack, REPO_ROOT } from './stack.ts';
export type { Stack, StackOptions } from './stack.ts';
export { startEmbeddedPostgres } from './postgres.ts';
export { startTemporalDevServer, freePort, waitForPort, stopChild } from './temporal.ts';
