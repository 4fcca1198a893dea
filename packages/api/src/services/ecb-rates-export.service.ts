// The ECB rates table as a file: one row per rate, the rate as exact decimal text.
import ExcelJS from 'exceljs';
import { csvLine, spreadsheetSafe } from './audit-export.service.ts';
import type { listEcbRates } from './ecb-rates.service.ts';

type Rate = Awaited<ReturnType<typeof listEcbRates>>['rates'][number];

export const ECB_EXPORT_COLUMNS = ['effectiveDate', 'ratePercent', 'createdAt', 'createdBy'] as const;

const cells = (r: Rate): string[] => [r.effectiveDate, r.rate, r.createdAt, spreadsheetSafe(r.createdBy ?? '')];

export const ecbRatesCsv = (rates: readonly Rate[]) =>
  [csvLine(ECB_EXPORT_COLUMNS), ...rates.map((r) => csvLine(cells(r)))].join('');

export async function ecbRatesXlsx(rates: readonly Rate[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('ECB rates');
  sheet.addRow([...ECB_EXPORT_COLUMNS]);
  for (const r of rates) sheet.addRow(cells(r));
  return Buffer.from(await book.xlsx.writeBuffer());
}
