// Builds small workbooks in memory for the tests: real .xlsx bytes, written by exceljs.
import ExcelJS from 'exceljs';
import type { ResolvedFile } from './file-input.ts';
import { Readable } from 'node:stream';

export async function xlsxBuffer(rows: unknown[][], opts: { sheetName?: string; extraSheetFirst?: boolean; dateCells?: Array<[number, number]> } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (opts.extraSheetFirst) wb.addWorksheet('Notes').addRow(['ignore me']);
  const ws = wb.addWorksheet(opts.sheetName ?? 'Items');
  for (const r of rows) ws.addRow(r as ExcelJS.CellValue[]);
  for (const [r, c] of opts.dateCells ?? []) ws.getRow(r).getCell(c).numFmt = 'dd/mm/yyyy';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function memoryFile(name: string, buffer: Buffer): ResolvedFile {
  return { name, format: name.endsWith('.csv') ? 'csv' : 'xlsx', buffer, open: () => Readable.from([buffer]) };
}
