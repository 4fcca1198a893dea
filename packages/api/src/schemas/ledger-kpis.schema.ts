import { Type } from '@sinclair/typebox';
import { AGING_BUCKET_IDS, DecimalString } from '@ledgerflow/flow-model';
import { withErrors } from './common.schema.ts';
import { ExportFile, ExportFormatQuery } from './export.schema.ts';

// Years 1900–2999: a 36-month trend stays inside what Postgres dates and the calendar arithmetic take.
const DATE = Type.String({
  format: 'date',
  pattern: '^(19|2\\d)\\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
  description: "a civil date in the company's timezone; the figures are as of the end of that day (default: today)",
});
const MONTH = Type.String({
  pattern: '^(19|2\\d)\\d{2}-(0[1-9]|1[0-2])$',
  description:
    'YYYY-MM; the period ends at its last day or at asOf, whichever comes first (default: the month of asOf)',
});
const Scope = {
  company: Type.Optional(Type.String({ maxLength: 100, description: 'only this company of the ledger' })),
  segment: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: "only customers of this segment (the customer's current one)",
    }),
  ),
};
const Amount = (description: string) => ({ ...DecimalString, description });
const Ratio = (description: string) => Type.Union([DecimalString, Type.Null()], { description });
const Aging = Type.Array(
  Type.Object({
    bucket: Type.Union(AGING_BUCKET_IDS.map((b) => Type.Literal(b))),
    amount: DecimalString,
    count: Type.Integer(),
  }),
  { description: 'open items by days past due at the aging day: amounts and counts' },
);
/** One currency's figures for one period; amounts and ratios rounded half-up to two decimals (docs/kpis.md). */
const KpiFigures = {
  currency: Type.String(),
  beginning: Amount('AR at the end of the day before the period'),
  ending: Amount('AR at the end of the period'),
  current: Amount('ending AR not yet due'),
  overdue: Amount('ending AR past due'),
  sales: Amount('invoices less credit notes dated in the period'),
  dso: Ratio('days: ending AR / sales × days; null without positive sales'),
  bestDso: Ratio('days: current AR / sales × days'),
  add: Ratio('average days delinquent: dso − bestDso'),
  cei: Ratio('percent: (beginning + sales − ending) / (beginning + sales − current) × 100'),
  aging: Aging,
};
const Period = {
  period: Type.String(),
  start: Type.String({ format: 'date' }),
  end: Type.String({ format: 'date' }),
  days: Type.Integer(),
};

export const LedgerKpisSchema = {
  tags: ['ledger'],
  summary:
    'Receivables KPIs from the ledger history per currency: aging as of a day, DSO, best DSO, ADD, CEI of a month',
  querystring: Type.Object({ asOf: Type.Optional(DATE), period: Type.Optional(MONTH), ...Scope }),
  response: withErrors({
    200: Type.Object({
      asOf: Type.String({ format: 'date' }),
      ...Period,
      timezone: Type.String(),
      currencies: Type.Array(Type.Object(KpiFigures)),
    }),
  }),
} as const;

const TrendQuery = Type.Object({
  months: Type.Integer({ minimum: 1, maximum: 36, default: 12 }),
  asOf: Type.Optional(DATE),
  ...Scope,
});

export const LedgerKpiTrendSchema = {
  tags: ['ledger'],
  summary: 'The ledger KPIs month by month up to asOf (the last month runs to asOf), one row per month and currency',
  querystring: TrendQuery,
  response: withErrors({
    200: Type.Object({
      asOf: Type.String({ format: 'date' }),
      timezone: Type.String(),
      rows: Type.Array(Type.Object({ ...Period, ...KpiFigures })),
    }),
  }),
} as const;

export const LedgerKpiTrendExportSchema = {
  tags: ['ledger'],
  summary: 'The monthly KPI trend as CSV or XLSX, one row per month and currency',
  querystring: Type.Composite([TrendQuery, Type.Object({ ...ExportFormatQuery })]),
  response: withErrors({
    200: ExportFile,
  }),
} as const;
