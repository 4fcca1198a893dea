import type { Connector, ConnectionValue } from './define.ts';
import { invokeAction, pollFeed } from './context.ts';
import { createMemoryOutbox } from './outbox.ts';

/**
 * Runs an action or feed against a fake or local server, as the worker would, with fast retries.
 * `fetch` lets a test answer HTTP calls in-process; point `connection.config` at a local server otherwise.
 */
export function connectorTestKit(
  connector: Connector,
  opts: { connection?: ConnectionValue; fetch?: typeof fetch } = {},
) {
  const http = { baseDelayMs: 1, maxDelayMs: 5, ...(opts.fetch ? { fetch: opts.fetch } : {}) };
  let n = 0;
  const outbox = createMemoryOutbox();
  return {
    outbox,
    run: (action: string, input: unknown, idempotencyKey = `test-${++n}`) =>
      invokeAction(connector, action, input, { connection: opts.connection, idempotencyKey, http, outbox }),
    poll: (feed: string, config: unknown, cursor: string | null = null) =>
      pollFeed(connector, feed, config, cursor, { connection: opts.connection, idempotencyKey: `poll-${++n}`, http }),
  };
}
