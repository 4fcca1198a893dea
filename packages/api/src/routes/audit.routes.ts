import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import {
  CustomerCasesSchema,
  ExportAuditSchema,
  ListAuditSchema,
  RunAuditChainSchema,
} from '../schemas/audit.schema.ts';
import { listAudit } from '../services/audit.service.ts';
import { exportAudit } from '../services/audit-export.service.ts';
import { sendExport, stampedName } from '../services/table-export.service.ts';
import { auditChain, customerCases } from '../services/audit-chain.service.ts';

/** The audit log: filtered list and CSV/XLSX export (admins); the per-case chain (whoever may read the run). */
export const auditRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  // onRequest: a non-admin is refused before the query is validated, so a bad filter never tells them more than 403.
  const admin = { onRequest: app.requireRole('admin') };

  app.get('/api/admin/audit', { ...admin, schema: ListAuditSchema }, async (req) => {
    const { limit, offset, ...filter } = req.query;
    return listAudit(deps, filter, limit, offset);
  });
  app.get('/api/admin/audit/export', { ...admin, schema: ExportAuditSchema }, async (req, reply) => {
    const { format, ...filter } = req.query;
    return sendExport(reply, stampedName('audit'), format, exportAudit(deps, filter, format));
  });
  app.get('/api/runs/:runId/audit-chain', { schema: RunAuditChainSchema }, async (req) =>
    auditChain(deps, req.user!, req.params.runId),
  );
  // Who may read the customer 360 may list its cases; each case's chain is then read by the run's own rule.
  app.get(
    '/api/customers/:customer/cases',
    { onRequest: app.requireRole('collector', 'manager', 'process_owner'), schema: CustomerCasesSchema },
    async (req) => customerCases(deps, req.params.customer),
  );
};
