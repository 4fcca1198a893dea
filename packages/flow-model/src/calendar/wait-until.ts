import { LedgerflowError } from '../errors.ts';
import type { CalendarRule, WaitSpec } from '../schema/calendar.schema.ts';
import { evaluateExpression } from '../expressions/expression-eval.ts';
import { addDays, addMonths, fromLocal, parseDateValue, toLocal, type LocalDate } from './zoned-time.ts';
import {
  atSameTime,
  nthWorkingDayOfMonth,
  rollToWorkingDay,
  stepWorkingDays,
  type CalendarOptions,
} from './business-calendar.ts';

export interface WaitOptions extends CalendarOptions {
  /** Run variables, for `date` waits whose expression reads them. */
  vars?: Record<string, unknown>;
}

const DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function parseIsoDuration(iso: string): IsoDuration {
  const m = typeof iso === 'string' ? DURATION.exec(iso) : null;
  if (!m)
    throw new LedgerflowError(
      'DURATION_INVALID',
      `'${String(iso).slice(0, 40)}' is not an ISO 8601 duration like P3D or PT2H`,
      { status: 400 },
    );
  const n = (i: number) => Number(m[i] ?? 0);
  return { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) };
}

/**
 * Date units move the wall clock (P1D across a DST change is still "same time tomorrow", P1M from
 * Jan 31 is the end of February); time units are exact elapsed time. Same as Temporal.ZonedDateTime.add.
 */
export function addIsoDuration(from: Date, iso: string, timezone: string): Date {
  const d = parseIsoDuration(iso);
  const l = toLocal(from, timezone);
  let date: LocalDate = addMonths(l, d.years * 12 + d.months);
  date = addDays(date, d.weeks * 7 + d.days);
  const dated = d.years || d.months || d.weeks || d.days ? fromLocal({ ...l, ...date }, timezone) : from;
  return new Date(dated.getTime() + ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000);
}

/** Applies a calendar rule; the result keeps the wall-clock time of `from` in the flow timezone. */
export function applyCalendarRule(rule: CalendarRule, from: Date, opts: CalendarOptions, depth = 0): Date {
  if (depth > 32)
    throw new LedgerflowError('CALENDAR_RULE_INVALID', 'Calendar rule is nested too deeply', { status: 400 });
  const l = toLocal(from, opts.timezone);
  switch (rule.type) {
    case 'workingDays':
      return atSameTime(stepWorkingDays(l, rule.days, opts.calendar), l, opts.timezone);
    case 'calendarDays':
      return atSameTime(addDays(l, rule.days), l, opts.timezone);
    case 'nthWorkingDayOfMonth': {
      const m = addMonths({ year: l.year, month: l.month, day: 1 }, rule.monthOffset);
      return atSameTime(nthWorkingDayOfMonth(m.year, m.month, rule.n, opts.calendar), l, opts.timezone);
    }
    case 'dayOfMonth': {
      // addMonths clamps the day: the 31st of a 30-day month is the 30th.
      let d = addMonths({ year: l.year, month: l.month, day: rule.day }, rule.monthOffset);
      if (rule.rollToWorkingDay === 'next') d = rollToWorkingDay(d, 1, opts.calendar);
      if (rule.rollToWorkingDay === 'previous') d = rollToWorkingDay(d, -1, opts.calendar);
      return atSameTime(d, l, opts.timezone);
    }
    case 'ifDayOfMonthAfter':
      return applyCalendarRule(l.day > rule.day ? rule.then : rule.else, from, opts, depth + 1);
    default:
      throw new LedgerflowError(
        'CALENDAR_RULE_INVALID',
        `Unknown calendar rule type '${String((rule as { type?: unknown }).type)}'`,
        { status: 400 },
      );
  }
}

/** When a wait, due date or reminder fires, as a UTC instant computed in the flow's timezone and calendar. */
export async function computeWaitUntil(spec: WaitSpec, from: Date, opts: WaitOptions): Promise<Date> {
  switch (spec.type) {
    case 'duration':
      return addIsoDuration(from, spec.iso, opts.timezone);
    case 'calendar':
      return applyCalendarRule(spec.rule, from, opts);
    case 'date': {
      const value = await evaluateExpression(spec.expression, opts.vars ?? {}, {
        timezone: opts.timezone,
        now: from,
        calendar: opts.calendar,
      });
      const parsed = parseDateValue(value, opts.timezone);
      if (!parsed) {
        throw new LedgerflowError(
          'WAIT_DATE_INVALID',
          `Wait date expression '${spec.expression.slice(0, 80)}' gave ${JSON.stringify(value)?.slice(0, 80)}, not a date`,
          {
            status: 400,
            details: { expression: spec.expression },
          },
        );
      }
      return parsed.instant;
    }
    default:
      throw new LedgerflowError(
        'WAIT_SPEC_INVALID',
        `Unknown wait type '${String((spec as { type?: unknown }).type)}'`,
        { status: 400 },
      );
  }
}
