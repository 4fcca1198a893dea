import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { FlowService } from '../services/flow.service.ts';
import { RunService, TemporalUnavailableError } from '../services/run.service.ts';
import { IdParams, withErrors } from '../schemas/common.schema.ts';
import { runStats, VARIABLE_PATH } from '../services/run-breakdown.service.ts';
import { RunStatusSchema } from '../schemas/vocabulary.schema.ts';

const RunView = Type.Object({
  runId: Type.String(),
  workflowId: Type.String(),
  flowId: Type.String(),
  version: Type.Integer(),
  businessKey: Type.String(),
  status: RunStatusSchema,
  outcome: Type.Union([Type.String(), Type.Null()]),
  currentNodes: Type.Array(Type.String()),
  isTest: Type.Boolean(),
  parentRunId: Type.Union([Type.String(), Type.Null()]),
  startedBy: Type.Union([Type.String(), Type.Null()], {
    description: 'user id; null for webhook, schedule, feed and sub-flow runs',
  }),
  error: Type.Union([Type.Unknown(), Type.Null()]),
  startedAt: Type.String(),
  endedAt: Type.Union([Type.String(), Type.Null()]),
});
const RunDetail = Type.Object({
  run: Type.Intersect([
    RunView,
    Type.Object({
      variables: Type.Record(Type.String(), Type.Unknown()),
      input: Type.Record(Type.String(), Type.Unknown()),
      waitingFor: Type.Array(Type.Unknown()),
      temporalUrl: Type.Union([Type.String(), Type.Null()]),
    }),
  ]),
  events: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      type: Type.String(),
      nodeId: Type.Union([Type.String(), Type.Null()]),
      data: Type.Unknown(),
      at: Type.String(),
    }),
  ),
});
const StartedRun = Type.Object({ runId: Type.String(), workflowId: Type.String(), version: Type.Integer() });
const TEMPORAL_ERRORS = [400, 401, 403, 404, 409, 500, 503];
const RunParams = Type.Object({ runId: Type.String({ format: 'uuid' }) });
const EventBody = Type.Object({
  event: Type.String({ pattern: '^[a-z][a-zA-Z0-9_.-]*$', maxLength: 100 }),
  payload: Type.Optional(Type.Unknown()),
  eventId: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: "the sender's id: a retried send with the same id is delivered once",
    }),
  ),
});

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
  const operate = { preHandler: app.requireRole('process_owner', 'approver', 'collector', 'manager') };
  // Totals over every case of a flow (customers, amounts): for those who may read every run.
  const oversee = { preHandler: app.requireRole('process_owner', 'manager') };

  app.post(
    '/api/runs',
    {
      ...operate,
      schema: {
        tags: ['runs'],
        summary:
          'Start a run; with an Idempotency-Key a retried start returns the first run (200) instead of starting another',
        headers: Type.Object({
          'idempotency-key': Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 200,
              pattern: '^[\\x21-\\x7e]+$',
              description: 'any printable token of the client, e.g. a UUID per business request; kept per user',
            }),
          ),
        }),
        body: Type.Object({
          flowId: Type.String({ format: 'uuid' }),
          version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
          input: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
          businessKey: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        response: withErrors({ 200: StartedRun, 201: StartedRun }, [400, 401, 403, 404, 409, 500, 503]),
      },
    },
    async (req, reply) => {
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
    },
  );
  // Statistics for charts: runs grouped by a variable (root cause, dunning level), per status, with money totals.
  app.get(
    '/api/flows/:id/breakdown',
    {
      ...oversee,
      schema: {
        tags: ['runs'],
        params: IdParams,
        querystring: Type.Object({
          groupBy: Type.String({
            pattern: VARIABLE_PATH,
            description: 'variable (or path) to group by, e.g. rootCause',
          }),
          sum: Type.Optional(
            Type.String({ pattern: VARIABLE_PATH, description: 'money variable to total per currency, e.g. amount' }),
          ),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          includeTests: Type.Boolean({ default: false }),
        }),
        response: withErrors({
          200: Type.Object({
            groupBy: Type.String(),
            sum: Type.Union([Type.String(), Type.Null()]),
            total: Type.Integer(),
            groups: Type.Array(
              Type.Object({
                key: Type.Union([Type.String(), Type.Null()], { description: 'null: runs without the variable' }),
                runs: Type.Integer(),
                byStatus: Type.Record(Type.String(), Type.Integer()),
                totals: Type.Array(
                  Type.Object({
                    currency: Type.Union([Type.String(), Type.Null()]),
                    amount: Type.String({ description: 'exact decimal' }),
                  }),
                ),
              }),
            ),
          }),
        }),
      },
    },
    async (req) => {
      await flows.get(req.params.id);
      return runStats(deps, req.params.id, req.query);
    },
  );
  app.get(
    '/api/runs',
    {
      schema: {
        tags: ['runs'],
        querystring: Type.Object({
          flowId: Type.Optional(Type.String({ format: 'uuid' })),
          version: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
          status: Type.Optional(RunStatusSchema),
          businessKey: Type.Optional(Type.String()),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
        }),
        response: withErrors({ 200: Type.Object({ items: Type.Array(RunView), total: Type.Integer() }) }),
      },
    },
    async (req) => runs.list(req.user!, req.query),
  );
  // Runs are read by the same rule as tasks: supervisors all, others what they started or hold a task in.
  app.get(
    '/api/runs/:runId',
    { schema: { tags: ['runs'], params: RunParams, response: withErrors({ 200: RunDetail }) } },
    async (req) => runs.get(req.user!, req.params.runId),
  );
  app.post(
    '/api/runs/:runId/cancel',
    {
      ...operate,
      schema: {
        tags: ['runs'],
        params: RunParams,
        response: withErrors({ 200: Type.Object({ ok: Type.Literal(true) }) }, TEMPORAL_ERRORS),
      },
    },
    async (req) => runs.cancel(req.user!, req.params.runId),
  );
  app.post(
    '/api/runs/:runId/retry',
    {
      ...operate,
      schema: {
        tags: ['runs'],
        params: RunParams,
        body: Type.Optional(Type.Object({ nodeId: Type.Optional(Type.String()) })),
        response: withErrors({ 200: Type.Object({ ok: Type.Literal(true) }) }, TEMPORAL_ERRORS),
      },
    },
    async (req) => runs.retry(req.user!, req.params.runId, req.body?.nodeId),
  );
  app.post(
    '/api/runs/:runId/events',
    {
      ...operate,
      schema: {
        tags: ['runs'],
        params: RunParams,
        body: EventBody,
        response: withErrors({ 202: Type.Object({ delivered: Type.Array(Type.String()) }) }, TEMPORAL_ERRORS),
      },
    },
    async (req, reply) => {
      reply.status(202);
      return runs.sendEvent(req.user!, { runId: req.params.runId }, req.body.event, req.body.payload, req.body.eventId);
    },
  );
  app.post(
    '/api/events',
    {
      ...operate,
      schema: {
        tags: ['runs'],
        body: Type.Intersect([
          EventBody,
          Type.Object({
            businessKey: Type.String({ minLength: 1, maxLength: 200 }),
            flowId: Type.Optional(Type.String({ format: 'uuid' })),
          }),
        ]),
        response: withErrors({ 202: Type.Object({ delivered: Type.Array(Type.String()) }) }, TEMPORAL_ERRORS),
      },
    },
    async (req, reply) => {
      reply.status(202);
      return runs.sendEvent(
        req.user!,
        { businessKey: req.body.businessKey, flowId: req.body.flowId },
        req.body.event,
        req.body.payload,
        req.body.eventId,
      );
    },
  );
};
