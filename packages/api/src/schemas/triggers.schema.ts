import { Type } from '@sinclair/typebox';
import { AGING_BUCKET_IDS } from '@ledgerflow/flow-model';
import { VARIABLE_PATH } from '../services/run-breakdown.service.ts';
import { IdParams, withErrors } from './common.schema.ts';
import { ExportFile, ExportFormatQuery } from './export.schema.ts';
import { CaseStatusSchema, RunStatusSchema } from './vocabulary.schema.ts';

const SyncStats = Type.Object({
  polled: Type.Integer(),
  started: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  ignored: Type.Integer(),
  reopened: Type.Integer(),
  failed: Type.Array(Type.Object({ key: Type.String(), error: Type.String() })),
  cursor: Type.Union([Type.String(), Type.Null()]),
  gone: Type.Optional(
    Type.Integer({ description: 'open cases a full extract left out: marked gone and sent the record.gone event' }),
  ),
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
  goneAt: Type.Union([Type.String(), Type.Null()], {
    description: 'when a full extract left the key out (cleared when it comes back); the case got record.gone',
  }),
});

export const SyncFeedSchema = {
  tags: ['triggers'],
  params: IdParams,
  response: withErrors({ 200: SyncStats }),
} as const;

export const FeedStatusSchema = {
  tags: ['triggers'],
  params: IdParams,
  response: withErrors({ 200: FeedStatus }),
} as const;

export const ReceivablesSchema = {
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
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'when amounts are plain decimals' })),
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
} as const;

const CaseFilters = {
  status: Type.Optional(CaseStatusSchema),
  late: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'business key contains (any case)' })),
};
export const ListCasesSchema = {
  tags: ['triggers'],
  params: IdParams,
  querystring: Type.Object({
    ...CaseFilters,
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  }),
  response: withErrors({
    200: Type.Object({
      counts: Type.Object({ open: Type.Integer(), closed: Type.Integer(), late: Type.Integer() }),
      items: Type.Array(CaseView),
    }),
  }),
} as const;

export const ExportCasesSchema = {
  tags: ['triggers'],
  summary: "A record-feed flow's cases as CSV or XLSX, with the list's filters, latest seen first (up to 10,000)",
  params: IdParams,
  querystring: Type.Object({ ...CaseFilters, ...ExportFormatQuery }),
  response: withErrors({ 200: ExportFile }),
} as const;

const NullableString = Type.Union([Type.String(), Type.Null()]);
const ScheduleStatus = Type.Object({
  flowId: Type.String(),
  state: Type.Union([Type.Literal('active'), Type.Literal('paused'), Type.Literal('inactive'), Type.Literal('none')], {
    description: 'inactive: deactivated (no Temporal schedule); none: the active version has no schedule',
  }),
  trigger: Type.Union([
    Type.Literal('trigger.schedule'),
    Type.Literal('trigger.recordFeed'),
    Type.Literal('trigger.ledgerFeed'),
    Type.Null(),
  ]),
  overlap: Type.Union([Type.Literal('allowAll'), Type.Literal('skip'), Type.Literal('bufferOne'), Type.Null()], {
    description: 'a record feed always skips: one extraction never overlaps itself',
  }),
  note: NullableString,
  nextFireAt: NullableString,
  running: Type.Union([Type.Integer(), Type.Null()], {
    description: 'runs or extractions the schedule started that still run; null under allowAll (not tracked)',
  }),
  actionsTaken: Type.Integer({ description: 'firings that started a run, since the schedule was created' }),
  skipped: Type.Object(
    {
      total: Type.Integer(),
      lastSeenAt: Type.Union([Type.String(), Type.Null()], {
        description: 'when a status read first saw a new skip (Temporal keeps counts, not the skipped times)',
      }),
    },
    { description: 'firings dropped by the overlap policy while earlier runs still ran' },
  ),
  deactivatedAt: NullableString,
});

export const ScheduleStatusSchema = {
  tags: ['triggers'],
  summary: "The flow's schedule: active, paused or deactivated, its overlap policy and the firings it skipped",
  params: IdParams,
  response: withErrors({ 200: ScheduleStatus }),
} as const;

export const ScheduleControlSchema = {
  tags: ['triggers'],
  params: IdParams,
  response: withErrors({ 200: ScheduleStatus }),
} as const;
