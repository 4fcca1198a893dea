import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { ErrorResponse } from '../schemas/common.schema.ts';
import { DATE_TIME_PATTERN } from '../schemas/validators.schema.ts';
import { MAX_JSON_DEPTH } from './input-guard.plugin.ts';

const READS = new Set(['GET', 'HEAD']);

/** Every date-time in the document carries the pattern the validator enforces beyond RFC 3339. */
function patternDateTimes(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(patternDateTimes);
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.format === 'date-time' && o.pattern === undefined) o.pattern = DATE_TIME_PATTERN;
  Object.values(o).forEach(patternDateTimes);
}

const MultipartFile = {
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', format: 'binary' } },
};

type Schema = {
  required?: string[];
  properties?: Record<string, Schema & { default?: unknown }>;
  [k: string]: unknown;
};

/** What has a default may be left out (the validator fills it in): body properties and parameters alike. */
function optionalDefaults(paths: unknown): void {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const s = node as Schema;
    if (s.required && s.properties) s.required = s.required.filter((k) => s.properties![k]?.default === undefined);
    if (s.required?.length === 0) delete s.required;
    Object.values(s).forEach(walk);
  };
  type Op = {
    parameters?: Array<{ in: string; required?: boolean; schema?: { default?: unknown } }>;
    requestBody?: unknown;
  };
  for (const item of Object.values((paths ?? {}) as Record<string, Record<string, Op>>)) {
    for (const op of Object.values(item)) {
      for (const p of op?.parameters ?? [])
        if (p.in !== 'path' && p.required && p.schema?.default !== undefined) p.required = false;
      walk(op?.requestBody);
    }
  }
}

export const openapiPlugin = fp(async function openapiPlugin(app: FastifyInstance) {
  app.addSchema(ErrorResponse);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Ledgerflow API',
        version: '0.1.0',
        description:
          'Order-to-cash workflows: flows, runs, tasks, connectors. ' +
          `Every string and key is Unicode text without NUL (\\u0000), and JSON nests at most ${MAX_JSON_DEPTH} levels: anything else is a 400 naming the field.`,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'lf_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (json.$id as string) || `def-${i}` },
    // What auth.plugin enforces: public routes need nothing; reads need the session only; changes also the CSRF header.
    transform: ({ schema, url, route }) => {
      const security =
        schema?.security ??
        (route.config?.public ? [] : [route.method].flat().every((m) => READS.has(m)) ? [{ session: [] }] : undefined);
      // An upload route reads its one "file" part itself (no body schema fastify could validate): document it here.
      const body = schema?.body ?? (schema?.consumes?.includes('multipart/form-data') ? MultipartFile : undefined);
      return { schema: { ...schema, ...(security ? { security } : {}), ...(body ? { body } : {}) }, url };
    },
    transformObject: (doc) => {
      const openapi = 'openapiObject' in doc ? doc.openapiObject : doc.swaggerObject;
      patternDateTimes(openapi);
      optionalDefaults(openapi.paths);
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
