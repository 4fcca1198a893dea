/**
 * Dates as the user types and reads them, whatever the browser's own locale: day first (fr-FR, en-GB — see
 * i18n/format-date.ts), and the ISO strings the native inputs used to give, so callers and the API never change.
 */

/** dayjs formats the date fields display; French writes the time "14 h 20" (no colon without its space). */
export const DAY_FORMAT = 'DD/MM/YYYY';
export const DATE_TIME_FORMAT = { fr: 'DD/MM/YYYY HH[ h ]mm', en: 'DD/MM/YYYY HH:mm' } as const;

const DAY_FIRST = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4}|\d{2})$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isoDay(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 31/02 over to March: a day that does not exist is refused instead.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/**
 * A typed day ("31/10/2026", "31.10.2026", "31-10-26", or ISO "2026-10-31") as "2026-10-31"; null while it is
 * not a whole, real day (the field then waits for more typing).
 */
export function parseDayText(text: string): string | null {
  const s = text.trim();
  const iso = ISO_DAY.exec(s);
  if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const m = DAY_FIRST.exec(s);
  if (!m) return null;
  const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  return isoDay(year, Number(m[2]), Number(m[1]));
}

/** A native datetime-local value ("2026-10-31T14:20") as the picker's "2026-10-31 14:20:00"; null when empty. */
export function toPickerDateTime(local: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?/.exec(local);
  return m ? `${m[1]} ${m[2]}${m[3] ?? ':00'}` : null;
}

/** The picker's "2026-10-31 14:20:00" back as a datetime-local value, "2026-10-31T14:20"; "" when cleared. */
export function fromPickerDateTime(value: string | null): string {
  const m = value ? /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})/.exec(value) : null;
  return m ? `${m[1]}T${m[2]}` : '';
}

/** A native month value ("2026-10") as the month picker's first day of it, "2026-10-01"; null when empty. */
export function toPickerMonth(month: string): string | null {
  const m = /^(\d{4}-\d{2})/.exec(month);
  return m ? `${m[1]}-01` : null;
}

/** The month picker's "2026-10-01" back as a native month value, "2026-10"; "" when cleared. */
export function fromPickerMonth(value: string | null): string {
  const m = value ? /^(\d{4}-\d{2})/.exec(value) : null;
  return m ? m[1]! : '';
}
