// A batch's lines as a file, as reviewed: one row per customer and currency, amounts as exact decimal text.
import ExcelJS from 'exceljs';
import { csvLine, spreadsheetSafe } from './audit-export.service.ts';
import type { lineView } from './dunning-batches.service.ts';

type Line = ReturnType<typeof lineView>;

export const DUNNING_EXPORT_COLUMNS = [
  'customer',
  'name',
  'email',
  'language',
  'currency',
  'level',
  'days',
  'balance',
  'totalOpen',
  'penaltyFlatEUR',
  'penaltyInterest',
  'selected',
  'status',
] as const;

// Names and addresses come from the ERP: spreadsheetSafe keeps a formula-looking one from running.
const cells = (l: Line): string[] => [
  spreadsheetSafe(l.customerId),
  spreadsheetSafe(l.customerName ?? ''),
  spreadsheetSafe(l.email ?? ''),
  l.language ?? '',
  l.currency,
  String(l.effectiveLevel),
  String(l.days),
  l.balance,
  l.totalOpen,
  l.penaltyFlat,
  l.penaltyInterest,
  l.selected ? 'yes' : 'no',
  l.status,
];

export const dunningCsv = (lines: readonly Line[]) =>
  [csvLine(DUNNING_EXPORT_COLUMNS), ...lines.map((l) => csvLine(cells(l)))].join('');

export async function dunningXlsx(lines: readonly Line[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Dunning batch');
  sheet.addRow([...DUNNING_EXPORT_COLUMNS]);
  for (const l of lines) sheet.addRow(cells(l));
  return Buffer.from(await book.xlsx.writeBuffer());
}
