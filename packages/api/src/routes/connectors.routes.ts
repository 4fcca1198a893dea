import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app-deps.ts';
import { withErrors } from '../schemas/common.schema.ts';

export const connectorRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  app.get('/api/connectors', { schema: { tags: ['connectors'], response: withErrors({ 200: Type.Object({ connectors: Type.Record(Type.String(), Type.Unknown()) }) }) } }, async () => deps.registry.catalog());
};
