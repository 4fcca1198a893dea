import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { FlowService } from '../services/flow.service.ts';
import { RunService, TemporalUnavailableError } from '../services/run.service.ts';
import {
  CancelRunSchema,
  ExportRunsSchema,
  GetRunSchema,
  ListRunsSchema,
  RetryRunSchema,
  RunBreakdownSchema,
  SendEventSchema,
  SendRunEventSchema,
  StartRunSchema,
} from '../schemas/runs.schema.ts';
import { runStats } from '../services/run-breakdown.service.ts';
import { exportRuns } from '../services/runs-export.service.ts';
import { sendExport, stampedName } from '../services/table-export.service.ts';
import { recordAudit } from '../services/audit.service.ts';

/**
 * Scoped error handler: a 503 keeps its message and says when to retry (the shared handler hides 5xx text);
 * any other error goes on to the shared handler.
 */
export function temporalUnavailableHandler(err: unknown, _req: FastifyRequest, reply: FastifyReply) {
  if (!(err instanceof TemporalUnavailableError)) throw err;
  return reply.status(503).header('retry-after', '5').send(err.toJSON());
}

export const runRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const flows = new FlowService(deps);
  const runs = new RunService(deps);
  app.setErrorHandler(temporalUnavailableHandler);
  const operate = { onRequest: app.requireRole('process_owner', 'approver', 'collector', 'manager') };
  // Totals over every case of a flow (customers, amounts): for those who may read every run.
  const oversee = { onRequest: app.requireRole('process_owner', 'manager') };

  app.post('/api/runs', { ...operate, schema: StartRunSchema }, async (req, reply) => {
    const v = await flows.runnable(req.body.flowId, req.body.version);
    const key = req.headers['idempotency-key'];
    const started = await runs.start({
      flowId: req.body.flowId,
      version: v.version,
      definition: v.definition,
      input: req.body.input,
      businessKey: req.body.businessKey,
      userId: req.user!.id,
      idempotencyKey: key ? `user:${req.user!.id}:${key}` : undefined,
    });
    reply.status(started.created ? 201 : 200);
    return { runId: started.runId, workflowId: started.workflowId, version: v.version };
  });
  // Statistics for charts: runs grouped by a variable (root cause, dunning level), per status, with money totals.
  app.get('/api/flows/:id/breakdown', { ...oversee, schema: RunBreakdownSchema }, async (req) => {
    await flows.get(req.params.id);
    return runStats(deps, req.params.id, req.query);
  });
  app.get('/api/runs', { schema: ListRunsSchema }, async (req) => runs.list(req.user!, req.query));
  // Runs are read by the same rule as tasks: supervisors all, others what they started or hold a task in.
  app.get('/api/runs/:runId', { schema: GetRunSchema }, async (req) => runs.get(req.user!, req.params.runId));
  app.get('/api/runs/export', { schema: ExportRunsSchema }, async (req, reply) => {
    const { format, ...q } = req.query;
    return sendExport(reply, stampedName('runs'), format, await exportRuns(runs, req.user!, q, format));
  });
  // Stopping or resuming someone's case is recorded: who did it, to which run, from which state.
  app.post('/api/runs/:runId/cancel', { ...operate, schema: CancelRunSchema }, async (req) => {
    const r = await runs.cancel(req.user!, req.params.runId);
    await recordAudit(deps, req, {
      action: 'run.cancelled',
      targetType: 'run',
      targetId: req.params.runId,
      details: { status: r.status },
    });
    return { ok: true as const };
  });
  app.post('/api/runs/:runId/retry', { ...operate, schema: RetryRunSchema }, async (req) => {
    await runs.retry(req.user!, req.params.runId, req.body?.nodeId);
    await recordAudit(deps, req, {
      action: 'run.retried',
      targetType: 'run',
      targetId: req.params.runId,
      details: req.body?.nodeId ? { nodeId: req.body.nodeId } : {},
    });
    return { ok: true as const };
  });
  app.post('/api/runs/:runId/events', { ...operate, schema: SendRunEventSchema }, async (req, reply) => {
    reply.status(202);
    return runs.sendEvent(req.user!, { runId: req.params.runId }, req.body.event, req.body.payload, req.body.eventId);
  });
  app.post('/api/events', { ...operate, schema: SendEventSchema }, async (req, reply) => {
    reply.status(202);
    return runs.sendEvent(
      req.user!,
      { businessKey: req.body.businessKey, flowId: req.body.flowId },
      req.body.event,
      req.body.payload,
      req.body.eventId,
    );
  });
};
