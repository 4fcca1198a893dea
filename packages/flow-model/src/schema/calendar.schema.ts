import { Type, type TSchema } from '@sinclair/typebox';
import { Expression } from './common.schema.ts';

/**
 * Business-calendar rules, as data. The designer edits them in plain words
 * ("3 working days", "5th working day of next month") through the calendar parser.
 */
export const CalendarRule = Type.Unsafe<CalendarRule>(
  Type.Recursive(
    (Self: TSchema) =>
      Type.Union([
        Type.Object({ type: Type.Literal('workingDays'), days: Type.Integer({ minimum: 0, maximum: 3650 }) }),
        Type.Object({ type: Type.Literal('calendarDays'), days: Type.Integer({ minimum: 0, maximum: 3650 }) }),
        Type.Object({
          type: Type.Literal('nthWorkingDayOfMonth'),
          n: Type.Integer({ minimum: 1, maximum: 23 }),
          monthOffset: Type.Integer({ minimum: 0, maximum: 24, description: '0 = this month, 1 = next month' }),
        }),
        Type.Object({
          type: Type.Literal('dayOfMonth'),
          day: Type.Integer({ minimum: 1, maximum: 31, description: 'clamped to the last day of short months' }),
          monthOffset: Type.Integer({ minimum: 0, maximum: 24 }),
          rollToWorkingDay: Type.Optional(
            Type.Union([Type.Literal('none'), Type.Literal('next'), Type.Literal('previous')]),
          ),
        }),
        Type.Object({
          type: Type.Literal('ifDayOfMonthAfter'),
          day: Type.Integer({ minimum: 1, maximum: 31 }),
          then: Self,
          else: Self,
        }),
      ]),
    { $id: 'CalendarRule' },
  ),
);
// Written out because Static<> of a recursive schema types the nested branches as unknown.
export type CalendarRule =
  | { type: 'workingDays'; days: number }
  | { type: 'calendarDays'; days: number }
  | { type: 'nthWorkingDayOfMonth'; n: number; monthOffset: number }
  | { type: 'dayOfMonth'; day: number; monthOffset: number; rollToWorkingDay?: 'none' | 'next' | 'previous' }
  | { type: 'ifDayOfMonthAfter'; day: number; then: CalendarRule; else: CalendarRule };

/** When a wait, due date or reminder fires. */
export const WaitSpec = Type.Union([
  Type.Object({
    type: Type.Literal('duration'),
    iso: Type.String({
      pattern: '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$',
    }),
  }),
  Type.Object({ type: Type.Literal('date'), expression: Expression }),
  Type.Object({ type: Type.Literal('calendar'), rule: CalendarRule }),
]);
export type WaitSpec =
  { type: 'duration'; iso: string } | { type: 'date'; expression: string } | { type: 'calendar'; rule: CalendarRule };
