import { formatDecimal, parseDecimal, roundDecimal, type DecimalInput } from './decimal.ts';
import { currencyDigits, isCurrencyCode, requireCurrency } from './currency.ts';

/** The app's languages; any other BCP 47 tag Intl supports works too. */
export type MoneyLocale = 'fr' | 'en';

export interface FormatMoneyOptions {
  /**
   * 'currency' (default): rounded half-even to the currency's minor units (JPY 0, EUR 2, KWD 3), for screens.
   * 'keep': at least the currency's digits and never fewer than the amount has, for documents whose lines
   * must add up to their printed total (a statement line of 10.005 EUR prints 10.005).
   */
  digits?: 'currency' | 'keep';
  /** 'symbol' (default): "€1,234.50". 'code': number then ISO code, "1,234.50 EUR", for table columns. */
  display?: 'symbol' | 'code';
}

/** What a screen shows for an amount it does not have. */
export const MISSING_AMOUNT = '—';

const LOCALE_TAG: Record<string, string> = { fr: 'fr-FR', en: 'en-US' };

function localeTag(locale: string): string {
  const mapped = LOCALE_TAG[locale];
  if (mapped) return mapped;
  try {
    return Intl.NumberFormat.supportedLocalesOf(locale)[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

// The string overload exists at runtime (Intl.NumberFormat v3: decimal strings format exactly, no float detour)
// but not in every lib typing.
const formatString = (f: Intl.NumberFormat, v: string): string => (f.format as (x: string) => string)(v);

function formatParts(f: Intl.NumberFormat, v: string): Intl.NumberFormatPart[] {
  return (f.formatToParts as (x: string) => Intl.NumberFormatPart[])(v);
}

/**
 * Formats an exact amount for people: "1 234,50 €" (fr), "€1,234.50" (en), "¥1,235" (JPY has no minor unit).
 * Throws DecimalError on a non-decimal amount or a missing/invalid currency; use `formatMoneyOrMissing` on
 * screens where either may be absent.
 */
export function formatMoney(
  amount: DecimalInput,
  currency: string,
  locale: MoneyLocale | string = 'en',
  opts: FormatMoneyOptions = {},
): string {
  const code = requireCurrency(currency);
  const minor = currencyDigits(code);
  const d = parseDecimal(amount);
  const digits = opts.digits === 'keep' ? Math.max(minor, d.scale) : minor;
  const text = roundDecimal(d, digits, 'halfEven');
  const f = new Intl.NumberFormat(localeTag(locale), {
    style: 'currency',
    currency: code,
    currencyDisplay: opts.display === 'code' ? 'code' : 'symbol',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  if (opts.display !== 'code') return formatString(f, text);
  // Intl puts "EUR" before the number in English; a column of amounts reads better with the code after it.
  const number = formatParts(f, text)
    .filter((p) => p.type !== 'currency' && p.type !== 'literal')
    .map((p) => p.value)
    .join('');
  return `${number} ${code}`;
}

/**
 * For screens over data that may be incomplete: no amount prints "—"; an amount without a (valid) currency keeps
 * its digits and shows the generic currency sign "¤" (CLDR's sign for no currency), never a guessed one.
 */
export function formatMoneyOrMissing(
  amount: DecimalInput | null | undefined,
  currency: string | null | undefined,
  locale: MoneyLocale | string = 'en',
  opts: FormatMoneyOptions = {},
): string {
  if (amount === null || amount === undefined || amount === '') return MISSING_AMOUNT;
  let d;
  try {
    d = parseDecimal(amount);
  } catch {
    return MISSING_AMOUNT;
  }
  if (isCurrencyCode(currency)) return formatMoney(d, currency, locale, opts);
  const text = formatDecimal(d, d.scale);
  const f = new Intl.NumberFormat(localeTag(locale), {
    style: 'currency',
    currency: 'XXX',
    minimumFractionDigits: d.scale,
    maximumFractionDigits: d.scale,
  });
  return formatString(f, text);
}

/** Convenience for traces and messages: canonical text of an amount. */
export function decimalToString(amount: DecimalInput): string {
  return formatDecimal(parseDecimal(amount));
}
