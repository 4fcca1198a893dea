import { createHash, randomUUID } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { canonicalJson, evaluateExpression, type FlowDefinition, type NodeOfKind } from '@ledgerflow/flow-model';
import { pollFeed, type ConnectionValue } from '@ledgerflow/connector-sdk';
import { createPgOutbox } from '@ledgerflow/db';
import type { ActivityDeps } from './deps.ts';
import type { SyncFeedInput, SyncFeedResult } from './activity-types.ts';
import type { FlowRunInput } from '../workflows/flow-run.types.ts';
import { insertRun } from './flows.activity.ts';
import { toFailure } from './action.activity.ts';

const MAX_PAGES = 1000;
type Trigger = NodeOfKind<'trigger.recordFeed'>;
type CaseRow = { workflow_id: string; run_id: string | null; record_hash: string; status: string };

export const caseWorkflowId = (flowId: string, key: string) => `case-${flowId}-${key}`;

/**
 * One extraction: polls every page of the flow's record feed and gives each record its own durable case.
 * New key → start a case; changed record → signal it to the running case; closed key → ignore or reopen.
 * The cursor is saved after each page and heartbeated, so a retry resumes where the last attempt stopped.
 */
export function syncFeedActivity(deps: ActivityDeps) {
  return async function syncFeed(input: SyncFeedInput): Promise<SyncFeedResult> {
    if (!deps.temporal) throw ApplicationFailure.nonRetryable('syncFeed needs a Temporal client in the worker', 'ENGINE_MISCONFIGURED');
    const conn = deps.orm.em.fork().getConnection();
    const [flow] = await conn.execute<Array<{ version: number; definition: FlowDefinition }>>(
      'select v.version, v.definition from flows f join flow_versions v on v.flow_id = f.id and v.version = f.active_version where f.id = ?', [input.flowId]);
    if (!flow) throw ApplicationFailure.nonRetryable(`flow ${input.flowId} has no active version`, 'FLOW_NOT_PUBLISHED');
    const trigger = flow.definition.nodes.find((n): n is Trigger => n.kind === 'trigger.recordFeed');
    if (!trigger) throw ApplicationFailure.nonRetryable(`flow ${input.flowId} has no record-feed trigger`, 'FLOW_INVALID');
    const cfg = trigger.config;
    const connector = deps.registry.get(cfg.connector);
    if (!connector) throw ApplicationFailure.nonRetryable(`unknown connector '${cfg.connector}'`, 'CONNECTOR_UNKNOWN');
    let connection: ConnectionValue | undefined;
    if (cfg.connectionId) {
      const [c] = await conn.execute<Array<{ id: string; config: Record<string, unknown>; secrets_enc: string }>>('select id, config, secrets_enc from connections where id::text = ? or name = ?', [cfg.connectionId, cfg.connectionId]);
      if (!c) throw ApplicationFailure.nonRetryable(`connection '${cfg.connectionId}' does not exist`, 'CONNECTION_UNKNOWN');
      connection = { id: c.id, config: c.config, secrets: deps.secrets.decrypt(c.secrets_enc) };
    }
    const ctx = Context.current();
    const heartbeat = ctx.info.heartbeatDetails as { cursor: string | null; stats: SyncFeedResult } | undefined;
    const [state] = await conn.execute<Array<{ cursor: string | null }>>('select cursor from feed_state where flow_id = ?', [input.flowId]);
    const stats: SyncFeedResult = heartbeat?.stats ?? { polled: 0, started: 0, updated: 0, unchanged: 0, ignored: 0, reopened: 0, failed: [], cursor: null };
    let cursor = heartbeat?.cursor ?? state?.cursor ?? null;
    const variable = cfg.recordVariable ?? 'record';
    const sweep = async (): Promise<void> => {
      for (let page = 0; page < MAX_PAGES; page++) {
        let result;
        try {
          result = await pollFeed(connector, cfg.feed, cfg.feedConfig ?? {}, cursor, { connection, idempotencyKey: `feed-${input.flowId}-${cursor ?? 'start'}`, signal: ctx.cancellationSignal, logger: deps.logger, outbox: createPgOutbox(deps.orm.em.fork()) });
        } catch (err) {
          throw toFailure(err, { connector: cfg.connector, action: cfg.feed });
        }
        for (const [i, record] of result.records.entries()) {
          stats.polled++;
          let key: string;
          try {
            const k = await evaluateExpression(cfg.businessKey, { [variable]: record });
            key = k === undefined || k === null || k === '' ? result.keys[i]! : String(k);
          } catch (err) {
            stats.failed.push({ key: result.keys[i] ?? `#${stats.polled}`, error: `business key: ${(err as Error).message}` });
            continue;
          }
          let changedBy: string | null | undefined;
          if (cfg.changedBy) {
            try {
              const who = await evaluateExpression(cfg.changedBy, { [variable]: record });
              changedBy = who === undefined || who === null || who === '' ? null : String(who);
            } catch (err) {
              // Four-eyes depends on it: a case is not started or updated without knowing who changed its record.
              stats.failed.push({ key, error: `changed by: ${(err as Error).message}` });
              continue;
            }
          }
          try {
            const outcome = await dispatch(deps, { flowId: input.flowId, version: flow.version, definition: flow.definition, key, record: record as Record<string, unknown>, variable, onClosed: cfg.onClosed, changedBy });
            stats[outcome]++;
          } catch (err) {
            // Part of a batch failing never loses the rest: the record is reported and retried next extraction.
            stats.failed.push({ key, error: (err as Error).message });
          }
        }
        cursor = result.cursor;
        await conn.execute(
          `insert into feed_state (flow_id, cursor, last_polled_at, last_stats) values (?, ?, now(), ?::jsonb)
           on conflict (flow_id) do update set cursor = excluded.cursor, last_polled_at = now(), last_stats = excluded.last_stats`,
          [input.flowId, cursor, JSON.stringify(stats)]);
        ctx.heartbeat({ cursor, stats });
        if (!result.hasMore) break;
      }
    };
    // A retried attempt (heartbeat present) continues the same extraction: its start time stands.
    if (!heartbeat) {
      await conn.execute(
        `insert into feed_state (flow_id, cursor, last_stats, sync_started_at) values (?, ?, ?::jsonb, now())
         on conflict (flow_id) do update set last_stats = excluded.last_stats, sync_started_at = now(), sync_finished_at = null, sync_error = null`,
        [input.flowId, cursor, JSON.stringify(stats)]);
    }
    try {
      await sweep();
    } catch (err) {
      await conn.execute('update feed_state set sync_error = ? where flow_id = ?', [(err as Error).message.slice(0, 2000), input.flowId]).catch(() => undefined);
      throw err;
    }
    stats.cursor = cursor;
    await conn.execute('update feed_state set sync_finished_at = now(), sync_error = null, last_stats = ?::jsonb where flow_id = ?', [JSON.stringify(stats), input.flowId]);
    return stats;

  };
}

