// The one table export: what every list's file gets (BOM, quoting, the formula guard on text only), in both formats.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tableCsv, tableCsvStream, tableXlsx, tableXlsxStream, type ExportTable } from './table-export.service.ts';

const TABLE: ExportTable = { sheet: 'Things', columns: ['name', 'amount', 'note'], values: ['amount'] };
const ROWS = [
  ['=HYPERLINK("x")', '-12.50', 'a, "quoted"\nline'],
  ['Société', '3', '@SUM(1)'],
];

async function* pages() {
  yield ROWS.slice(0, 1);
  yield ROWS.slice(1);
}

async function text(stream: Readable) {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.from(c as string | Buffer));
  return Buffer.concat(parts);
}

const CSV =
  '\uFEFFname,amount,note\r\n' + `"'=HYPERLINK(""x"")",-12.50,"a, ""quoted""\nline"\r\n` + "Société,3,'@SUM(1)\r\n";

describe('table export', () => {
  it('writes CSV with a BOM, quoted fields, and an apostrophe before formula-like text but not before a value', () => {
    expect(tableCsv(TABLE, ROWS)).toBe(CSV);
  });

  it('streams the same CSV a page at a time', async () => {
    expect((await text(tableCsvStream(TABLE, pages()))).toString('utf8')).toBe(CSV);
  });

  it('writes XLSX cells as text, guarded the same way, buffered or streamed', async () => {
    for (const file of [await tableXlsx(TABLE, ROWS), await text(tableXlsxStream(TABLE, pages()))]) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.name).toBe('Things');
      expect([1, 2, 3].map((r) => sheet.getRow(r).values)).toEqual([
        [undefined, 'name', 'amount', 'note'],
        [undefined, `'=HYPERLINK("x")`, '-12.50', 'a, "quoted"\nline'],
        [undefined, 'Société', '3', "'@SUM(1)"],
      ]);
    }
  });
});
