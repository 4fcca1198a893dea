import path from 'node:path';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';

/**
 * Reads an .xlsx through the zip's central directory, parsing the workbook parts before any sheet.
 *
 * exceljs' streaming WorkbookReader reads the zip front to back in one pass and only works when
 * xl/workbook.xml, the shared strings and the styles come before the sheets, or when every entry
 * reaches it. Neither holds: exceljs itself writes workbook.xml last, other tools put the sheets
 * first, and unzipper's Parse emits 'end' as soon as the input is consumed, so while the reader
 * waits on a sheet the entries still queued behind it are dropped, `this.model` stays unset and
 * the read fails with "Cannot read properties of undefined (reading 'sheets')" — depending on
 * timing, so more often under load. Here the parts are read by name, in dependency order; the
 * sheet itself still streams row by row through exceljs' own cell parsing.
 */

interface SheetModel {
  id: number;
  name: string;
  rId: string;
}
interface Relationship {
  Id: string;
  Type: string;
  Target: string;
}
type SheetReader = ExcelJS.stream.xlsx.WorksheetReader & AsyncIterable<ExcelJS.Row> & { id: number; name: string };

/** The part parsers of exceljs 4.4's streaming reader (used without its zip pass). */
interface ReaderParts {
  model?: { sheets?: SheetModel[] };
  workbookRels?: Relationship[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(
    iterator: AsyncIterable<unknown>,
    sheetNo: string,
  ): Generator<{ eventType: string; value: SheetReader }>;
}

export interface XlsxSheet {
  name: string;
  /** Streams the sheet's non-empty rows; each call reads the part afresh. */
  rows(): AsyncIterable<ExcelJS.Row>;
}

const READER_OPTIONS = {
  sharedStrings: 'cache',
  hyperlinks: 'ignore',
  styles: 'cache',
  worksheets: 'emit',
  entries: 'ignore',
} as const;

/** Worksheets in workbook order (the order of the tabs), chart sheets left out. */
export async function openXlsx(source: { path?: string; buffer?: Buffer }): Promise<XlsxSheet[]> {
  const directory = source.path
    ? await unzipper.Open.file(source.path)
    : await unzipper.Open.buffer(source.buffer ?? Buffer.alloc(0));
  const files = new Map(directory.files.filter((f) => f.type === 'File').map((f) => [f.path.replace(/^\/+/, ''), f]));
  const part = (name: string) => files.get(name)?.stream() as Readable | undefined;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(undefined as never, READER_OPTIONS) as unknown as ReaderParts;

  const rels = part('xl/_rels/workbook.xml.rels');
  if (rels) await reader._parseRels(rels);
  const workbook = part('xl/workbook.xml');
  if (!workbook) throw new Error('the zip has no xl/workbook.xml');
  await reader._parseWorkbook(workbook);
  const target = (type: string, fallback: string) => {
    const rel = reader.workbookRels?.find((r) => r.Type.endsWith(`/${type}`));
    return rel ? partPath(rel.Target) : fallback;
  };
  const strings = part(target('sharedStrings', 'xl/sharedStrings.xml'));
  if (strings) for await (const _ of reader._parseSharedStrings(strings)) void _;
  const styles = part(target('styles', 'xl/styles.xml'));
  if (styles) await reader._parseStyles(styles);

  const sheets: XlsxSheet[] = [];
  for (const [i, s] of (reader.model?.sheets ?? []).entries()) {
    const rel = reader.workbookRels?.find((r) => r.Id === s.rId);
    if (rel && !rel.Type.endsWith('/worksheet')) continue;
    const name = rel ? partPath(rel.Target) : `xl/worksheets/sheet${i + 1}.xml`;
    if (!files.has(name)) continue;
    const sheetNo = /(\d+)\.xml$/.exec(name)?.[1] ?? String(i + 1);
    sheets.push({
      name: s.name,
      rows: () => {
        const [emitted] = reader._parseWorksheet(part(name)!, sheetNo);
        if (!emitted) throw new Error(`sheet '${s.name}' could not be opened`);
        emitted.value.id = s.id;
        emitted.value.name = s.name;
        return emitted.value;
      },
    });
  }
  return sheets;
}

/** Relationship targets are relative to xl/ unless absolute within the package. */
function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join('xl', target));
}
