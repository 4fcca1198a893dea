// The ledger KPI trend as a file: one row per month and currency, every figure in its own column, for finance's
// own spreadsheets. A trend is at most 36 months × a few currencies, so the file is built in memory.
import { AGING_BUCKET_IDS } from '@ledgerflow/flow-model';
import type { LedgerKpiTrendRow } from './ledger-kpis.service.ts';
import { exportTable, type ExportFormat, type ExportTable } from './table-export.service.ts';

const COLUMNS = [
  'period',
  'start',
  'end',
  'days',
  'currency',
  'beginning',
  'ending',
  'current',
  'overdue',
  'sales',
  'dso',
  'bestDso',
  'add',
  'cei',
  ...AGING_BUCKET_IDS.map((b) => `aging ${b}`),
  ...AGING_BUCKET_IDS.map((b) => `count ${b}`),
];

// Every cell is a date, a currency code, a count or a decimal from SQL: nothing a spreadsheet could read as a formula,
// and a guard would put an apostrophe before a negative amount.
export const LEDGER_KPI_EXPORT: ExportTable = { sheet: 'KPIs', columns: COLUMNS, values: COLUMNS };

const cells = (r: LedgerKpiTrendRow): string[] => [
  r.period,
  r.start,
  r.end,
  String(r.days),
  r.currency,
  r.beginning,
  r.ending,
  r.current,
  r.overdue,
  r.sales,
  r.dso ?? '',
  r.bestDso ?? '',
  r.add ?? '',
  r.cei ?? '',
  ...r.aging.map((a) => a.amount),
  ...r.aging.map((a) => String(a.count)),
];

export const exportLedgerKpis = (rows: readonly LedgerKpiTrendRow[], format: ExportFormat) =>
  exportTable(LEDGER_KPI_EXPORT, format, rows.map(cells));
