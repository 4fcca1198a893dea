import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import { CustomerService } from '../services/customer.service.ts';
import { CustomerTimelineSchema, ExportCustomersSchema, ListCustomersSchema } from '../schemas/customers.schema.ts';
import { exportCustomers } from '../services/customers-export.service.ts';
import { sendExport, stampedName } from '../services/table-export.service.ts';

export const customerRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const customers = new CustomerService(deps);
  // Collections work: collectors and those who oversee them see every contact with a customer.
  const collect = { onRequest: app.requireRole('collector', 'manager', 'process_owner') };

  app.get('/api/customers', { ...collect, schema: ListCustomersSchema }, async (req) => customers.list(req.query));

  app.get('/api/customers/export', { ...collect, schema: ExportCustomersSchema }, async (req, reply) => {
    const { format, q } = req.query;
    return sendExport(reply, stampedName('customers'), format, await exportCustomers(customers, q, format));
  });

  app.get('/api/customers/:customer', { ...collect, schema: CustomerTimelineSchema }, async (req) =>
    customers.timeline(req.params.customer),
  );
};
