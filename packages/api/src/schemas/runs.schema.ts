import { Type } from '@sinclair/typebox';
import { VARIABLE_PATH } from '../services/run-breakdown.service.ts';
import { APPROVED_OUTCOMES, RUN_SORTS, RUN_TASK_FILTERS } from '@ledgerflow/db';
import { IdParams, Ok, withErrors } from './common.schema.ts';
import { RunStatusSchema } from './vocabulary.schema.ts';
import { ExportFile, ExportFormatQuery } from './export.schema.ts';

const RunView = Type.Object({
  runId: Type.String(),
  workflowId: Type.String(),
  flowId: Type.String(),
  flowName: Type.Union([Type.String(), Type.Null()], { description: "the flow's current name" }),
  version: Type.Integer(),
  businessKey: Type.String(),
  status: RunStatusSchema,
  outcome: Type.Union([Type.String(), Type.Null()]),
  currentNodes: Type.Array(Type.String()),
  currentLabels: Type.Array(Type.String(), {
    description: 'the current nodes by their label in the run’s version (the id when a node has none)',
  }),
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
      nodeLabel: Type.Union([Type.String(), Type.Null()], {
        description: "the node's label in the run's flow version (its id when it has none): what people read",
      }),
      data: Type.Unknown(),
      at: Type.String(),
    }),
  ),
});
const StartedRun = Type.Object({ runId: Type.String(), workflowId: Type.String(), version: Type.Integer() });
const Delivered = Type.Object({ delivered: Type.Array(Type.String()) });
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

export const StartRunSchema = {
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
  response: withErrors({ 200: StartedRun, 201: StartedRun }, TEMPORAL_ERRORS),
} as const;

const BreakdownTotal = Type.Object({
  currency: Type.Union([Type.String(), Type.Null()]),
  amount: Type.String({ description: 'exact decimal' }),
});

export const RunBreakdownSchema = {
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
          byOutcome: Type.Record(Type.String(), Type.Integer(), { description: 'completed runs per outcome' }),
          totals: Type.Array(BreakdownTotal, { description: 'all statuses together: read totalsByStatus' }),
          totalsByStatus: Type.Record(Type.String(), Type.Array(BreakdownTotal), {
            description: 'per run status (running, waiting, completed, cancelled, …)',
          }),
          totalsByOutcome: Type.Record(Type.String(), Type.Array(BreakdownTotal), {
            description: 'completed runs per outcome, e.g. accounted and rejected disputes apart',
          }),
        }),
      ),
    }),
  }),
} as const;

const RunFilters = {
  flowId: Type.Optional(Type.String({ format: 'uuid' })),
  version: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
  status: Type.Optional(RunStatusSchema),
  businessKey: Type.Optional(Type.String()),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'started at or after' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'started before' })),
  endedFrom: Type.Optional(Type.String({ format: 'date-time', description: 'ended at or after' })),
  late: Type.Optional(
    Type.Boolean({ description: 'open and needing someone: needs attention, or holds an open task past due' }),
  ),
  task: Type.Optional(
    Type.Union(
      RUN_TASK_FILTERS.map((f) => Type.Literal(f)),
      { description: `holds a task overdue, open (in review) or approved (outcome ${APPROVED_OUTCOMES.join('/')})` },
    ),
  ),
  taskFrom: Type.Optional(Type.String({ format: 'date-time', description: 'with task=approved: approved since' })),
  sort: Type.Union(
    RUN_SORTS.map((f) => Type.Literal(f)),
    { default: 'started' },
  ),
  order: Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'desc' }),
};

export const ExportRunsSchema = {
  tags: ['runs'],
  summary: 'The filtered runs (those the caller may read, up to 10,000) as CSV or XLSX',
  querystring: Type.Object({ ...RunFilters, ...ExportFormatQuery }),
  response: withErrors({
    200: ExportFile,
  }),
} as const;

export const ListRunsSchema = {
  tags: ['runs'],
  querystring: Type.Object({
    ...RunFilters,
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  }),
  response: withErrors({ 200: Type.Object({ items: Type.Array(RunView), total: Type.Integer() }) }),
} as const;

export const GetRunSchema = { tags: ['runs'], params: RunParams, response: withErrors({ 200: RunDetail }) } as const;

export const CancelRunSchema = {
  tags: ['runs'],
  params: RunParams,
  response: withErrors({ 200: Ok }, TEMPORAL_ERRORS),
} as const;

export const RetryRunSchema = {
  tags: ['runs'],
  params: RunParams,
  body: Type.Optional(Type.Object({ nodeId: Type.Optional(Type.String()) })),
  response: withErrors({ 200: Ok }, TEMPORAL_ERRORS),
} as const;

export const SendRunEventSchema = {
  tags: ['runs'],
  params: RunParams,
  body: EventBody,
  response: withErrors({ 202: Delivered }, TEMPORAL_ERRORS),
} as const;

export const SendEventSchema = {
  tags: ['runs'],
  body: Type.Intersect([
    EventBody,
    Type.Object({
      businessKey: Type.String({ minLength: 1, maxLength: 200 }),
      flowId: Type.Optional(Type.String({ format: 'uuid' })),
    }),
  ]),
  response: withErrors({ 202: Delivered }, TEMPORAL_ERRORS),
} as const;
