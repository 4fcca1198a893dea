import { displayValue, isBlank, type ColumnSpec } from './cell-convert.ts';
import { matchHeaders, normaliseHeader, type MappingPreset } from './header-match.ts';
import type { RawCell, RawRow } from './row-source.ts';

/** How many non-blank rows the header detection looks at. */
export const HEADER_SCAN_ROWS = 20;

const text = (c: RawCell) => (c === null ? '' : String(displayValue(c)).trim());

/**
 * Without `headerRow`, the header is the row among the first HEADER_SCAN_ROWS non-blank ones that matches the most
 * columns (required ones first; the earliest wins a tie), so a title, a date line or an empty first column above
 * the table is not taken for it. No row matching anything: the first non-blank one, whose missing columns are then
 * reported.
 */
export function detectHeaderRow(
  scanned: RawRow[],
  columns: ColumnSpec[],
  mapping: MappingPreset | undefined,
): RawRow | undefined {
  let best: RawRow | undefined;
  let bestScore = 0;
  for (const raw of scanned) {
    const m = matchHeaders(
      raw.cells.map(text),
      columns.map((c) => ({ field: c.field, aliases: c.aliases })),
      mapping,
    );
    const found = columns.filter((c) => !m.unmatchedFields.includes(c.field));
    const score = found.filter((c) => c.required).length * 1000 + found.length;
    if (score > bestScore) [best, bestScore] = [raw, score];
  }
  return best ?? scanned[0];
}

/**
 * A header row repeated inside the data (a report printed page by page, sheets pasted together) is not data:
 * every mapped cell reads its column's title (a blank is allowed for an optional column).
 */
export function isRepeatedHeader(
  cells: RawCell[],
  bound: Array<{ index: number; header: string; spec: Pick<ColumnSpec, 'required'> }>,
): boolean {
  let titles = 0;
  for (const b of bound) {
    const c = cells[b.index] ?? null;
    if (isBlank(c)) {
      if (b.spec.required) return false;
    } else if (normaliseHeader(text(c)) === normaliseHeader(b.header)) titles++;
    else return false;
  }
  return titles > 0;
}
