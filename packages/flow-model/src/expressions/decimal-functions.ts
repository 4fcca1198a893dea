import type jsonata from 'jsonata';
import {
  addDecimal,
  compareDecimal,
  formatDecimal,
  multiplyDecimal,
  roundDecimal,
  subtractDecimal,
  sumDecimals,
} from '../money/decimal.ts';
import { currencyDigits, isCurrencyCode } from '../money/currency.ts';
import {
  commonCurrency,
  ExpressionArgumentError,
  output,
  readAmount,
  readList,
  withScale,
  type Amount,
} from './expression-args.ts';

// roundDecimal's own bound.
const MAX_DIGITS = 30;

/** The `digits | currency` argument: a whole number of fraction digits, or a currency's minor units (JPY 0, KWD 3). */
function readRounding(fn: string, v: unknown): { scale: number; currency?: string } | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_DIGITS) return { scale: v };
  if (isCurrencyCode(v)) return { scale: currencyDigits(v), currency: v };
  throw new ExpressionArgumentError(
    fn,
    'digits',
    'INVALID_DIGITS',
    `is ${typeof v === 'string' ? `'${v.slice(0, 20)}'` : String(v)}: expected 0 to ${MAX_DIGITS} or a currency code`,
  );
}

function addOrSubtract(fn: string, a: unknown, b: unknown, op: typeof addDecimal) {
  const x = readAmount(fn, 'a', a);
  const y = readAmount(fn, 'b', b);
  const currency = commonCurrency(fn, 'b', [x, y]);
  return output(withScale(op(x.value, y.value), Math.max(x.value.scale, y.value.scale)), currency);
}

function decMul(a: unknown, b: unknown, digits?: unknown) {
  const fn = '$decMul';
  const x = readAmount(fn, 'a', a);
  const y = readAmount(fn, 'b', b);
  if (x.currency !== undefined && y.currency !== undefined)
    throw new ExpressionArgumentError(fn, 'b', 'MONEY_PRODUCT', 'is Money too: multiply an amount by a plain rate');
  const rounding = readRounding(fn, digits);
  const moneyIn = x.currency ?? y.currency;
  // Money times a rate with another currency named is a conversion: the result is in the named currency.
  const currency = moneyIn === undefined ? undefined : (rounding?.currency ?? moneyIn);
  const scale = rounding?.scale ?? (currency === undefined ? undefined : currencyDigits(currency));
  const value =
    scale === undefined
      ? formatDecimal({ units: x.value.units * y.value.units, scale: x.value.scale + y.value.scale })
      : multiplyDecimal(x.value, y.value, { scale, rounding: 'halfUp' });
  return output(value, currency);
}

function decRound(a: unknown, digits?: unknown) {
  const fn = '$decRound';
  const x = readAmount(fn, 'a', a);
  const rounding = readRounding(fn, digits);
  if (rounding?.currency !== undefined && x.currency !== undefined && rounding.currency !== x.currency)
    throw new ExpressionArgumentError(
      fn,
      'digits',
      'CURRENCY_MISMATCH',
      `is ${rounding.currency} but the amount is in ${x.currency}`,
    );
  const scale = rounding?.scale ?? (x.currency === undefined ? undefined : currencyDigits(x.currency));
  if (scale === undefined)
    throw new ExpressionArgumentError(fn, 'digits', 'MISSING', 'is missing (a plain decimal has no currency)');
  return output(roundDecimal(x.value, scale, 'halfUp'), x.currency);
}

function decCompare(a: unknown, b: unknown): number {
  const fn = '$decCompare';
  const x = readAmount(fn, 'a', a);
  const y = readAmount(fn, 'b', b);
  commonCurrency(fn, 'b', [x, y]);
  return compareDecimal(x.value, y.value);
}

/** Exact total of Money of one currency or of decimals, keeping the largest scale of its terms. */
export function exactTotal(fn: string, arg: string, amounts: readonly Amount[]) {
  const currency = commonCurrency(fn, arg, amounts);
  return output(sumDecimals(amounts.map((a) => a.value)), currency);
}

function decSum(list: unknown) {
  const fn = '$decSum';
  return exactTotal(
    fn,
    'array',
    readList(fn, 'array', list).map((v, i) => readAmount(fn, `array[${i}]`, v)),
  );
}

/**
 * Exact decimal arithmetic for expressions: jsonata's numbers are binary floats (0.1 + 0.2 = 0.30000000000000004),
 * so amounts go through the money module instead. Arguments are decimal strings, whole numbers or Money.
 */
export function registerDecimalFunctions(compiled: jsonata.Expression): void {
  compiled.registerFunction('decAdd', (a: unknown, b: unknown) => addOrSubtract('$decAdd', a, b, addDecimal));
  compiled.registerFunction('decSub', (a: unknown, b: unknown) => addOrSubtract('$decSub', a, b, subtractDecimal));
  compiled.registerFunction('decMul', decMul);
  compiled.registerFunction('decRound', decRound);
  compiled.registerFunction('decCompare', decCompare);
  compiled.registerFunction('decSum', decSum);
}
