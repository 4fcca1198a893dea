import { describe, expect, it } from 'vitest';
import {
  excelSerialToIso,
  fitScale,
  numberToDecimal,
  parseBooleanText,
  parseDateText,
  parseLocaleNumber,
} from './locale-parse.ts';

const num = (s: string, l?: 'fr' | 'de' | 'en' | 'auto') => {
  const r = parseLocaleNumber(s, l);
  return r.ok ? r.value.decimal : `ERR ${r.problem}`;
};

describe('parseLocaleNumber', () => {
  it.each([
    ['1.234,56', '1234.56'],
    ['1 234,56', '1234.56'],
    ['1\u202f234,56', '1234.56'],
    ['1\u00a0234\u00a0567,5', '1234567.5'],
    ['100,00-', '-100.00'],
    ['(1,234.56)', '-1234.56'],
    ['-0,00', '0.00'],
    ['1,234,567', '1234567'],
    ['0012', '12'],
    ["1'234.50", '1234.50'],
    ['\u22125,5', '-5.5'],
    ['12,5 €', '12.5'],
    ['-€3.10', '-3.10'],
  ])('%s → %s', (s, want) => expect(num(s)).toBe(want));

  it('refuses ambiguous "1.234" in auto mode but reads it by locale', () => {
    expect(num('1.234')).toMatch(/ambiguous/);
    expect(num('1.234', 'de')).toBe('1234');
    expect(num('1.234', 'en')).toBe('1.234');
    expect(num('1,5', 'fr')).toBe('1.5');
  });

  it('captures the currency', () => {
    expect(parseLocaleNumber('EUR 1.234,56')).toEqual({ ok: true, value: { decimal: '1234.56', currency: 'EUR' } });
    expect(parseLocaleNumber('1 234,56 €')).toEqual({ ok: true, value: { decimal: '1234.56', currency: 'EUR' } });
  });

  it.each(['abc', '1,2,3.4.5', '12a', '1.23.4,5', ''])('rejects %j', (s) =>
    expect(parseLocaleNumber(s).ok).toBe(false),
  );
});

describe('numbers from cells', () => {
  it('keeps the shortest exact decimal', () => {
    expect(numberToDecimal(1234.56)).toBe('1234.56');
    expect(numberToDecimal(1e-7)).toBe('0.0000001');
    expect(numberToDecimal(1.5e21)).toBe('1500000000000000000000');
    expect(numberToDecimal(-0)).toBe('0');
  });
  it('rounds float noise but refuses real extra precision', () => {
    expect(fitScale(numberToDecimal(0.1 + 0.2), 2, true)).toEqual({ ok: true, value: '0.30' });
    expect(fitScale('1234.5600000000002', 2, true)).toEqual({ ok: true, value: '1234.56' });
    expect(fitScale('12.345', 2, true).ok).toBe(false);
    expect(fitScale('12.300', 2, false)).toEqual({ ok: true, value: '12.30' });
  });
});

describe('dates', () => {
  it.each([
    ['31.12.2024', '2024-12-31'],
    ['31/12/2024', '2024-12-31'],
    ['1-2-24', '2024-02-01'],
    ['2024-12-31', '2024-12-31'],
    ['2024-12-31T10:00:00Z', '2024-12-31'],
  ])('%s → %s', (s, want) => expect(parseDateText(s)).toEqual({ ok: true, value: want }));
  it('honours month-first order and rejects impossible dates', () => {
    expect(parseDateText('12/31/2024', 'MDY')).toEqual({ ok: true, value: '2024-12-31' });
    expect(parseDateText('31.02.2024').ok).toBe(false);
    expect(parseDateText('12/31/2024').ok).toBe(false);
  });
  it('converts Excel serials, including around the 1900 leap bug', () => {
    expect(excelSerialToIso(45657)).toEqual({ ok: true, value: '2024-12-31' });
    expect(excelSerialToIso(61)).toEqual({ ok: true, value: '1900-03-01' });
    expect(excelSerialToIso(59)).toEqual({ ok: true, value: '1900-02-28' });
    expect(excelSerialToIso(60).ok).toBe(false);
    expect(excelSerialToIso(0, true).ok).toBe(false);
  });
});

it('parses booleans in three languages', () => {
  for (const t of ['oui', 'Ja', 'TRUE', 'x']) expect(parseBooleanText(t)).toEqual({ ok: true, value: true });
  for (const f of ['non', 'nein', 'false', '']) expect(parseBooleanText(f)).toEqual({ ok: true, value: false });
  expect(parseBooleanText('peut-être').ok).toBe(false);
});
