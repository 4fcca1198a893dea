import { buffer } from 'node:stream/consumers';
import { excelError } from './excel-error.ts';
import type { ResolvedFile } from './file-input.ts';
import { openXlsx } from './xlsx-reader.ts';

/** A cell as read: exceljs already turns date-formatted numbers into Dates. */
export type RawCell = string | number | boolean | Date | { error: string } | null;

export interface RawRow {
  /** 1-based row number as the user sees it in Excel (or the CSV line's record number). */
  row: number;
  cells: RawCell[];
}

export interface SourceOptions {
  /** Sheet name or 1-based index; default the first sheet. */
  sheet?: string | number;
  /** CSV only: default detected from the first line among ; , tab and |. */
  delimiter?: string;
  /** CSV only: default utf-8 (a BOM is skipped). */
  encoding?: 'utf-8' | 'windows-1252' | 'latin1';
  action: string;
}

export interface RowSource {
  sheetName: string;
  rows: AsyncIterable<RawRow>;
}

function plain(v: unknown): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
    if ('error' in o) return { error: String(o.error) };
    if ('result' in o) return plain(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if ('text' in o) return plain(o.text);
  }
  return String(v);
}

/** Streams the rows of one sheet: memory stays flat however long the sheet is. */
async function* xlsxRows(file: ResolvedFile, o: SourceOptions, found: (name: string) => void): AsyncGenerator<RawRow> {
  let seen: string[] = [];
  try {
    const sheets = await openXlsx({
      path: file.path,
      buffer: file.buffer ?? (file.path ? undefined : await buffer(file.open())),
    });
    seen = sheets.map((s) => s.name);
    const sheet =
      o.sheet === undefined
        ? sheets[0]
        : typeof o.sheet === 'number'
          ? sheets[o.sheet - 1]
          : sheets.find((s) => s.name.trim().toLowerCase() === String(o.sheet).trim().toLowerCase());
    if (sheet) {
      found(sheet.name);
      for await (const r of sheet.rows()) {
        const values = r.values as unknown[];
        const cells: RawCell[] = [];
        for (let c = 1; c < values.length; c++) cells.push(plain(values[c]));
        yield { row: r.number, cells };
      }
      return;
    }
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('EXCEL_')) throw err;
    throw excelError({
      action: o.action,
      file: file.name,
      code: 'EXCEL_FILE_CORRUPT',
      message: `the workbook could not be read (damaged or not an .xlsx file): ${(err as Error).message}`,
      cause: err,
    });
  }
  throw excelError({
    action: o.action,
    file: file.name,
    sheet: String(o.sheet ?? 1),
    code: 'EXCEL_SHEET_NOT_FOUND',
    message: `no sheet ${typeof o.sheet === 'number' ? `number ${o.sheet}` : `'${o.sheet ?? 1}'`} (sheets: ${seen.join(', ') || 'none'})`,
    details: { sheets: seen },
  });
}

/** RFC 4180 CSV, streamed chunk by chunk, with quoted fields spanning lines. */
async function* csvRows(file: ResolvedFile, o: SourceOptions): AsyncGenerator<RawRow> {
  const decoder = new TextDecoder(o.encoding ?? 'utf-8', { fatal: (o.encoding ?? 'utf-8') === 'utf-8' });
  let delimiter = o.delimiter;
  let field = '';
  let fields: string[] = [];
  let inQuotes = false;
  let quoteSeen = false;
  let row = 0;
  let first = true;
  let pendingCR = false;
  let delimiterCode = -1;
  const endRow = (): RawRow => {
    fields.push(field);
    const out = { row: ++row, cells: fields.map((f) => (f === '' ? null : f)) };
    field = '';
    fields = [];
    quoteSeen = false;
    return out;
  };
  let text: string;
  try {
    for await (const chunk of file.open()) {
      text = decoder.decode(chunk as Buffer, { stream: true });
      if (first) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        if (text.includes('\0'))
          throw excelError({
            action: o.action,
            file: file.name,
            code: 'EXCEL_FILE_CORRUPT',
            message: 'the file is binary, not CSV text (wrong extension?)',
          });
        if (!delimiter) {
          const line = text.split(/\r?\n/, 1)[0] ?? '';
          const counts = [';', ',', '\t', '|']
            .map((d) => [d, line.split(d).length - 1] as const)
            .sort((a, b) => b[1] - a[1]);
          delimiter = (counts[0]?.[1] ?? 0) > 0 ? counts[0]![0] : ',';
        }
        first = false;
        // Only a one-character delimiter ever matched a character; -1 matches none, as before.
        delimiterCode = delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
      }
      for (let i = 0; i < text.length; i++) {
        const ch = text[i]!;
        if (pendingCR) {
          pendingCR = false;
          if (ch === '\n') continue;
        }
        if (inQuotes) {
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i++;
            } else if (i + 1 === text.length) {
              // A quote at a chunk end may be half of "": peek is impossible, so treat as close and let the next '"' reopen.
              inQuotes = false;
              quoteSeen = true;
            } else inQuotes = false;
          } else {
            // The run up to the next quote is appended at once: one slice, not one string per character.
            const end = text.indexOf('"', i + 1);
            const stop = end < 0 ? text.length : end;
            field += text.slice(i, stop);
            i = stop - 1;
          }
        } else if (ch === '"' && (field === '' || quoteSeen)) {
          if (quoteSeen) field += '"';
          inQuotes = true;
        } else if (ch === delimiter) {
          fields.push(field);
          field = '';
          quoteSeen = false;
        } else if (ch === '\n' || ch === '\r') {
          pendingCR = ch === '\r';
          yield endRow();
        } else {
          // Likewise up to the next quote, delimiter or line end (each handled by the branches above).
          let stop = i + 1;
          for (; stop < text.length; stop++) {
            const c = text.charCodeAt(stop);
            if (c === 34 || c === 10 || c === 13 || c === delimiterCode) break;
          }
          field += text.slice(i, stop);
          i = stop - 1;
        }
      }
    }
    text = decoder.decode();
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('EXCEL_')) throw err;
    throw excelError({
      action: o.action,
      file: file.name,
      code: 'EXCEL_FILE_CORRUPT',
      message: `the CSV could not be decoded as ${o.encoding ?? 'utf-8'} (set the encoding, e.g. windows-1252): ${(err as Error).message}`,
      cause: err,
    });
  }
  if (inQuotes)
    throw excelError({
      action: o.action,
      file: file.name,
      row: row + 1,
      code: 'EXCEL_FILE_CORRUPT',
      message: 'unterminated quoted field at end of file',
    });
  if (field !== '' || fields.length) yield endRow();
}

export function openRows(file: ResolvedFile, o: SourceOptions): RowSource {
  const src: RowSource = { sheetName: file.format === 'csv' ? file.name : String(o.sheet ?? ''), rows: [] as never };
  src.rows = file.format === 'csv' ? csvRows(file, o) : xlsxRows(file, o, (n) => (src.sheetName = n));
  return src;
}
