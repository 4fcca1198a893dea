// The API's request validators: JSON bodies are checked as sent (no type coercion), while querystring,
// params and headers — always text on the wire — are coerced to the numbers and booleans their schemas
// declare. Both share one strict date-time format.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler, FastifyServerOptions } from 'fastify';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * An RFC 3339 date-time that Postgres also takes: year 0001 or later, and a UTC offset real clocks use
 * (±14:00 at most); Postgres refuses wider ones such as +19:50. Published in the OpenAPI document on
 * every date-time so clients and fuzzers know it.
 */
export const DATE_TIME_PATTERN =
  '^(?!0000)\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,9})?(Z|[+-](0\\d|1[0-3]):[0-5]\\d|[+-]14:00)$';
const DATE_TIME = new RegExp(DATE_TIME_PATTERN);

const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (year: number, month: number) =>
  [31, leap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;

export function isDateTime(s: string): boolean {
  if (!DATE_TIME.test(s)) return false;
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  return Number(s.slice(8, 10)) <= daysIn(year, month);
}

function makeAjv(coerceTypes: false | 'array', external: Record<string, unknown>): Ajv {
  // allErrors: a 400 names every wrong field at once; removeAdditional false: extra fields are the
  // schema's business (additionalProperties), never silently dropped.
  const ajv = addFormats(
    new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: true, addUsedSchema: false }),
  );
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
  for (const s of Object.values(external)) ajv.addSchema(s as object);
  return ajv;
}

type ValidatorFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>['buildValidator'];

/** fastify `schemaController.compilersFactory.buildValidator`: one Ajv for bodies, one for the text parts. */
function validatorFactory(externalSchemas: Record<string, unknown>): FastifySchemaCompiler<FastifySchema> {
  const body = makeAjv(false, externalSchemas);
  const text = makeAjv('array', externalSchemas);
  return ({ schema, httpPart }) => (httpPart === 'body' ? body : text).compile(schema as object) as ValidateFunction;
}
// fastify's typings describe the factory's result as Ajv's compile(schema); at run time fastify calls it
// with the route definition ({schema, httpPart, ...}), as its own default compiler expects.
export const buildValidator = validatorFactory as unknown as ValidatorFactory;
