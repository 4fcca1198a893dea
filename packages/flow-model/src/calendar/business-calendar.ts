import Holidays from 'date-holidays';
import { LedgerflowError } from '../errors.ts';
import {
  addDays,
  daysInMonth,
  fromLocal,
  isoDate,
  toLocal,
  weekday,
  type LocalDate,
  type LocalDateTime,
} from './zoned-time.ts';

export interface CalendarOptions {
  /** date-holidays country, optionally with a state/region: 'FR', 'DE-BY', 'US'. */
  calendar: string;
  /** IANA timezone in which days are counted, e.g. 'Europe/Paris'. */
  timezone: string;
}

// Only full public holidays close the office; 'bank', 'optional' and 'observance' days are working days.
const CLOSED_TYPES = new Set(['public']);
const holidayCache = new Map<string, Map<number, Set<string>>>();
let countries: Record<string, string> | undefined;

function holidaysFor(calendar: string): Map<number, Set<string>> {
  let byYear = holidayCache.get(calendar);
  if (byYear) return byYear;
  const [country, state] = calendar.split('-', 2) as [string, string | undefined];
  countries ??= new Holidays().getCountries();
  const known =
    Object.hasOwn(countries, country) &&
    (state === undefined || Object.hasOwn(new Holidays().getStates(country) ?? {}, state));
  if (!known)
    throw new LedgerflowError(
      'CALENDAR_UNKNOWN',
      `'${calendar}' is not a known holiday calendar (expected a country code like FR or country-state like DE-BY)`,
      { status: 400, details: { calendar } },
    );
  byYear = new Map();
  holidayCache.set(calendar, byYear);
  return byYear;
}

export function isKnownCalendar(calendar: string): boolean {
  try {
    holidaysFor(calendar);
    return true;
  } catch {
    return false;
  }
}

/** 'YYYY-MM-DD' public holidays of a year (local dates; no timezone involved). */
export function publicHolidays(calendar: string, year: number): Set<string> {
  const byYear = holidaysFor(calendar);
  let set = byYear.get(year);
  if (!set) {
    const [country, state] = calendar.split('-', 2) as [string, string | undefined];
    const hd = state ? new Holidays(country, state) : new Holidays(country);
    set = new Set<string>();
    for (const h of hd.getHolidays(year) || []) if (CLOSED_TYPES.has(h.type)) set.add(h.date.slice(0, 10));
    byYear.set(year, set);
  }
  return set;
}

export function isWorkingLocalDate(d: LocalDate, calendar: string): boolean {
  return weekday(d) <= 5 && !publicHolidays(calendar, d.year).has(isoDate(d));
}

/** Whether the calendar day containing `date` (in the flow timezone) is a working day. */
export function isWorkingDay(date: Date, opts: CalendarOptions): boolean {
  return isWorkingLocalDate(toLocal(date, opts.timezone), opts.calendar);
}

// 3650 days of rules; a guard so a calendar with no working days can never loop forever.
const MAX_SCAN_DAYS = 20_000;

export function stepWorkingDays(d: LocalDate, n: number, calendar: string): LocalDate {
  const dir = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let cur = d;
  for (let i = 0; left > 0; i++) {
    if (i > MAX_SCAN_DAYS)
      throw new LedgerflowError('CALENDAR_NO_WORKING_DAYS', `Calendar '${calendar}' has no working days in range`, {
        status: 400,
      });
    cur = addDays(cur, dir);
    if (isWorkingLocalDate(cur, calendar)) left--;
  }
  return cur;
}

/** First working day on or after (dir 1) / on or before (dir -1) `d`. */
export function rollToWorkingDay(d: LocalDate, dir: 1 | -1, calendar: string): LocalDate {
  let cur = d;
  for (let i = 0; !isWorkingLocalDate(cur, calendar); i++) {
    if (i > MAX_SCAN_DAYS)
      throw new LedgerflowError('CALENDAR_NO_WORKING_DAYS', `Calendar '${calendar}' has no working days in range`, {
        status: 400,
      });
    cur = addDays(cur, dir);
  }
  return cur;
}

/**
 * The nth working day of a month. Months have 19-23 working days; asking for more than exist
 * clamps to the month's last working day rather than spilling into the next month.
 */
export function nthWorkingDayOfMonth(year: number, month: number, n: number, calendar: string): LocalDate {
  let found: LocalDate | undefined;
  let count = 0;
  for (let day = 1; day <= daysInMonth(year, month); day++) {
    const d = { year, month, day };
    if (isWorkingLocalDate(d, calendar)) {
      found = d;
      if (++count === n) return d;
    }
  }
  return found ?? rollToWorkingDay({ year, month, day: daysInMonth(year, month) }, 1, calendar);
}

/**
 * Adds working days keeping the wall-clock time: 3 working days from Fri 15:00 is the third
 * following working day at 15:00 local time, whatever DST did in between. Negative n goes back.
 */
export function addWorkingDays(from: Date, n: number, opts: CalendarOptions): Date {
  if (!Number.isInteger(n))
    throw new LedgerflowError('VALIDATION_FAILED', 'Working days must be an integer', { status: 400 });
  const l = toLocal(from, opts.timezone);
  return atSameTime(stepWorkingDays(l, n, opts.calendar), l, opts.timezone);
}

export function atSameTime(d: LocalDate, time: LocalDateTime, timezone: string): Date {
  return fromLocal({ ...time, year: d.year, month: d.month, day: d.day }, timezone);
}
