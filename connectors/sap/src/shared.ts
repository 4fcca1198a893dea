import { Type } from '@sinclair/typebox';
import { ConnectorError } from '@ledgerflow/flow-model';
import type { SapContext } from './odata/auth.ts';

const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

export const Decimal = Type.String({ pattern: '^-?\\d+(\\.\\d+)?$' });
/** Same shape as flow-model's Money: an exact decimal string and its ISO currency. */
export const MoneySchema = Type.Object({ amount: Decimal, currency: Type.String() });
export const IsoDate = Type.String({ description: 'ISO 8601 date-time' });

/** An exact decimal string from whatever SAP sent (string or raw number text); never via a float. */
export function decimal(ctx: SapContext, value: unknown, record: string | undefined, field: string): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  let s = String(value).trim();
  if (s.startsWith('.')) s = `0${s}`;
  if (s.startsWith('-.')) s = `-0${s.slice(1)}`;
  if (!DECIMAL_RE.test(s)) {
    throw new ConnectorError({ connector: ctx.connectorId, action: ctx.operation, record, code: 'CONNECTOR_MALFORMED_RESPONSE', message: `${field} is not a decimal: ${s}`, retryable: false });
  }
  return s;
}

export function money(ctx: SapContext, amount: unknown, currency: unknown, record: string | undefined, field: string): { amount: string; currency: string } | undefined {
  const a = decimal(ctx, amount, record, field);
  return a === undefined ? undefined : { amount: a, currency: String(currency ?? '') };
}

export function str(v: unknown): string | undefined {
  return v === null || v === undefined || v === '' ? undefined : String(v);
}

export function invalidInput(ctx: SapContext, message: string, record?: string): ConnectorError {
  return new ConnectorError({ connector: ctx.connectorId, action: ctx.operation, record, code: 'CONNECTOR_INPUT_INVALID', message, retryable: false, status: 400 });
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
