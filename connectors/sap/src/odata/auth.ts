import { createHash } from 'node:crypto';
import { ConnectorError } from '@ledgerflow/flow-model';
import type { ConnectorContext } from '@ledgerflow/connector-sdk';
import type { SapConfig, SapSecrets } from '../connection.ts';

export type SapContext = ConnectorContext<SapConfig, SapSecrets>;

interface CachedToken {
  token: string;
  expiresAt: number;
}

// Shared by all calls in this process: a token is good for its lifetime (often 12 h), and asking
// for one per call would double the latency and hit the authorization server's rate limits.
const tokens = new Map<string, Promise<CachedToken>>();

function authFailed(
  ctx: SapContext,
  message: string,
  retryable = false,
  details?: Record<string, unknown>,
): ConnectorError {
  return new ConnectorError({
    connector: ctx.connectorId,
    action: ctx.operation,
    code: 'CONNECTOR_AUTH_FAILED',
    message,
    retryable,
    details,
  });
}

async function fetchToken(ctx: SapContext, auth: Extract<SapConfig['auth'], { type: 'oauth2' }>): Promise<CachedToken> {
  const secret = ctx.connection.secrets.clientSecret;
  if (!secret) throw authFailed(ctx, 'OAuth2 needs the clientSecret secret');
  const body = new URLSearchParams({ grant_type: 'client_credentials', ...(auth.scope ? { scope: auth.scope } : {}) });
  const res = await ctx.http.request({
    method: 'POST',
    url: auth.tokenUrl,
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(auth.clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: body.toString(),
    passStatuses: [400, 401, 403],
  });
  if (res.status >= 400)
    throw authFailed(
      ctx,
      `the token endpoint refused the client credentials (HTTP ${res.status}): ${res.text.slice(0, 200)}`,
      false,
      { status: res.status },
    );
  const json = res.json<{ access_token?: string; expires_in?: number | string }>();
  if (!json.access_token) throw authFailed(ctx, 'the token endpoint answered without access_token');
  const lifetimeS = Number(json.expires_in ?? 3600);
  // Renew a minute early so a token never expires between our check and SAP's.
  return { token: json.access_token, expiresAt: ctx.now().getTime() + Math.max(0, lifetimeS - 60) * 1000 };
}

/** The Authorization header value for this connection. */
export async function authorization(ctx: SapContext, opts: { forceNew?: boolean } = {}): Promise<string> {
  const auth = ctx.connection.config.auth;
  if (auth.type === 'basic') {
    const pw = ctx.connection.secrets.password;
    if (pw === undefined) throw authFailed(ctx, 'basic auth needs the password secret');
    return `Basic ${Buffer.from(`${auth.user}:${pw}`).toString('base64')}`;
  }
  // The secret's hash is part of the key so a rotated secret never reuses a token of the old one.
  const secretHash = createHash('sha256')
    .update(ctx.connection.secrets.clientSecret ?? '')
    .digest('hex')
    .slice(0, 16);
  const key = `${auth.tokenUrl}|${auth.clientId}|${auth.scope ?? ''}|${secretHash}`;
  let p = tokens.get(key);
  if (p && !opts.forceNew) {
    const t = await p.catch(() => undefined);
    if (t && t.expiresAt > ctx.now().getTime()) return `Bearer ${t.token}`;
  }
  p = fetchToken(ctx, auth);
  tokens.set(key, p);
  p.catch(() => tokens.delete(key));
  return `Bearer ${(await p).token}`;
}

/** Identity part of session keys, so two users never share cookies or CSRF tokens. */
export function identity(config: SapConfig): string {
  return config.auth.type === 'basic' ? `basic:${config.auth.user}` : `oauth:${config.auth.clientId}`;
}
