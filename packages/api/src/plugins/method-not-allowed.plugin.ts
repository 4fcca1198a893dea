import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { LedgerflowError } from '@ledgerflow/flow-model';

/** `/api/flows/:id/draft` → a RegExp matching the concrete paths fastify would route there. */
function pathMatcher(url: string): RegExp {
  const source = url.split('/').map((seg) => {
    if (seg === '*') return '.*';
    if (seg.startsWith(':')) return '[^/]+';
    return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }).join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * An API path that exists but not for this method answers 405 with an Allow header (RFC 9110), not 404.
 * Runs as the not-found route's first onRequest hook, before any session lookup.
 */
export const methodNotAllowedPlugin = fp(async function methodNotAllowedPlugin(app: FastifyInstance) {
  const routes: Array<{ methods: string[]; match: RegExp }> = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    routes.push({ methods: [route.method].flat(), match: pathMatcher(route.url) });
  });
  app.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.url !== undefined) return;
    const path = req.url.split('?')[0]!;
    if (!path.startsWith('/api/')) return;
    const allow = [...new Set(routes.filter((r) => r.match.test(path)).flatMap((r) => r.methods))].sort();
    if (!allow.length) return;
    reply.header('allow', allow.join(', '));
    throw new LedgerflowError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}; allowed: ${allow.join(', ')}`, { status: 405, details: { method: req.method, allow } });
  });
});
