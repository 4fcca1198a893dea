import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AGING_BUCKET_IDS, ConflictError, type FlowDefinition } from '@ledgerflow/flow-model';
import type { AppDeps } from '../app-deps.ts';
import { FlowService } from '../services/flow.service.ts';
import { listCases, readFeedStatus, syncFeedNow } from '../services/trigger.service.ts';
import { receivables } from '../services/receivables.service.ts';
import { VARIABLE_PATH } from '../services/run-breakdown.service.ts';
import { IdParams, withErrors } from '../schemas/common.schema.ts';
import { CaseStatusSchema, RunStatusSchema } from '../schemas/vocabulary.schema.ts';

const SyncStats = Type.Object({
  polled: Type.Integer(),
  started: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  ignored: Type.Integer(),
  reopened: Type.Integer(),
  failed: Type.Array(Type.Object({ key: Type.String(), error: Type.String() })),
  cursor: Type.Union([Type.String(), Type.Null()]),
});
const FeedStatus = Type.Object({
  state: Type.Union([Type.Literal('never'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')], {
    description: 'failed: the last attempt failed (Temporal retries it)',
  }),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  lastPageAt: Type.Union([Type.String(), Type.Null()]),
  stats: Type.Union([Type.Omit(SyncStats, ['cursor']), Type.Null()], {
    description: 'so far while running; the whole extraction once done',
  }),
  error: Type.Union([Type.String(), Type.Null()]),
});
const CaseView = Type.Object({
  businessKey: Type.String(),
  status: CaseStatusSchema,
  runId: Type.Union([Type.String(), Type.Null()]),
  runStatus: Type.Union([RunStatusSchema, Type.Null()]),
  late: Type.Boolean(),
  updates: Type.Integer(),
  record: Type.Unknown(),
  firstSeenAt: Type.String(),
  lastSeenAt: Type.String(),
  closedAt: Type.Union([Type.String(), Type.Null()]),
});

export const triggerRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const flows = new FlowService(deps);
  const owner = { preHandler: app.requireRole('process_owner') };
  // Every case of a flow with its record (customers, amounts): for those who may read every run.
  const oversee = { preHandler: app.requireRole('process_owner', 'manager') };

  app.post(
    '/api/flows/:id/feed/sync',
    { ...owner, schema: { tags: ['triggers'], params: IdParams, response: withErrors({ 200: SyncStats }) } },
    async (req) => {
      const active = await flows.runnable(req.params.id);
      // Only a record-feed trigger has an extraction to run; the sync workflow would fail on any other flow.
      if (!(active.definition as FlowDefinition).nodes.some((n) => n.kind === 'trigger.recordFeed')) {
        throw new ConflictError('NOT_A_FEED_FLOW', 'The active version of this flow is not started by a record feed', {
          flowId: req.params.id,
          version: active.version,
        });
      }
      return syncFeedNow(deps, req.params.id);
    },
  );

  // Progress of the running extraction (counts grow page by page), or how the last one ended.
  app.get(
    '/api/flows/:id/feed',
    { schema: { tags: ['triggers'], params: IdParams, response: withErrors({ 200: FeedStatus }) } },
    async (req) => {
      await flows.get(req.params.id);
      return readFeedStatus(deps, req.params.id);
    },
  );

  // Receivables KPIs from the cases of a record-feed flow of open items (invoices): aging, DSO, CEI.
  app.get(
    '/api/flows/:id/receivables',
    {
      ...oversee,
      schema: {
        tags: ['triggers'],
        summary: 'Aging, DSO and CEI from the open items a record feed keeps as cases, per currency',
        params: IdParams,
        querystring: Type.Object({
          amount: Type.String({
            pattern: VARIABLE_PATH,
            default: 'amountRemaining',
            description: 'record field with the open amount (money or decimal)',
          }),
          total: Type.Optional(
            Type.String({
              pattern: VARIABLE_PATH,
              description: 'record field with the document total, for sales (default: amount)',
            }),
          ),
          due: Type.String({
            pattern: VARIABLE_PATH,
            default: 'dueDate',
            description: 'record field with the due date (ISO)',
          }),
          date: Type.String({
            pattern: VARIABLE_PATH,
            default: 'tranDate',
            description: 'record field with the document date (ISO)',
          }),
          days: Type.Integer({ minimum: 1, maximum: 366, default: 90, description: 'period for sales, DSO and CEI' }),
          currency: Type.Optional(
            Type.String({ pattern: '^[A-Z]{3}$', description: 'when amounts are plain decimals' }),
          ),
        }),
        response: withErrors({
          200: Type.Object({
            asOf: Type.String(),
            days: Type.Integer(),
            currencies: Type.Array(
              Type.Object({
                currency: Type.Union([Type.String(), Type.Null()]),
                open: Type.String(),
                current: Type.String(),
                sales: Type.String(),
                beginning: Type.String(),
                dso: Type.Union([Type.String(), Type.Null()], {
                  description: 'days; null without sales in the period',
                }),
                cei: Type.Union([Type.String(), Type.Null()], { description: 'percent' }),
                aging: Type.Array(
                  Type.Object({
                    bucket: Type.Union(AGING_BUCKET_IDS.map((b) => Type.Literal(b))),
                    amount: Type.String(),
                    count: Type.Integer(),
                  }),
                ),
              }),
            ),
          }),
        }),
      },
    },
    async (req) => receivables(deps, req.params.id, req.query),
  );

  // The cases of a record-feed flow: the business table the extractions keep, with what is late and done.
  app.get(
    '/api/flows/:id/cases',
    {
      ...oversee,
      schema: {
        tags: ['triggers'],
        params: IdParams,
        querystring: Type.Object({
          status: Type.Optional(CaseStatusSchema),
          late: Type.Optional(Type.Boolean()),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
        }),
        response: withErrors({
          200: Type.Object({
            counts: Type.Object({ open: Type.Integer(), closed: Type.Integer(), late: Type.Integer() }),
            items: Type.Array(CaseView),
          }),
        }),
      },
    },
    async (req) => listCases(deps, req.params.id, req.query),
  );
  // The webhook's secret and its signed endpoints are in hooks.routes.ts.
};
