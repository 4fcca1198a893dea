import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import { withErrors } from '../schemas/common.schema.ts';
import { ConnectorCatalogResponse } from '../schemas/connector-catalog.schema.ts';

export const connectorRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  app.get(
    '/api/connectors',
    { schema: { tags: ['connectors'], response: withErrors({ 200: ConnectorCatalogResponse }) } },
    async () => deps.registry.catalog(),
  );
};
