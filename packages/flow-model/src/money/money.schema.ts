import { Type, type Static } from '@sinclair/typebox';
import { DECIMAL_PATTERN } from './decimal.ts';
import { CURRENCY_PATTERN } from './currency.ts';

/** An exact decimal as text, e.g. "-1250.10". Never a JSON number: floats lose cents. */
export const DecimalString = Type.String({ pattern: DECIMAL_PATTERN, description: 'exact decimal, e.g. "1250.10"' });
export type DecimalString = Static<typeof DecimalString>;

export const CurrencyCode = Type.String({
  pattern: CURRENCY_PATTERN,
  description: 'ISO 4217 currency code, e.g. "EUR"',
});

/**
 * Exact money: a decimal string and an ISO 4217 currency, both required. Never a float, never a missing
 * currency. The one declaration of this schema: flows, connectors and the API import it from here.
 */
export const Money = Type.Object({ amount: DecimalString, currency: CurrencyCode });
export type Money = Static<typeof Money>;
