import { Type } from '@sinclair/typebox';
import { decimalPattern } from '@ledgerflow/flow-model';
import { Ok, withErrors } from './common.schema.ts';
import { ExportFile, ExportFormatQuery } from './export.schema.ts';

const Day = Type.String({ format: 'date', description: "the day the rate took effect, 'YYYY-MM-DD'" });
const Rate = Type.String({
  pattern: decimalPattern({ integerDigits: 2, scale: 4 }),
  description: 'the ECB main refinancing rate in percent, e.g. "2.15"',
});
const Nullable = Type.Unsafe<string | null>({ type: ['string', 'null'] });

export const EcbRateView = Type.Object({
  effectiveDate: Day,
  rate: Rate,
  createdAt: Type.String(),
  createdBy: Nullable,
});

/** The ECB rates late-payment interest uses, newest first. */
export const ListEcbRatesSchema = {
  tags: ['admin'],
  response: withErrors({ 200: Type.Object({ rates: Type.Array(EcbRateView) }) }, [401, 403, 500]),
} as const;

export const AddEcbRateSchema = {
  tags: ['admin'],
  description:
    "Adds the rate in force from a day on. A semester's interest uses the rate in force on 1 January or 1 July.",
  body: Type.Object({ effectiveDate: Day, rate: Rate }, { additionalProperties: false }),
  response: withErrors({ 201: EcbRateView }, [400, 401, 403, 409, 500]),
} as const;

export const DeleteEcbRateSchema = {
  tags: ['admin'],
  params: Type.Object({ effectiveDate: Day }),
  response: withErrors({ 200: Ok }, [400, 401, 403, 404, 500]),
} as const;

export const ExportEcbRatesSchema = {
  tags: ['admin'],
  summary: 'The ECB rates as CSV or XLSX, newest first',
  querystring: Type.Object({ ...ExportFormatQuery }),
  response: withErrors(
    {
      200: ExportFile,
    },
    [400, 401, 403, 500],
  ),
} as const;
