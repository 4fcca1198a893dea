import { ConnectorError, parseExactJson, type JsonNumbers } from '@ledgerflow/flow-model';

export interface HttpRequest {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | undefined;
  /** Per-attempt timeout. */
  timeoutMs?: number;
  /** Record named in errors, e.g. the credit memo number. */
  record?: string;
  /** Statuses returned to the caller instead of thrown (e.g. 403 for a CSRF retry, 412 for ETag). */
  passStatuses?: number[];
  /**
   * Headers computed afresh for every attempt, merged over `headers`: a signature with a one-time nonce
   * (OAuth 1.0a) must not be re-sent on a retry.
   */
  perAttempt?: (attempt: number) => Record<string, string> | Promise<Record<string, string>>;
  /**
   * A POST/PATCH is retried only when repeating it cannot do the work twice: when it carries an
   * Idempotency-Key header (any `*idempotency-key` name) or is marked here as read-only (e.g. a query).
   */
  idempotent?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /**
   * The body as JSON with every number exact: integer literals within ±2^53 stay numbers, any other number
   * (fraction, exponent, larger integer) is its exact decimal string — "12345678901234567890.12" is not rounded to
   * a float. `numbers: 'text'` makes every number a decimal string. Malformed JSON is CONNECTOR_MALFORMED_RESPONSE.
   */
  json<T = unknown>(numbers?: JsonNumbers): T;
}

export interface HttpClientOptions {
  connector: string;
  operation: string;
  signal?: AbortSignal;
  /** Attempts for retryable failures (network, 429, 502-504). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** RFC 9110 idempotent methods, or a request that says repeating it is harmless. */
const mayRepeat = (req: HttpRequest) =>
  IDEMPOTENT_METHODS.has((req.method ?? 'GET').toUpperCase()) ||
  req.idempotent === true ||
  Object.keys(req.headers ?? {}).some((h) => /idempotency-key$/i.test(h));

function parseRetryAfter(h: string | null): number | undefined {
  if (!h) return undefined;
  const s = Number(h);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const t = Date.parse(h);
  return Number.isNaN(t) ? undefined : Math.max(0, t - Date.now());
}

/**
 * fetch with retries and exponential backoff with jitter. A client lives for one connector call, so
 * rate and concurrency limits that must hold across calls belong to the connector (e.g. per account).
 */
export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const f = opts.fetch ?? fetch;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxAttempts = opts.maxAttempts ?? 4;
  const base = opts.baseDelayMs ?? 200;
  const cap = opts.maxDelayMs ?? 10_000;
  const fail = (
    req: HttpRequest,
    code: string,
    message: string,
    retryable: boolean,
    details?: Record<string, unknown>,
    cause?: unknown,
  ) =>
    new ConnectorError({
      connector: opts.connector,
      action: opts.operation,
      record: req.record,
      code,
      message,
      retryable,
      details,
      cause,
    });

  return {
    async request(req) {
      const attempts = mayRepeat(req) ? maxAttempts : 1;
      let attempt = 0;
      for (;;) {
        attempt++;
        if (opts.signal?.aborted) throw fail(req, 'CONNECTOR_ABORTED', 'the call was cancelled', false);
        const headers = req.perAttempt ? { ...req.headers, ...(await req.perAttempt(attempt)) } : req.headers;
        let res: Response;
        const timeout = AbortSignal.timeout(req.timeoutMs ?? 30_000);
        const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
        try {
          res = await f(req.url, {
            method: req.method ?? 'GET',
            headers,
            body: req.body as RequestInit['body'],
            signal,
            redirect: 'manual',
          });
        } catch (err) {
          const timedOut = timeout.aborted;
          if (opts.signal?.aborted)
            throw fail(req, 'CONNECTOR_ABORTED', 'the call was cancelled', false, undefined, err);
          if (attempt < attempts) {
            await sleep(Math.min(cap, base * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2));
            continue;
          }
          throw fail(
            req,
            timedOut ? 'CONNECTOR_TIMEOUT' : 'CONNECTOR_UNREACHABLE',
            `${req.method ?? 'GET'} ${new URL(req.url).origin}${new URL(req.url).pathname} ${timedOut ? 'timed out' : `failed: ${(err as Error).message}`}`,
            true,
            undefined,
            err,
          );
        }
        const text = await res.text();
        if (RETRYABLE_STATUS.has(res.status) && !req.passStatuses?.includes(res.status) && attempt < attempts) {
          const ra = parseRetryAfter(res.headers.get('retry-after'));
          await sleep(Math.min(cap, ra ?? base * 2 ** (attempt - 1) * (0.5 + Math.random() / 2)));
          continue;
        }
        const response: HttpResponse = {
          status: res.status,
          headers: res.headers,
          text,
          json<T>(numbers: JsonNumbers = 'exact') {
            try {
              return parseExactJson<T>(text, numbers);
            } catch (err) {
              throw fail(
                req,
                'CONNECTOR_MALFORMED_RESPONSE',
                `expected JSON, got: ${text.slice(0, 120)}`,
                false,
                { status: res.status },
                err,
              );
            }
          },
        };
        if (res.status >= 400 && !req.passStatuses?.includes(res.status)) {
          const retryable = RETRYABLE_STATUS.has(res.status);
          const code =
            res.status === 401 || res.status === 403
              ? 'CONNECTOR_AUTH_FAILED'
              : res.status === 404
                ? 'CONNECTOR_NOT_FOUND'
                : retryable
                  ? 'CONNECTOR_UNAVAILABLE'
                  : 'CONNECTOR_REJECTED';
          throw fail(req, code, `HTTP ${res.status}: ${text.slice(0, 300)}`, retryable, {
            status: res.status,
            body: text.slice(0, 2000),
          });
        }
        return response;
      }
    },
  };
}
