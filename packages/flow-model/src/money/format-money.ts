import { DecimalError, formatDecimal, parseDecimal, roundDecimal, type DecimalInput } from './decimal.ts';

export type MoneyLocale = 'fr' | 'en';

const LOCALE_TAG: Record<MoneyLocale, string> = { fr: 'fr-FR', en: 'en-US' };

/**
 * Formats an exact amount for people, e.g. "1 234,50 €" (fr) or "€1,234.50" (en).
 * Intl formats decimal strings exactly (no float detour) since Intl.NumberFormat v3.
 */
export function formatMoney(amount: DecimalInput, currency: string, locale: MoneyLocale = 'en'): string {
  if (!/^[A-Z]{3}$/.test(currency)) throw new DecimalError(`'${currency}' is not an ISO 4217 currency code`, currency);
  const fmt = new Intl.NumberFormat(LOCALE_TAG[locale] ?? 'en-US', { style: 'currency', currency });
  const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
  const rounded = roundDecimal(amount, digits, 'halfEven');
  // The string overload exists at runtime (ES2023 Intl) but not in every lib typing.
  return (fmt.format as (v: string) => string)(rounded);
}

/** Convenience for traces and messages: canonical text of an amount. */
export function decimalToString(amount: DecimalInput): string {
  return formatDecimal(parseDecimal(amount));
}
