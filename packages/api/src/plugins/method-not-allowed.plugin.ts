import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { LedgerflowError } from '@ledgerflow/flow-model';

interface Resource {
  url: string;
  match: RegExp;
  /** Per segment: 2 static, 1 parameter, 0 wildcard — the router's own precedence. */
  rank: number[];
  methods: Set<string>;
}

function resource(url: string): Resource {
  const segments = url.split('/');
  const source = segments
    .map((seg) => {
      if (seg === '*') return '.*';
      if (seg.startsWith(':')) return '[^/]+';
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return {
    url,
    match: new RegExp(`^${source}/?$`),
    rank: segments.map((s) => (s === '*' ? 0 : s.startsWith(':') ? 1 : 2)),
    methods: new Set(),
  };
}

const moreSpecific = (a: Resource, b: Resource) => {
  for (let i = 0; i < Math.min(a.rank.length, b.rank.length); i++)
    if (a.rank[i] !== b.rank[i]) return a.rank[i]! > b.rank[i]!;
  return a.rank.length > b.rank.length;
};

/**
 * A method the API path does not declare answers 405 with an Allow header (RFC 9110), not 404 — nor the
 * 400 of a parameter route that only happens to match: PUT /api/connections/rotate-keys is a wrong method
 * on that resource, not a connection id that is no uuid. Runs first, before any session lookup.
 */
export const methodNotAllowedPlugin = fp(async function methodNotAllowedPlugin(app: FastifyInstance) {
  const resources = new Map<string, Resource>();
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const r = resources.get(route.url) ?? resource(route.url);
    for (const m of [route.method].flat()) r.methods.add(m);
    resources.set(route.url, r);
  });
  // Callback style: an async hook costs a promise on every request (measured in bench/inbox-list).
  app.addHook('onRequest', (req, reply, done) => {
    const refusal = wrongMethod(req.routeOptions.url, req.url, req.method);
    if (!refusal) {
      done();
      return;
    }
    reply.header('allow', refusal.allow.join(', '));
    done(
      new LedgerflowError('METHOD_NOT_ALLOWED', refusal.message, {
        status: 405,
        details: { method: req.method, allow: refusal.allow },
      }),
    );
  });

  function wrongMethod(
    routed: string | undefined,
    url: string,
    method: string,
  ): { allow: string[]; message: string } | null {
    // A static route is always the most specific match for its path: nothing to look up.
    if (routed !== undefined && !routed.includes(':') && !routed.includes('*')) return null;
    const path = url.split('?')[0]!;
    if (!path.startsWith('/api/')) return null;
    let best: Resource | undefined;
    for (const r of resources.values()) if (r.match.test(path) && (!best || moreSpecific(r, best))) best = r;
    if (!best || best.url === routed || best.methods.has(method)) return null;
    const allow = [...best.methods].sort();
    return { allow, message: `${method} is not allowed on ${path}; allowed: ${allow.join(', ')}` };
  }
});
