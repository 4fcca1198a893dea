import { Type } from '@sinclair/typebox';
import { Money } from '@ledgerflow/flow-model';
import { withErrors } from './common.schema.ts';
import { ExportFile, ExportFormatQuery } from './export.schema.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ListCustomersSchema = {
  tags: ['customers'],
  summary: 'Customers named on tasks, with open and overdue counts',
  querystring: Type.Object({
    q: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  }),
  response: withErrors({
    200: Type.Object({
      items: Type.Array(
        Type.Object({
          customer: Type.String(),
          tasks: Type.Integer(),
          open: Type.Integer(),
          overdue: Type.Integer(),
          lastActivityAt: Type.String(),
        }),
      ),
    }),
  }),
} as const;

export const ExportCustomersSchema = {
  tags: ['customers'],
  summary: 'The customers list as CSV or XLSX, with the same search',
  querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), ...ExportFormatQuery }),
  response: withErrors({ 200: ExportFile }),
} as const;

export const CustomerTimelineSchema = {
  tags: ['customers'],
  summary: 'Customer 360: every task, decision, comment and email about one customer, newest first',
  params: Type.Object({ customer: Type.String({ minLength: 1, maxLength: 200 }) }),
  response: withErrors({
    200: Type.Object({
      customer: Type.String(),
      summary: Type.Object({
        tasks: Type.Integer(),
        open: Type.Integer(),
        overdue: Type.Integer(),
        emails: Type.Integer(),
        openAmounts: Type.Array(Money),
      }),
      timeline: Type.Array(
        Type.Object({
          at: Type.String(),
          kind: Type.Union(
            ['task.created', 'task.decided', 'task.history', 'comment', 'email'].map((k) => Type.Literal(k)),
          ),
          taskId: Nullable(Type.String()),
          businessKey: Nullable(Type.String()),
          title: Type.String(),
          detail: Nullable(Type.String()),
          by: Nullable(Type.String()),
        }),
      ),
    }),
  }),
} as const;
