import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  isKnownCalendar,
  isWorkingDay,
  nthWorkingDayOfMonth,
  publicHolidays,
} from './business-calendar.ts';
import { fromLocal, parseDateValue, toLocal } from './zoned-time.ts';

const PARIS = { calendar: 'FR', timezone: 'Europe/Paris' };
const NY = { calendar: 'US', timezone: 'America/New_York' };

describe('FR public holidays 2026-2028', () => {
  const golden: Record<number, string[]> = {
    2026: [
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ],
    2027: [
      '2027-01-01',
      '2027-03-29',
      '2027-05-01',
      '2027-05-06',
      '2027-05-08',
      '2027-05-17',
      '2027-07-14',
      '2027-08-15',
      '2027-11-01',
      '2027-11-11',
      '2027-12-25',
    ],
    2028: [
      '2028-01-01',
      '2028-04-17',
      '2028-05-01',
      '2028-05-08',
      '2028-05-25',
      '2028-06-05',
      '2028-07-14',
      '2028-08-15',
      '2028-11-01',
      '2028-11-11',
      '2028-12-25',
    ],
  };
  it.each(Object.entries(golden))('%s', (year, dates) => {
    expect([...publicHolidays('FR', Number(year))].sort()).toEqual(dates);
  });
  it('knows states and rejects unknown calendars', () => {
    expect(isKnownCalendar('DE-BY')).toBe(true);
    expect(isKnownCalendar('ZZ')).toBe(false);
    expect(isKnownCalendar('FR-XX')).toBe(false);
    expect(publicHolidays('DE-BY', 2026).has('2026-01-06')).toBe(true); // Epiphany, Bavaria only
    expect(publicHolidays('DE', 2026).has('2026-01-06')).toBe(false);
  });
});

describe('isWorkingDay', () => {
  it('uses the flow timezone to decide the day', () => {
    // 2026-07-13 23:30 UTC is already Tuesday 14 July (holiday) in Paris.
    expect(isWorkingDay(new Date('2026-07-13T21:30:00Z'), PARIS)).toBe(true);
    expect(isWorkingDay(new Date('2026-07-13T22:30:00Z'), PARIS)).toBe(false);
    expect(isWorkingDay(new Date('2026-07-11T10:00:00Z'), PARIS)).toBe(false); // Saturday
    expect(isWorkingDay(new Date('2028-02-29T10:00:00Z'), PARIS)).toBe(true); // leap day, Tuesday
  });
  it('US calendar in New York (observed Independence Day)', () => {
    expect(isWorkingDay(new Date('2026-07-03T15:00:00Z'), NY)).toBe(false);
    expect(isWorkingDay(new Date('2026-11-26T15:00:00Z'), NY)).toBe(false); // Thanksgiving
    expect(isWorkingDay(new Date('2026-11-27T15:00:00Z'), NY)).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it('3 working days from Fri 2026-07-10 15:00 Paris is Thu 2026-07-16 15:00 (14 Jul holiday)', () => {
    const from = fromLocal(
      { year: 2026, month: 7, day: 10, hour: 15, minute: 0, second: 0, millisecond: 0 },
      'Europe/Paris',
    );
    expect(from.toISOString()).toBe('2026-07-10T13:00:00.000Z');
    expect(addWorkingDays(from, 3, PARIS).toISOString()).toBe('2026-07-16T13:00:00.000Z');
  });
  it('keeps wall-clock time across the March DST change', () => {
    const fri = new Date('2026-03-27T08:00:00Z'); // 09:00 CET
    const mon = addWorkingDays(fri, 1, PARIS);
    expect(mon.toISOString()).toBe('2026-03-30T07:00:00.000Z'); // 09:00 CEST
    expect(toLocal(mon, 'Europe/Paris').hour).toBe(9);
  });
  it('keeps wall-clock time across the October DST change', () => {
    expect(addWorkingDays(new Date('2026-10-23T07:00:00Z'), 1, PARIS).toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });
  it('crosses month and year ends, and goes backwards', () => {
    expect(addWorkingDays(new Date('2026-12-31T09:00:00Z'), 1, PARIS).toISOString()).toBe('2027-01-04T09:00:00.000Z');
    expect(addWorkingDays(new Date('2028-02-28T09:00:00Z'), 1, PARIS).toISOString()).toBe('2028-02-29T09:00:00.000Z');
    expect(addWorkingDays(new Date('2026-07-16T13:00:00Z'), -3, PARIS).toISOString()).toBe('2026-07-10T13:00:00.000Z');
    expect(addWorkingDays(new Date('2026-07-16T13:00:00Z'), 0, PARIS).toISOString()).toBe('2026-07-16T13:00:00.000Z');
  });
  it('New York: 2 working days from Thu 2026-07-02 is Tue 07-07', () => {
    expect(addWorkingDays(new Date('2026-07-02T14:00:00Z'), 2, NY).toISOString()).toBe('2026-07-07T14:00:00.000Z');
  });
});

describe('nthWorkingDayOfMonth', () => {
  it('skips weekends and holidays', () => {
    expect(nthWorkingDayOfMonth(2026, 5, 1, 'FR')).toEqual({ year: 2026, month: 5, day: 4 }); // 1 May holiday, 2-3 weekend
    expect(nthWorkingDayOfMonth(2026, 5, 5, 'FR')).toEqual({ year: 2026, month: 5, day: 11 }); // 8 May holiday
    expect(nthWorkingDayOfMonth(2026, 2, 23, 'FR')).toEqual({ year: 2026, month: 2, day: 27 }); // clamps to last
  });
});

describe('zoned time', () => {
  it('resolves DST gaps forward and overlaps to the earlier instant', () => {
    expect(
      fromLocal(
        { year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0, millisecond: 0 },
        'Europe/Paris',
      ).toISOString(),
    ).toBe('2026-03-29T01:30:00.000Z');
    expect(
      fromLocal(
        { year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0, millisecond: 0 },
        'Europe/Paris',
      ).toISOString(),
    ).toBe('2026-10-25T00:30:00.000Z');
  });
  it('parses date values in the flow timezone', () => {
    expect(parseDateValue('2026-07-10', 'Europe/Paris')?.instant.toISOString()).toBe('2026-07-09T22:00:00.000Z');
    expect(parseDateValue('2026-07-10T15:00', 'America/New_York')?.instant.toISOString()).toBe(
      '2026-07-10T19:00:00.000Z',
    );
    expect(parseDateValue('2026-07-10T15:00:00Z', 'Europe/Paris')?.instant.toISOString()).toBe(
      '2026-07-10T15:00:00.000Z',
    );
    expect(parseDateValue('2026-02-30', 'Europe/Paris')).toBeNull();
    expect(parseDateValue('yesterday', 'Europe/Paris')).toBeNull();
  });
});
