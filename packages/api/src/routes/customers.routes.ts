import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import { CustomerService } from '../services/customer.service.ts';
import { withErrors } from '../schemas/common.schema.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const customerRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const customers = new CustomerService(deps);
  // Collections work: collectors and those who oversee them see every contact with a customer.
  const collect = { preHandler: app.requireRole('collector', 'manager', 'process_owner') };

  app.get(
    '/api/customers',
    {
      ...collect,
      schema: {
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
      },
    },
    async (req) => customers.list(req.query),
  );

  app.get(
    '/api/customers/:customer',
    {
      ...collect,
      schema: {
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
              openAmounts: Type.Array(Type.Object({ currency: Type.String(), amount: Type.String() })),
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
      },
    },
    async (req) => customers.timeline(req.params.customer),
  );
};
