/**
 * A SuiteTalk REST stand-in: checks OAuth 1.0a signatures by recomputing them, verifies JWT client
 * assertions with the certificate's public key, issues bearer tokens, answers SuiteQL and record calls
 * in NetSuite's shapes, returns 429 on demand and counts concurrent requests.
 */
import http from 'node:http';
import { constants, createHmac, randomBytes, verify, type KeyObject } from 'node:crypto';
import { sumDecimals } from '@ledgerflow/flow-model';
import { realm, rfc3986, signatureBaseString } from '../src/index.ts';

export interface NsServerOptions {
  accountId: string;
  tba?: { consumerKey: string; consumerSecret: string; tokenId: string; tokenSecret: string };
  oauth2?: { clientId: string; kid: string; publicKey: KeyObject; alg: 'PS256' | 'ES256' };
  transactions: Array<Record<string, string | null>>;
  records?: Record<string, Record<string, unknown>>;
  /** Every n-th request answers 429 with Retry-After. */
  throttleEvery?: number;
  /** CURRENT_DATE in SuiteQL (the account's date, YYYY-MM-DD); today in UTC when absent. */
  currentDate?: string;
  delayMs?: number;
}

export interface NsServer {
  baseUrl: string;
  log: Array<{ method: string; url: string; status: number; body?: string }>;
  peak: number;
  patches: Array<{ path: string; body: unknown }>;
  /** Bodies of the records created by POST, in order. */
  created: Array<{ path: string; body: Record<string, unknown> }>;
  /** The next request whose path matches is carried out, then its connection is cut before the answer. */
  loseResponse(match: RegExp): void;
  close(): Promise<void>;
}

/** SuiteQL hands dates out in the account's format, M/D/YYYY by default. */
function isoOf(usDate: string | null | undefined): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(usDate ?? '');
  return m ? `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}` : undefined;
}

// Decimal strings compared to zero by their digits: no float ever decides what is open.
const signOf = (s: string | null | undefined) => (!s || /^-?0*\.?0*$/.test(s) ? 0 : s.startsWith('-') ? -1 : 1);

const nsError = (status: number, title: string, code: string, detail: string) => ({
  type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1',
  title,
  status,
  'o:errorDetails': [{ detail, 'o:errorCode': code }],
});

function parseOAuth(h: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of h.replace(/^OAuth\s+/, '').matchAll(/(\w+)="([^"]*)"/g)) out[m[1]!] = decodeURIComponent(m[2]!);
  return out;
}

