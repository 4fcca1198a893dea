import type { MoneyLocale } from './format-money.ts';
import { isCanonicalDecimal } from './decimal.ts';

/**
 * What people type for a number in their language, turned into the canonical decimal string ("15000.00") without
 * a float in between. Grouping may be a space of any kind (normal, no-break U+00A0, narrow no-break U+202F, thin
 * U+2009, as `formatMoney` itself prints in French), or the other language's mark:
 *
 * - fr: decimal comma; groups by spaces or dots. `15 000`, `15 000,00`, `15.000,00` → 15000 / 15000.00.
 * - en: decimal point; groups by spaces or commas. `15,000.00`, `15 000.00` → 15000.00.
 *
 * Interpretations, so that what is stored is never a guess:
 * - both marks present in the other language's order (`15,000.00` in French, `15.000,00` in English) → refused as
 *   ambiguous: the same keys mean a thousand times less in the other language;
 * - the grouping mark alone in well-formed groups of three (`1.500` fr, `1,500` en) → grouping (1500);
 * - the grouping mark alone otherwise (`12.5` fr, `12,5` en) → the decimal separator: keypads type the other one.
 * Digits are kept as typed (`15 000,00` → "15000.00"); the trailing zeros carry the precision the user gave.
 */
export type AmountParse =
  { ok: true; value: string } | { ok: false; reason: 'empty' | 'invalid' | 'ambiguous' | 'grouping' };

const SPACE = /[\s\u00a0\u202f\u2009]/;
const DIGITS = /^[0-9]+$/;
const MINUS = /^[-\u2212]/;

/** Splits the integer part at the grouping mark; null unless every group after the first has exactly three digits. */
function ungroup(int: string, mark: string): string | null {
  const groups = int.split(mark);
  if (groups.length === 1) return DIGITS.test(int) ? int : null;
  const [first, ...rest] = groups;
  if (!first || first.length > 3 || !DIGITS.test(first)) return null;
  return rest.every((g) => g.length === 3 && DIGITS.test(g)) ? groups.join('') : null;
}

export function parseAmountText(text: string, locale: MoneyLocale | string): AmountParse {
  let s = text.trim();
  if (s === '') return { ok: false, reason: 'empty' };
  let sign = '';
  if (MINUS.test(s)) {
    sign = '-';
    s = s.slice(1).trimStart();
  } else if (s.startsWith('+')) s = s.slice(1).trimStart();
  const spaced = SPACE.test(s);
  // A space groups digits in both languages; once spaces group, no other grouping mark may appear.
  const groupedBySpace = spaced ? ungroupSpaces(s) : s;
  if (groupedBySpace === null) return { ok: false, reason: 'grouping' };
  s = groupedBySpace;
  const fr = !String(locale).toLowerCase().startsWith('en');
  const decimalMark = fr ? ',' : '.';
  const groupMark = fr ? '.' : ',';
  const di = s.indexOf(decimalMark);
  const gi = s.indexOf(groupMark);
  let int: string | null;
  let frac: string;
  if (di >= 0 && gi >= 0) {
    if (spaced) return { ok: false, reason: 'grouping' };
    if (gi > di) return { ok: false, reason: 'ambiguous' };
    if (s.indexOf(decimalMark, di + 1) >= 0) return { ok: false, reason: 'invalid' };
    int = ungroup(s.slice(0, di), groupMark);
    frac = s.slice(di + 1);
    if (int === null) return { ok: false, reason: 'grouping' };
  } else if (di >= 0) {
    if (s.indexOf(decimalMark, di + 1) >= 0) return { ok: false, reason: 'invalid' };
    int = s.slice(0, di);
    frac = s.slice(di + 1);
  } else if (gi >= 0) {
    const grouped = spaced ? null : ungroup(s, groupMark);
    if (grouped !== null) {
      int = grouped;
      frac = '';
    } else if (s.indexOf(groupMark, gi + 1) < 0) {
      int = s.slice(0, gi);
      frac = s.slice(gi + 1);
    } else return { ok: false, reason: 'grouping' };
  } else {
    int = s;
    frac = '';
  }
  if (int === '') int = '0';
  if (!DIGITS.test(int) || (frac !== '' && !DIGITS.test(frac)) || (frac === '' && s.endsWith(decimalMark)))
    return { ok: false, reason: 'invalid' };
  return { ok: true, value: `${sign}${int}${frac ? `.${frac}` : ''}` };
}

/** "15 000,00" → "15000,00": spaces must separate groups of three digits, the first of one to three. */
function ungroupSpaces(s: string): string | null {
  const parts = s.split(SPACE);
  const last = parts.length - 1;
  const [first, ...rest] = parts;
  if (!first || first.length > 3 || !DIGITS.test(first)) return null;
  for (let i = 0; i < rest.length; i++) {
    const g = rest[i]!;
    // The last group may carry the decimal part: "000,50".
    const head = i === last - 1 ? g.slice(0, 3) : g;
    if (head.length !== 3 || !DIGITS.test(head)) return null;
    if (i === last - 1 && g.length > 3 && !/^[.,]/.test(g.slice(3))) return null;
  }
  return parts.join('');
}

/**
 * A canonical decimal as the user's language writes it in an input ("15000.5" → "15 000,5" in French with a narrow
 * no-break space, "15,000.5" in English): digits as stored, no rounding, so parsing it back gives the same string.
 */
export function formatAmountInput(value: string, locale: MoneyLocale | string): string {
  // Anything else is shown as it is, so a wrong value is seen (and fixed) rather than hidden by grouping.
  if (!isCanonicalDecimal(value)) return String(value);
  const fr = !String(locale).toLowerCase().startsWith('en');
  const negative = value.startsWith('-');
  const [int = '', frac] = (negative ? value.slice(1) : value).split('.');
  let grouped = '';
  for (let i = int.length; i > 0; i -= 3)
    grouped = int.slice(Math.max(0, i - 3), i) + (grouped ? (fr ? '\u202f' : ',') + grouped : '');
  return `${negative ? '-' : ''}${grouped || '0'}${frac !== undefined ? (fr ? ',' : '.') + frac : ''}`;
}
