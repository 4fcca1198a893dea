import { DecimalError } from './decimal.ts';

/** ISO 4217 alphabetic code: three upper-case letters. */
export const CURRENCY_PATTERN = '^[A-Z]{3}$';
const CURRENCY_RE = new RegExp(CURRENCY_PATTERN);

export function isCurrencyCode(v: unknown): v is string {
  return typeof v === 'string' && CURRENCY_RE.test(v);
}

/** The currency or a DECIMAL_INVALID error: an amount without a currency is never given a default one. */
export function requireCurrency(v: unknown): string {
  if (!isCurrencyCode(v)) {
    throw new DecimalError(
      v === null || v === undefined || v === ''
        ? 'the amount has no currency'
        : `'${String(v).slice(0, 20)}' is not an ISO 4217 currency code`,
      v,
    );
  }
  return v;
}

const digitsCache = new Map<string, number>();

/**
 * ISO 4217 minor units (JPY 0, EUR 2, KWD/BHD/TND 3), as CLDR gives them through Intl. A well-formed code that
 * CLDR does not know gets 2, the ISO default.
 */
export function currencyDigits(currency: string): number {
  const code = requireCurrency(currency);
  let d = digitsCache.get(code);
  if (d === undefined) {
    d = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(code, d);
  }
  return d;
}
