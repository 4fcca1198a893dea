import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { Type, type Static } from '@sinclair/typebox';
import { ConnectorError } from '@ledgerflow/flow-model';

export const EmailConfig = Type.Object({
  host: Type.String({ minLength: 1, default: '127.0.0.1' }),
  port: Type.Integer({ minimum: 1, maximum: 65535, default: 2525 }),
  secure: Type.Boolean({
    default: false,
    description: 'TLS from the start (port 465); otherwise STARTTLS when offered',
  }),
  from: Type.String({ minLength: 3, description: 'Sender, e.g. "Credit team <ar@example.com>"' }),
  requireTLS: Type.Optional(Type.Boolean()),
  ignoreTLS: Type.Optional(Type.Boolean({ description: 'Never upgrade with STARTTLS (local sink only)' })),
  tlsRejectUnauthorized: Type.Optional(Type.Boolean({ default: true })),
  maxAttachmentBytes: Type.Optional(
    Type.Integer({ minimum: 1, description: 'Total attachment size limit; default 10 MB' }),
  ),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 100, default: 20_000 })),
});
export const EmailSecrets = Type.Object({
  user: Type.Optional(Type.String()),
  password: Type.Optional(Type.String()),
});
export type EmailConfig = Static<typeof EmailConfig>;
export type EmailSecrets = Static<typeof EmailSecrets>;

export function createTransport(config: EmailConfig, secrets: EmailSecrets) {
  const timeout = config.timeoutMs ?? 20_000;
  return nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTLS,
    ignoreTLS: config.ignoreTLS,
    auth: secrets.user ? { user: secrets.user, pass: secrets.password ?? '' } : undefined,
    tls: { rejectUnauthorized: config.tlsRejectUnauthorized ?? true },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
}

/** Same key, same Message-ID: a resend after a crash carries the id of the first attempt. */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'ledgerflow.local';
  return `<lf-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@${domain}>`;
}

/** The connection never reached an SMTP server: nothing can have been delivered. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EDNS']);
const SETUP_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);

/**
 * True only when the server definitely did not take the message: it answered with a refusal (any 4xx/5xx
 * reply, to the envelope or to the message itself), or it was never reached. A connection lost or timed
 * out mid-session may come after the server accepted the data: that is uncertain, never "failed".
 */
export function definitelyNotDelivered(err: unknown): boolean {
  const e = err as {
    code?: string;
    originalCode?: string;
    responseCode?: number;
    timeoutType?: string;
    command?: string;
  };
  if (typeof e.responseCode === 'number' && e.responseCode >= 400) return true;
  if (NEVER_CONNECTED.has(e.code ?? '') || NEVER_CONNECTED.has(e.originalCode ?? '')) return true;
  if (e.code === 'EAUTH' || e.code === 'EENVELOPE' || e.code === 'ETLS') return true;
  return e.timeoutType !== undefined && SETUP_TIMEOUTS.has(e.timeoutType);
}

const NETWORK = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SMTP failures: bad credentials and 5xx replies are permanent (retrying cannot help and may
 * lock the account); network trouble and 4xx replies are temporary.
 */
export function smtpError(err: unknown, action: string, record: string | undefined): ConnectorError {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string; errno?: string };
  const rc = e.responseCode;
  let code = 'CONNECTOR_REJECTED';
  let retryable = false;
  if (e.code === 'EAUTH' && rc !== 454) code = 'CONNECTOR_AUTH_FAILED';
  else if (NETWORK.has(e.code ?? '') || NETWORK.has(e.errno ?? '')) {
    code = e.code === 'ETIMEDOUT' ? 'CONNECTOR_TIMEOUT' : 'CONNECTOR_UNREACHABLE';
    retryable = true;
  } else if (rc !== undefined && rc >= 400 && rc < 500) {
    code = 'CONNECTOR_UNAVAILABLE';
    retryable = true;
  } else if (e.code === 'ETLS') code = 'CONNECTOR_TLS_FAILED';
  return new ConnectorError({
    connector: 'email',
    action,
    record,
    code,
    message: `SMTP ${e.code ?? 'error'}${rc ? ` ${rc}` : ''}: ${(e.response ?? e.message ?? String(err)).slice(0, 300)}`,
    retryable,
    status: code === 'CONNECTOR_AUTH_FAILED' ? 401 : 502,
    details: { smtpCode: e.code, responseCode: rc },
    cause: err,
  });
}
