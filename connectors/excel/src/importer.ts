import { convertCell, displayValue, isBlank, type CellValue, type ColumnSpec } from './cell-convert.ts';
import { excelError } from './excel-error.ts';
import type { ResolvedFile } from './file-input.ts';
import { matchHeaders, normaliseHeader, type MappingPreset } from './header-match.ts';
import { detectHeaderRow, HEADER_SCAN_ROWS, isRepeatedHeader } from './header-row.ts';
import type { DateOrder, NumberLocale } from './locale-parse.ts';
import { openRows, type RawCell, type RawRow } from './row-source.ts';

export interface ImportOptions {
  columns: ColumnSpec[];
  /** Saved preset: source header → field. Unlisted columns are matched by name and aliases. */
  mapping?: MappingPreset;
  sheet?: string | number;
  /** 1-based; default the detected header: the row among the first 20 non-blank ones matching the most columns */
  headerRow?: number;
  locale?: NumberLocale;
  dateOrder?: DateOrder;
  date1904?: boolean;
  /** Rows whose label cell reads Total/Sous-total/Summe… are skipped and counted. false disables. */
  subtotal?: false | { labels?: string[]; fields?: string[] };
  delimiter?: string;
  encoding?: 'utf-8' | 'windows-1252' | 'latin1';
  /** For error messages: the action running the import. */
  action?: string;
}

export interface RowProblem {
  row: number;
  /** The source header (as in the file) */
  column: string;
  field: string;
  problem: string;
  value: string | number | boolean | null;
}

export type ImportEvent =
  | { kind: 'row'; row: number; values: Record<string, CellValue> }
  | { kind: 'rejected'; row: number; problems: RowProblem[]; values: Record<string, CellValue> };

export interface ImportSummary {
  file: string;
  sheet: string;
  headerRow: number;
  mapping: MappingPreset;
  unmappedHeaders: string[];
  dataRows: number;
  imported: number;
  rejected: number;
  skippedBlank: number;
  skippedSubtotal: number;
  /** Repeated header rows inside the data, skipped. */
  skippedHeader: number;
}

export interface ImportRun extends AsyncIterable<ImportEvent> {
  /** Live counters; complete once iteration has finished. */
  readonly summary: ImportSummary;
}

export const DEFAULT_SUBTOTAL_LABELS = [
  'total',
  'totaux',
  'sous-total',
  'subtotal',
  'sub-total',
  'grand total',
  'total general',
  'summe',
  'zwischensumme',
  'gesamt',
  'gesamtsumme',
  'endsumme',
];

interface Bound {
  index: number;
  header: string;
  spec: ColumnSpec;
  currencyIndex: number | undefined;
}

/**
 * Streams an import: header mapping, typed conversion, subtotal/blank skipping and a problem
 * report per row. Nothing is buffered beyond the current row, so it scales to any sheet length.
 */
