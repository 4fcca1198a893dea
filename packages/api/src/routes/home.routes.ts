import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import { HomeFiguresSchema } from '../schemas/home.schema.ts';
import { homeFigures } from '../services/home.service.ts';

/** The landing page's figures: totals over every case, so for those who oversee every run (as the breakdowns). */
export const homeRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const oversee = { onRequest: app.requireRole('process_owner', 'manager') };
  app.get('/api/home', { ...oversee, schema: HomeFiguresSchema }, async (req) => homeFigures(deps, req.query.weeks));
};
