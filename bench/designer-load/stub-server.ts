import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { generateFlow } from './generate-flow.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

const catalog = {
  connectors: {
    builtin: {
      id: 'builtin',
      version: '0.1.0',
      title: 'Built-in',
      feeds: {},
      actions: {
        log: {
          title: 'Log a message',
          input: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
          output: { type: 'object' },
        },
      },
    },
  },
};

/** Serves the built designer plus the handful of API calls it makes while opening a flow. */
export interface StubRecord {
  draft: Record<string, unknown>;
  versions: {
    version: number;
    comment: string;
    hash: string;
    publishedAt: string;
    publishedBy: { id: string; username: string; displayName: string };
    definition: unknown;
  }[];
  activeVersion: number | null;
}

/** Also enough of the API for the designer's browser tests: drafts, publish, versions, a test run with events. */
export interface StubOptions {
  requireLogin?: boolean;
  /** The connector catalog to answer with (the gallery test passes the real one); a built-in `log` otherwise. */
  catalog?: unknown;
}

/** Flows by id: a node count for a generated flow, or a definition to serve as is (a gallery template). */
export function startStubServer(
  dist: string,
  flows: Record<string, number | Record<string, unknown>>,
  opts: StubOptions = {},
): Promise<{ server: Server; url: string; records: Map<string, StubRecord> }> {
  const records = new Map<string, StubRecord>(
    Object.entries(flows).map(([id, n]) => [
      id,
      { draft: typeof n === 'number' ? generateFlow(n) : structuredClone(n), versions: [], activeVersion: null },
    ]),
  );
  const body = (req: import('node:http').IncomingMessage): Promise<Record<string, unknown>> =>
    new Promise((resolve) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => resolve(text ? (JSON.parse(text) as Record<string, unknown>) : {}));
    });
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith('/api/')) {
      const p = url.pathname;
      const session = {
        user: { id: 'u1', username: 'bench', displayName: 'Bench', roles: ['designer'] },
        csrfToken: 't',
      };
      const loggedIn = !opts.requireLogin || (req.headers.cookie ?? '').includes('sid=1');
      if (p === '/api/auth/login' && req.method === 'POST') {
        const b = await body(req);
        if (b.username !== 'bench' || b.password !== 'bench')
          return json(401, { code: 'BAD_CREDENTIALS', message: 'Wrong username or password', details: {} });
        res.setHeader('set-cookie', 'sid=1; HttpOnly; Path=/; SameSite=Lax');
        return json(200, session);
      }
      if (p === '/api/auth/logout') {
        res.setHeader('set-cookie', 'sid=; Path=/; Max-Age=0');
        return json(200, {});
      }
      if (!loggedIn) return json(401, { code: 'UNAUTHENTICATED', message: 'A valid session is required', details: {} });
      if (p === '/api/auth/me') return json(200, session);
      if (p === '/api/connectors') return json(200, opts.catalog ?? catalog);
      if (p === '/api/connections') return json(200, { items: [] });
      if (p === '/api/flows' && req.method === 'GET') {
        return json(200, {
          items: [...records].map(([id, r]) => ({
            id,
            name: r.draft.name,
            activeVersion: r.activeVersion,
            latestVersion: r.versions.length || null,
            updatedAt: new Date().toISOString(),
          })),
        });
      }
      const m = /^\/api\/flows\/([^/]+)(\/.*)?$/.exec(p);
      const rec = m ? records.get(m[1]!) : undefined;
      if (m && rec) {
        const rest = m[2] ?? '';
        if (req.method !== 'GET' && req.headers['x-csrf-token'] !== 't')
          return json(403, { code: 'CSRF', message: 'missing CSRF token', details: {} });
        if (rest === '/draft' && req.method === 'PUT') {
          rec.draft = (await body(req)).definition as Record<string, unknown>;
          return json(200, { savedAt: new Date().toISOString(), problems: [] });
        }
        if (rest === '/publish' && req.method === 'POST') {
          const version = rec.versions.length + 1;
          const hash = `h${version}${Date.now().toString(16)}`;
          rec.versions.push({
            version,
            comment: String((await body(req)).comment ?? ''),
            hash,
            publishedAt: new Date().toISOString(),
            publishedBy: { id: 'bench', username: 'bench', displayName: 'Bench' },
            definition: structuredClone(rec.draft),
          });
          rec.activeVersion = version;
          return json(200, { version, hash });
        }
        const v = /^\/versions\/(\d+)$/.exec(rest);
        if (v) return json(200, rec.versions.find((x) => x.version === Number(v[1])) ?? {});
        if (rest === '/test-run' && req.method === 'POST') return json(200, { runId: `run-${m[1]}` });
        if (rest === '/stats') return json(200, { nodes: {} });
        if (rest === '')
          return json(200, {
            id: m[1],
            name: rec.draft.name,
            draft: rec.draft,
            activeVersion: rec.activeVersion,
            versions: rec.versions.map(({ definition: _d, ...x }) => x),
          });
      }
      const run = /^\/api\/runs\/run-(.+)$/.exec(p);
      if (run && records.has(run[1]!)) {
        const at = new Date().toISOString();
        return json(200, {
          run: {
            runId: `run-${run[1]}`,
            flowId: run[1],
            version: null,
            businessKey: 'k',
            status: 'running',
            currentNodes: ['n2'],
            startedAt: at,
            endedAt: null,
            temporalUrl: 'http://127.0.0.1:8233/namespaces/default/workflows/x',
          },
          events: [
            { seq: 1, type: 'node.entered', nodeId: 'n0', data: { kind: 'trigger.manual', visit: 1 }, at },
            { seq: 2, type: 'node.exited', nodeId: 'n0', data: { handle: 'next', next: 'n1' }, at },
            { seq: 3, type: 'node.entered', nodeId: 'n1', data: { kind: 'action', visit: 1 }, at },
            {
              seq: 4,
              type: 'action.result',
              nodeId: 'n1',
              data: { connector: 'builtin', action: 'log', input: { message: 'step 1' }, output: { logged: true } },
              at,
            },
            { seq: 5, type: 'node.exited', nodeId: 'n1', data: { handle: 'next', next: 'n2' }, at },
            { seq: 6, type: 'node.entered', nodeId: 'n2', data: { kind: 'humanTask', visit: 1 }, at },
            {
              seq: 7,
              type: 'task.created',
              nodeId: 'n2',
              data: { taskId: 't1', assignee: { type: 'role', value: 'approver' } },
              at,
            },
          ],
        });
      }
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
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      resolve({ server, records, url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` });
    }),
  );
}
