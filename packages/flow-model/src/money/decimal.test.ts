import { describe, expect, it } from 'vitest';
import {
  addDecimal,
  compareDecimal,
  multiplyDecimal,
  parseDecimal,
  roundDecimal,
  subtractDecimal,
  DecimalError,
} from './decimal.ts';
import { formatMoney } from './format-money.ts';

describe('parseDecimal', () => {
  it('parses strings and safe numbers exactly', () => {
    expect(parseDecimal('12.50')).toEqual({ units: 1250n, scale: 2 });
    expect(parseDecimal('-0.001')).toEqual({ units: -1n, scale: 3 });
    expect(parseDecimal(' 7 ')).toEqual({ units: 7n, scale: 0 });
    expect(parseDecimal(0.1)).toEqual({ units: 1n, scale: 1 });
    expect(parseDecimal('.5')).toEqual({ units: 5n, scale: 1 });
  });
  it.each(['', '.', 'abc', '1e5', '1.2.3', '0x10', 'NaN', '--1', '1,5', 'Infinity'])('rejects %j', (s) => {
    expect(() => parseDecimal(s)).toThrow(DecimalError);
  });
  it('rejects NaN, infinities, unsafe and exponent numbers', () => {
    for (const n of [NaN, Infinity, -Infinity, 2 ** 60, 1e-7]) expect(() => parseDecimal(n)).toThrow(DecimalError);
    expect(() => parseDecimal(null as never)).toThrow(/null/);
    expect(() => parseDecimal('9'.repeat(500))).toThrow(/digits/);
  });
});

describe('arithmetic', () => {
  it('adds and subtracts exactly', () => {
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(addDecimal(0.1, 0.2)).toBe('0.3');
    expect(subtractDecimal('10', '0.01')).toBe('9.99');
    expect(subtractDecimal('1.5', '1.5')).toBe('0');
    expect(addDecimal('-5.25', '2')).toBe('-3.25');
  });
  it('compares across scales without floats', () => {
    expect(compareDecimal('1.10', '1.1')).toBe(0);
    expect(compareDecimal('10000000000000000.01', '10000000000000000.02')).toBe(-1);
    expect(compareDecimal('-1', '-2')).toBe(1);
  });
  it('multiplies with half-even rounding by default', () => {
    expect(multiplyDecimal('10.00', '0.2')).toBe('2.00');
    expect(multiplyDecimal('0.125', '1', { scale: 2 })).toBe('0.12');
    expect(multiplyDecimal('0.135', '1', { scale: 2 })).toBe('0.14');
    expect(multiplyDecimal('-0.125', '1', { scale: 2 })).toBe('-0.12');
    expect(multiplyDecimal('0.125', '1', { scale: 2, rounding: 'halfUp' })).toBe('0.13');
    expect(multiplyDecimal('19.99', 3)).toBe('59.97');
    expect(multiplyDecimal('100.00', '0.196')).toBe('19.60');
    expect(roundDecimal('2.5', 0)).toBe('2');
    expect(roundDecimal('3.5', 0)).toBe('4');
    expect(roundDecimal('1', 2)).toBe('1.00');
  });
});

describe('formatMoney', () => {
  it('formats fr and en', () => {
    expect(formatMoney('1234.5', 'EUR', 'fr').replace(/\s/g, ' ')).toBe('1 234,50 €');
    expect(formatMoney('1234.5', 'EUR', 'en')).toBe('€1,234.50');
    expect(formatMoney('12345678901234567.891', 'USD', 'en')).toBe('$12,345,678,901,234,567.89');
    expect(formatMoney('10', 'JPY', 'en')).toBe('¥10');
    expect(() => formatMoney('1', 'eur', 'en')).toThrow(DecimalError);
  });
});

describe('sumDecimals', () => {
  it('adds exactly and keeps the largest scale of its terms', async () => {
    const { sumDecimals } = await import('./decimal.ts');
    expect(sumDecimals(['1.10', '2.20'])).toBe('3.30');
    expect(sumDecimals(['0.1', '0.2', '-0.30'])).toBe('0.00');
    expect(sumDecimals(['12345678901234.56', '0.01'])).toBe('12345678901234.57');
    expect(sumDecimals([])).toBe('0');
  });
});