async function dispatch(
  deps: ActivityDeps,
  r: { flowId: string; version: number; definition: FlowDefinition; key: string; record: Record<string, unknown>; variable: string; onClosed: 'ignore' | 'reopen'; changedBy?: string | null },
): Promise<'started' | 'updated' | 'unchanged' | 'ignored' | 'reopened'> {
  const conn = deps.orm.em.fork().getConnection();
  const hash = createHash('sha256').update(canonicalJson(r.record)).digest('hex');
  const [existing] = await conn.execute<CaseRow[]>('select workflow_id, run_id, record_hash, status from cases where flow_id = ? and business_key = ?', [r.flowId, r.key]);
  const workflowId = caseWorkflowId(r.flowId, r.key);
  if (existing && existing.status === 'open') {
    if (existing.record_hash === hash) {
      await conn.execute('update cases set last_seen_at = now() where flow_id = ? and business_key = ?', [r.flowId, r.key]);
      return 'unchanged';
    }
    try {
      await deps.temporal!.workflow.getHandle(existing.workflow_id).signal('record', { record: r.record, variable: r.variable, ...(r.changedBy !== undefined ? { changedBy: r.changedBy } : {}) });
      await conn.execute('update cases set record = ?::jsonb, record_hash = ?, updates = updates + 1, last_seen_at = now() where flow_id = ? and business_key = ?', [JSON.stringify(r.record), hash, r.flowId, r.key]);
      return 'updated';
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      // The case ended between its last write and now: treat it as closed.
      await conn.execute(`update cases set status = 'closed', closed_at = coalesce(closed_at, now()) where flow_id = ? and business_key = ?`, [r.flowId, r.key]);
      existing.status = 'closed';
    }
  }
  if (existing && existing.status === 'closed' && r.onClosed === 'ignore') {
    await conn.execute('update cases set last_seen_at = now() where flow_id = ? and business_key = ?', [r.flowId, r.key]);
    return 'ignored';
  }
  const runId = randomUUID();
  await insertRun(deps, { runId, workflowId: `${workflowId}`, flowId: r.flowId, version: r.version, businessKey: r.key, input: { [r.variable]: r.record } }).catch(async () => {
    // workflow_id is unique in runs: a reopened case reuses its workflow id, so the old projection row is renamed.
    await conn.execute(`update runs set workflow_id = workflow_id || ':' || id where workflow_id = ?`, [workflowId]);
    await insertRun(deps, { runId, workflowId, flowId: r.flowId, version: r.version, businessKey: r.key, input: { [r.variable]: r.record } });
  });
  const args: FlowRunInput = { runId, flowId: r.flowId, version: r.version, businessKey: r.key, definition: r.definition, input: { [r.variable]: r.record }, ...(r.changedBy !== undefined ? { sourceChangedBy: r.changedBy } : {}) };
  try {
    await deps.temporal!.workflow.start('flowRunWorkflow', { taskQueue: deps.taskQueue!, workflowId, args: [args], workflowIdReusePolicy: 'ALLOW_DUPLICATE' });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  await conn.execute(
    `insert into cases (flow_id, business_key, workflow_id, run_id, record, record_hash, status) values (?, ?, ?, ?, ?::jsonb, ?, 'open')
     on conflict (flow_id, business_key) do update set run_id = excluded.run_id, record = excluded.record, record_hash = excluded.record_hash, status = 'open', closed_at = null, last_seen_at = now()`,
    [r.flowId, r.key, workflowId, runId, JSON.stringify(r.record), hash]);
  return existing ? 'reopened' : 'started';
}