export async function startNetSuiteServer(o: NsServerOptions): Promise<NsServer> {
  const tokens = new Set<string>();
  const nonces = new Set<string>();
  let n = 0;
  let active = 0;
  let nextId = 5000;
  const lost: RegExp[] = [];
  const state: NsServer = {
    baseUrl: '',
    log: [],
    peak: 0,
    patches: [],
    created: [],
    loseResponse: (match) => lost.push(match),
    close: async () => void (await new Promise((r) => server.close(r))),
  };

  function authorized(req: http.IncomingMessage, url: string): string | undefined {
    const h = req.headers.authorization ?? '';
    if (h.startsWith('Bearer ')) return tokens.has(h.slice(7)) ? undefined : 'invalid bearer token';
    if (!h.startsWith('OAuth ') || !o.tba) return 'no credentials';
    const p = parseOAuth(h);
    if (p.realm !== realm(o.accountId)) return `wrong realm ${p.realm}`;
    if (p.oauth_consumer_key !== o.tba.consumerKey || p.oauth_token !== o.tba.tokenId) return 'unknown consumer/token';
    if (p.oauth_signature_method !== 'HMAC-SHA256') return 'wrong method';
    if (nonces.has(p.oauth_nonce!)) return 'nonce reused';
    nonces.add(p.oauth_nonce!);
    const params = Object.fromEntries(
      Object.entries(p).filter(([k]) => k.startsWith('oauth_') && k !== 'oauth_signature'),
    );
    const base = signatureBaseString(req.method!, url, params);
    const expected = createHmac('sha256', `${rfc3986(o.tba.consumerSecret)}&${rfc3986(o.tba.tokenSecret)}`)
      .update(base)
      .digest('base64');
    return expected === p.oauth_signature ? undefined : 'signature mismatch';
  }

  function checkJwt(assertion: string, aud: string): string | undefined {
    if (!o.oauth2) return 'oauth2 disabled';
    const [h, b, s] = assertion.split('.');
    const head = JSON.parse(Buffer.from(h!, 'base64url').toString()) as { alg: string; kid: string };
    const body = JSON.parse(Buffer.from(b!, 'base64url').toString()) as {
      iss: string;
      aud: string;
      exp: number;
      iat: number;
      scope: string[];
    };
    if (head.alg !== o.oauth2.alg || head.kid !== o.oauth2.kid) return 'wrong alg/kid';
    if (
      body.iss !== o.oauth2.clientId ||
      body.aud !== aud ||
      !body.scope.includes('rest_webservices') ||
      body.exp <= body.iat
    )
      return 'bad claims';
    const data = Buffer.from(`${h}.${b}`);
    const sig = Buffer.from(s!, 'base64url');
    const ok =
      head.alg === 'PS256'
        ? verify(
            'sha256',
            data,
            { key: o.oauth2.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
            sig,
          )
        : verify('sha256', data, { key: o.oauth2.publicKey, dsaEncoding: 'ieee-p1363' }, sig);
    return ok ? undefined : 'bad signature';
  }

  const server = http.createServer(async (req, res) => {
    active++;
    state.peak = Math.max(state.peak, active);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString();
    const url = `${state.baseUrl}${req.url}`;
    const u = new URL(url);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      state.log.push({ method: req.method!, url: req.url!, status, body });
      const cut = lost.findIndex((m) => m.test(u.pathname));
      if (cut >= 0) {
        lost.splice(cut, 1);
        active--;
        res.socket?.destroy();
        return;
      }
      setTimeout(() => {
        active--;
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(payload === undefined ? undefined : JSON.stringify(payload));
      }, o.delayMs ?? 0);
    };
    n++;
    if (u.pathname === '/services/rest/auth/oauth2/v1/token') {
      const f = new URLSearchParams(body);
      if (
        f.get('grant_type') !== 'client_credentials' ||
        f.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
      )
        return send(400, { error: 'invalid_request' });
      const why = checkJwt(f.get('client_assertion') ?? '', url);
      if (why) return send(401, { error: 'invalid_client', error_description: why });
      const t = randomBytes(16).toString('hex');
      tokens.add(t);
      return send(200, { access_token: t, expires_in: '3600', token_type: 'Bearer' });
    }
    const why = authorized(req, url);
    if (why) return send(401, nsError(401, 'Unauthorized', 'INVALID_LOGIN', `Invalid login attempt. (${why})`));
    if (o.throttleEvery && n % o.throttleEvery === 0)
      return send(
        429,
        nsError(429, 'Too Many Requests', 'CONCURRENCY_LIMIT_EXCEEDED', 'Concurrent request limit exceeded.'),
        { 'retry-after': '0' },
      );

    if (u.pathname === '/services/rest/query/v1/suiteql' && req.method === 'POST') {
      if (req.headers.prefer !== 'transient')
        return send(400, nsError(400, 'Bad Request', 'INVALID_HEADER', 'Prefer: transient is required'));
      const q = (JSON.parse(body) as { q: string }).q;
      if (/syntax_error/i.test(q))
        return send(
          400,
          nsError(
            400,
            'Bad Request',
            'INVALID_PARAMETER',
            "Invalid search query. Detailed unprocessed description follows. Search error occurred: Field 'nope' for record 'transaction' was not found.",
          ),
        );
      const limit = Number(u.searchParams.get('limit') ?? 1000);
      const offset = Number(u.searchParams.get('offset') ?? 0);
      let rows = [...o.transactions].sort((a, b) => Number(a.id) - Number(b.id));
      const after = /t\.id > (\d+)/.exec(q);
      if (after) rows = rows.filter((r) => Number(r.id) > Number(after[1]));
      const entity = /t\.entity = (\d+)/.exec(q);
      if (entity) rows = rows.filter((r) => r.entity === entity[1]);
      if (/t\.type = 'CustInvc'/.test(q)) rows = rows.filter((r) => r.type === 'CustInvc');
      if (/t\.foreignamountremaining > 0/.test(q)) rows = rows.filter((r) => signOf(r.foreignamountremaining) > 0);
      if (/t\.foreignamountremaining <> 0/.test(q)) rows = rows.filter((r) => signOf(r.foreignamountremaining) !== 0);
      if (/t\.duedate < CURRENT_DATE/.test(q)) {
        const today = o.currentDate ?? new Date().toISOString().slice(0, 10);
        rows = rows.filter((r) => (isoOf(r.duedate) ?? '9999-12-31') < today);
      }
      const items = rows.slice(offset, offset + limit).map((r) => ({ links: [], ...r }));
      const hasMore = offset + items.length < rows.length;
      return send(200, {
        links: [{ rel: 'self', href: url }],
        count: items.length,
        hasMore,
        items,
        offset,
        totalResults: rows.length,
      });
    }
    if (u.pathname === '/services/rest/record/v1/creditmemo' && req.method === 'POST') {
      const doc = JSON.parse(body) as Record<string, unknown>;
      const records = (o.records ??= {});
      const eid = doc.externalId as string | undefined;
      // External ids are unique per record type.
      if (eid && Object.entries(records).some(([k, r]) => k.startsWith('creditmemo/') && r.externalId === eid))
        return send(400, nsError(400, 'Bad Request', 'DUP_RCRD', 'A record with the same external ID already exists.'));
      const customer = records[`customer/${(doc.entity as { id?: string } | undefined)?.id}`];
      if (!customer)
        return send(400, nsError(400, 'Bad Request', 'INVALID_KEY_OR_REF', 'Invalid entity reference key.'));
      const lines = (doc.item as { items?: Array<{ amount: string }> } | undefined)?.items ?? [];
      const id = String(nextId++);
      const currency = String(customer.currency ?? 'USD');
      records[`creditmemo/${id}`] = {
        id,
        tranId: `CM${id}`,
        ...doc,
        currency: { id: '1', refName: currency },
        total: sumDecimals(lines.map((l) => l.amount)),
      };
      state.created.push({ path: `creditmemo/${id}`, body: doc });
      return send(204, undefined, { location: `${state.baseUrl}/services/rest/record/v1/creditmemo/${id}` });
    }
    const rec = /^\/services\/rest\/record\/v1\/(customer|invoice|creditmemo)\/([^/]+)$/.exec(u.pathname);
    if (rec) {
      const eid = rec[2]!.startsWith('eid:') ? decodeURIComponent(rec[2]!.slice(4)) : undefined;
      const key = eid
        ? (Object.entries(o.records ?? {}).find(([k, r]) => k.startsWith(`${rec[1]}/`) && r.externalId === eid)?.[0] ??
          '')
        : `${rec[1]}/${rec[2]}`;
      const r = o.records?.[key];
      if (!r)
        return send(
          404,
          nsError(
            404,
            'Not Found',
            'NONEXISTENT_ID',
            `The record instance does not exist. Provide a valid record instance ID.`,
          ),
        );
      if (req.method === 'GET') {
        // `fields=a,b` narrows the body to those fields (and the id), as NetSuite does; empty fields are left out.
        const only = u.searchParams.get('fields')?.split(',');
        const shown = Object.entries(r).filter(
          ([k, v]) => (!only || k === 'id' || only.includes(k)) && v !== null && v !== undefined,
        );
        return send(200, { links: [{ rel: 'self', href: url }], ...Object.fromEntries(shown) });
      }
      if (req.method === 'PATCH') {
        const patch = JSON.parse(body) as Record<string, unknown>;
        if ('creditlimit' in patch && !/^\d+(\.\d+)?$/.test(String(patch.creditlimit))) {
          return send(400, {
            type: 'x',
            title: 'Bad Request',
            status: 400,
            'o:errorDetails': [
              {
                detail: 'Invalid Field Value abc for the following field: creditlimit',
                'o:errorCode': 'INVALID_FLD_VALUE',
                'o:errorPath': 'creditlimit',
              },
            ],
          });
        }
        Object.assign(r, patch);
        state.patches.push({ path: key, body: patch });
        return send(204, undefined);
      }
    }
    return send(404, nsError(404, 'Not Found', 'INVALID_URL', 'not found'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return state;
}
