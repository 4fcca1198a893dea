import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { ErrorResponse } from '../schemas/common.schema.ts';
import { DATE_TIME_PATTERN } from '../schemas/validators.schema.ts';

const READS = new Set(['GET', 'HEAD']);

/** Every date-time in the document carries the pattern the validator enforces beyond RFC 3339. */
function patternDateTimes(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(patternDateTimes);
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.format === 'date-time' && o.pattern === undefined) o.pattern = DATE_TIME_PATTERN;
  Object.values(o).forEach(patternDateTimes);
}

export const openapiPlugin = fp(async function openapiPlugin(app: FastifyInstance) {
  app.addSchema(ErrorResponse);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Ledgerflow API', version: '0.1.0', description: 'Order-to-cash workflows: flows, runs, tasks, connectors.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'lf_session' }, csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' } } },
      security: [{ session: [], csrf: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (json.$id as string) || `def-${i}` },
    // What auth.plugin enforces: public routes need nothing; reads need the session only; changes also the CSRF header.
    transform: ({ schema, url, route }) => {
      if (schema?.security) return { schema, url };
      const security = route.config?.public ? [] : [route.method].flat().every((m) => READS.has(m)) ? [{ session: [] }] : undefined;
      return { schema: security ? { ...schema, security } : schema, url };
    },
    transformObject: (doc) => {
      const openapi = 'openapiObject' in doc ? doc.openapiObject : doc.swaggerObject;
      patternDateTimes(openapi);
      return openapi;
    },
  });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  // Swagger UI's own routes are static assets: public like the document itself.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config as object), public: true };
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
});
