import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import { GetExchangeRatesSchema, PutExchangeRatesSchema } from '../schemas/exchange-rates.schema.ts';
import { getExchangeRates, saveExchangeRates } from '../services/exchange-rates.service.ts';

/** Admin: the company currency and the rates that convert task amounts to it for the worklist rank. */
export const exchangeRateRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const admin = { onRequest: app.requireRole('admin') };
  app.get('/api/admin/exchange-rates', { ...admin, schema: GetExchangeRatesSchema }, async () =>
    getExchangeRates(deps),
  );
  app.put('/api/admin/exchange-rates', { ...admin, schema: PutExchangeRatesSchema }, async (req) =>
    saveExchangeRates(deps, req, req.body),
  );
};
