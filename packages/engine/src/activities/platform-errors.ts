import { ApplicationFailure } from '@temporalio/activity';

/** Socket-level failures: the other side is not there (yet), nothing was decided. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);
/** SQLSTATE: connection exceptions (08…), server shutting down or starting (57P01–57P03), too many connections. */
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_MESSAGES =
  /Connection terminated|Timeout acquiring a connection|connection is closed|Client has encountered a connection error|the database system is (starting up|shutting down)/i;

/** True when the error says our own infrastructure (Postgres, the network) is away, not that the work is wrong. */
export function isPlatformError(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const x = e as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
    if (typeof x.code === 'string' && (NETWORK_CODES.has(x.code) || PG_UNAVAILABLE.test(x.code))) return true;
    if (x.name === 'ConnectionException') return true;
    if (typeof x.message === 'string' && UNAVAILABLE_MESSAGES.test(x.message)) return true;
    e = x.cause;
  }
  return false;
}

export function platformFailure(err: unknown, doing: string): ApplicationFailure {
  const message = err instanceof Error ? err.message : String(err);
  return ApplicationFailure.create({
    message: `${doing}: ${message.split('\n')[0]}`,
    type: 'PLATFORM_UNAVAILABLE',
    nonRetryable: false,
    details: [{ cause: (err as { code?: unknown }).code ?? null }],
  });
}
