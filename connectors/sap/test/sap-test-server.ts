/**
 * SAP's OData mock server (fe-mockserver-core, loaded with the real EDMX) behind a thin gateway that
 * behaves like S/4HANA where the mock does not: auth, CSRF tokens bound to a session cookie, ETags on
 * credit memo requests (412 on mismatch), decimals and counts as strings, SAP error bodies, and
 * optional server-driven paging with __next.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Mock from '@sap-ux/fe-mockserver-core';
// CommonJS default export: Node's ESM loader and vitest disagree on whether it is wrapped once or twice.
const MockServer = (typeof Mock === 'function'
  ? Mock
  : (Mock as unknown as { default: typeof Mock }).default) as unknown as typeof Mock.default;
import { sumDecimals } from '@ledgerflow/flow-model';
import { FilterSyntaxError, translateFilter } from './sap-filter-dialect.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..', '..');
export const fixturesDir = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'sap');
export const SERVICES = [
  'API_CREDIT_MEMO_REQUEST_SRV',
  'API_BILLING_DOCUMENT_SRV',
  'API_OPLACCTGDOCITEMCUBE_SRV',
  'API_BUSINESS_PARTNER',
] as const;
export const PREFIX = '/sap/opu/odata/sap';

export type EntityData = Partial<Record<(typeof SERVICES)[number], Record<string, unknown[]>>>;

export interface GatewayOptions {
  user?: string;
  password?: string;
  oauth?: { clientId: string; clientSecret: string; expiresIn?: number };
  /** Page size the server imposes (adds __next), like SAP's server-side paging. */
  serverPageSize?: number;
  /** Hand numbers through untouched (to check the client keeps raw numeric text). */
  keepNumbers?: boolean;
}

export interface Injected {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Only requests whose path matches. */
  match?: RegExp;
  times?: number;
}

export interface SapTestServer {
  baseUrl: string;
  requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }>;
  tokenRequests: number;
  inject(e: Injected): void;
  expireCsrfTokens(): void;
  /** Simulates another user changing a credit memo request (its ETag moves on). */
  touchCreditMemoRequest(id: string): Promise<void>;
  /** The next request whose path matches is carried out, then its connection is cut before the answer. */
  loseResponse(match: RegExp): void;
  close(): Promise<void>;
}

const sapError = (code: string, message: string, details: Array<{ code: string; message: string }> = []) => ({
  error: {
    code,
    message: { lang: 'en', value: message },
    innererror: {
      application: { component_id: 'SD-SLS' },
      errordetails: details.map((d) => ({ ...d, severity: 'error', target: '' })),
    },
  },
});

type Reviver = (key: string, value: unknown, ctx?: { source?: string }) => unknown;
const numbersAsText: Reviver = (_k, v, c) => (typeof v === 'number' && c?.source ? c.source : v);

// ETag as S/4HANA derives it from LastChangeDateTime; only the instant matters, not how it was written.
const etagOf = (lastChange: unknown) =>
  `W/"datetimeoffset'${new Date(Number(/-?\d+/.exec(String(lastChange))?.[0] ?? 0)).toISOString()}'"`;
// The mock compares dates as text and only understands `/Date(ms)/`; S/4HANA writes DateTimeOffset with a zone.
const withZone = (v: unknown) =>
  typeof v === 'string' && /^\/Date\(-?\d+\)\/$/.test(v) ? v.replace(')/', '+0000)/') : v;

