import { createHash, randomUUID } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { canonicalJson, evaluateExpression, type FlowDefinition } from '@ledgerflow/flow-model';
import { pollFeed } from '@ledgerflow/connector-sdk';
import { createCaseStore, createFeedStateStore, createPgOutbox, createRunStore } from '@ledgerflow/db';
import type { ActivityDeps } from './deps.ts';
import type { SyncFeedInput, SyncFeedResult } from './activity-types.ts';
import type { FlowRunInput } from '../workflows/flow-run.types.ts';
import { toFailure } from './action.activity.ts';
import { FileReport, markGoneCases, type FileReportValue } from './feed-gone.ts';
import { loadFeedSource } from './feed-source.ts';

const MAX_PAGES = 1000;

export const caseWorkflowId = (flowId: string, key: string) => `case-${flowId}-${key}`;

/**
 * One extraction: polls every page of the flow's record feed and gives each record its own durable case.
 * New key → start a case; changed record → signal it to the running case; closed key → ignore or reopen.
 * The cursor is saved after each page and heartbeated, so a retry resumes where the last attempt stopped.
 */
export function syncFeedActivity(deps: ActivityDeps) {
  return async function syncFeed(input: SyncFeedInput): Promise<SyncFeedResult> {
    if (!deps.temporal)
      throw ApplicationFailure.nonRetryable('syncFeed needs a Temporal client in the worker', 'ENGINE_MISCONFIGURED');
    const em = deps.orm.em.fork();
    const feedState = createFeedStateStore(em);
    const { flow, cfg, connector, connection, files, file } = await loadFeedSource(
      deps,
      em,
      input,
      'trigger.recordFeed',
    );
    const ctx = Context.current();
    const heartbeat = ctx.info.heartbeatDetails as
      | { cursor: string | null; stats: SyncFeedResult; since?: string; full?: boolean; report?: FileReportValue }
      | undefined;
    const report = new FileReport(heartbeat?.report);
    let full = heartbeat?.full ?? false;
    const since = heartbeat?.since ? new Date(heartbeat.since) : await createCaseStore(em).now();
    const stats: SyncFeedResult = heartbeat?.stats ?? {
      polled: 0,
      started: 0,
      updated: 0,
      unchanged: 0,
      ignored: 0,
      reopened: 0,
      failed: [],
      cursor: null,
    };
    // A file extraction reads one received file; the feed's own cursor (for polled sources) is left alone.
    let cursor = heartbeat?.cursor ?? (input.fileId ? null : await feedState.cursor(input.flowId));
    const variable = cfg.recordVariable ?? 'record';
    const sweep = async (): Promise<void> => {
      for (let page = 0; page < MAX_PAGES; page++) {
        let result;
        try {
          result = await pollFeed(connector, cfg.feed, cfg.feedConfig ?? {}, cursor, {
            connection,
            idempotencyKey: `feed-${input.flowId}-${cursor ?? 'start'}`,
            signal: ctx.cancellationSignal,
            logger: deps.logger,
            outbox: createPgOutbox(deps.orm.em.fork()),
            file,
          });
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
            stats.failed.push({
              key: result.keys[i] ?? `#${stats.polled}`,
              error: `business key: ${(err as Error).message}`,
            });
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
            const outcome = await dispatch(deps, {
              flowId: input.flowId,
              version: flow.version,
              definition: flow.definition,
              key,
              record: record as Record<string, unknown>,
              variable,
              onClosed: cfg.onClosed,
              changedBy,
            });
            stats[outcome]++;
          } catch (err) {
            // Part of a batch failing never loses the rest: the record is reported and retried next extraction.
            stats.failed.push({ key, error: (err as Error).message });
          }
        }
        cursor = result.cursor;
        full ||= result.full === true;
        if (files && result.report) await files.saveReport(input.fileId!, report.add(result.report));
        await feedState.savePage(input.flowId, input.fileId ? null : cursor, stats);
        ctx.heartbeat({ cursor, stats, since: since.toISOString(), full, report: report.value });
        if (!result.hasMore) break;
      }
    };
    // A retried attempt (heartbeat present) continues the same extraction: its start time stands.
    if (!heartbeat) {
      await feedState.start(input.flowId, cursor, stats);
      if (files) await files.extracting(input.fileId!);
    }
    try {
      await sweep();
      // Only a clean full extract says what left the source: a rejected row or a failed record is a key that
      // may still be there, and must not be taken for gone.
      if (full && !report.rejectedRows && !stats.failed.length)
        stats.gone = await markGoneCases(deps, input.flowId, since, input.fileId ?? since.toISOString());
    } catch (err) {
      await feedState.fail(input.flowId, (err as Error).message).catch(() => undefined);
      await files?.finish(input.fileId!, { status: 'failed', error: errorOf(err) }).catch(() => undefined);
      throw err;
    }
    stats.cursor = cursor;
    await feedState.finish(input.flowId, stats);
    await files?.finish(input.fileId!, { status: 'done', report: { ...report.value, extraction: stats } });
    return stats;
  };
}

