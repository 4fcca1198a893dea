export { startStack, REPO_ROOT, findTemporalCli, findTemporalTestServer } from './stack.ts';
export type { Stack, StackOptions } from './stack.ts';
export { startEmbeddedPostgres } from './postgres.ts';
export { startTemporalDevServer, freePort, waitForPort, stopChild } from './temporal.ts';
export { createSmtpSink } from './smtp-sink.ts';
export type { SmtpSink, SmtpSinkOptions, SinkMessage, SinkAttachment } from './smtp-sink.ts';
