import { currencyDigits, isCurrencyCode } from '@ledgerflow/flow-model';
import type { ColumnType } from './header-match.ts';
import {
  dateCellToIso,
  excelSerialToIso,
  fitScale,
  numberToDecimal,
  parseBooleanText,
  parseDateText,
  parseLocaleNumber,
  type DateOrder,
  type NumberLocale,
  type ParseResult,
} from './locale-parse.ts';
import type { RawCell } from './row-source.ts';

export interface ColumnSpec {
  field: string;
  type: ColumnType;
  required?: boolean;
  aliases?: string[];
  locale?: NumberLocale;
  dateOrder?: DateOrder;
  /** Ids exported by ERPs as "0000123" become "123" so they match the system of record. */
  stripLeadingZeros?: boolean;
  /** money: fixed ISO currency when the sheet does not say */
  currency?: string;
  /** money: the field (another column) holding the ISO currency */
  currencyField?: string;
  /** decimal/money: most decimals allowed (money default 2) */
  scale?: number;
}

export interface MoneyValue {
  amount: string;
  currency: string;
}

export type CellValue = string | number | boolean | MoneyValue | null;

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = <T>(problem: string): ParseResult<T> => ({ ok: false, problem });

export function isBlank(c: RawCell): boolean {
  return c === null || (typeof c === 'string' && c.trim() === '');
}

/** The cell as the user typed it, for the validation report. */
export function displayValue(c: RawCell): string | number | boolean | null {
  if (c === null) return null;
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? 'Invalid Date' : c.toISOString();
  if (typeof c === 'object') return c.error;
  return c;
}

function decimalOf(
  c: RawCell,
  locale: NumberLocale,
): ParseResult<{ decimal: string; currency?: string; fromFloat: boolean }> {
  if (typeof c === 'number') return ok({ decimal: numberToDecimal(c), fromFloat: true });
  if (typeof c === 'string') {
    const r = parseLocaleNumber(c, locale);
    return r.ok ? ok({ ...r.value, fromFloat: false }) : r;
  }
  if (c instanceof Date) return fail('a date where a number was expected');
  if (typeof c === 'boolean') return fail('a yes/no value where a number was expected');
  return fail('not a number');
}

/**
 * Converts one non-blank cell. `rowCurrency` is the raw value of the currency column, if the
 * spec names one; `defaults` are the import-wide locale and date order.
 */
export function convertCell(
  c: RawCell,
  spec: ColumnSpec,
  defaults: { locale: NumberLocale; dateOrder: DateOrder; date1904: boolean },
  rowCurrency?: RawCell,
): ParseResult<CellValue> {
  if (c !== null && typeof c === 'object' && !(c instanceof Date))
    return fail(`the cell holds the Excel error ${c.error}`);
  const locale = spec.locale ?? defaults.locale;
  switch (spec.type) {
    case 'string': {
      let s =
        c instanceof Date
          ? c.toISOString().slice(0, 10)
          : typeof c === 'number'
            ? numberToDecimal(c)
            : String(c).trim();
      if (spec.stripLeadingZeros && /^\d+$/.test(s)) s = s.replace(/^0+(?=\d)/, '');
      return ok(s);
    }
    case 'integer': {
      const d = decimalOf(c, locale);
      if (!d.ok) return d;
      const fit = fitScale(d.value.decimal, 0, d.value.fromFloat);
      if (!fit.ok) return fail(`not a whole number: '${d.value.decimal}'`);
      const n = Number(fit.value);
      return Number.isSafeInteger(n) ? ok(n) : fail(`integer out of range: ${fit.value}`);
    }
    case 'decimal': {
      const d = decimalOf(c, locale);
      if (!d.ok) return d;
      return spec.scale === undefined ? ok(d.value.decimal) : fitScale(d.value.decimal, spec.scale, d.value.fromFloat);
    }
    case 'money': {
      const d = decimalOf(c, locale);
      if (!d.ok) return d;
      const fromColumn = typeof rowCurrency === 'string' ? rowCurrency.trim().toUpperCase() : undefined;
      const candidates = [d.value.currency, fromColumn, spec.currency].filter((x): x is string => !!x);
      const currency = candidates[0];
      if (!currency) return fail('no currency: the cell has no symbol/code and the column has no currency');
      if (!isCurrencyCode(currency)) return fail(`'${currency}' is not an ISO currency code`);
      if (d.value.currency && fromColumn && d.value.currency !== fromColumn)
        return fail(`the amount says ${d.value.currency} but the currency column says ${fromColumn}`);
      const amount = fitScale(d.value.decimal, spec.scale ?? currencyDigits(currency), d.value.fromFloat);
      return amount.ok ? ok({ amount: amount.value, currency }) : amount;
    }
    case 'date': {
      if (c instanceof Date) return dateCellToIso(c);
      if (typeof c === 'number') return excelSerialToIso(c, defaults.date1904);
      if (typeof c === 'string') {
        if (/^\d{5}(\.\d+)?$/.test(c.trim())) return excelSerialToIso(Number(c.trim()), defaults.date1904);
        return parseDateText(c, spec.dateOrder ?? defaults.dateOrder);
      }
      return fail('not a date');
    }
    case 'boolean': {
      if (typeof c === 'boolean') return ok(c);
      if (typeof c === 'number') return c === 1 || c === 0 ? ok(c === 1) : fail(`not a yes/no value: ${c}`);
      if (typeof c === 'string') return parseBooleanText(c);
      return fail('not a yes/no value');
    }
  }
}
