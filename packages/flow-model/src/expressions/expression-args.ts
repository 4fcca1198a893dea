import { LedgerflowError } from '../errors.ts';
import { DecimalError, formatDecimal, parseDecimal, type Decimal } from '../money/decimal.ts';
import { isCurrencyCode } from '../money/currency.ts';

/**
 * Why an argument was refused, stable for clients and tests (the message is for people):
 * NOT_A_DECIMAL, INEXACT_NUMBER, MISSING, INVALID_CURRENCY, CURRENCY_MISMATCH, MONEY_PRODUCT, INVALID_DIGITS, INVALID_KEY,
 * TOO_MANY_ITEMS.
 */
export type ArgumentProblem =
  | 'NOT_A_DECIMAL'
  | 'INEXACT_NUMBER'
  | 'MISSING'
  | 'INVALID_CURRENCY'
  | 'CURRENCY_MISMATCH'
  | 'MONEY_PRODUCT'
  | 'INVALID_DIGITS'
  | 'INVALID_KEY'
  | 'TOO_MANY_ITEMS';

/** A registered expression function refused one of its arguments; surfaces as EXPRESSION_ARGUMENT_INVALID. */
export class ExpressionArgumentError extends LedgerflowError {
  readonly function: string;
  readonly argument: string;
  readonly problem: ArgumentProblem;
  /** Set by jsonata on the way out: where in the expression the call is. */
  position?: number;
  constructor(fn: string, argument: string, problem: ArgumentProblem, message: string) {
    super('EXPRESSION_ARGUMENT_INVALID', `${fn}: ${argument} ${message}`, {
      status: 400,
      details: { function: fn, argument, problem },
    });
    this.function = fn;
    this.argument = argument;
    this.problem = problem;
  }
}

// Same bound as jsonata's sequence limit: a native function cannot be interrupted by the time budget, so its
// work is bounded by size instead.
export const MAX_ITEMS = 100_000;

/** An exact amount read from an argument; `currency` is set when it came as Money ({amount, currency}). */
export interface Amount {
  value: Decimal;
  currency?: string;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `'${v.slice(0, 40)}'`;
  if (typeof v === 'object') return 'an object without amount and currency';
  return `${typeof v} ${String(v).slice(0, 40)}`;
}

function readDecimal(fn: string, arg: string, v: unknown): Decimal {
  if (typeof v === 'number') {
    // A jsonata literal 0.1 or a computed 0.1 + 0.2 is a binary float: its exact value is not the decimal the user
    // meant, and the two cannot be told apart here. Whole numbers (counts, quantities) are exact and accepted.
    if (Number.isSafeInteger(v)) return parseDecimal(v);
    throw new ExpressionArgumentError(
      fn,
      arg,
      'INEXACT_NUMBER',
      `is the number ${String(v)}, which is not exact: write decimals as strings ('${String(v)}')`,
    );
  }
  if (typeof v !== 'string') throw new ExpressionArgumentError(fn, arg, 'NOT_A_DECIMAL', `is ${describe(v)}`);
  try {
    return parseDecimal(v);
  } catch (err) {
    if (err instanceof DecimalError)
      throw new ExpressionArgumentError(fn, arg, 'NOT_A_DECIMAL', `is not a decimal: ${err.message}`);
    throw err;
  }
}

function isMoneyShape(v: unknown): v is { amount: unknown; currency: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'amount' in v && 'currency' in v;
}

/** A decimal string, a whole number or Money; a one-item list (a jsonata singleton sequence) counts as its item. */
export function readAmount(fn: string, arg: string, v: unknown): Amount {
  if (Array.isArray(v) && v.length === 1) v = v[0];
  if (v === undefined || v === null) throw new ExpressionArgumentError(fn, arg, 'MISSING', 'is missing');
  if (isMoneyShape(v)) {
    if (!isCurrencyCode(v.currency))
      throw new ExpressionArgumentError(
        fn,
        `${arg}.currency`,
        'INVALID_CURRENCY',
        `is ${describe(v.currency)}, not an ISO 4217 code`,
      );
    if (v.amount === undefined || v.amount === null)
      throw new ExpressionArgumentError(fn, `${arg}.amount`, 'MISSING', 'is missing');
    return { value: readDecimal(fn, `${arg}.amount`, v.amount), currency: v.currency };
  }
  return { value: readDecimal(fn, arg, v) };
}

/**
 * The one currency of the Money among `amounts` (undefined when all are plain decimals). A plain decimal combined
 * with Money is taken to be in that Money's currency.
 */
export function commonCurrency(fn: string, arg: string, amounts: readonly Amount[]): string | undefined {
  const currencies = [...new Set(amounts.map((a) => a.currency).filter((c) => c !== undefined))];
  if (currencies.length > 1)
    throw new ExpressionArgumentError(
      fn,
      arg,
      'CURRENCY_MISMATCH',
      `mixes currencies ${currencies.sort().join(', ')}; convert first or group by currency`,
    );
  return currencies[0];
}

/** Canonical decimal string, or Money when a currency is known ("Money in, Money out"). */
export function output(value: string, currency: string | undefined): string | { amount: string; currency: string } {
  return currency === undefined ? value : { amount: value, currency };
}

/** Canonical text keeping at least `scale` fraction digits: "1.10" + "2.20" prints "3.30" as ledgers do. */
export function withScale(value: string, scale: number): string {
  return formatDecimal(parseDecimal(value), scale);
}

/** A list argument: a single value is a one-item list (jsonata sequences), nothing is an empty list. */
export function readList(fn: string, arg: string, v: unknown): readonly unknown[] {
  const list = v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
  if (list.length > MAX_ITEMS)
    throw new ExpressionArgumentError(fn, arg, 'TOO_MANY_ITEMS', `has ${list.length} items (at most ${MAX_ITEMS})`);
  return list;
}
