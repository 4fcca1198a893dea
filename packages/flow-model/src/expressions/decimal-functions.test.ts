import { describe, expect, it } from 'vitest';
import { evaluateExpression, ExpressionError } from './expression-eval.ts';

const ev = (expr: string, vars: Record<string, unknown> = {}) => evaluateExpression(expr, vars);

/** The error an expression fails with, for asserting its stable code and details. */
async function failure(expr: string, vars: Record<string, unknown> = {}): Promise<ExpressionError> {
  try {
    await ev(expr, vars);
  } catch (err) {
    if (err instanceof ExpressionError) return err;
    throw err;
  }
  throw new Error(`${expr} did not fail`);
}

describe('exact decimal functions', () => {
  it('adds, subtracts and sums exactly where floats do not', async () => {
    expect(await ev('0.1 + 0.2')).not.toBe(0.3);
    expect(await ev("$decAdd('0.1', '0.2')")).toBe('0.3');
    expect(await ev("$decSub('0.3', '0.1')")).toBe('0.2');
    expect(await ev("$decSub('1.00', '2')")).toBe('-1.00');
    // Scale of the terms is kept, as ledgers print amounts.
    expect(await ev("$decAdd('1.10', '2.20')")).toBe('3.30');
    expect(await ev('$decSum(xs)', { xs: Array(10).fill('0.1') })).toBe('1.0');
    // Beyond 2^53 floats lose units; exact sums do not.
    const big = '100000000000000000000.01';
    expect(await ev('$decSum(xs)', { xs: [big, big, big, '-0.03'] })).toBe('300000000000000000000.00');
    expect(await ev('$decAdd(a, 1)', { a: '99999999999999999999' })).toBe('100000000000000000000');
    expect(await ev('$sum(xs)', { xs: [9007199254740993, 1] })).not.toBe(9007199254740994);
  });

  it('takes whole numbers and decimal strings, sums a single value or nothing', async () => {
    expect(await ev("$decSum(['1.5', 2, '-0.5'])")).toBe('3.0');
    expect(await ev('$decSum(lines.amount)', { lines: [{ amount: '4.20' }] })).toBe('4.20');
    expect(await ev('$decSum(lines.amount)', { lines: [] })).toBe('0');
    expect(await ev('$decSum(missing)')).toBe('0');
    expect(await ev("$decAdd(invoice.total, '0.05')", { invoice: { total: ['1.00'] } })).toBe('1.05');
  });

  it('keeps Money as Money and refuses to mix currencies, naming them', async () => {
    const eur = (amount: string) => ({ amount, currency: 'EUR' });
    expect(await ev('$decAdd(a, b)', { a: eur('10.10'), b: eur('0.2') })).toEqual(eur('10.30'));
    expect(await ev("$decSub(a, '0.10')", { a: eur('10.10') })).toEqual(eur('10.00'));
    expect(await ev('$decSum(xs)', { xs: [eur('0.1'), eur('0.2')] })).toEqual(eur('0.3'));
    const mixed = await failure('$decSum(xs)', { xs: [eur('1'), { amount: '2', currency: 'USD' }, eur('3')] });
    expect(mixed.code).toBe('EXPRESSION_ARGUMENT_INVALID');
    expect(mixed.details).toMatchObject({ function: '$decSum', argument: 'array', problem: 'CURRENCY_MISMATCH' });
    expect(mixed.message).toMatch(/EUR, USD/);
    const add = await failure('$decAdd(a, b)', { a: eur('1'), b: { amount: '1', currency: 'GBP' } });
    expect(add.details).toMatchObject({ function: '$decAdd', argument: 'b', problem: 'CURRENCY_MISMATCH' });
    expect((await failure('$decCompare(a, b)', { a: eur('1'), b: { amount: '1', currency: 'GBP' } })).code).toBe(
      'EXPRESSION_ARGUMENT_INVALID',
    );
  });

  it('rounds half up (away from zero) to a currency or to N digits', async () => {
    expect(await ev("$decRound('2.5', 'JPY')")).toBe('3');
    expect(await ev("$decRound('-2.5', 'JPY')")).toBe('-3');
    expect(await ev("$decRound('2.4999', 'JPY')")).toBe('2');
    expect(await ev("$decRound('1.005', 'EUR')")).toBe('1.01');
    expect(await ev("$decRound('1.0045', 'EUR')")).toBe('1.00');
    expect(await ev("$decRound('1.2345', 'KWD')")).toBe('1.235');
    expect(await ev("$decRound('1.2', 'KWD')")).toBe('1.200');
    expect(await ev("$decRound('0.125', 2)")).toBe('0.13');
    // Money is rounded to its own currency when no digits are given.
    expect(await ev('$decRound(m)', { m: { amount: '1234.5', currency: 'JPY' } })).toEqual({
      amount: '1235',
      currency: 'JPY',
    });
    const other = await failure("$decRound(m, 'EUR')", { m: { amount: '1', currency: 'JPY' } });
    expect(other.details).toMatchObject({ argument: 'digits', problem: 'CURRENCY_MISMATCH' });
    expect((await failure("$decRound('1.5')")).details).toMatchObject({ argument: 'digits', problem: 'MISSING' });
  });

  it('multiplies exactly, rounding to the currency when there is one', async () => {
    expect(await ev("$decMul('1.10', '1.10')")).toBe('1.21');
    expect(await ev("$decMul('0.1', 3)")).toBe('0.3');
    expect(await ev("$decMul('10.005', '1', 'EUR')")).toBe('10.01');
    expect(await ev("$decMul('100', '0.075', 'JPY')")).toBe('8');
    expect(await ev("$decMul('3.3333', '3', 'KWD')")).toBe('10.000');
    expect(await ev("$decMul('2', '0.3333', 2)")).toBe('0.67');
    // VAT on Money: rounded to the invoice currency, still Money.
    const total = { amount: '99.99', currency: 'EUR' };
    expect(await ev("$decMul(total, '0.2')", { total })).toEqual({ amount: '20.00', currency: 'EUR' });
    // Money times a rate with another currency named is a conversion.
    expect(await ev("$decMul(total, '150.5', 'JPY')", { total })).toEqual({ amount: '15048', currency: 'JPY' });
    expect((await failure('$decMul(total, total)', { total })).details).toMatchObject({ problem: 'MONEY_PRODUCT' });
    expect((await failure("$decMul('1', '2', 1.5)")).details).toMatchObject({
      argument: 'digits',
      problem: 'INVALID_DIGITS',
    });
  });

  it('compares exactly', async () => {
    expect(await ev("$decCompare('1.0', '1')")).toBe(0);
    expect(await ev("$decCompare('0.3', $decAdd('0.1', '0.2'))")).toBe(0);
    expect(await ev("$decCompare('-0.01', 0)")).toBe(-1);
    expect(await ev("$decCompare('10000000000000000000.01', '10000000000000000000')")).toBe(1);
    expect(await ev("$decCompare(m, '1000') > 0", { m: { amount: '1000.01', currency: 'EUR' } })).toBe(true);
  });

  it('refuses inexact floats, non-decimals and missing arguments with stable codes naming function and argument', async () => {
    const float = await failure("$decAdd(0.1, '0.2')");
    expect(float).toMatchObject({ code: 'EXPRESSION_ARGUMENT_INVALID', status: 400 });
    expect(float.details).toMatchObject({ function: '$decAdd', argument: 'a', problem: 'INEXACT_NUMBER' });
    expect(float.message).toMatch(/write decimals as strings \('0.1'\)/);
    expect((await failure('$decSum([1, 1.5])')).details).toMatchObject({
      argument: 'array[1]',
      problem: 'INEXACT_NUMBER',
    });
    expect((await failure("$decSub('1', 'abc')")).details).toMatchObject({
      function: '$decSub',
      argument: 'b',
      problem: 'NOT_A_DECIMAL',
    });
    expect((await failure("$decCompare('1e3', '1')")).details).toMatchObject({ problem: 'NOT_A_DECIMAL' });
    expect((await failure("$decAdd(nothing, '1')")).details).toMatchObject({ argument: 'a', problem: 'MISSING' });
    expect((await failure("$decAdd(['1', '2'], '1')")).details).toMatchObject({ problem: 'NOT_A_DECIMAL' });
    expect((await failure('$decSum(xs)', { xs: [{ amount: '1', currency: 'euro' }] })).details).toMatchObject({
      argument: 'array[0].currency',
      problem: 'INVALID_CURRENCY',
    });
    expect((await failure('$decSum(xs)', { xs: [{ amount: null, currency: 'EUR' }] })).details).toMatchObject({
      argument: 'array[0].amount',
      problem: 'MISSING',
    });
  });
});
