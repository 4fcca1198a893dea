import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { currencyDigits, isCanonicalDecimal, isCurrencyCode } from '@ledgerflow/flow-model';

export type ExportType = 'auto' | 'string' | 'integer' | 'decimal' | 'money' | 'date' | 'boolean';

export interface ExportColumn {
  field: string;
  header?: string;
  type?: ExportType;
  width?: number;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Formula injection (CSV/Excel "DDE"): text starting with = + - @ tab or CR is prefixed with a
 * quote so Excel shows it as text. Only strings are touched: a genuine number stays a number.
 */
export function escapeCellText(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** The value to write: typed numbers and dates stay native so users can sum and sort them. */
export function toCellValue(v: unknown, type: ExportType = 'auto'): { value: ExcelJS.CellValue; numFmt?: string } {
  if (v === null || v === undefined) return { value: null };
  if (type === 'money' && typeof v === 'object' && v !== null && 'amount' in v) {
    const m = v as { amount: unknown; currency?: unknown };
    const amount = String(m.amount);
    // The cell's format shows the currency's minor units (JPY none, KWD three) and its code; no code, no guess.
    if (isCanonicalDecimal(amount)) {
      const digits = isCurrencyCode(m.currency) ? currencyDigits(m.currency) : 2;
      return {
        value: Number(amount),
        numFmt: `#,##0${digits ? `.${'0'.repeat(digits)}` : ''}${isCurrencyCode(m.currency) ? ` "${m.currency}"` : ''}`,
      };
    }
    return { value: escapeCellText(amount) };
  }
  if (
    (type === 'decimal' || type === 'money' || type === 'integer') &&
    typeof v === 'string' &&
    isCanonicalDecimal(v.trim())
  ) {
    return { value: Number(v.trim()), numFmt: type === 'integer' ? '0' : '#,##0.00' };
  }
  if (type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    return { value: new Date(`${v}T00:00:00Z`), numFmt: 'yyyy-mm-dd' };
  }
  if (typeof v === 'number' || typeof v === 'boolean')
    return { value: type === 'string' ? escapeCellText(String(v)) : v };
  if (v instanceof Date) return { value: v, numFmt: 'yyyy-mm-dd' };
  if (typeof v === 'object') return { value: escapeCellText(JSON.stringify(v)) };
  return { value: escapeCellText(String(v)) };
}

/** Writes rows with the streaming writer: rows are committed as they go, so size is not bounded by memory. */
export async function writeRowsXlsx(
  rows: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>,
  columns: ExportColumn[],
  opts: { sheetName?: string; filename?: string; stream?: NodeJS.WritableStream } = {},
): Promise<{ rows: number; buffer?: Buffer }> {
  const chunks: Buffer[] = [];
  const sink = opts.stream ?? new PassThrough().on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink as never,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet(safeSheetName(opts.sheetName ?? 'Sheet1'), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: escapeCellText(c.header ?? c.field),
    key: c.field,
    width: c.width ?? Math.max(10, (c.header ?? c.field).length + 2),
  }));
  ws.getRow(1).font = { bold: true };
  let n = 0;
  for await (const r of rows as AsyncIterable<Record<string, unknown>>) {
    const row = ws.addRow([]);
    columns.forEach((c, i) => {
      const { value, numFmt } = toCellValue(r[c.field], c.type);
      const cell = row.getCell(i + 1);
      cell.value = value;
      if (numFmt) cell.numFmt = numFmt;
    });
    row.commit();
    n++;
  }
  ws.commit();
  await wb.commit();
  return opts.stream ? { rows: n } : { rows: n, buffer: Buffer.concat(chunks) };
}

/** Excel forbids : \ / ? * [ ] in sheet names and caps them at 31 characters. */
export function safeSheetName(name: string): string {
  return (
    name
      .replace(/[:\\/?*[\]]/g, ' ')
      .slice(0, 31)
      .trim() || 'Sheet1'
  );
}
