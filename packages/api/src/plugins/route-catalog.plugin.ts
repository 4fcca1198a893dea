import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';

export interface CatalogRoute {
  method: string;
  url: string;
  public: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route as registered: what the role-matrix test walks, so a route without a rule fails it. */
    apiRoutes(): CatalogRoute[];
  }
}

export const routeCatalogPlugin = fp(async function routeCatalogPlugin(app: FastifyInstance) {
  const routes: CatalogRoute[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routes.push({ method, url: route.url, public: route.config?.public === true });
  });
  app.decorate('apiRoutes', () => routes.map((r) => ({ ...r })));
});
