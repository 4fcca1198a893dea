import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import {
  ExportLedgerCustomerItemsSchema,
  ExportLedgerCustomersSchema,
  GetLedgerCustomerSchema,
  ListLedgerCustomersSchema,
  ExportLedgerImportsSchema,
  ListLedgerImportsSchema,
  PatchLedgerCustomerSchema,
  SyncLedgerFeedSchema,
} from '../schemas/ledger.schema.ts';
import {
  getLedgerCustomer,
  listLedgerCustomers,
  listLedgerImports,
  patchLedgerCustomer,
  syncLedgerFeedNow,
} from '../services/ledger.service.ts';
import {
  exportLedgerCustomerItems,
  exportLedgerCustomers,
  exportLedgerImports,
} from '../services/ledger-export.service.ts';
import { sendExport, stampedName } from '../services/table-export.service.ts';

/** The receivables ledger: customers, their items and history, the imports; for those who work the receivables. */
export const ledgerRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const collection = { onRequest: app.requireRole('collector', 'manager', 'process_owner') };
  // Integrators set up the feeds that fill the ledger: they read the imports' counts and errors too.
  const imports = { onRequest: app.requireRole('collector', 'manager', 'process_owner', 'integrator') };

  app.get('/api/ledger/customers', { ...collection, schema: ListLedgerCustomersSchema }, async (req) => {
    const { limit, offset, ...q } = req.query;
    return listLedgerCustomers(deps, q, limit, offset);
  });
  app.get(
    '/api/ledger/customers/export',
    { ...collection, schema: ExportLedgerCustomersSchema },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return sendExport(reply, stampedName('ledger-customers'), format, exportLedgerCustomers(deps, q, format));
    },
  );
  app.get(
    '/api/ledger/customers/:company/:customerId',
    { ...collection, schema: GetLedgerCustomerSchema },
    async (req) => getLedgerCustomer(deps, req.params.company, req.params.customerId, req.query),
  );
  app.get(
    '/api/ledger/customers/:company/:customerId/export',
    { ...collection, schema: ExportLedgerCustomerItemsSchema },
    async (req, reply) => {
      const { company, customerId } = req.params;
      const { format, list, ...f } = req.query;
      const file = await exportLedgerCustomerItems(deps, company, customerId, list, f, format);
      return sendExport(reply, stampedName(`ledger-${customerId}-${list}`), format, file);
    },
  );
  app.patch(
    '/api/ledger/customers/:company/:customerId',
    { ...collection, schema: PatchLedgerCustomerSchema },
    async (req) => patchLedgerCustomer(deps, req, req.params.company, req.params.customerId, req.body),
  );
  app.post(
    '/api/flows/:id/ledger/sync',
    { onRequest: app.requireRole('process_owner'), schema: SyncLedgerFeedSchema },
    async (req) => syncLedgerFeedNow(deps, req.params.id),
  );
  app.get('/api/ledger/imports/export', { ...imports, schema: ExportLedgerImportsSchema }, async (req, reply) => {
    const { format, ...f } = req.query;
    return sendExport(reply, stampedName('ledger-imports'), format, await exportLedgerImports(deps, f, format));
  });
  app.get('/api/ledger/imports', { ...imports, schema: ListLedgerImportsSchema }, async (req) => {
    const { limit, offset, ...f } = req.query;
    return listLedgerImports(deps, f, limit, offset);
  });
};
