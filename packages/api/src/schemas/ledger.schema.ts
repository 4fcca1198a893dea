import { Type } from '@sinclair/typebox';
import { DecimalString, LEDGER_ITEM_TYPE_VALUES } from '@ledgerflow/flow-model';
import { withErrors } from './common.schema.ts';
import { ExportFile, ExportFormatQuery } from './export.schema.ts';

const DATE = Type.String({ format: 'date', pattern: '^(19|2\\d)\\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' });
const NullableText = (maxLength: number, description?: string) =>
  Type.Union([Type.String({ minLength: 1, maxLength }), Type.Null()], description ? { description } : {});
const Company = Type.String({ maxLength: 100 });
const CustomerParams = Type.Object({
  company: Type.String({ maxLength: 100, description: "the ledger company; '-' for the single-company ledger ('')" }),
  customerId: Type.String({ minLength: 1, maxLength: 200 }),
});

const Balance = Type.Object({
  currency: Type.String(),
  open: DecimalString,
  overdue: DecimalString,
  items: Type.Integer(),
});
const CustomerFields = {
  company: Type.String(),
  customerId: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  segment: Type.Union([Type.String(), Type.Null()]),
  language: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  country: Type.Union([Type.String(), Type.Null()]),
  calendar: Type.Union([Type.String(), Type.Null()]),
  excluded: Type.Boolean(),
  pausedUntil: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  pauseReason: Type.Union([Type.String(), Type.Null()]),
  collector: Type.Union([Type.String(), Type.Null()]),
  manager: Type.Union([Type.String(), Type.Null()]),
  processOwner: Type.Union([Type.String(), Type.Null()]),
  dunningLevel: Type.Union([Type.Integer(), Type.Null()]),
  dunningFlaggedAt: Type.Union([Type.String(), Type.Null()]),
  dunningProcessedAt: Type.Union([Type.String(), Type.Null()]),
  dunningDate: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String(),
  balances: Type.Array(Balance, { description: 'open and overdue (due before today) balance per currency' }),
};
export const LedgerCustomer = Type.Object(CustomerFields);

const Item = Type.Object({
  id: Type.String(),
  source: Type.String(),
  document: Type.String(),
  itemType: Type.Union(LEDGER_ITEM_TYPE_VALUES.map((t) => Type.Literal(t))),
  documentDate: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  dueDate: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  currency: Type.String(),
  amount: DecimalString,
  openAmount: DecimalString,
  disputed: Type.Boolean(),
  disputeStatus: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('open'), Type.Literal('settled')]),
  settledAt: Type.Union([Type.String(), Type.Null()]),
  dunningLevel: Type.Union([Type.Integer(), Type.Null()]),
  dunningFlagged: Type.Boolean(),
  dunningProcessed: Type.Boolean(),
  dunningDate: Type.Union([Type.String(), Type.Null()]),
});
const HistoryRow = Type.Object({
  document: Type.String(),
  currency: Type.String(),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
  importId: Type.Union([Type.String(), Type.Null()]),
  openAmount: DecimalString,
  amount: DecimalString,
  dueDate: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  disputed: Type.Boolean(),
  status: Type.String(),
});

const SORTS = ['customerId', 'name', 'segment', 'updatedAt'] as const;
const ListQuery = {
  q: Type.Optional(Type.String({ maxLength: 200, description: 'customer number or name contains' })),
  company: Type.Optional(Company),
  segment: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  withOpen: Type.Optional(Type.Boolean({ description: 'only customers with open items' })),
  sort: Type.Optional(
    Type.Union(
      SORTS.map((s) => Type.Literal(s)),
      { default: 'customerId' },
    ),
  ),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' })),
  asOf: Type.Optional({ ...DATE, description: "items due before this day are overdue (default: the company's today)" }),
};

export const ListLedgerCustomersSchema = {
  tags: ['ledger'],
  summary: 'Ledger customers with their open and overdue balance per currency',
  querystring: Type.Object({
    ...ListQuery,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  }),
  response: withErrors({ 200: Type.Object({ items: Type.Array(LedgerCustomer), total: Type.Integer() }) }),
} as const;

export const ExportLedgerCustomersSchema = {
  tags: ['ledger'],
  summary: 'The ledger customers list as CSV or XLSX (same filters and order, every page)',
  querystring: Type.Object({ ...ListQuery, ...ExportFormatQuery }),
  response: withErrors({
    200: ExportFile,
  }),
} as const;

