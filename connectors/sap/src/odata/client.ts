/**
 * A small hand-written OData v2 client. The SAP Cloud SDK would need generated clients per service
 * (a codegen step and large dependency tree) and brings its own HTTP stack, which would bypass the
 * SDK's retries, rate limits and error model. What we need — CSRF, cookies, ETags, paging, exact
 * decimals and SAP error bodies — fits in a few hundred lines on top of ctx.http.
 */
import { ConnectorError } from '@ledgerflow/flow-model';
import type { HttpResponse } from '@ledgerflow/connector-sdk';
import { authorization, identity, type SapContext } from './auth.ts';
import { withSapDetails } from './errors.ts';
import { normalizeEntity, type ODataRecord } from './json.ts';
import { queryString } from './literals.ts';

interface Session {
  cookies: Map<string, string>;
  csrf?: Promise<string>;
}

// Process-wide: the CSRF token is bound to the session cookies, and fetching one per call would
// cost an extra round trip for every update.
const sessions = new Map<string, Session>();

export interface ListQuery {
  filter?: string;
  select?: string[];
  expand?: string[];
  orderby?: string;
  top?: number;
  skip?: number;
  inlinecount?: boolean;
}

export interface ListPage {
  results: ODataRecord[];
  count?: number;
  /** Absolute URL of the next page when the server pages on its own (`__next`). */
  next?: string;
}

export interface SapService {
  readonly root: string;
  getJson(pathOrUrl: string, record?: string): Promise<unknown>;
  list(entitySet: string, q: ListQuery, record?: string): Promise<ListPage>;
  listNext(nextUrl: string, record?: string): Promise<ListPage>;
  getEntity(path: string, q: Pick<ListQuery, 'select' | 'expand'>, record: string): Promise<ODataRecord>;
  modify(
    method: 'PATCH' | 'MERGE' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body: unknown,
    opts: { record: string; etag?: string },
  ): Promise<HttpResponse>;
  getRaw(path: string, headers?: Record<string, string>): Promise<HttpResponse>;
}

export function listQuery(q: ListQuery): string {
  return queryString({
    $filter: q.filter,
    $select: q.select?.join(','),
    $expand: q.expand?.join(','),
    $orderby: q.orderby,
    $top: q.top === undefined ? undefined : String(q.top),
    $skip: q.skip ? String(q.skip) : undefined,
    $inlinecount: q.inlinecount ? 'allpages' : undefined,
    $format: 'json',
  });
}

function readPage(body: unknown, base: string): ListPage {
  const d = (body as { d?: { results?: unknown[]; __count?: string; __next?: string } | unknown[] }).d;
  const list = Array.isArray(d) ? d : d?.results;
  if (!Array.isArray(list)) throw new TypeError('not an OData v2 collection (expected d.results)');
  const meta = Array.isArray(d) ? {} : (d ?? {});
  const count = '__count' in meta ? Number((meta as { __count?: string }).__count) : undefined;
  const next = (meta as { __next?: string }).__next;
  return { results: list.map(normalizeEntity), count, next: next ? new URL(next, base).href : undefined };
}

