// The one way a list becomes a file: columns + rows of text → CSV or XLSX, buffered (small lists) or streamed a page
// at a time (the audit log, the ledger: never one string or one workbook in memory). Every export goes through here so
// the BOM, the formula guard and the response headers are the same on every list.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export type ExportFormat = 'csv' | 'xlsx';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Excel reads a CSV without a byte-order mark as the machine's code page: "Société" would come out garbled. */
export const CSV_BOM = '\uFEFF';

export type Row = readonly string[];

export interface ExportTable {
  /** The XLSX sheet's name. */
  sheet: string;
  /** Header cells, in row order. */
  columns: readonly string[];
  /**
   * Columns of machine-made values (exact decimals, dates, counts, codes): never guarded, so a negative amount
   * "-12.50" stays a number. Every other column holds text people or an ERP typed and is guarded.
   */
  values?: readonly string[];
}

/**
 * A cell a spreadsheet would read as a formula (starting with = + - @, or a tab or carriage return some programs skip
 * before one) gets a leading apostrophe, as OWASP recommends against CSV injection: an attacker's customer name cannot
 * run in a collector's Excel.
 */
export function spreadsheetSafe(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csvLine = (fields: Row) => `${fields.map(csvField).join(',')}\r\n`;

/** The row's cells with the guard on every text column. */
function guard(t: ExportTable): (r: Row) => string[] {
  const plain = t.columns.map((c) => t.values?.includes(c) ?? false);
  return (r) => r.map((cell, i) => (plain[i] ? cell : spreadsheetSafe(cell)));
}

export function tableCsv(t: ExportTable, rows: Iterable<Row>): string {
  const safe = guard(t);
  let out = CSV_BOM + csvLine(t.columns);
  for (const r of rows) out += csvLine(safe(r));
  return out;
}

export async function tableXlsx(t: ExportTable, rows: Iterable<Row>): Promise<Buffer> {
  const safe = guard(t);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(t.sheet);
  sheet.addRow([...t.columns]);
  // Cells stay text: an exact decimal never becomes a float a spreadsheet would round.
  for (const r of rows) sheet.addRow(safe(r));
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function tableCsvStream(t: ExportTable, pages: AsyncIterable<readonly Row[]>): Readable {
  const safe = guard(t);
  async function* lines() {
    yield CSV_BOM + csvLine(t.columns);
    for await (const page of pages) yield page.map((r) => csvLine(safe(r))).join('');
  }
  return Readable.from(lines());
}

export function tableXlsxStream(t: ExportTable, pages: AsyncIterable<readonly Row[]>): Readable {
  const safe = guard(t);
  const out = new PassThrough();
  const write = async () => {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const sheet = book.addWorksheet(t.sheet);
    sheet.addRow([...t.columns]).commit();
    for await (const page of pages) for (const r of page) sheet.addRow(safe(r)).commit();
    sheet.commit();
    await book.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

/** A whole list already in memory, as the asked format. */
export const exportTable = (t: ExportTable, format: ExportFormat, rows: Iterable<Row>): Promise<string | Buffer> =>
  format === 'csv' ? Promise.resolve(tableCsv(t, rows)) : tableXlsx(t, rows);

/** A list read a page at a time, streamed as the asked format. */
export const streamTable = (t: ExportTable, format: ExportFormat, pages: AsyncIterable<readonly Row[]>): Readable =>
  format === 'csv' ? tableCsvStream(t, pages) : tableXlsxStream(t, pages);

/** "runs-2026-12-07-10-30-00": the list's name and when it was taken, so two exports never overwrite each other. */
export const stampedName = (base: string) => `${base}-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}`;

/** The download headers every export sends: its type, an attachment with a safe file name, never cached. */
export function sendExport(reply: FastifyReply, name: string, format: ExportFormat, body: string | Buffer | Readable) {
  const file = `${name.replace(/[^\w.-]+/g, '-')}.${format}`;
  return reply
    .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${file}"`)
    .header('cache-control', 'no-store')
    .send(body);
}
