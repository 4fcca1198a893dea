import { Type } from '@sinclair/typebox';
import { ConnectorError, DecimalString, Money, isCurrencyCode, normalizeDecimal } from '@ledgerflow/flow-model';
import { malformedResponse } from '@ledgerflow/connector-sdk';
import type { SapContext } from './odata/auth.ts';

export { DecimalString as Decimal, Money as MoneySchema };
export const IsoDate = Type.String({ description: 'ISO 8601 date-time' });

const malformed = malformedResponse;

/** An exact decimal string from whatever SAP sent (string or raw number text, ".5" too); never via a float. */
export function decimal(
  ctx: SapContext,
  value: unknown,
  record: string | undefined,
  field: string,
): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  try {
    return normalizeDecimal(String(value));
  } catch (err) {
    throw malformed(ctx, record, `${field} is not a decimal: ${String(value).slice(0, 40)}`, err);
  }
}

/** An amount with its currency; an amount whose currency SAP left out is malformed, never given a default one. */
export function money(
  ctx: SapContext,
  amount: unknown,
  currency: unknown,
  record: string | undefined,
  field: string,
): Money | undefined {
  const a = decimal(ctx, amount, record, field);
  if (a === undefined) return undefined;
  if (!isCurrencyCode(currency))
    throw malformed(ctx, record, `${field} ${a} has no ISO currency (got ${JSON.stringify(currency ?? null)})`);
  return { amount: a, currency };
}

export function str(v: unknown): string | undefined {
  return v === null || v === undefined || v === '' ? undefined : String(v);
}

export function invalidInput(ctx: SapContext, message: string, record?: string): ConnectorError {
  return new ConnectorError({
    connector: ctx.connectorId,
    action: ctx.operation,
    record,
    code: 'CONNECTOR_INPUT_INVALID',
    message,
    retryable: false,
    status: 400,
  });
}

/** Feed cursors are opaque to the engine; JSON keeps them debuggable. */
export function decodeCursor<T extends object>(ctx: SapContext, cursor: string | null): Partial<T> {
  if (!cursor) return {};
  try {
    return JSON.parse(cursor) as Partial<T>;
  } catch {
    throw invalidInput(ctx, `not a cursor of this feed: ${cursor.slice(0, 80)}`);
  }
}