/** What a failed file extraction keeps for the API and the designer: the failure's code, message and details. */
export function errorOf(err: unknown, fallbackCode = 'FEED_FILE_FAILED'): Record<string, unknown> {
  const f = err as { type?: string; code?: string; message?: string; details?: unknown[] };
  return {
    code: f.type ?? f.code ?? fallbackCode,
    message: f.message ?? String(err),
    details: (Array.isArray(f.details) ? f.details[0] : undefined) ?? {},
  };
}

async function dispatch(
  deps: ActivityDeps,
  r: {
    flowId: string;
    version: number;
    definition: FlowDefinition;
    key: string;
    record: Record<string, unknown>;
    variable: string;
    onClosed: 'ignore' | 'reopen';
    changedBy?: string | null;
  },
): Promise<'started' | 'updated' | 'unchanged' | 'ignored' | 'reopened'> {
  const em = deps.orm.em.fork();
  const cases = createCaseStore(em);
  const runs = createRunStore(em);
  const hash = createHash('sha256').update(canonicalJson(r.record)).digest('hex');
  const existing = await cases.get(r.flowId, r.key);
  const workflowId = caseWorkflowId(r.flowId, r.key);
  if (existing && existing.status === 'open') {
    if (existing.record_hash === hash) {
      await cases.markSeen(r.flowId, r.key);
      return 'unchanged';
    }
    try {
      await deps.temporal!.workflow.getHandle(existing.workflow_id).signal('record', {
        record: r.record,
        variable: r.variable,
        ...(r.changedBy !== undefined ? { changedBy: r.changedBy } : {}),
      });
      await cases.recordChanged(r.flowId, r.key, r.record, hash);
      return 'updated';
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      // The case ended between its last write and now: treat it as closed.
      await cases.close(r.flowId, r.key);
      existing.status = 'closed';
    }
  }
  if (existing && existing.status === 'closed' && r.onClosed === 'ignore') {
    await cases.markSeen(r.flowId, r.key);
    return 'ignored';
  }
  const runId = randomUUID();
  const run = {
    runId,
    workflowId,
    flowId: r.flowId,
    version: r.version,
    businessKey: r.key,
    input: { [r.variable]: r.record },
  };
  await runs.register(run).catch(async () => {
    // workflow_id is unique in runs: a reopened case reuses its workflow id, so the old projection row is renamed.
    await runs.releaseWorkflowId(workflowId);
    await runs.register(run);
  });
  const args: FlowRunInput = {
    runId,
    flowId: r.flowId,
    version: r.version,
    businessKey: r.key,
    definition: r.definition,
    input: { [r.variable]: r.record },
    ...(r.changedBy !== undefined ? { sourceChangedBy: r.changedBy } : {}),
  };
  try {
    await deps.temporal!.workflow.start('flowRunWorkflow', {
      taskQueue: deps.taskQueue!,
      workflowId,
      args: [args],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  await cases.open({ flowId: r.flowId, businessKey: r.key, workflowId, runId, record: r.record, recordHash: hash });
  return existing ? 'reopened' : 'started';
}
