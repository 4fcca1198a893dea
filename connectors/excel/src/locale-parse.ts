// Locale-aware parsing of spreadsheet cell text. Results are exact: numbers come back as
// normalised decimal strings ("-1234.56"), never floats, so money survives the import untouched.

export type NumberLocale = 'auto' | 'fr' | 'de' | 'en';
export type DateOrder = 'DMY' | 'MDY' | 'YMD';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: string };

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = <T>(problem: string): ParseResult<T> => ({ ok: false, problem });

// Spaces used as thousands separators: space, no-break space, narrow no-break space, thin space,
// and the apostrophe variants of Swiss formatting.
const GROUP_SPACES = /[\s\u00a0\u202f\u2009\u2007'’]/g;
const CURRENCY_SYMBOLS: Record<string, string> = {
  '€': 'EUR',
  $: 'USD',
  '£': 'GBP',
  '¥': 'JPY',
  CHF: 'CHF',
  'Fr.': 'CHF',
};

export interface ParsedNumber {
  /** Normalised decimal string: optional '-', integer digits, optional '.' and fraction digits. */
  decimal: string;
  /** Currency found in the text (symbol or ISO code), if any. */
  currency?: string;
}

/** Removes leading zeros and a negative zero so equal amounts compare equal as strings. */
export function normaliseDecimal(negative: boolean, int: string, frac: string): string {
  const i = int.replace(/^0+(?=\d)/, '') || '0';
  const body = frac ? `${i}.${frac}` : i;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/**
 * Parses "1.234,56", "1 234,56", "100,00-", "(1,234.56)", "€ 12,50", "EUR -3". `auto` infers the
 * decimal separator, and refuses a lone separator followed by exactly three digits ("1.234"):
 * that is 1234 in Germany and 1.234 in England, and guessing would corrupt an amount.
 */
export function parseLocaleNumber(text: string, locale: NumberLocale = 'auto'): ParseResult<ParsedNumber> {
  let s = text.trim();
  if (!s) return fail('empty');
  let currency: string | undefined;
  const iso = /^([A-Z]{3})\s*|\s*([A-Z]{3})$/.exec(s);
  if (iso) {
    currency = iso[1] ?? iso[2];
    s = s.replace(iso[0], '');
  }
  for (const [sym, code] of Object.entries(CURRENCY_SYMBOLS)) {
    if (s.startsWith(sym) || s.endsWith(sym)) {
      currency ??= code;
      s = s.startsWith(sym) ? s.slice(sym.length) : s.slice(0, -sym.length);
      break;
    }
  }
  s = s.trim().replace(/\u2212/g, '-');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) {
    s = s.slice(1).trim();
  } else if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  }
  // Currency symbols may sit inside the sign: "-€12" or "(€12)".
  for (const [sym, code] of Object.entries(CURRENCY_SYMBOLS)) {
    if (s.startsWith(sym) || s.endsWith(sym)) {
      currency ??= code;
      s = (s.startsWith(sym) ? s.slice(sym.length) : s.slice(0, -sym.length)).trim();
      break;
    }
  }
  s = s.replace(GROUP_SPACES, '');
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return fail(`not a number: '${text}'`);

  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  let decimalSep: '.' | ',' | null;
  if (locale === 'fr' || locale === 'de') decimalSep = ',';
  else if (locale === 'en') decimalSep = '.';
  else if (dots && commas) decimalSep = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
  else if (dots + commas === 0) decimalSep = null;
  else if (dots + commas > 1)
    decimalSep = null; // the only separator repeats: it groups thousands
  else {
    const sep = dots ? '.' : ',';
    const after = s.length - s.indexOf(sep) - 1;
    if (after === 3 && s.indexOf(sep) > 0)
      return fail(
        `ambiguous number '${text}': set the column locale (is '${sep}' a decimal or a thousands separator?)`,
      );
    decimalSep = sep;
  }
  const groupSep = decimalSep === ',' ? '.' : decimalSep === '.' ? ',' : dots ? '.' : ',';
  const parts = decimalSep ? s.split(decimalSep) : [s];
  if (parts.length > 2) return fail(`not a number: '${text}' (several decimal separators)`);
  const intRaw = parts[0] ?? '';
  const frac = parts[1] ?? '';
  if (frac.includes(groupSep) || (decimalSep && frac.length === 0 && !intRaw)) return fail(`not a number: '${text}'`);
  if (intRaw.includes(groupSep) && !new RegExp(`^\\d{1,3}(\\${groupSep}\\d{3})*$`).test(intRaw)) {
    return fail(`not a number: '${text}' (misplaced thousands separator)`);
  }
  const int = intRaw.split(groupSep).join('');
  if (!/^\d*$/.test(int) || !/^\d*$/.test(frac)) return fail(`not a number: '${text}'`);
  const result: ParsedNumber = { decimal: normaliseDecimal(negative, int || '0', frac) };
  if (currency) result.currency = currency;
  return ok(result);
}

