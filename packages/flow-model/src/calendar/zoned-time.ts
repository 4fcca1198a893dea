import { LedgerflowError } from '../errors.ts';

/** A wall-clock reading in some timezone. month is 1-12, weekday 1 (Mon) - 7 (Sun). */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new LedgerflowError('TIMEZONE_UNKNOWN', `'${timeZone}' is not an IANA timezone`, {
        status: 400,
        details: { timeZone },
      });
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimezone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function toLocal(date: Date, timeZone: string): LocalDateTime {
  const t = date.getTime();
  if (!Number.isFinite(t)) throw new LedgerflowError('DATE_INVALID', 'Invalid date', { status: 400 });
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(date))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  return {
    year: p.year!,
    month: p.month!,
    day: p.day!,
    hour: p.hour! % 24,
    minute: p.minute!,
    second: p.second!,
    millisecond: ((t % 1000) + 1000) % 1000,
  };
}

function offsetAt(t: number, timeZone: string): number {
  const l = toLocal(new Date(t), timeZone);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second, l.millisecond) - t;
}

/**
 * The instant showing this wall-clock time in the zone. Like Temporal's 'compatible' disambiguation:
 * a time skipped by a DST jump moves forward by the gap, a repeated time takes the earlier instant.
 */
export function fromLocal(l: LocalDateTime, timeZone: string): Date {
  const wall = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second, l.millisecond);
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [wall - before, wall - after].filter((t) => offsetAt(t, timeZone) === wall - t);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  return new Date(wall - before);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Calendar arithmetic on plain dates (UTC used only as a proleptic calendar, never as an instant). */
export function addDays(d: LocalDate, days: number): LocalDate {
  const u = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: u.getUTCFullYear(), month: u.getUTCMonth() + 1, day: u.getUTCDate() };
}

/** Adds months, clamping the day to the end of shorter months (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(d: LocalDate, months: number): LocalDate {
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

export function weekday(d: LocalDate): number {
  const w = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return w === 0 ? 7 : w;
}

export function isoDate(d: LocalDate): string {
  const y = String(d.year).padStart(4, '0');
  return `${y}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export function dayNumber(d: LocalDate): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / DAY_MS);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?$/;
const ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

export interface ParsedDate {
  instant: Date;
  /** True for 'YYYY-MM-DD': the value is a calendar day, not an instant. */
  dateOnly: boolean;
  local: LocalDate;
}

/**
 * Reads a date value: Date, epoch millis, ISO with offset, or local ISO (date or date-time) which is
 * taken as wall-clock time in `timeZone`. Returns null when it is not a date.
 */
export function parseDateValue(v: unknown, timeZone: string): ParsedDate | null {
  if (v instanceof Date)
    return Number.isFinite(v.getTime()) ? { instant: v, dateOnly: false, local: toLocal(v, timeZone) } : null;
  if (typeof v === 'number') return Number.isFinite(v) ? parseDateValue(new Date(v), timeZone) : null;
  if (typeof v !== 'string' || v.length > 40) return null;
  const s = v.trim();
  let m = DATE_ONLY.exec(s);
  if (m) {
    const local = { year: +m[1]!, month: +m[2]!, day: +m[3]! };
    if (!validDate(local)) return null;
    return {
      instant: fromLocal({ ...local, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone),
      dateOnly: true,
      local,
    };
  }
  m = LOCAL_DATETIME.exec(s);
  if (m) {
    const local = { year: +m[1]!, month: +m[2]!, day: +m[3]! };
    if (!validDate(local) || +m[4]! > 23 || +m[5]! > 59 || +(m[6] ?? 0) > 59) return null;
    const instant = fromLocal(
      { ...local, hour: +m[4]!, minute: +m[5]!, second: +(m[6] ?? 0), millisecond: +(m[7] ?? '0').padEnd(3, '0') },
      timeZone,
    );
    return { instant, dateOnly: false, local };
  }
  if (ZONED.test(s)) {
    const d = new Date(s);
    return Number.isFinite(d.getTime()) ? { instant: d, dateOnly: false, local: toLocal(d, timeZone) } : null;
  }
  return null;
}

function validDate(d: LocalDate): boolean {
  return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= daysInMonth(d.year, d.month);
}