export function sapService(ctx: SapContext, serviceName: string): SapService {
  const cfg = ctx.connection.config;
  const prefix = (cfg.servicePath ?? '/sap/opu/odata/sap').replace(/\/$/, '');
  const root = `${cfg.baseUrl.replace(/\/$/, '')}${prefix}/${serviceName}`;
  const sessionKey = `${root}|${cfg.client ?? ''}|${identity(cfg)}`;
  let session = sessions.get(sessionKey);
  if (!session) sessions.set(sessionKey, (session = { cookies: new Map() }));
  const s = session;
  const timeoutMs = cfg.timeoutMs ?? 60_000;

  function url(pathOrUrl: string): string {
    return /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${root}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
  }

  async function headers(extra: Record<string, string> = {}): Promise<Record<string, string>> {
    const h: Record<string, string> = { accept: 'application/json', authorization: await authorization(ctx), ...extra };
    if (cfg.client) h['sap-client'] = cfg.client;
    if (cfg.language) h['sap-language'] = cfg.language;
    if (s.cookies.size) h.cookie = [...s.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return h;
  }

  function keepCookies(res: HttpResponse): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      if (eq > 0) s.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }

  async function send(
    method: string,
    target: string,
    extra: Record<string, string>,
    body: string | undefined,
    record: string | undefined,
    passStatuses?: number[],
  ): Promise<HttpResponse> {
    try {
      const res = await ctx.http.request({
        method,
        url: url(target),
        headers: await headers(extra),
        body,
        record,
        timeoutMs,
        passStatuses,
      });
      keepCookies(res);
      return res;
    } catch (err) {
      throw withSapDetails(err, ctx.connectorId, ctx.operation, record);
    }
  }

  function malformed(record: string | undefined, err: unknown): ConnectorError {
    return new ConnectorError({
      connector: ctx.connectorId,
      action: ctx.operation,
      record,
      code: 'CONNECTOR_MALFORMED_RESPONSE',
      message: `SAP answered with an unexpected body: ${(err as Error).message}`,
      retryable: false,
      cause: err,
    });
  }

  async function getJson(target: string, record?: string): Promise<unknown> {
    const res = await send('GET', target, {}, undefined, record);
    try {
      return res.json('text');
    } catch (err) {
      throw malformed(record, err);
    }
  }

  function fetchCsrf(): Promise<string> {
    const p = (async () => {
      // SAP hands out the token only on a GET with `x-csrf-token: Fetch`, bound to the session cookies it sets.
      const res = await send('GET', '/', { 'x-csrf-token': 'Fetch' }, undefined, undefined);
      const token = res.headers.get('x-csrf-token');
      if (!token)
        throw new ConnectorError({
          connector: ctx.connectorId,
          action: ctx.operation,
          code: 'SAP_CSRF_UNAVAILABLE',
          message: 'SAP did not return an x-csrf-token on the fetch request',
          retryable: true,
        });
      return token;
    })();
    s.csrf = p;
    p.catch(() => {
      if (s.csrf === p) s.csrf = undefined;
    });
    return p;
  }

  async function list(entitySet: string, q: ListQuery, record?: string): Promise<ListPage> {
    const body = await getJson(`/${entitySet}?${listQuery(q)}`, record);
    try {
      return readPage(body, root);
    } catch (err) {
      throw malformed(record, err);
    }
  }

  return {
    root,
    getJson,
    list,
    async listNext(nextUrl, record) {
      const u = new URL(nextUrl, root);
      if (!u.searchParams.has('$format')) u.searchParams.set('$format', 'json');
      const body = await getJson(u.href, record);
      try {
        return readPage(body, root);
      } catch (err) {
        throw malformed(record, err);
      }
    },
    async getEntity(path, q, record) {
      const body = await getJson(`${path}?${listQuery(q)}`, record);
      const d = (body as { d?: unknown }).d;
      if (!d || typeof d !== 'object') throw malformed(record, new Error('no d object'));
      return normalizeEntity(d);
    },
    async modify(method, path, body, opts) {
      const extra: Record<string, string> = { 'content-type': 'application/json' };
      if (opts.etag) extra['if-match'] = opts.etag;
      const payload = body === undefined ? undefined : JSON.stringify(body);
      for (let attempt = 1; ; attempt++) {
        const token = await (s.csrf ?? fetchCsrf());
        const res = await send(method, path, { ...extra, 'x-csrf-token': token }, payload, opts.record, [403, 412]);
        // An expired or unknown token: SAP says 403 with `x-csrf-token: Required`. Fetch a new one, once.
        if (res.status === 403 && res.headers.get('x-csrf-token')?.toLowerCase() === 'required' && attempt === 1) {
          void fetchCsrf(); // stored in s.csrf and awaited on the next attempt
          continue;
        }
        if (res.status === 403 && res.headers.get('x-csrf-token')?.toLowerCase() === 'required') {
          throw new ConnectorError({
            connector: ctx.connectorId,
            action: ctx.operation,
            record: opts.record,
            code: 'SAP_CSRF_REJECTED',
            message: 'SAP rejected a freshly fetched CSRF token (is a proxy dropping the session cookies?)',
            retryable: true,
            details: { status: 403 },
          });
        }
        if (res.status === 403) {
          throw withSapDetails(
            new ConnectorError({
              connector: ctx.connectorId,
              action: ctx.operation,
              record: opts.record,
              code: 'CONNECTOR_FORBIDDEN',
              message: 'forbidden',
              retryable: false,
              details: { status: 403, body: res.text },
            }),
            ctx.connectorId,
            ctx.operation,
            opts.record,
          );
        }
        return res;
      }
    },
    async getRaw(path, extra) {
      return send('GET', path, extra ?? {}, undefined, undefined);
    },
  };
}

/** For tests: forget sessions (cookies and CSRF tokens). */
export function resetSapSessions(): void {
  sessions.clear();
}
