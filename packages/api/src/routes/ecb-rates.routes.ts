import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import {
  AddEcbRateSchema,
  DeleteEcbRateSchema,
  ExportEcbRatesSchema,
  ListEcbRatesSchema,
} from '../schemas/ecb-rates.schema.ts';
import { exportEcbRates } from '../services/ecb-rates-export.service.ts';
import { sendExport } from '../services/table-export.service.ts';
import { addEcbRate, deleteEcbRate, listEcbRates } from '../services/ecb-rates.service.ts';

/** Admin: the ECB main refinancing rates that French late-payment interest is computed with. */
export const ecbRateRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const admin = { onRequest: app.requireRole('admin') };
  app.get('/api/admin/ecb-rates', { ...admin, schema: ListEcbRatesSchema }, async () => listEcbRates(deps));
  app.get('/api/admin/ecb-rates/export', { ...admin, schema: ExportEcbRatesSchema }, async (req, reply) => {
    const { rates } = await listEcbRates(deps);
    const format = req.query.format;
    return sendExport(reply, 'ecb-rates', format, await exportEcbRates(rates, format));
  });
  app.post('/api/admin/ecb-rates', { ...admin, schema: AddEcbRateSchema }, async (req, reply) =>
    reply.code(201).send(await addEcbRate(deps, req, req.body)),
  );
  app.delete('/api/admin/ecb-rates/:effectiveDate', { ...admin, schema: DeleteEcbRateSchema }, async (req) => {
    await deleteEcbRate(deps, req, req.params.effectiveDate);
    return { ok: true as const };
  });
};
