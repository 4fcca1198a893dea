import { describe, expect, it } from 'vitest';
import { addIsoDuration, applyCalendarRule, computeWaitUntil } from './wait-until.ts';
import { describeCalendarRule, parseCalendarRule } from './calendar-text.ts';
import type { CalendarRule } from '../schema/calendar.schema.ts';

const PARIS = { calendar: 'FR', timezone: 'Europe/Paris' };
const at = (iso: string) => new Date(iso);

describe('durations', () => {
  it('P1D keeps wall-clock time across DST, PT24H does not', () => {
    expect(addIsoDuration(at('2026-03-28T11:00:00Z'), 'P1D', 'Europe/Paris').toISOString()).toBe(
      '2026-03-29T10:00:00.000Z',
    );
    expect(addIsoDuration(at('2026-03-28T11:00:00Z'), 'PT24H', 'Europe/Paris').toISOString()).toBe(
      '2026-03-29T11:00:00.000Z',
    );
  });
  it('P1M clamps to month end, leap years included', () => {
    expect(addIsoDuration(at('2028-01-31T09:00:00Z'), 'P1M', 'Europe/Paris').toISOString()).toBe(
      '2028-02-29T09:00:00.000Z',
    );
    expect(addIsoDuration(at('2027-01-31T09:00:00Z'), 'P1M', 'Europe/Paris').toISOString()).toBe(
      '2027-02-28T09:00:00.000Z',
    );
    expect(addIsoDuration(at('2026-01-15T09:00:00Z'), 'P1Y2M1W3DT2H30M', 'UTC').toISOString()).toBe(
      '2027-03-25T11:30:00.000Z',
    );
  });
  it('computeWaitUntil handles every spec type', async () => {
    expect(
      (await computeWaitUntil({ type: 'duration', iso: 'P3D' }, at('2026-07-10T13:00:00Z'), PARIS)).toISOString(),
    ).toBe('2026-07-13T13:00:00.000Z');
    expect(
      (
        await computeWaitUntil({ type: 'date', expression: 'invoice.dueDate' }, at('2026-07-10T13:00:00Z'), {
          ...PARIS,
          vars: { invoice: { dueDate: '2026-08-01' } },
        })
      ).toISOString(),
    ).toBe('2026-07-31T22:00:00.000Z');
    await expect(
      computeWaitUntil({ type: 'date', expression: 'nope' }, at('2026-07-10T13:00:00Z'), PARIS),
    ).rejects.toThrow(/not a date/);
    // 23:30 UTC on 31 Dec is New Year's Day in Paris: $today() in a date wait is the flow's day.
    expect(
      (
        await computeWaitUntil({ type: 'date', expression: '$today()' }, at('2026-12-31T23:30:00Z'), PARIS)
      ).toISOString(),
    ).toBe('2026-12-31T23:00:00.000Z');
    expect(
      (
        await computeWaitUntil(
          { type: 'calendar', rule: { type: 'workingDays', days: 3 } },
          at('2026-07-10T13:00:00Z'),
          PARIS,
        )
      ).toISOString(),
    ).toBe('2026-07-16T13:00:00.000Z');
  });
});

describe('calendar rules', () => {
  const apply = (rule: CalendarRule, from: string, opts = PARIS) =>
    applyCalendarRule(rule, at(from), opts).toISOString();
  it('nth working day of next month', () => {
    expect(apply({ type: 'nthWorkingDayOfMonth', n: 5, monthOffset: 1 }, '2026-04-20T08:00:00Z')).toBe(
      '2026-05-11T08:00:00.000Z',
    );
    expect(apply({ type: 'nthWorkingDayOfMonth', n: 1, monthOffset: 0 }, '2026-12-15T08:00:00Z')).toBe(
      '2026-12-01T08:00:00.000Z',
    );
    expect(apply({ type: 'nthWorkingDayOfMonth', n: 1, monthOffset: 1 }, '2026-12-15T08:00:00Z')).toBe(
      '2027-01-04T08:00:00.000Z',
    );
  });
  it('day of month clamps and rolls', () => {
    expect(apply({ type: 'dayOfMonth', day: 31, monthOffset: 1 }, '2028-01-10T08:00:00Z')).toBe(
      '2028-02-29T08:00:00.000Z',
    );
    expect(apply({ type: 'dayOfMonth', day: 31, monthOffset: 1 }, '2027-01-10T08:00:00Z')).toBe(
      '2027-02-28T08:00:00.000Z',
    );
    // 1 Aug 2026 is a Saturday
    expect(
      apply({ type: 'dayOfMonth', day: 1, monthOffset: 1, rollToWorkingDay: 'next' }, '2026-07-10T08:00:00Z'),
    ).toBe('2026-08-03T08:00:00.000Z');
    expect(
      apply({ type: 'dayOfMonth', day: 1, monthOffset: 1, rollToWorkingDay: 'previous' }, '2026-07-10T08:00:00Z'),
    ).toBe('2026-07-31T08:00:00.000Z');
  });
  it('if after the 20th: 1st of next month, else in 7 days', () => {
    const rule = parseCalendarRule('if after the 20th: 1st of next month, else in 7 days');
    if (!('rule' in rule)) throw new Error(rule.error);
    expect(apply(rule.rule, '2026-07-21T08:00:00Z')).toBe('2026-08-01T08:00:00.000Z');
    expect(apply(rule.rule, '2026-07-20T08:00:00Z')).toBe('2026-07-27T08:00:00.000Z');
  });
  it('New York timezone across the November DST change', () => {
    expect(
      apply({ type: 'workingDays', days: 1 }, '2026-10-30T13:00:00Z', { calendar: 'US', timezone: 'America/New_York' }),
    ).toBe('2026-11-02T14:00:00.000Z');
  });
});

