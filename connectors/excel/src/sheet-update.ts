import ExcelJS from 'exceljs';
import { excelError } from './excel-error.ts';
import type { ResolvedFile } from './file-input.ts';
import { normaliseHeader } from './header-match.ts';
import { escapeCellText } from './sheet-writer.ts';

export interface UpdateSheetOptions {
  sheet?: string | number;
  /** Header of the key column (matched ignoring case and accents), e.g. "Document number". */
  keyColumn: string;
  /** Keys of the closed items. */
  keys: string[];
  mode: 'mark' | 'delete';
  /** mark mode: header of the status column; added at the end when missing. Default "Status". */
  statusColumn?: string;
  statusValue?: string;
  /** 1-based; default the first non-blank row */
  headerRow?: number;
  /** Compare "0000123" and "123" as the same key. */
  stripLeadingZeros?: boolean;
  action?: string;
}

export interface UpdateSheetResult {
  buffer: Buffer;
  sheet: string;
  matched: number;
  updated: number;
  deleted: number;
  /** keys not found in the sheet, so the caller can report them */
  notFound: string[];
}

function keyText(v: ExcelJS.CellValue, strip: boolean): string {
  let s: string;
  if (v === null || v === undefined) s = '';
  else if (typeof v === 'object' && 'richText' in v) s = v.richText.map((r) => r.text).join('');
  else if (typeof v === 'object' && 'result' in v) s = String(v.result ?? '');
  else if (v instanceof Date) s = v.toISOString().slice(0, 10);
  else if (typeof v === 'object' && 'text' in v) s = String(v.text);
  else s = String(v);
  s = s.trim();
  return strip && /^\d+$/.test(s) ? s.replace(/^0+(?=\d)/, '') : s;
}

/**
 * Marks or removes the rows of closed items in an existing workbook, keeping everything else
 * (formatting, other sheets) as it was. Loads the workbook whole: sheets being edited by people
 * are small, unlike imports.
 */
export async function updateSheet(file: ResolvedFile, o: UpdateSheetOptions): Promise<UpdateSheetResult> {
  const action = o.action ?? 'updateSheet';
  if (file.format !== 'xlsx')
    throw excelError({
      action,
      file: file.name,
      code: 'EXCEL_UNSUPPORTED_FORMAT',
      message: 'only .xlsx workbooks can be updated',
    });
  const wb = new ExcelJS.Workbook();
  try {
    if (file.path) await wb.xlsx.readFile(file.path);
    else await wb.xlsx.load(file.buffer as never);
  } catch (err) {
    throw excelError({
      action,
      file: file.name,
      code: 'EXCEL_FILE_CORRUPT',
      message: `the workbook could not be read: ${(err as Error).message}`,
      cause: err,
    });
  }
  const ws =
    typeof o.sheet === 'number'
      ? wb.worksheets[o.sheet - 1]
      : o.sheet
        ? wb.worksheets.find((w) => w.name.toLowerCase() === String(o.sheet).toLowerCase())
        : wb.worksheets[0];
  if (!ws)
    throw excelError({
      action,
      file: file.name,
      sheet: String(o.sheet ?? 1),
      code: 'EXCEL_SHEET_NOT_FOUND',
      message: `no such sheet (sheets: ${wb.worksheets.map((w) => w.name).join(', ')})`,
    });
  let headerRow = o.headerRow ?? 0;
  if (!headerRow) ws.eachRow((r, n) => void (headerRow ||= r.hasValues ? n : 0));
  const header = ws.getRow(headerRow || 1);
  const find = (name: string) => {
    let col = 0;
    header.eachCell(
      (c, n) => void (col ||= normaliseHeader(keyText(c.value, false)) === normaliseHeader(name) ? n : 0),
    );
    return col;
  };
  const keyCol = find(o.keyColumn);
  if (!keyCol)
    throw excelError({
      action,
      file: file.name,
      sheet: ws.name,
      row: headerRow,
      column: o.keyColumn,
      code: 'EXCEL_HEADER_MISSING',
      message: `key column '${o.keyColumn}' not found in the header row`,
    });
  let statusCol = 0;
  if (o.mode === 'mark') {
    const name = o.statusColumn ?? 'Status';
    statusCol = find(name);
    if (!statusCol) {
      statusCol = Math.max(header.cellCount, ws.actualColumnCount) + 1;
      header.getCell(statusCol).value = escapeCellText(name);
      header.getCell(statusCol).font = { bold: true };
    }
  }
  const strip = o.stripLeadingZeros ?? false;
  const wanted = new Map(
    o.keys.map((k) => [strip && /^\d+$/.test(k.trim()) ? k.trim().replace(/^0+(?=\d)/, '') : k.trim(), k]),
  );
  const found = new Set<string>();
  const hits: number[] = [];
  for (let n = headerRow + 1; n <= ws.rowCount; n++) {
    const k = keyText(ws.getRow(n).getCell(keyCol).value, strip);
    if (k && wanted.has(k)) {
      hits.push(n);
      found.add(k);
    }
  }
  let updated = 0;
  if (o.mode === 'mark') {
    for (const n of hits) {
      ws.getRow(n).getCell(statusCol).value = escapeCellText(o.statusValue ?? 'Closed');
      updated++;
    }
  } else {
    // bottom-up so earlier row numbers stay valid while splicing
    for (const n of [...hits].reverse()) ws.spliceRows(n, 1);
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    buffer,
    sheet: ws.name,
    matched: hits.length,
    updated,
    deleted: o.mode === 'delete' ? hits.length : 0,
    notFound: [...wanted.entries()].filter(([k]) => !found.has(k)).map(([, orig]) => orig),
  };
}
