import { compareDecimal, isCanonicalDecimal } from '../money/decimal.ts';
import { dayNumber, parseDateValue, type ParsedDate } from '../calendar/zoned-time.ts';
import { foldText, isEmptyValue, MAX_SUBJECT, readAmount, safeRegex, type RuleContext } from './rule-operators.ts';

/**
 * A decision-table operator split in three so a table does the expensive work once: `cell` parses a static cell
 * when the table is compiled, `fact` parses the column's fact once per evaluation, `test` only compares. The parsing
 * is rule-operators.ts's own (readAmount, parseDateValue, foldText, safeRegex); the differential property test
 * holds each `test(fact(f), cell(v))` equal to the json-rules-engine path's `op(f, v)`.
 */
export interface CellOperator {
  fact(v: unknown, ctx: RuleContext): unknown;
  cell(v: unknown, timezone: string): unknown;
  test(fact: unknown, cell: unknown, ctx: RuleContext): boolean;
  /** json-rules-engine's in/notIn call `value.indexOf` and throw when the value has none. */
  mayThrow?: boolean;
}

type Amount = NonNullable<ReturnType<typeof readAmount>>;
interface DateView {
  parsed: ParsedDate;
  day: number;
}
interface Indexable {
  indexOf(x: unknown): number;
}

const same = (v: unknown) => v;

function amount(accept: (c: number) => boolean): CellOperator {
  return {
    fact: (v) => readAmount(v),
    cell: (v) => readAmount(v),
    test: (f, c) => {
      const a = f as Amount | null;
      const b = c as Amount | null;
      if (!a || !b) return false;
      // Euros against dollars have no answer: every comparison is false (as in rule-operators.ts).
      if (a.currency && b.currency && a.currency !== b.currency) return false;
      return accept(compareDecimal(a.value, b.value));
    },
  };
}

function dateView(v: unknown, timezone: string): DateView | null {
  const parsed = parseDateValue(v, timezone);
  return parsed ? { parsed, day: dayNumber(parsed.local) } : null;
}

function dates(accept: (c: number) => boolean): CellOperator {
  return {
    fact: (v, ctx) => dateView(v, ctx.timezone),
    cell: dateView,
    test: (f, c) => {
      const a = f as DateView | null;
      const b = c as DateView | null;
      if (!a || !b) return false;
      // A date-only side means "that calendar day": compare days, not midnight instants.
      if (a.parsed.dateOnly || b.parsed.dateOnly) return accept(Math.sign(a.day - b.day));
      return accept(Math.sign(a.parsed.instant.getTime() - b.parsed.instant.getTime()));
    },
  };
}

function text(accept: (f: string, v: string) => boolean): CellOperator {
  return {
    fact: (v) => foldText(v),
    cell: (v) => foldText(v),
    test: (f, c) => f !== null && c !== null && accept(f as string, c as string),
  };
}

function numeric(accept: (a: number, b: number) => boolean): CellOperator {
  // json-rules-engine's numberValidator, then its plain JS comparison.
  return {
    fact: same,
    cell: same,
    test: (a, b) => Number.parseFloat(a as string).toString() !== 'NaN' && accept(a as number, b as number),
  };
}

const empty = (want: boolean): CellOperator => ({ fact: (v) => isEmptyValue(v), cell: same, test: (f) => f === want });

/** json-rules-engine's default operators, written as its engine-default-operators.js does. */
const BUILT_IN: Record<string, CellOperator> = {
  equal: { fact: same, cell: same, test: (a, b) => a === b },
  notEqual: { fact: same, cell: same, test: (a, b) => a !== b },
  in: { fact: same, cell: same, test: (a, b) => (b as Indexable).indexOf(a) > -1, mayThrow: true },
  notIn: { fact: same, cell: same, test: (a, b) => (b as Indexable).indexOf(a) === -1, mayThrow: true },
  contains: { fact: same, cell: same, test: (a, b) => Array.isArray(a) && a.indexOf(b) > -1 },
  doesNotContain: { fact: same, cell: same, test: (a, b) => Array.isArray(a) && a.indexOf(b) === -1 },
  lessThan: numeric((a, b) => a < b),
  lessThanInclusive: numeric((a, b) => a <= b),
  greaterThan: numeric((a, b) => a > b),
  greaterThanInclusive: numeric((a, b) => a >= b),
};

export const CELL_OPERATORS: Record<string, CellOperator> = {
  ...BUILT_IN,
  amountEq: amount((c) => c === 0),
  amountGt: amount((c) => c > 0),
  amountGte: amount((c) => c >= 0),
  amountLt: amount((c) => c < 0),
  amountLte: amount((c) => c <= 0),
  dateBefore: dates((c) => c < 0),
  dateAfter: dates((c) => c > 0),
  dateOnOrBefore: dates((c) => c <= 0),
  dateOnOrAfter: dates((c) => c >= 0),
  olderThanDays: {
    fact: (v, ctx) => parseDateValue(v, ctx.timezone),
    cell: (v) => (typeof v === 'number' ? v : isCanonicalDecimal(v) && !v.startsWith('-') ? Number(v) : NaN),
    test: (f, days, ctx) => {
      const d = f as ParsedDate | null;
      const n = days as number;
      return d !== null && Number.isFinite(n) && ctx.now.getTime() - d.instant.getTime() > n * 86_400_000;
    },
  },
  textEquals: text((a, b) => a === b),
  textContains: text((a, b) => a.includes(b)),
  startsWith: text((a, b) => a.startsWith(b)),
  endsWith: text((a, b) => a.endsWith(b)),
  matches: {
    fact: (v) => foldText(v),
    cell: (v) => safeRegex(v),
    test: (f, re) =>
      re !== null && f !== null && (f as string).length <= MAX_SUBJECT && (re as RegExp).test(f as string),
  },
  isEmpty: empty(true),
  isNotEmpty: empty(false),
};