export function importSheet(file: ResolvedFile, o: ImportOptions): ImportRun {
  const action = o.action ?? 'importSheet';
  const summary: ImportSummary = {
    file: file.name,
    sheet: '',
    headerRow: 0,
    mapping: {},
    unmappedHeaders: [],
    dataRows: 0,
    imported: 0,
    rejected: 0,
    skippedBlank: 0,
    skippedSubtotal: 0,
    skippedHeader: 0,
  };
  const labels = o.subtotal === false ? [] : (o.subtotal?.labels ?? DEFAULT_SUBTOTAL_LABELS).map(normaliseHeader);
  const subtotalFields = o.subtotal === false ? undefined : o.subtotal?.fields;
  const defaults = {
    locale: o.locale ?? 'auto',
    dateOrder: o.dateOrder ?? 'DMY',
    date1904: o.date1904 ?? false,
  } as const;
  const isLabel = (c: RawCell) => {
    if (typeof c !== 'string') return false;
    const n = normaliseHeader(c);
    return labels.some((l) => n === l || n.startsWith(`${l} `));
  };

  function toEvent(raw: RawRow, bound: Bound[], required: Bound[]): ImportEvent | undefined {
    if (raw.cells.every(isBlank)) {
      summary.skippedBlank++;
      return undefined;
    }
    if (isRepeatedHeader(raw.cells, bound)) {
      summary.skippedHeader++;
      return undefined;
    }
    summary.dataRows++;
    // A subtotal row carries a label and lacks row data; without configured label fields, a
    // row with all required values is kept, so a customer called "Total SA" is not skipped.
    const subtotal = subtotalFields
      ? bound.some((b) => subtotalFields.includes(b.spec.field) && isLabel(raw.cells[b.index] ?? null))
      : labels.length > 0 && required.some((b) => isBlank(raw.cells[b.index] ?? null)) && raw.cells.some(isLabel);
    if (subtotal) {
      summary.skippedSubtotal++;
      return undefined;
    }
    const values: Record<string, CellValue> = {};
    const problems: RowProblem[] = [];
    for (const b of bound) {
      const cell = raw.cells[b.index] ?? null;
      if (isBlank(cell)) {
        values[b.spec.field] = null;
        if (b.spec.required)
          problems.push({
            row: raw.row,
            column: b.header,
            field: b.spec.field,
            problem: 'required value is missing',
            value: displayValue(cell),
          });
        continue;
      }
      const r = convertCell(
        cell,
        b.spec,
        defaults,
        b.currencyIndex === undefined ? undefined : (raw.cells[b.currencyIndex] ?? null),
      );
      if (r.ok) values[b.spec.field] = r.value;
      else {
        values[b.spec.field] = null;
        problems.push({
          row: raw.row,
          column: b.header,
          field: b.spec.field,
          problem: r.problem,
          value: displayValue(cell),
        });
      }
    }
    if (problems.length) {
      summary.rejected++;
      return { kind: 'rejected', row: raw.row, problems, values };
    }
    summary.imported++;
    return { kind: 'row', row: raw.row, values };
  }

  async function* run(): AsyncGenerator<ImportEvent> {
    const src = openRows(file, { sheet: o.sheet, delimiter: o.delimiter, encoding: o.encoding, action });
    const rows = src.rows[Symbol.asyncIterator]();
    let header: RawRow | undefined;
    let replay: RawRow[] = [];
    if (o.headerRow !== undefined) {
      for (let n = await rows.next(); !n.done; n = await rows.next()) {
        if (n.value.row < o.headerRow) continue;
        header = n.value;
        break;
      }
    } else {
      const scanned: RawRow[] = [];
      for (let n = await rows.next(); !n.done; n = await rows.next()) {
        if (n.value.cells.every(isBlank)) continue;
        scanned.push(n.value);
        if (scanned.length >= HEADER_SCAN_ROWS) break;
      }
      header = detectHeaderRow(scanned, o.columns, o.mapping);
      replay = scanned.filter((r) => header && r.row > header.row);
    }
    summary.sheet = src.sheetName;
    if (!header) {
      throw excelError({
        action,
        file: file.name,
        sheet: summary.sheet || src.sheetName,
        code: 'EXCEL_EMPTY',
        message: o.headerRow
          ? `the sheet has no header row ${o.headerRow}`
          : 'the sheet is empty (no header row found)',
      });
    }
    const bound = bindHeader(header.cells, header.row, src.sheetName);
    const required = bound.filter((b) => b.spec.required);
    let previous = header.row;
    const next = async () => (replay.length ? replay.shift() : ((await rows.next()).value as RawRow | undefined));
    try {
      for (let raw = await next(); raw; raw = await next()) {
        // The xlsx stream omits empty rows entirely (and the header scan drops blank ones): a gap in row
        // numbers is that many blank rows.
        if (raw.row > previous + 1) summary.skippedBlank += raw.row - previous - 1;
        previous = raw.row;
        const ev = toEvent(raw, bound, required);
        if (ev) yield ev;
      }
    } finally {
      // A reader that stops early (a feed's page is full) closes the file here.
      await rows.return?.();
    }
  }

  function bindHeader(cells: RawCell[], row: number, sheet: string): Bound[] {
    summary.headerRow = row;
    const headers = cells.map((c) => (c === null ? '' : String(displayValue(c)).trim()));
    const m = matchHeaders(
      headers,
      o.columns.map((c) => ({ field: c.field, aliases: c.aliases })),
      o.mapping,
    );
    summary.mapping = m.mapping;
    summary.unmappedHeaders = m.unmatchedHeaders;
    const missing = o.columns.filter((c) => c.required && m.unmatchedFields.includes(c.field));
    if (missing.length) {
      const names = missing.map((c) => c.field);
      throw excelError({
        action,
        file: file.name,
        sheet,
        row,
        column: names.join(', '),
        code: 'EXCEL_HEADER_MISSING',
        message: `required column(s) ${names.map((n) => `'${n}'`).join(', ')} not found in the header row (found: ${headers
          .filter(Boolean)
          .map((h) => `'${h}'`)
          .join(', ')})`,
        details: { missing: names, headers: headers.filter(Boolean) },
      });
    }
    const indexOfField = new Map<string, number>();
    headers.forEach((h, i) => {
      const f = m.mapping[h];
      if (f && !indexOfField.has(f)) indexOfField.set(f, i);
    });
    const bound: Bound[] = [];
    for (const spec of o.columns) {
      const index = indexOfField.get(spec.field);
      if (index === undefined) continue;
      const currencyIndex = spec.currencyField ? indexOfField.get(spec.currencyField) : undefined;
      if (spec.currencyField && currencyIndex === undefined && !spec.currency) {
        throw excelError({
          action,
          file: file.name,
          sheet,
          row,
          column: spec.currencyField,
          code: 'EXCEL_HEADER_MISSING',
          message: `the currency column '${spec.currencyField}' for '${spec.field}' is not in the file and no default currency is set`,
        });
      }
      bound.push({ index, header: headers[index] ?? spec.field, spec, currencyIndex });
    }
    return bound;
  }

  return { summary, [Symbol.asyncIterator]: () => run() };
}

export interface CollectedImport {
  rows: Array<{ row: number; values: Record<string, CellValue> }>;
  rejected: Array<{ row: number; problems: RowProblem[]; values: Record<string, CellValue> }>;
  /** Flat validation report: one entry per bad cell. */
  problems: RowProblem[];
  summary: ImportSummary;
  /** True when more rows/rejections existed than `limit`; the counts in `summary` stay complete. */
  truncated: boolean;
}

/** Runs the whole import and keeps at most `limit` rows and `limit` rejected rows. */
export async function collectImport(file: ResolvedFile, o: ImportOptions, limit = 10_000): Promise<CollectedImport> {
  const run = importSheet(file, o);
  const out: CollectedImport = { rows: [], rejected: [], problems: [], summary: run.summary, truncated: false };
  for await (const ev of run) {
    if (ev.kind === 'row') {
      if (out.rows.length < limit) out.rows.push({ row: ev.row, values: ev.values });
      else out.truncated = true;
    } else if (out.rejected.length < limit) {
      out.rejected.push({ row: ev.row, problems: ev.problems, values: ev.values });
      out.problems.push(...ev.problems);
    } else out.truncated = true;
  }
  return out;
}
