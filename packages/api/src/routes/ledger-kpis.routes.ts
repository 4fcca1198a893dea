import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import { LedgerKpisSchema, LedgerKpiTrendExportSchema, LedgerKpiTrendSchema } from '../schemas/ledger-kpis.schema.ts';
import { ledgerKpis, ledgerKpiTrend } from '../services/ledger-kpis.service.ts';
import { exportLedgerKpis } from '../services/ledger-kpis-export.service.ts';
import { sendExport } from '../services/table-export.service.ts';

/** Receivables KPIs over the ledger: for those who work the receivables (as the customer pages). */
export const ledgerKpiRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const collection = { onRequest: app.requireRole('collector', 'manager', 'process_owner') };
  app.get('/api/ledger/kpis', { ...collection, schema: LedgerKpisSchema }, async (req) => ledgerKpis(deps, req.query));
  app.get('/api/ledger/kpis/trend', { ...collection, schema: LedgerKpiTrendSchema }, async (req) =>
    ledgerKpiTrend(deps, req.query),
  );
  app.get(
    '/api/ledger/kpis/trend/export',
    { ...collection, schema: LedgerKpiTrendExportSchema },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const trend = await ledgerKpiTrend(deps, q);
      return sendExport(reply, `ledger-kpis-${trend.asOf}`, format, await exportLedgerKpis(trend.rows, format));
    },
  );
};
