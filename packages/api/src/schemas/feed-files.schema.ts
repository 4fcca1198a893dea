import { Type } from '@sinclair/typebox';
import { FEED_FILE_ARRIVALS, FEED_FILE_STATUSES } from '@ledgerflow/flow-model';
import { IdParams, withErrors } from './common.schema.ts';
import { ExportFile } from './export.schema.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const RowProblem = Type.Object({
  row: Type.Integer(),
  column: Type.String(),
  field: Type.String(),
  problem: Type.String(),
  value: Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
});
const FileReport = Type.Object(
  {
    file: Type.Optional(Type.String()),
    complete: Type.Optional(Type.Boolean({ description: 'false while later pages are still being read' })),
    summary: Type.Optional(
      Type.Object(
        {
          headerRow: Type.Integer(),
          dataRows: Type.Integer(),
          imported: Type.Integer(),
          rejected: Type.Integer(),
          skippedBlank: Type.Integer(),
          skippedSubtotal: Type.Integer(),
          skippedHeader: Type.Integer(),
        },
        { additionalProperties: true },
      ),
    ),
    rejected: Type.Array(Type.Object({ row: Type.Integer(), problems: Type.Array(RowProblem) }), {
      description: 'the first 500 rejected rows, one problem per bad cell',
    }),
  },
  { additionalProperties: true },
);

export const FeedFile = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  size: Type.Integer(),
  contentType: Type.String(),
  sender: Nullable(Type.String()),
  arrivedVia: Type.Union(FEED_FILE_ARRIVALS.map((s) => Type.Literal(s))),
  receivedAt: Type.String({ format: 'date-time' }),
  status: Type.Union(FEED_FILE_STATUSES.map((s) => Type.Literal(s))),
  refusal: Nullable(Type.String()),
  report: Nullable(FileReport),
  error: Nullable(
    Type.Object(
      { code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) },
      { additionalProperties: true },
    ),
  ),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
});

const FileParams = Type.Object({ id: Type.String({ format: 'uuid' }), fileId: Type.String({ format: 'uuid' }) });

export const UploadFeedFileSchema = {
  tags: ['triggers'],
  summary:
    'Sends an .xlsx or .csv file to a file feed (multipart/form-data, one "file" part, up to 50 MB, streamed to ' +
    'storage) and runs its extraction: answers once it is done with the file and its row report. A file the feed ' +
    'cannot read is a 400 naming the file, row and column.',
  consumes: ['multipart/form-data'],
  params: IdParams,
  response: withErrors({ 200: FeedFile }, [400, 401, 403, 404, 409, 413, 500, 502]),
} as const;

export const ListFeedFilesSchema = {
  tags: ['triggers'],
  summary: 'The files a file feed received (refused mails too), newest first, and its mail-in address',
  params: IdParams,
  querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }) }),
  response: withErrors({
    200: Type.Object({
      mailIn: Type.Object({ address: Type.String(), allowedSenders: Type.Array(Type.String()) }),
      items: Type.Array(FeedFile),
    }),
  }),
} as const;

export const GetFeedFileSchema = {
  tags: ['triggers'],
  params: FileParams,
  response: withErrors({ 200: FeedFile }),
} as const;

const Format = Type.Object({
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' }),
});

export const ClosedKeysSchema = {
  tags: ['triggers'],
  summary: 'The keys whose case has closed (key, closedAt), for the extractor to take off its next list',
  params: IdParams,
  querystring: Format,
  response: withErrors({ 200: ExportFile }),
} as const;

export const ExportFeedFilesSchema = {
  tags: ['triggers'],
  summary: 'The files a file feed received (refused ones too), newest first, with their outcome, as CSV or XLSX',
  params: IdParams,
  querystring: Format,
  response: withErrors({ 200: ExportFile }),
} as const;
