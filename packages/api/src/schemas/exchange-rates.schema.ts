import { Type } from '@sinclair/typebox';
import { CURRENCY_PATTERN, decimalPattern } from '@ledgerflow/flow-model';
import { withErrors } from './common.schema.ts';

const Currency = Type.String({ pattern: CURRENCY_PATTERN, description: 'ISO 4217 code, e.g. "EUR"' });
const Rate = Type.String({
  pattern: decimalPattern({ integerDigits: 14, scale: 10, signed: false }),
  description: 'what one unit of the currency is worth in the company currency, e.g. "0.0062"',
});
// No pattern: any name Postgres or Intl does not know answers TIMEZONE_UNKNOWN from the service, one code for all.
const Timezone = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'IANA zone, e.g. "Europe/Paris": its midnights bound the ledger KPIs\' days and the home page\'s weeks',
});
const Nullable = Type.Unsafe<string | null>({ type: ['string', 'null'] });

const RatesView = Type.Object({
  companyCurrency: Currency,
  timezone: Timezone,
  rates: Type.Array(
    Type.Object({
      currency: Currency,
      rate: Rate,
      updatedAt: Type.String(),
      updatedBy: Nullable,
    }),
  ),
});

/** The company currency, its timezone and the rates the worklist ranks amounts with. */
export const GetExchangeRatesSchema = {
  tags: ['admin'],
  response: withErrors({ 200: RatesView }, [401, 403, 500]),
} as const;

export const PutExchangeRatesSchema = {
  tags: ['admin'],
  description:
    'Replaces the company currency and the whole rate table; a currency left out loses its rate. The timezone, when' +
    ' given, must be an IANA zone (400 TIMEZONE_UNKNOWN otherwise); left out, it stays as it was.',
  body: Type.Object({
    companyCurrency: Currency,
    timezone: Type.Optional(Timezone),
    rates: Type.Array(Type.Object({ currency: Currency, rate: Rate }), { maxItems: 300 }),
  }),
  response: withErrors({ 200: RatesView }, [400, 401, 403, 500]),
} as const;