/** A cell that Excel stored as a number, as an exact decimal string of its shortest representation. */
export function numberToDecimal(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const s = String(n);
  if (!/e/i.test(s)) return s === '-0' ? '0' : s;
  const [mant = '0', expStr = '0'] = s.toLowerCase().split('e');
  const exp = Number(expStr);
  const negative = mant.startsWith('-');
  const [i = '0', f = ''] = mant.replace('-', '').split('.');
  const digits = i + f;
  const point = i.length + exp;
  const int = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0');
  const frac = point <= 0 ? '0'.repeat(-point) + digits : digits.slice(point);
  return normaliseDecimal(negative, int, frac.replace(/0+$/, ''));
}

/**
 * Rounds half-up to `scale` decimals when the extra digits are float noise from a formula
 * (e.g. 1234.5600000000002); genuine extra precision is reported instead of silently rounded.
 */
export function fitScale(decimal: string, scale: number, fromFloat: boolean): ParseResult<string> {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!m) return fail(`not a decimal: '${decimal}'`);
  const [, sign = '', int = '0', frac = ''] = m;
  if (frac.length <= scale) return ok(decimal);
  if (/^0*$/.test(frac.slice(scale))) return ok(normaliseDecimal(sign === '-', int, frac.slice(0, scale)));
  if (!fromFloat || int.length + frac.length < 15) return fail(`'${decimal}' has more than ${scale} decimals`);
  const units = BigInt(int + frac.slice(0, scale)) + (Number(frac[scale]) >= 5 ? 1n : 0n);
  const padded = units.toString().padStart(scale + 1, '0');
  return ok(
    normaliseDecimal(sign === '-', padded.slice(0, padded.length - scale), padded.slice(padded.length - scale)),
  );
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** Excel serial day number (1900 system; its fictitious 29 Feb 1900 is serial 60) → ISO date. */
export function excelSerialToIso(serial: number, date1904 = false): ParseResult<string> {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return fail(`not an Excel date serial: ${serial}`);
  let day = Math.floor(serial) + (date1904 ? 1462 : 0);
  if (!date1904 && day === 60) return fail('serial 60 is 29/02/1900, a date that never existed');
  // Before the fictitious 29/02/1900 Excel's count is one day behind the 1899-12-30 epoch.
  if (!date1904 && day < 60) day += 1;
  return ok(new Date(EXCEL_EPOCH_MS + day * 86_400_000).toISOString().slice(0, 10));
}

export function isoFromParts(y: number, m: number, d: number): ParseResult<string> {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d)
    return fail(`no such date: ${d}/${m}/${y}`);
  return ok(dt.toISOString().slice(0, 10));
}

/** "31.12.2024", "31/12/2024", "31-12-24", "2024-12-31" (ISO always wins), with a day-first default. */
export function parseDateText(text: string, order: DateOrder = 'DMY'): ParseResult<string> {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (iso) return isoFromParts(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const m = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$/.exec(s);
  if (!m) return fail(`not a date: '${text}'`);
  const a = Number(m[1]);
  const b = Number(m[2]);
  const c = Number(m[3]);
  const year = (y: string | undefined, v: number) => ((y ?? '').length <= 2 ? (v < 70 ? 2000 + v : 1900 + v) : v);
  if ((m[1] ?? '').length === 4 || order === 'YMD') return isoFromParts(year(m[1], a), b, c);
  return order === 'MDY' ? isoFromParts(year(m[3], c), a, b) : isoFromParts(year(m[3], c), b, a);
}

/** Dates from real date cells: exceljs builds them at UTC midnight, so the UTC fields are the sheet's. */
export function dateCellToIso(d: Date): ParseResult<string> {
  if (Number.isNaN(d.getTime())) return fail('invalid date cell');
  return ok(d.toISOString().slice(0, 10));
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'x', 'oui', 'o', 'vrai', 'ja', 'j', 'wahr']);
const FALSE = new Set(['false', 'no', 'n', '0', 'non', 'faux', 'nein', 'falsch', '']);

export function parseBooleanText(text: string): ParseResult<boolean> {
  const s = text.trim().toLowerCase();
  if (TRUE.has(s)) return ok(true);
  if (FALSE.has(s)) return ok(false);
  return fail(`not a yes/no value: '${text}'`);
}
