import { Type } from '@sinclair/typebox';
import { DecimalString } from '@ledgerflow/flow-model';
import { withErrors } from './common.schema.ts';

const Money = (description: string) =>
  Type.Object(
    {
      tasks: Type.Integer({ description: 'tasks in this bucket' }),
      amount: { ...DecimalString, description: 'their amounts in the company currency, at its digits' },
      unconverted: Type.Integer({
        description: 'tasks whose amount is in a currency without an exchange rate: left out of the amount',
      }),
    },
    { description },
  );

export const HomeFiguresSchema = {
  tags: ['home'],
  summary: 'Cases and money across every flow (test runs and sub-flows left out), with a trend over weeks',
  querystring: Type.Object({
    weeks: Type.Integer({ minimum: 1, maximum: 52, default: 8, description: 'weeks in the trend, this one included' }),
  }),
  response: withErrors({
    200: Type.Object({
      currency: Type.String({ description: 'the company currency every amount is converted to' }),
      timezone: Type.String({ description: "weeks start on Monday in the company's timezone" }),
      weekStart: Type.String({ format: 'date-time', description: 'the start of this week' }),
      cases: Type.Object({
        open: Type.Integer(),
        late: Type.Integer({ description: 'open and needing attention or holding a task past due' }),
        doneThisWeek: Type.Integer({ description: 'completed since weekStart' }),
      }),
      money: Type.Object({
        overdue: Money('open tasks past their due date'),
        inReview: Money('open tasks'),
        approvedThisWeek: Money('tasks approved since weekStart'),
      }),
      trend: Type.Array(
        Type.Object({
          week: Type.String({ format: 'date', description: 'the Monday' }),
          started: Type.Integer(),
          done: Type.Integer(),
          approved: { ...DecimalString, description: 'approved that week, in the company currency' },
        }),
      ),
    }),
  }),
} as const;