describe('parse / describe', () => {
  const cases: Array<[string, 'en' | 'fr', CalendarRule]> = [
    ['3 working days', 'en', { type: 'workingDays', days: 3 }],
    ['3 jours ouvrés', 'fr', { type: 'workingDays', days: 3 }],
    ['in 7 days', 'en', { type: 'calendarDays', days: 7 }],
    ['dans 7 jours', 'fr', { type: 'calendarDays', days: 7 }],
    ['5th working day of next month', 'en', { type: 'nthWorkingDayOfMonth', n: 5, monthOffset: 1 }],
    ['5e jour ouvré du mois prochain', 'fr', { type: 'nthWorkingDayOfMonth', n: 5, monthOffset: 1 }],
    ['1st of next month', 'en', { type: 'dayOfMonth', day: 1, monthOffset: 1 }],
    ['le 1er du mois prochain', 'fr', { type: 'dayOfMonth', day: 1, monthOffset: 1 }],
    [
      '15th of this month (or next working day)',
      'en',
      { type: 'dayOfMonth', day: 15, monthOffset: 0, rollToWorkingDay: 'next' },
    ],
    [
      'le 15 du mois dans 3 mois (ou jour ouvré précédent)',
      'fr',
      { type: 'dayOfMonth', day: 15, monthOffset: 3, rollToWorkingDay: 'previous' },
    ],
    [
      'if after the 20th: 1st of next month, else in 7 days',
      'en',
      {
        type: 'ifDayOfMonthAfter',
        day: 20,
        then: { type: 'dayOfMonth', day: 1, monthOffset: 1 },
        else: { type: 'calendarDays', days: 7 },
      },
    ],
    [
      'si après le 20 : le 1er du mois prochain, sinon dans 7 jours',
      'fr',
      {
        type: 'ifDayOfMonthAfter',
        day: 20,
        then: { type: 'dayOfMonth', day: 1, monthOffset: 1 },
        else: { type: 'calendarDays', days: 7 },
      },
    ],
  ];
  it.each(cases)('%s (%s)', (text, lang, rule) => {
    expect(parseCalendarRule(text, lang)).toEqual({ rule });
    expect(parseCalendarRule(describeCalendarRule(rule, lang), lang)).toEqual({ rule });
    expect(
      parseCalendarRule(describeCalendarRule(rule, lang === 'en' ? 'fr' : 'en'), lang === 'en' ? 'fr' : 'en'),
    ).toEqual({ rule });
  });
  it('accepts variants', () => {
    expect(parseCalendarRule('In 3 Business Days')).toEqual({ rule: { type: 'workingDays', days: 3 } });
    expect(parseCalendarRule('Dans 2 jours ouvrables', 'fr')).toEqual({ rule: { type: 'workingDays', days: 2 } });
    expect(parseCalendarRule('1 working day')).toEqual({ rule: { type: 'workingDays', days: 1 } });
  });
  it('round-trips nested conditions', () => {
    const rule: CalendarRule = {
      type: 'ifDayOfMonthAfter',
      day: 25,
      then: {
        type: 'ifDayOfMonthAfter',
        day: 28,
        then: { type: 'workingDays', days: 1 },
        else: { type: 'nthWorkingDayOfMonth', n: 2, monthOffset: 2 },
      },
      else: {
        type: 'ifDayOfMonthAfter',
        day: 10,
        then: { type: 'calendarDays', days: 0 },
        else: { type: 'dayOfMonth', day: 31, monthOffset: 0, rollToWorkingDay: 'previous' },
      },
    };
    for (const lang of ['en', 'fr'] as const)
      expect(parseCalendarRule(describeCalendarRule(rule, lang), lang)).toEqual({ rule });
  });
  it('explains what it cannot read', () => {
    expect(parseCalendarRule('whenever')).toHaveProperty('error');
    expect(parseCalendarRule('')).toHaveProperty('error');
    expect(parseCalendarRule('99999 working days')).toEqual({ error: expect.stringMatching(/between/) });
    expect(parseCalendarRule('30th working day of next month')).toEqual({ error: expect.stringMatching(/between/) });
    expect(parseCalendarRule('if after the 20th: 1st of next month')).toEqual({
      error: expect.stringMatching(/both branches/),
    });
  });
});
