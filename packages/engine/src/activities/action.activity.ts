import { ApplicationFailure, Context } from '@temporalio/activity';
import { ConnectorError, evaluateActionInput, LedgerflowError } from '@ledgerflow/flow-model';
import { invokeAction, type ConnectionValue, type LetterTemplateSource, type Outbox } from '@ledgerflow/connector-sdk';
import { createConnectionStore, createPgOutbox } from '@ledgerflow/db';
import type { ActivityDeps } from './deps.ts';
import { createLetterTemplateSource } from '../letters/letter-templates.ts';
import type { EngineActivities, RunActionInput, RunActionOutput } from './activity-types.ts';
import { isPlatformError, platformFailure } from './platform-errors.ts';

/** Well under the action proxy's 10 s heartbeat timeout (the SDK throttles to 80 % of it anyway). */
const HEARTBEAT_EVERY_MS = 2_000;

/** `record` is the worker's one event writer, shared so concurrent writes group into one statement. */
export function runActionActivity(deps: ActivityDeps, record: EngineActivities['recordEvents']) {
  // The letters actions send are the published ones, edited by process owners.
  const templates = createLetterTemplateSource(deps.orm, deps.registry);
  return async function runAction(input: RunActionInput): Promise<RunActionOutput> {
    const ctx = Context.current();
    // A long action keeps telling Temporal it is alive: if this worker dies, the attempt is retried elsewhere
    // after the heartbeat timeout, not after the action's whole timeout. No beat up front: most actions end
    // in milliseconds, and a heartbeat is a round trip to the server.
    const beat = setInterval(() => ctx.heartbeat(), HEARTBEAT_EVERY_MS);
    try {
      return await run(deps, record, input, ctx.cancellationSignal, templates);
    } finally {
      clearInterval(beat);
    }
  };
}

async function run(
  deps: ActivityDeps,
  record: EngineActivities['recordEvents'],
  input: RunActionInput,
  signal: AbortSignal,
  templates: LetterTemplateSource,
): Promise<RunActionOutput> {
  if (input.flush) {
    try {
      await record(input.flush);
    } catch (err) {
      throw isPlatformError(err)
        ? platformFailure(err, 'writing the run events')
        : ApplicationFailure.create({
            message: `run events not written: ${(err as Error).message}`,
            type: 'EVENTS_WRITE_FAILED',
          });
    }
  }
  const started = Date.now();
  const connector = deps.registry.get(input.connector);
  if (!connector)
    throw ApplicationFailure.nonRetryable(`unknown connector '${input.connector}'`, 'CONNECTOR_UNKNOWN', {
      connector: input.connector,
      action: input.action,
    });
  const resolved: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input.inputs)) {
    try {
      resolved[field] = await evaluateActionInput(value, input.vars, {
        timezone: input.timezone,
        calendar: input.calendar,
      });
    } catch (err) {
      throw ApplicationFailure.nonRetryable(
        `${input.connector}.${input.action}: input '${field}' could not be computed: ${(err as Error).message}`,
        'ACTION_INPUT_INVALID',
        { connector: input.connector, action: input.action, field },
      );
    }
  }
  const em = deps.orm.em.fork();
  let connection: ConnectionValue | undefined;
  try {
    if (input.connectionId) {
      const c = await createConnectionStore(em).findByIdOrName(input.connectionId);
      if (!c)
        throw ApplicationFailure.nonRetryable(
          `${input.connector}.${input.action}: connection '${input.connectionId}' does not exist`,
          'CONNECTION_UNKNOWN',
        );
      connection = { id: c.id, config: c.config, secrets: deps.secrets.decrypt(c.secrets_enc) };
    }
  } catch (err) {
    throw isPlatformError(err) ? platformFailure(err, 'reading the connection') : err;
  }
  const outbox = watchUncertain(createPgOutbox(em));
  try {
    const output = await invokeAction(connector, input.action, resolved, {
      connection,
      idempotencyKey: input.idempotencyKey,
      signal,
      logger: deps.logger,
      outbox,
      templates,
    });
    return {
      output,
      input: resolved,
      durationMs: Date.now() - started,
      ...(outbox.uncertain ? { deliveryUncertain: true } : {}),
    };
  } catch (err) {
    throw toFailure(err, input);
  }
}

/**
 * Notes when the connector found its reservation left by an earlier attempt that may have delivered
 * (not marked sent, not definitely refused): whatever it does now, the run must say so.
 */
function watchUncertain(inner: Outbox): Outbox & { uncertain: boolean } {
  const o = {
    ...inner,
    uncertain: false,
    async reserve(key: string, m: Parameters<Outbox['reserve']>[1]) {
      const existing = await inner.reserve(key, m);
      if (existing && existing.status !== 'sent' && existing.status !== 'failed') o.uncertain = true;
      return existing;
    },
  };
  return o;
}

/**
 * Validation and credential errors are not retried; platform faults (unreachable, our database away) get
 * their own codes and are retried by the workflow for a window; the rest follows the node's retry policy.
 */
export function toFailure(err: unknown, input: { connector: string; action: string }): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof ConnectorError) {
    return ApplicationFailure.create({
      message: err.message,
      type: err.code,
      nonRetryable: !err.retryable,
      details: [err.details ?? { connector: err.connector, action: err.action, record: err.record }],
    });
  }
  if (err instanceof LedgerflowError) {
    return ApplicationFailure.create({
      message: `${input.connector}.${input.action}: ${err.message}`,
      type: err.code,
      nonRetryable: !err.retryable,
      details: [err.details ?? {}],
    });
  }
  if (isPlatformError(err)) return platformFailure(err, `${input.connector}.${input.action}`);
  const message = err instanceof Error ? err.message : String(err);
  return ApplicationFailure.create({
    message: `${input.connector}.${input.action}: ${message}`,
    type: 'ACTION_FAILED',
    nonRetryable: false,
    details: [{ connector: input.connector, action: input.action }],
  });
}
