import { ApplicationFailure, Context } from '@temporalio/activity';
import { ConnectorError, evaluateExpression, LedgerflowError } from '@ledgerflow/flow-model';
import { invokeAction, type ConnectionValue } from '@ledgerflow/connector-sdk';
import { createPgOutbox, type ConnectionRow } from '@ledgerflow/db';
import type { ActivityDeps } from './deps.ts';
import type { EngineActivities, RunActionInput, RunActionOutput } from './activity-types.ts';

/** `record` is the worker's one event writer, shared so concurrent writes group into one statement. */
export function runActionActivity(deps: ActivityDeps, record: EngineActivities['recordEvents']) {
  return async function runAction(input: RunActionInput): Promise<RunActionOutput> {
    if (input.flush) await record(input.flush);
    const started = Date.now();
    const connector = deps.registry.get(input.connector);
    if (!connector) throw ApplicationFailure.nonRetryable(`unknown connector '${input.connector}'`, 'CONNECTOR_UNKNOWN', { connector: input.connector, action: input.action });
    const resolved: Record<string, unknown> = {};
    for (const [field, expr] of Object.entries(input.inputs)) {
      try {
        resolved[field] = await evaluateExpression(expr, input.vars, { timezone: input.timezone, calendar: input.calendar });
      } catch (err) {
        throw ApplicationFailure.nonRetryable(`${input.connector}.${input.action}: input '${field}' could not be computed: ${(err as Error).message}`, 'ACTION_INPUT_INVALID', { connector: input.connector, action: input.action, field });
      }
    }
    const em = deps.orm.em.fork();
    let connection: ConnectionValue | undefined;
    if (input.connectionId) {
      const row = await em.getConnection().execute<ConnectionRow[]>('select id, connector_id as "connectorId", config, secrets_enc as "secretsEnc" from connections where id::text = ? or name = ? limit 1', [input.connectionId, input.connectionId]);
      const c = row[0];
      if (!c) throw ApplicationFailure.nonRetryable(`${input.connector}.${input.action}: connection '${input.connectionId}' does not exist`, 'CONNECTION_UNKNOWN');
      connection = { id: c.id, config: c.config, secrets: deps.secrets.decrypt(c.secretsEnc) };
    }
    const ctx = Context.current();
    try {
      const output = await invokeAction(connector, input.action, resolved, {
        connection,
        idempotencyKey: input.idempotencyKey,
        signal: ctx.cancellationSignal,
        logger: deps.logger,
        outbox: createPgOutbox(em),
      });
      return { output, input: resolved, durationMs: Date.now() - started };
    } catch (err) {
      throw toFailure(err, input);
    }
  };
}

/** Validation and credential errors are not retried; the rest follows the node's retry policy. */
export function toFailure(err: unknown, input: { connector: string; action: string }): ApplicationFailure {
  if (err instanceof ConnectorError) {
    return ApplicationFailure.create({ message: err.message, type: err.code, nonRetryable: !err.retryable, details: [err.details ?? { connector: err.connector, action: err.action, record: err.record }] });
  }
  if (err instanceof LedgerflowError) {
    return ApplicationFailure.create({ message: `${input.connector}.${input.action}: ${err.message}`, type: err.code, nonRetryable: !err.retryable, details: [err.details ?? {}] });
  }
  const message = err instanceof Error ? err.message : String(err);
  return ApplicationFailure.create({ message: `${input.connector}.${input.action}: ${message}`, type: 'ACTION_FAILED', nonRetryable: false, details: [{ connector: input.connector, action: input.action }] });
}