export async function startSapTestServer(data: EntityData, opts: GatewayOptions = {}): Promise<SapTestServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sap-mock-'));
  for (const svc of SERVICES) {
    await mkdir(path.join(dir, svc), { recursive: true });
    for (const [set, rows] of Object.entries(data[svc] ?? {}))
      await writeFile(path.join(dir, svc, `${set}.json`), JSON.stringify(rows));
  }
  const quiet = {
    info() {},
    warn() {},
    error() {},
    debug() {},
    verbose() {},
    silly() {},
    perf() {},
    isLevelEnabled: () => false,
  };
  const mock = new MockServer({
    services: SERVICES.map((s) => ({
      urlPath: `${PREFIX}/${s}`,
      metadataPath: path.join(fixturesDir, `${s}.edmx`),
      mockdataPath: path.join(dir, s),
      generateMockData: false,
    })),
    annotations: [],
    logger: quiet as never,
  });
  await mock.isReady;
  const router = mock.getRouter();
  const inner = http.createServer((req, res) =>
    router(req as never, res as never, () => ((res.statusCode = 404), res.end())),
  );
  await new Promise<void>((r) => inner.listen(0, '127.0.0.1', r));
  const innerBase = `http://127.0.0.1:${(inner.address() as { port: number }).port}`;

  const csrf = new Map<string, string>(); // session id -> token
  const tokens = new Set<string>();
  const injected: Injected[] = [];
  const lost: RegExp[] = [];
  let nextCreditMemoRequest = 60100000;
  const state: SapTestServer = {
    baseUrl: '',
    requests: [],
    tokenRequests: 0,
    inject: (e) => injected.push({ times: 1, ...e }),
    expireCsrfTokens: () => csrf.clear(),
    loseResponse: (match) => lost.push(match),
    async touchCreditMemoRequest(id) {
      const u = `${innerBase}${PREFIX}/API_CREDIT_MEMO_REQUEST_SRV/A_CreditMemoRequest('${id}')`;
      await fetch(u, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ LastChangeDateTime: `/Date(${Date.now()})/` }),
      });
    },
    close: async () => {
      await new Promise((r) => outer.close(r));
      await new Promise((r) => inner.close(r));
      await mock.dispose?.();
      await rm(dir, { recursive: true, force: true });
    },
  };

  function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  async function readBody(req: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  async function currentEtag(pathname: string): Promise<string | undefined> {
    const r = await fetch(`${innerBase}${pathname}?$select=LastChangeDateTime&$format=json`, {
      headers: { accept: 'application/json' },
    });
    if (r.status !== 200) return undefined;
    return etagOf((JSON.parse(await r.text()) as { d: { LastChangeDateTime?: string } }).d.LastChangeDateTime);
  }

  /** What S/4HANA does on create: the next number of the range, the creator, the items priced from their conditions. */
  function numberCreditMemoRequest(doc: Record<string, unknown>): Record<string, unknown> {
    const id = String(nextCreditMemoRequest++);
    const items = ((doc.to_Item as Array<Record<string, unknown>> | undefined) ?? []).map((item) => {
      const conditions = (item.to_PricingElement as Array<{ ConditionRateValue: string }> | undefined) ?? [];
      const { to_PricingElement: _drop, ...rest } = item;
      return {
        ...rest,
        CreditMemoRequest: id,
        NetAmount: sumDecimals(conditions.map((c) => c.ConditionRateValue)),
        TransactionCurrency: doc.TransactionCurrency,
      };
    });
    return {
      ...doc,
      CreditMemoRequest: id,
      CreatedByUser: opts.user ?? 'CB9980000011',
      LastChangeDateTime: `/Date(${Date.now()})/`,
      TotalNetAmount: sumDecimals(items.map((i) => i.NetAmount)),
      OverallSDProcessStatus: 'A',
      to_Item: items,
    };
  }

  const outer = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      const method = req.method ?? 'GET';
      state.requests.push({ method, url: req.url ?? '', headers: req.headers });
      const body = await readBody(req);

      if (url.pathname === '/oauth/token' && method === 'POST') {
        state.tokenRequests++;
        const [id, secret] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
          .toString()
          .split(':')
          .map(decodeURIComponent);
        if (
          !opts.oauth ||
          id !== opts.oauth.clientId ||
          secret !== opts.oauth.clientSecret ||
          new URLSearchParams(body).get('grant_type') !== 'client_credentials'
        )
          return send(res, 401, { error: 'invalid_client' });
        const t = randomBytes(12).toString('hex');
        tokens.add(t);
        return send(res, 200, { access_token: t, token_type: 'bearer', expires_in: opts.oauth.expiresIn ?? 3600 });
      }

      for (const inj of injected) {
        if ((inj.times ?? 1) > 0 && (!inj.match || inj.match.test(req.url ?? ''))) {
          inj.times = (inj.times ?? 1) - 1;
          return send(res, inj.status, inj.body ?? '', inj.headers);
        }
      }

      const auth = req.headers.authorization ?? '';
      const basicOk =
        opts.user !== undefined && auth === `Basic ${Buffer.from(`${opts.user}:${opts.password}`).toString('base64')}`;
      const bearerOk = auth.startsWith('Bearer ') && tokens.has(auth.slice(7));
      if (!basicOk && !bearerOk)
        return send(res, 401, '<html><body>Logon failed</body></html>', {
          'content-type': 'text/html',
          'www-authenticate': 'Basic realm="SAP NetWeaver Application Server"',
        });

      const cookies = Object.fromEntries(
        (req.headers.cookie ?? '')
          .split(/;\s*/)
          .filter(Boolean)
          .map((c) => c.split('=') as [string, string]),
      );
      let sid = cookies['SAP_SESSIONID_ABC_100'];
      const setCookie: Record<string, string> = {};
      if (!sid) {
        sid = randomBytes(8).toString('hex');
        setCookie['set-cookie'] = `SAP_SESSIONID_ABC_100=${sid}; path=/; HttpOnly`;
      }

      if (method !== 'GET' && method !== 'HEAD') {
        const token = req.headers['x-csrf-token'];
        if (!token || csrf.get(sid) !== token)
          return send(res, 403, 'CSRF token validation failed', {
            'x-csrf-token': 'Required',
            'content-type': 'text/plain',
            ...setCookie,
          });
      }
      const extra: Record<string, string> = { ...setCookie };
      if (method === 'GET' && String(req.headers['x-csrf-token']).toLowerCase() === 'fetch') {
        const t = randomBytes(16).toString('base64');
        csrf.set(sid, t);
        extra['x-csrf-token'] = t;
      }

      const isCmr = /\/API_CREDIT_MEMO_REQUEST_SRV\/A_CreditMemoRequest\('[^']*'\)$/.test(url.pathname);
      let forwardBody = body;
      if (isCmr && (method === 'PATCH' || method === 'MERGE' || method === 'PUT')) {
        const current = await currentEtag(url.pathname);
        if (!current)
          return send(res, 404, sapError('/IWBEP/CM_MGW_RT/020', 'Resource not found for segment A_CreditMemoRequest'));
        const ifMatch = req.headers['if-match'];
        if (!ifMatch)
          return send(res, 428, sapError('/IWBEP/CM_MGW_RT/098', 'Precondition required: If-Match header missing'));
        if (ifMatch !== '*' && ifMatch !== current)
          return send(res, 412, sapError('/IWBEP/CM_MGW_RT/022', 'Precondition failed'));
        const patch = JSON.parse(body || '{}') as Record<string, unknown>;
        if ('HeaderBillingBlockReason' in patch && String(patch.HeaderBillingBlockReason).length > 2) {
          return send(
            res,
            400,
            sapError('V1/012', 'Billing block reason is not valid', [
              { code: 'V1/012', message: 'Billing block reason is not valid' },
              { code: 'V1/099', message: 'Document not saved' },
            ]),
          );
        }
        patch.LastChangeDateTime = `/Date(${Date.now()})/`;
        forwardBody = JSON.stringify(patch);
        extra.etag = etagOf(patch.LastChangeDateTime);
      }
      if (method === 'POST' && /\/API_CREDIT_MEMO_REQUEST_SRV\/A_CreditMemoRequest$/.test(url.pathname))
        forwardBody = JSON.stringify(numberCreditMemoRequest(JSON.parse(body || '{}') as Record<string, unknown>));

      // Translate real SAP query syntax into the mock's dialect.
      const qs = new URLSearchParams(url.search);
      const filter = qs.get('$filter');
      if (filter) {
        try {
          qs.set('$filter', translateFilter(filter));
        } catch (e) {
          if (e instanceof FilterSyntaxError)
            return send(res, 400, sapError('/IWBEP/CM_MGW_RT/004', `Invalid filter expression: ${e.message}`));
          throw e;
        }
      }
      const skiptoken = qs.get('$skiptoken');
      if (skiptoken) {
        qs.delete('$skiptoken');
        qs.set('$skip', skiptoken);
      }
      const pageSize = opts.serverPageSize;
      const requestedTop = qs.has('$top') ? Number(qs.get('$top')) : undefined;
      const serverPaged =
        method === 'GET' &&
        pageSize !== undefined &&
        !/\)$|\$metadata|\/$/.test(url.pathname) &&
        (requestedTop === undefined || requestedTop > pageSize);
      if (serverPaged) qs.set('$top', String(pageSize));
      const search = [...qs].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
      const up = await fetch(`${innerBase}${url.pathname}${search ? `?${search}` : ''}`, {
        method,
        headers: {
          accept: req.headers.accept ?? 'application/json',
          'content-type': req.headers['content-type'] ?? 'application/json',
        },
        body: method === 'GET' || method === 'HEAD' ? undefined : forwardBody,
      });
      let text = await up.text();
      const cut = lost.findIndex((m) => m.test(req.url ?? ''));
      if (cut >= 0) {
        lost.splice(cut, 1);
        res.socket?.destroy();
        return;
      }
      const type = up.headers.get('content-type') ?? '';
      if (up.status >= 400) return send(res, up.status, sapError('/IWBEP/CM_MGW_RT/000', text.slice(0, 200)), extra);
      if (type.includes('json') && text) {
        const json = JSON.parse(text, (opts.keepNumbers ? undefined : numbersAsText) as never) as {
          d?: Record<string, unknown> & { results?: Array<Record<string, unknown>> };
        };
        const d = json.d;
        if (d) {
          const rows = d.results ?? [d];
          if (url.pathname.includes('A_CreditMemoRequest'))
            for (const r of rows)
              if (r.__metadata && r.LastChangeDateTime !== undefined)
                (r.__metadata as Record<string, unknown>).etag = etagOf(r.LastChangeDateTime);
          if (!d.results && isCmr && d.LastChangeDateTime !== undefined) extra.etag = etagOf(d.LastChangeDateTime);
          for (const r of rows) if ('LastChangeDateTime' in r) r.LastChangeDateTime = withZone(r.LastChangeDateTime);
          if (d.results && '__count' in d && !qs.has('$inlinecount')) delete d.__count;
          if (serverPaged && d.results && d.results.length === pageSize) {
            const skip = Number(qs.get('$skip') ?? 0) + pageSize;
            const left = requestedTop === undefined ? Infinity : requestedTop - pageSize;
            if (left > 0) {
              const next = new URLSearchParams(url.search);
              next.delete('$skip');
              next.set('$skiptoken', String(skip));
              if (requestedTop !== undefined) next.set('$top', String(left));
              d.__next = `${url.pathname}?${next.toString()}`;
            }
          }
        }
        text = JSON.stringify(json);
      }
      res.writeHead(method === 'PATCH' || method === 'MERGE' ? 204 : up.status, {
        'content-type': type || 'application/json',
        dataserviceversion: '2.0',
        ...extra,
      });
      res.end(method === 'PATCH' || method === 'MERGE' ? undefined : text);
    } catch (err) {
      send(res, 500, sapError('/IWBEP/CM_MGW_RT/500', `gateway failure: ${(err as Error).message}`));
    }
  });
  await new Promise<void>((r) => outer.listen(0, '127.0.0.1', r));
  state.baseUrl = `http://127.0.0.1:${(outer.address() as { port: number }).port}`;
  return state;
}
