import { Type } from '@sinclair/typebox';
import { CurrencyCode, DecimalString, DUNNING_BATCH_STATUSES, DUNNING_LINE_STATUSES } from '@ledgerflow/flow-model';
import { withErrors } from './common.schema.ts';
import { ExportFile, ExportFormatQuery } from './export.schema.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);
const Day = Type.String({ format: 'date' });
const Amount = Type.String({ ...DecimalString });
const BatchStatus = Type.Union(DUNNING_BATCH_STATUSES.map((s) => Type.Literal(s)));
const LineStatus = Type.Union(DUNNING_LINE_STATUSES.map((s) => Type.Literal(s)));
const Level = Type.Integer({ minimum: 1, maximum: 9 });

const BatchSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  company: Type.String(),
  flowId: Nullable(Type.String()),
  runId: Type.String(),
  asOf: Day,
  timezone: Type.String(),
  status: BatchStatus,
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Nullable(Type.String({ format: 'date-time' })),
  lineCount: Type.Integer(),
  selectedCount: Type.Integer(),
  sentCount: Type.Integer(),
});

const LineItem = Type.Object({
  document: Type.String(),
  dueDate: Nullable(Type.String()),
  days: Type.Integer(),
  openAmount: Amount,
  penaltyFlat: Amount,
  penaltyInterest: Amount,
});

export const DunningLine = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  customerName: Nullable(Type.String()),
  language: Nullable(Type.String()),
  email: Nullable(Type.String()),
  currency: CurrencyCode,
  /** What the classification proposed; `levelOverride` is the collector's change, `effectiveLevel` what is sent. */
  level: Level,
  levelOverride: Type.Union([Level, Type.Null()]),
  effectiveLevel: Level,
  days: Type.Integer(),
  balance: Amount,
  totalOpen: Amount,
  /** The flat part is in EUR (L441-10), the interest in the line's currency. */
  penaltyFlat: Amount,
  penaltyInterest: Amount,
  items: Type.Array(LineItem),
  selected: Type.Boolean(),
  status: LineStatus,
  letterKey: Nullable(Type.String()),
  error: Nullable(Type.String()),
});

const BatchParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const LineParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  lineId: Type.String({ pattern: '^[0-9]{1,18}$' }),
});

export const ListDunningBatchesSchema = {
  tags: ['dunning'],
  summary: 'Dunning batches, newest first',
  querystring: Type.Object({
    status: Type.Optional(BatchStatus),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  }),
  response: withErrors(
    { 200: Type.Object({ items: Type.Array(BatchSummary), total: Type.Integer() }) },
    [400, 401, 403, 500],
  ),
} as const;

export const ExportDunningBatchesSchema = {
  tags: ['dunning'],
  summary: 'The dunning batches list as CSV or XLSX, with the same status filter, newest first',
  querystring: Type.Object({ status: Type.Optional(BatchStatus), ...ExportFormatQuery }),
  response: withErrors({ 200: ExportFile }),
} as const;

export const GetDunningBatchSchema = {
  tags: ['dunning'],
  summary: 'A batch with its lines and the review task that sends it',
  params: BatchParams,
  response: withErrors(
    {
      200: Type.Object({
        batch: BatchSummary,
        skipped: Type.Array(Type.Object({ customerId: Type.String(), reason: Type.String() })),
        /** The levels the run has a letter for: what a collector may change a line to. */
        levels: Type.Array(Level),
        /** Completing it with outcome `send` sends the selected lines; null once the run has none. */
        task: Type.Union([
          Type.Object({ id: Type.String(), status: Type.String(), outcomes: Type.Array(Type.String()) }),
          Type.Null(),
        ]),
        lines: Type.Array(DunningLine),
      }),
    },
    [400, 401, 403, 404, 500],
  ),
} as const;

export const ExportDunningBatchSchema = {
  tags: ['dunning'],
  summary: "The batch's lines as CSV or XLSX",
  params: BatchParams,
  querystring: Type.Object({ ...ExportFormatQuery }),
  response: withErrors(
    {
      200: ExportFile,
    },
    [400, 401, 403, 404, 500],
  ),
} as const;

export const PatchDunningLineSchema = {
  tags: ['dunning'],
  summary: 'Deselect a customer or change its level while the batch is in review',
  params: LineParams,
  body: Type.Object(
    {
      selected: Type.Optional(Type.Boolean()),
      /** null goes back to the classified level. */
      levelOverride: Type.Optional(Type.Union([Level, Type.Null()])),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  response: withErrors({ 200: DunningLine }, [400, 401, 403, 404, 409, 500]),
} as const;

export const PreviewDunningLineSchema = {
  tags: ['dunning'],
  summary: "The letter this line's customer would get, and its statement PDF",
  params: LineParams,
  response: withErrors(
    {
      200: Type.Object({
        to: Nullable(Type.String()),
        level: Level,
        template: Nullable(Type.String()),
        language: Type.String(),
        subject: Type.String(),
        text: Type.String(),
        html: Type.String(),
        statement: Type.Object({ filename: Type.String(), base64: Type.String(), pageCount: Type.Integer() }),
      }),
    },
    [400, 401, 403, 404, 500],
  ),
} as const;
