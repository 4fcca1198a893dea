import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import { LedgerKpisSchema, LedgerKpiTrendExportSchema, LedgerKpiTrendSchema } from '../schemas/ledger-kpis.schema.ts';
import { ledgerKpis, ledgerKpiTrend } from '../services/ledger-kpis.service.ts';
import { ledgerKpiCsv, ledgerKpiXlsx } from '../services/ledger-kpis-export.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
      reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
        .header('content-disposition', `attachment; filename="ledger-kpis-${trend.asOf}.${format}"`)
        .header('cache-control', 'no-store');
      return reply.send(format === 'csv' ? ledgerKpiCsv(trend.rows) : await ledgerKpiXlsx(trend.rows));
    },
  );
};
