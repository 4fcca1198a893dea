// The ledger KPI trend as a file: one row per month and currency, every figure in its own column, for finance's
// own spreadsheets. A trend is at most 36 months × a few currencies, so the file is built in memory.
import ExcelJS from 'exceljs';
import { AGING_BUCKET_IDS } from '@ledgerflow/flow-model';
import { csvLine } from './audit-export.service.ts';
import type { LedgerKpiTrendRow } from './ledger-kpis.service.ts';

export const LEDGER_KPI_EXPORT_COLUMNS = [
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
] as const;

// Every cell is a date, a currency code, a count or a decimal from SQL: nothing a spreadsheet could read as a formula
// (and `spreadsheetSafe` would put an apostrophe before a negative amount).
function cells(r: LedgerKpiTrendRow): string[] {
  return [
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
}

export function ledgerKpiCsv(rows: readonly LedgerKpiTrendRow[]): string {
  return [csvLine(LEDGER_KPI_EXPORT_COLUMNS), ...rows.map((r) => csvLine(cells(r)))].join('');
}

export async function ledgerKpiXlsx(rows: readonly LedgerKpiTrendRow[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('KPIs');
  sheet.addRow([...LEDGER_KPI_EXPORT_COLUMNS]);
  // Figures stay text: exact decimals, never a float a spreadsheet would round.
  for (const r of rows) sheet.addRow(cells(r));
  return Buffer.from(await book.xlsx.writeBuffer());
}
