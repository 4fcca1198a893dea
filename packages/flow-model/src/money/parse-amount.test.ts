import { describe, expect, it } from 'vitest';
import { formatAmountInput, parseAmountText } from './parse-amount.ts';

const ok = (value: string) => ({ ok: true, value });
const no = (reason: string) => ({ ok: false, reason });
const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('parseAmountText', () => {
  it.each([
    ['15 000', '15000'],
    ['15 000,00', '15000.00'],
    [`15${NBSP}000,00`, '15000.00'],
    [`15${NNBSP}000,00`, '15000.00'],
    [`1${NNBSP}234${NNBSP}567,5`, '1234567.5'],
    ['15.000,00', '15000.00'],
    ['1.500', '1500'],
    ['12,5', '12.5'],
    ['12.5', '12.5'],
    ['  -3,10 ', '-3.10'],
    ['\u22123,10', '-3.10'],
    [',5', '0.5'],
    ['15000', '15000'],
    ['18 250,00', '18250.00'],
  ])('fr: %j → %s', (text, value) => expect(parseAmountText(text, 'fr')).toEqual(ok(value)));

  it.each([
    ['15,000.00', '15000.00'],
    ['15 000.00', '15000.00'],
    [`15${NNBSP}000.00`, '15000.00'],
    ['1,500', '1500'],
    ['12.5', '12.5'],
    ['12,5', '12.5'],
    ['+7', '7'],
  ])('en: %j → %s', (text, value) => expect(parseAmountText(text, 'en')).toEqual(ok(value)));

  it('keeps every digit exactly, beyond what a float holds', () => {
    expect(parseAmountText('12 345 678 901 234 567,89', 'fr')).toEqual(ok('12345678901234567.89'));
  });

  it.each([
    ['15,000.00', 'fr', 'ambiguous'],
    ['15.000,00', 'en', 'ambiguous'],
    ['15 00', 'fr', 'grouping'],
    ['1.50.000', 'fr', 'grouping'],
    ['15 000.000,00', 'fr', 'grouping'],
    ['', 'fr', 'empty'],
    ['   ', 'en', 'empty'],
    ['abc', 'en', 'invalid'],
    ['1,2,3', 'fr', 'invalid'],
    ['12,', 'fr', 'invalid'],
    ['1e5', 'en', 'invalid'],
  ])('refuses %j in %s (%s)', (text, locale, reason) => expect(parseAmountText(text, locale)).toEqual(no(reason)));
});

describe('formatAmountInput', () => {
  it.each([
    ['15000.00', 'fr', `15${NNBSP}000,00`],
    ['-1234567.5', 'en', '-1,234,567.5'],
    ['999', 'fr', '999'],
    ['0.05', 'en', '0.05'],
  ])('%s in %s → %j, and parses back', (value, locale, text) => {
    expect(formatAmountInput(value, locale)).toBe(text);
    expect(parseAmountText(text, locale)).toEqual(ok(value));
  });

  it('shows what is not a decimal as it is', () =>
    expect(formatAmountInput('[object Object]', 'fr')).toBe('[object Object]'));
});
