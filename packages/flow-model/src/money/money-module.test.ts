import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { AGING_BUCKET_IDS, agingBucketLabel, agingBucketOf } from './aging.ts';
import { currencyDigits } from './currency.ts';
import { DecimalError, decimalPattern, normalizeDecimal } from './decimal.ts';
import { jsonNumberToDecimal, parseExactJson } from './exact-json.ts';
import { formatMoney, formatMoneyOrMissing } from './format-money.ts';
import { Money } from './money.schema.ts';

describe('currency digits (ISO 4217 minor units)', () => {
  it('JPY 0, EUR 2, KWD and BHD 3; a missing currency is an error', () => {
    expect(['JPY', 'EUR', 'KWD', 'BHD'].map(currencyDigits)).toEqual([0, 2, 3, 3]);
    expect(() => currencyDigits(null as never)).toThrow(DecimalError);
  });
  it('formats JPY without digits and KWD with three, rounding half-even only to those digits', () => {
    expect(formatMoney('1250.50', 'JPY', 'en')).toBe('¥1,250');
    expect(formatMoney('1251.50', 'JPY', 'en')).toBe('¥1,252');
    expect(formatMoney('1.2345', 'KWD', 'en')).toMatch(/^KWD\s1\.234$/);
    expect(formatMoney('10.005', 'EUR', 'en', { digits: 'keep' })).toBe('€10.005');
    expect(formatMoney('-18250.5', 'EUR', 'en', { display: 'code' })).toBe('-18,250.50 EUR');
  });
  it('never invents a currency', () => {
    expect(() => formatMoney('1', null as never)).toThrow(DecimalError);
    expect(formatMoneyOrMissing('12.5', null, 'fr')).toBe('12,5\u00a0¤');
    expect(formatMoneyOrMissing(null, 'EUR')).toBe('—');
  });
});

describe('decimal text', () => {
  it('normalizes ".5" without string tricks and keeps the scale', () => {
    expect(['.5', '-.50', '+7', ' 0012.30 '].map(normalizeDecimal)).toEqual(['0.5', '-0.50', '7', '12.30']);
    expect(new RegExp(decimalPattern({ integerDigits: 16, scale: 4 })).test('15000.0001')).toBe(true);
    expect(new RegExp(decimalPattern({ integerDigits: 16, scale: 4 })).test('1.00001')).toBe(false);
  });
  it('has one Money schema: exact decimal and ISO currency, both required', () => {
    expect(Value.Check(Money, { amount: '12.50', currency: 'EUR' })).toBe(true);
    expect(Value.Check(Money, { amount: '12.50', currency: null })).toBe(false);
    expect(Value.Check(Money, { amount: 12.5, currency: 'EUR' })).toBe(false);
  });
});

describe('aging buckets: one vocabulary', () => {
  it('buckets days overdue with stable ids and labels', () => {
    expect([-3, 0, 1, 30, 31, 60, 61, 90, 91].map(agingBucketOf)).toEqual([
      'current',
      'current',
      '1-30',
      '1-30',
      '31-60',
      '31-60',
      '61-90',
      '61-90',
      '>90',
    ]);
    expect(AGING_BUCKET_IDS).toEqual(['current', '1-30', '31-60', '61-90', '>90']);
    expect(agingBucketLabel('1-30', 'fr')).toBe('1–30 j');
  });
});

describe('exact JSON numbers', () => {
  it('keeps "12345678901234567890.12" and scale, expands exponents exactly', () => {
    expect(parseExactJson('{"a":12345678901234567890.12,"b":1.10,"n":3}')).toEqual({
      a: '12345678901234567890.12',
      b: '1.10',
      n: 3,
    });
    expect(jsonNumberToDecimal('-2.5E-3')).toBe('-0.0025');
    expect(parseExactJson('[7]', 'text')).toEqual(['7']);
  });
});
