import { describe, expect, it } from 'vitest';
import { pgTimestampIso } from './pg-timestamp.ts';

describe('pgTimestampIso', () => {
  it('matches Date on every fraction length of a UTC timestamp', () => {
    for (const text of [
      '2026-11-22 08:20:41+00',
      '2026-11-22 08:20:41.1+00',
      '2026-11-22 08:20:41.12+00',
      '2026-11-22 08:20:41.123+00',
      '2026-11-22 08:20:41.0636+00',
      '2028-02-29 23:59:59.999999+00',
    ]) {
      expect(pgTimestampIso(text)).toBe(new Date(text).toISOString());
    }
  });
  it('converts other offsets through Date, to UTC', () => {
    expect(pgTimestampIso('2026-03-29 03:30:00+02')).toBe('2026-03-29T01:30:00.000Z');
    expect(pgTimestampIso('1999-01-01 00:00:00.5+05:30')).toBe('1998-12-31T18:30:00.500Z');
    expect(pgTimestampIso('2026-11-22 08:20:41.123+00:00')).toBe('2026-11-22T08:20:41.123Z');
  });
  it('accepts Dates and nulls, and refuses what is not a timestamp', () => {
    expect(pgTimestampIso(new Date('2026-01-02T03:04:05.006Z'))).toBe('2026-01-02T03:04:05.006Z');
    expect(pgTimestampIso(null)).toBeNull();
    expect(() => pgTimestampIso('2026-13-45 99:99:99+00x')).toThrow(/not a timestamp/);
  });
});
