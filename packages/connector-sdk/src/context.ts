import './formats.ts';
import { Value } from '@sinclair/typebox/value';
import { ConnectorError } from '@ledgerflow/flow-model';
import type { Connector, ConnectorContext, ConnectionValue, FeedFile, Logger } from './define.ts';
import { createHttpClient, type HttpClientOptions } from './http-client.ts';
import { createMemoryOutbox, type Outbox } from './outbox.ts';
import { defaultLetterTemplates, type LetterTemplateSource } from './letter-templates.ts';

export interface InvokeOptions {
  connection?: ConnectionValue;
  idempotencyKey: string;
  signal?: AbortSignal;
  logger?: Logger;
  http?: Partial<HttpClientOptions>;
  now?: () => Date;
  outbox?: Outbox;
  /** The received file a file feed reads (see ConnectorContext.file). */
  file?: FeedFile;
  /** Where letters are read; defaults to the process's source (setDefaultLetterTemplates), else the shipped files. */
  templates?: LetterTemplateSource;
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export function createContext(connector: Connector, operation: string, o: InvokeOptions): ConnectorContext {
  const signal = o.signal ?? new AbortController().signal;
  const templates = o.templates ?? defaultLetterTemplates();
  return {
    connectorId: connector.id,
    operation,
    logger: o.logger ?? silent,
    http: createHttpClient({ connector: connector.id, operation, signal, ...o.http }),
    idempotencyKey: o.idempotencyKey,
    signal,
    connection: o.connection ?? { config: {}, secrets: {} },
    now: o.now ?? (() => new Date()),
    outbox: o.outbox ?? createMemoryOutbox(),
    ...(o.file ? { file: o.file } : {}),
    ...(templates ? { templates } : {}),
  };
}

/** A target system answered something the connector cannot read: names connector, action and record; not retried. */
export function malformedResponse(
  ctx: Pick<ConnectorContext, 'connectorId' | 'operation'>,
  record: string | undefined,
  message: string,
  cause?: unknown,
): ConnectorError {
  return new ConnectorError({
    connector: ctx.connectorId,
    action: ctx.operation,
    record,
    code: 'CONNECTOR_MALFORMED_RESPONSE',
    message,
    retryable: false,
    cause,
  });
}

function invalid(
  connector: string,
  action: string,
  what: 'input' | 'output',
  errors: Array<{ path: string; message: string }>,
): ConnectorError {
  return new ConnectorError({
    connector,
    action,
    code: what === 'input' ? 'CONNECTOR_INPUT_INVALID' : 'CONNECTOR_OUTPUT_INVALID',
    message: `${what} does not match its schema: ${errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ')}`,
    retryable: false,
    status: 400,
    details: { problems: errors },
  });
}

/** Runs one action with its input and output checked against their schemas. */
export async function invokeAction(
  connector: Connector,
  actionName: string,
  input: unknown,
  o: InvokeOptions,
): Promise<unknown> {
  const action = connector.actions[actionName];
  if (!action) {
    throw new ConnectorError({
      connector: connector.id,
      action: actionName,
      code: 'CONNECTOR_ACTION_UNKNOWN',
      message: `no such action (known: ${Object.keys(connector.actions).join(', ')})`,
      retryable: false,
      status: 400,
    });
  }
  const converted = Value.Default(action.input, Value.Clone(input));
  const inErrors = [...Value.Errors(action.input, converted)].map((e) => ({ path: e.path, message: e.message }));
  if (inErrors.length) throw invalid(connector.id, actionName, 'input', inErrors);
  const out = await action.run(createContext(connector, actionName, o), converted);
  const outErrors = [...Value.Errors(action.output, out)].map((e) => ({ path: e.path, message: e.message }));
  if (outErrors.length) throw invalid(connector.id, actionName, 'output', outErrors);
  return out;
}

export async function pollFeed(
  connector: Connector,
  feedName: string,
  config: unknown,
  cursor: string | null,
  o: InvokeOptions,
) {
  const feed = connector.feeds?.[feedName];
  if (!feed) {
    throw new ConnectorError({
      connector: connector.id,
      action: feedName,
      code: 'CONNECTOR_FEED_UNKNOWN',
      message: 'no such feed',
      retryable: false,
      status: 400,
    });
  }
  const cfg = Value.Default(feed.config, Value.Clone(config ?? {}));
  const errors = [...Value.Errors(feed.config, cfg)].map((e) => ({ path: e.path, message: e.message }));
  if (errors.length) throw invalid(connector.id, feedName, 'input', errors);
  const page = await feed.poll(createContext(connector, feedName, o), cfg, cursor);
  return { ...page, keys: page.records.map((r) => feed.key(r)) };
}

export async function testConnection(
  connector: Connector,
  connection: ConnectionValue,
  o: Omit<InvokeOptions, 'connection' | 'idempotencyKey'> = {},
) {
  if (!connector.connection) return { ok: true as const, message: 'this connector needs no connection' };
  return connector.connection.test(
    createContext(connector, 'testConnection', { ...o, connection, idempotencyKey: 'test-connection' }),
  );
}
