import { describe, expect, it } from 'vitest';
import { fromPickerDateTime, fromPickerMonth, parseDayText, toPickerDateTime, toPickerMonth } from './date-text.ts';

describe('parseDayText', () => {
  it('reads the day first, as both app languages write it, and ISO days', () => {
    expect(parseDayText('31/10/2026')).toBe('2026-10-31');
    expect(parseDayText(' 1.2.2026 ')).toBe('2026-02-01');
    expect(parseDayText('05-03-26')).toBe('2026-03-05');
    expect(parseDayText('2026-10-31')).toBe('2026-10-31');
  });
  it('waits for a whole, real day', () => {
    expect(parseDayText('31/10/20')).toBe('2020-10-31');
    expect(parseDayText('31/10/202')).toBeNull();
    expect(parseDayText('31/02/2026')).toBeNull();
    expect(parseDayText('10/31/2026')).toBeNull();
    expect(parseDayText('')).toBeNull();
  });
});

describe('date-time values', () => {
  it('go between the datetime-local form callers keep and the picker form', () => {
    expect(toPickerDateTime('2026-10-31T14:20')).toBe('2026-10-31 14:20:00');
    expect(toPickerDateTime('')).toBeNull();
    expect(fromPickerDateTime('2026-10-31 14:20:00')).toBe('2026-10-31T14:20');
    expect(fromPickerDateTime(null)).toBe('');
  });
});

describe('month values', () => {
  it('go between the native month form callers keep and the picker form', () => {
    expect(toPickerMonth('2026-10')).toBe('2026-10-01');
    expect(toPickerMonth('')).toBeNull();
    expect(fromPickerMonth('2026-10-01')).toBe('2026-10');
    expect(fromPickerMonth(null)).toBe('');
  });
});
