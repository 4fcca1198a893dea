import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import { ConnectorCatalogSchema } from '../schemas/connectors.schema.ts';

export const connectorRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  app.get('/api/connectors', { schema: ConnectorCatalogSchema }, async () => deps.registry.catalog());
};
