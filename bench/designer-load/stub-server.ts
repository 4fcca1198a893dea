import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { generateFlow } from './generate-flow.ts';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

const catalog = {
  connectors: {
    builtin: {
      id: 'builtin', version: '0.1.0', title: 'Built-in', feeds: {},
      actions: { log: { title: 'Log a message', input: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] }, output: { type: 'object' } } },
    },
  },
};

/** Serves the built designer plus the handful of API calls it makes while opening a flow. */
export function startStubServer(dist: string, flows: Record<string, number>): Promise<{ server: Server; url: string }> {
  const defs = new Map(Object.entries(flows).map(([id, n]) => [id, generateFlow(n)]));
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith('/api/')) {
      const p = url.pathname;
      if (p === '/api/auth/me') return json(200, { user: { id: 'u1', username: 'bench', displayName: 'Bench', roles: ['designer'] }, csrfToken: 't' });
      if (p === '/api/connectors') return json(200, catalog);
      if (p === '/api/flows') return json(200, { items: [] });
      const m = /^\/api\/flows\/([^/]+)(\/draft)?$/.exec(p);
      if (m && m[2] && req.method === 'PUT') return json(200, { savedAt: new Date().toISOString(), problems: [] });
      if (m && defs.has(m[1]!)) return json(200, { id: m[1], name: m[1], draft: defs.get(m[1]!), activeVersion: null, versions: [] });
      return json(404, { code: 'NOT_FOUND', message: p, details: {} });
    }
    const rel = normalize(url.pathname === '/' ? '/index.html' : url.pathname).replace(/^(\.\.[/\\])+/, '');
    const file = join(dist, rel);
    try {
      if (!file.startsWith(dist) || !(await stat(file)).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` });
  }));
}
