import { existsSync } from 'node:fs';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Serves the built designer at / and falls back to index.html for client-side routes. */
export const designerPlugin = fp(async function designerPlugin(app: FastifyInstance, opts: { dist?: string }) {
  const dist = opts.dist;
  const present = !!dist && existsSync(`${dist}/index.html`);
  if (present) await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    if (
      present &&
      req.method === 'GET' &&
      !req.url.startsWith('/api/') &&
      !/\.[a-z0-9]+$/i.test(req.url.split('?')[0]!)
    ) {
      return reply.sendFile('index.html');
    }
    return reply
      .status(404)
      .send({ code: 'ROUTE_NOT_FOUND', message: `No route ${req.method} ${req.url.split('?')[0]}` });
  });
});
