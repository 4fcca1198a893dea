import { createHash, createHmac, constants, randomBytes, sign } from 'node:crypto';
import { ConnectorError } from '@ledgerflow/flow-model';
import type { ConnectorContext } from '@ledgerflow/connector-sdk';
import { baseUrl, realm, type NetSuiteConfig, type NetSuiteSecrets } from './connection.ts';

export type NsContext = ConnectorContext<NetSuiteConfig, NetSuiteSecrets>;

/** RFC 3986 encoding as OAuth 1.0a requires (encodeURIComponent leaves !'()* alone). */
export function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Signature base string: method, URL without query, and all oauth_ and query parameters sorted. */
export function signatureBaseString(method: string, url: string, params: Record<string, string>): string {
  const u = new URL(url);
  const all: Array<[string, string]> = [...Object.entries(params), ...u.searchParams];
  const norm = all
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const base = `${u.protocol}//${u.host.toLowerCase()}${u.pathname}`;
  return [method.toUpperCase(), rfc3986(base), rfc3986(norm.map(([k, v]) => `${k}=${v}`).join('&'))].join('&');
}

export function oauth1Header(opts: {
  method: string;
  url: string;
  account: string;
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
  nonce?: string;
  timestamp?: number;
}): string {
  const params: Record<string, string> = {
    oauth_consumer_key: opts.consumerKey,
    oauth_token: opts.tokenId,
    oauth_signature_method: 'HMAC-SHA256',
    oauth_timestamp: String(opts.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_nonce: opts.nonce ?? randomBytes(16).toString('hex'),
    oauth_version: '1.0',
  };
  const key = `${rfc3986(opts.consumerSecret)}&${rfc3986(opts.tokenSecret)}`;
  const signature = createHmac('sha256', key)
    .update(signatureBaseString(opts.method, opts.url, params))
    .digest('base64');
  const fields = { realm: realm(opts.account), ...params, oauth_signature: signature };
  return `OAuth ${Object.entries(fields)
    .map(([k, v]) => `${k}="${k === 'realm' ? v : rfc3986(v)}"`)
    .join(', ')}`;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export function jwtAssertion(opts: {
  clientId: string;
  kid: string;
  alg: 'PS256' | 'ES256';
  privateKey: string;
  aud: string;
  scope: string;
  now: number;
}): string {
  const head = b64url(JSON.stringify({ alg: opts.alg, typ: 'JWT', kid: opts.kid }));
  const iat = Math.floor(opts.now / 1000);
  const body = b64url(
    JSON.stringify({ iss: opts.clientId, scope: opts.scope.split(/[ ,]+/), aud: opts.aud, iat, exp: iat + 3600 }),
  );
  const data = Buffer.from(`${head}.${body}`);
  const sig =
    opts.alg === 'PS256'
      ? sign('sha256', data, { key: opts.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })
      : sign('sha256', data, { key: opts.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${head}.${body}.${b64url(sig)}`;
}

// Process-wide: NetSuite access tokens live 60 minutes; one per (account, client, key).
const tokens = new Map<string, Promise<{ token: string; expiresAt: number }>>();

function authFailed(ctx: NsContext, message: string, details?: Record<string, unknown>): ConnectorError {
  return new ConnectorError({
    connector: ctx.connectorId,
    action: ctx.operation,
    code: 'CONNECTOR_AUTH_FAILED',
    message,
    retryable: false,
    details,
  });
}

async function bearer(ctx: NsContext, auth: Extract<NetSuiteConfig['auth'], { type: 'oauth2' }>): Promise<string> {
  const cfg = ctx.connection.config;
  const key = ctx.connection.secrets.privateKey;
  if (!key) throw authFailed(ctx, 'OAuth 2.0 needs the privateKey secret');
  const cacheKey = `${cfg.accountId}|${auth.clientId}|${auth.certificateId}|${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
  const cached = await tokens.get(cacheKey)?.catch(() => undefined);
  if (cached && cached.expiresAt > ctx.now().getTime()) return cached.token;
  const tokenUrl = `${baseUrl(cfg)}/services/rest/auth/oauth2/v1/token`;
  const p = (async () => {
    let assertion: string;
    try {
      assertion = jwtAssertion({
        clientId: auth.clientId,
        kid: auth.certificateId,
        alg: auth.algorithm ?? 'PS256',
        privateKey: key,
        aud: tokenUrl,
        scope: auth.scope ?? 'rest_webservices',
        now: ctx.now().getTime(),
      });
    } catch (err) {
      throw authFailed(ctx, `cannot sign the JWT assertion with the configured private key: ${(err as Error).message}`);
    }
    const res = await ctx.http.request({
      method: 'POST',
      url: tokenUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }).toString(),
      passStatuses: [400, 401, 403],
      // Asking for a token again only yields another token.
      idempotent: true,
    });
    if (res.status >= 400)
      throw authFailed(ctx, `NetSuite refused the client credentials (HTTP ${res.status}): ${res.text.slice(0, 200)}`, {
        status: res.status,
      });
    const j = res.json<{ access_token?: string; expires_in?: number | string }>();
    if (!j.access_token) throw authFailed(ctx, 'token response without access_token');
    return {
      token: j.access_token,
      expiresAt: ctx.now().getTime() + Math.max(0, Number(j.expires_in ?? 3600) - 60) * 1000,
    };
  })();
  tokens.set(cacheKey, p);
  p.catch(() => tokens.delete(cacheKey));
  return (await p).token;
}

/** Authorization header for one request (OAuth 1.0a signs each request, including its query). */
export async function authorizationFor(ctx: NsContext, method: string, url: string): Promise<string> {
  const cfg = ctx.connection.config;
  const auth = cfg.auth;
  if (auth.type === 'oauth2') return `Bearer ${await bearer(ctx, auth)}`;
  const { consumerSecret, tokenSecret } = ctx.connection.secrets;
  if (!consumerSecret || !tokenSecret)
    throw authFailed(ctx, 'token-based auth needs the consumerSecret and tokenSecret secrets');
  return oauth1Header({
    method,
    url,
    account: cfg.accountId,
    consumerKey: auth.consumerKey,
    consumerSecret,
    tokenId: auth.tokenId,
    tokenSecret,
    timestamp: Math.floor(ctx.now().getTime() / 1000),
  });
}
