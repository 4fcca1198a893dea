import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarRule } from '../schema/calendar.schema.ts';
import { addWorkingDays, isWorkingDay } from './business-calendar.ts';
import { describeCalendarRule, parseCalendarRule } from './calendar-text.ts';
import { toLocal } from './zoned-time.ts';

const rule: fc.Arbitrary<CalendarRule> = fc.letrec<{ rule: CalendarRule }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('workingDays' as const), days: fc.integer({ min: 0, max: 3650 }) }),
    fc.record({ type: fc.constant('calendarDays' as const), days: fc.integer({ min: 0, max: 3650 }) }),
    fc.record({
      type: fc.constant('nthWorkingDayOfMonth' as const),
      n: fc.integer({ min: 1, max: 23 }),
      monthOffset: fc.integer({ min: 0, max: 24 }),
    }),
    fc.record(
      {
        type: fc.constant('dayOfMonth' as const),
        day: fc.integer({ min: 1, max: 31 }),
        monthOffset: fc.integer({ min: 0, max: 24 }),
        rollToWorkingDay: fc.constantFrom('next' as const, 'previous' as const),
      },
      { requiredKeys: ['type', 'day', 'monthOffset'] },
    ),
    fc.record({
      type: fc.constant('ifDayOfMonthAfter' as const),
      day: fc.integer({ min: 1, max: 31 }),
      then: tie('rule'),
      else: tie('rule'),
    }),
  ),
})).rule;

describe('calendar properties', () => {
  it('describe then parse gives the rule back, in both languages', () => {
    fc.assert(
      fc.property(rule, fc.constantFrom('en' as const, 'fr' as const), (r, lang) => {
        expect(parseCalendarRule(describeCalendarRule(r, lang), lang)).toEqual({ rule: r });
      }),
      { numRuns: 300 },
    );
  });

  it('adding n ≥ 1 working days lands on a working day at the same wall-clock time, and is reversible', () => {
    const opts = { calendar: 'FR', timezone: 'Europe/Paris' };
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 40 }),
        (from, n) => {
          const to = addWorkingDays(from, n, opts);
          expect(isWorkingDay(to, opts)).toBe(true);
          // Going back n working days returns to a working-day start (DST gaps only fall on Sundays in Paris).
          if (isWorkingDay(from, opts)) expect(addWorkingDays(to, -n, opts).getTime()).toBe(from.getTime());
          const a = toLocal(from, opts.timezone);
          const b = toLocal(to, opts.timezone);
          expect([b.hour, b.minute]).toEqual([a.hour, a.minute]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
