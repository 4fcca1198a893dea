import { ConnectorError, isCurrencyCode, normalizeDecimal, type Money } from '@ledgerflow/flow-model';
import { malformedResponse, type HttpResponse } from '@ledgerflow/connector-sdk';
import { authorizationFor, type NsContext } from './auth.ts';
import { baseUrl } from './connection.ts';

/**
 * NetSuite limits concurrent requests per account (all integrations together); exceeding it gives 429s.
 * The limit is process-wide per account so parallel flow runs share it instead of each taking 5.
 */
class Gate {
  limit: number;
  active = 0;
  peak = 0;
  readonly waiters: Array<() => void> = [];
  constructor(limit: number) {
    this.limit = limit;
  }
  async run<T>(fn: () => Promise<T>): Promise<T> {
    while (this.active >= this.limit) await new Promise<void>((r) => this.waiters.push(r));
    this.active++;
    this.peak = Math.max(this.peak, this.active);
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiters.shift()?.();
    }
  }
}

const gates = new Map<string, Gate>();

export function accountGate(accountId: string, limit: number): Gate {
  const key = accountId.toUpperCase();
  let g = gates.get(key);
  if (!g) gates.set(key, (g = new Gate(limit)));
  g.limit = limit;
  return g;
}

interface NsErrorBody {
  type?: string;
  title?: string;
  status?: number;
  'o:errorDetails'?: Array<{ detail?: string; 'o:errorCode'?: string; 'o:errorPath'?: string }>;
}

/** Turns `{"type","title","status","o:errorDetails":[{"detail","o:errorCode"}]}` into a readable error. */
function withNetSuiteDetails(ctx: NsContext, err: unknown, record: string | undefined): unknown {
  if (!(err instanceof ConnectorError)) return err;
  const d = (err.details ?? {}) as { status?: number; body?: string };
  if (d.status === undefined) return err;
  let body: NsErrorBody | undefined;
  try {
    body = JSON.parse(d.body ?? '') as NsErrorBody;
  } catch {
    body = undefined;
  }
  const details = body?.['o:errorDetails'] ?? [];
  const codes = details.map((x) => x['o:errorCode']).filter(Boolean) as string[];
  const text = details
    .map(
      (x) => `${x['o:errorCode'] ?? 'ERROR'}: ${x.detail ?? ''}${x['o:errorPath'] ? ` (at ${x['o:errorPath']})` : ''}`,
    )
    .join('; ');
  const auth = d.status === 401 || codes.includes('INVALID_LOGIN') || codes.includes('INVALID_LOGIN_ATTEMPT');
  return new ConnectorError({
    connector: ctx.connectorId,
    action: ctx.operation,
    record: record ?? err.record,
    code: auth
      ? 'CONNECTOR_AUTH_FAILED'
      : d.status === 403
        ? 'CONNECTOR_FORBIDDEN'
        : d.status === 404
          ? 'CONNECTOR_NOT_FOUND'
          : err.code,
    message: `NetSuite HTTP ${d.status}${body?.title ? ` ${body.title}` : ''}${text ? `: ${text}` : ''}`,
    retryable: err.retryable && !auth,
    details: { status: d.status, errorCodes: codes, errorDetails: details },
    cause: err,
  });
}

export interface NsRequest {
  method?: string;
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  record?: string;
  /** Repeating the request does no harm (a query, a PATCH of field values): it may be retried. */
  idempotent?: boolean;
}

export async function nsRequest(ctx: NsContext, req: NsRequest): Promise<HttpResponse> {
  const cfg = ctx.connection.config;
  const url = new URL(`${baseUrl(cfg)}${req.path}`);
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
  const method = req.method ?? 'GET';
  const gate = accountGate(cfg.accountId, cfg.concurrencyLimit ?? 5);
  return gate.run(async () => {
    try {
      return await ctx.http.request({
        method,
        url: url.href,
        record: req.record,
        headers: {
          accept: 'application/json',
          ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...req.headers,
        },
        // A TBA signature carries a one-time nonce: every attempt, retries included, is signed afresh.
        perAttempt: async () => ({ authorization: await authorizationFor(ctx, method, url.href) }),
        idempotent: req.idempotent,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
      });
    } catch (err) {
      throw withNetSuiteDetails(ctx, err, req.record);
    }
  });
}

/** NetSuite's numeric fields are amounts and quantities: every number is read as its exact decimal text. */
export function nsJson<T>(ctx: NsContext, res: HttpResponse, record?: string): T {
  try {
    return res.json<T>('text');
  } catch (err) {
    throw new ConnectorError({
      connector: ctx.connectorId,
      action: ctx.operation,
      record,
      code: 'CONNECTOR_MALFORMED_RESPONSE',
      message: `NetSuite answered with a non-JSON body: ${res.text.slice(0, 120)}`,
      retryable: false,
      cause: err,
    });
  }
}

const malformed = malformedResponse;

/** An amount NetSuite sent (".5", "-12.30", null as 0) as an exact decimal string, or CONNECTOR_MALFORMED_RESPONSE. */
export function nsMoney(
  ctx: NsContext,
  amount: unknown,
  currency: unknown,
  record: string | undefined,
  field: string,
): Money {
  let a: string;
  try {
    a = normalizeDecimal(String(amount ?? '0'));
  } catch (err) {
    throw malformed(ctx, record, `${field} is not a decimal: ${String(amount).slice(0, 40)}`, err);
  }
  if (!isCurrencyCode(currency))
    throw malformed(ctx, record, `${field} ${a} has no ISO currency (got ${JSON.stringify(currency ?? null)})`);
  return { amount: a, currency };
}

export function invalidInput(ctx: NsContext, message: string, record?: string): ConnectorError {
  return new ConnectorError({
    connector: ctx.connectorId,
    action: ctx.operation,
    record,
    code: 'CONNECTOR_INPUT_INVALID',
    message,
    retryable: false,
    status: 400,
  });
}

/** For tests: peak concurrency seen per account. */
export function accountPeak(accountId: string): number {
  return gates.get(accountId.toUpperCase())?.peak ?? 0;
}