/** The filters of a customer's items and history tables: the same on the page and in its exports. */
const ItemFilters = {
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('settled')])),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'document number contains (any case)' })),
};

export const GetLedgerCustomerSchema = {
  tags: ['ledger'],
  summary: 'A ledger customer with its items (open first) and their history (newest first), filtered alike',
  params: CustomerParams,
  querystring: Type.Object({ asOf: Type.Optional(DATE), ...ItemFilters }),
  response: withErrors({
    200: Type.Object({ ...CustomerFields, items: Type.Array(Item), history: Type.Array(HistoryRow) }),
  }),
} as const;

export const ExportLedgerCustomerItemsSchema = {
  tags: ['ledger'],
  summary: "A ledger customer's items (open first) or their history (newest first) as CSV or XLSX, filtered as listed",
  params: CustomerParams,
  querystring: Type.Object({
    list: Type.Union([Type.Literal('items'), Type.Literal('history')], { default: 'items' }),
    ...ItemFilters,
    ...ExportFormatQuery,
  }),
  response: withErrors({ 200: ExportFile }),
} as const;

export const PatchLedgerCustomerSchema = {
  tags: ['ledger'],
  summary:
    "Changes a ledger customer's dunning fields and who follows it up (audited); absent fields stay, null clears",
  params: CustomerParams,
  body: Type.Object(
    {
      excluded: Type.Optional(Type.Boolean({ description: 'never dunned' })),
      pausedUntil: Type.Optional(Type.Union([DATE, Type.Null()], { description: 'not dunned before this day' })),
      pauseReason: Type.Optional(NullableText(500)),
      segment: Type.Optional(NullableText(100)),
      language: Type.Optional(NullableText(10, 'letter language, e.g. fr, en')),
      email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 320 }), Type.Null()])),
      calendar: Type.Optional(NullableText(20, 'holiday calendar, e.g. FR, DE-BY')),
      collector: Type.Optional(NullableText(200, 'user name')),
      manager: Type.Optional(NullableText(200, 'user name')),
      processOwner: Type.Optional(NullableText(200, 'user name')),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  response: withErrors({ 200: LedgerCustomer }),
} as const;

const ImportFilters = {
  source: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  company: Type.Optional(Company),
  status: Type.Optional(Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')])),
};
export const ExportLedgerImportsSchema = {
  tags: ['ledger'],
  summary: 'The ledger imports list as CSV or XLSX, with the same filters, newest first (up to 10,000)',
  querystring: Type.Object({ ...ImportFilters, ...ExportFormatQuery }),
  response: withErrors({ 200: ExportFile }),
} as const;

export const ListLedgerImportsSchema = {
  tags: ['ledger'],
  summary: 'Ledger imports, newest first, with their counts (bad rows: see errorCount; the first ones in errors)',
  querystring: Type.Object({
    ...ImportFilters,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  }),
  response: withErrors({
    200: Type.Object({
      items: Type.Array(
        Type.Object({
          id: Type.String(),
          source: Type.String(),
          company: Type.String(),
          mode: Type.String(),
          asOf: Type.String(),
          flowId: Type.Union([Type.String(), Type.Null()]),
          status: Type.String(),
          rowsRead: Type.Integer(),
          inserted: Type.Integer(),
          updated: Type.Integer(),
          unchanged: Type.Integer(),
          settled: Type.Integer(),
          errorCount: Type.Integer(),
          failure: Type.Union([Type.String(), Type.Null()]),
          startedAt: Type.String(),
          finishedAt: Type.Union([Type.String(), Type.Null()]),
        }),
      ),
      total: Type.Integer(),
    }),
  }),
} as const;

export const SyncLedgerFeedSchema = {
  tags: ['ledger'],
  summary: "Runs the flow's ledger feed now (one import) and answers with its counts once it is done",
  params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
  response: withErrors({
    200: Type.Object({
      importId: Type.String(),
      status: Type.Union([Type.Literal('done'), Type.Literal('failed')]),
      pages: Type.Integer(),
      rowsRead: Type.Integer(),
      inserted: Type.Integer(),
      updated: Type.Integer(),
      unchanged: Type.Integer(),
      settled: Type.Integer(),
      errorCount: Type.Integer(),
      errors: Type.Array(Type.Object({ row: Type.Integer(), field: Type.String(), message: Type.String() })),
    }),
  }),
} as const;
