import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { StartupError } from './startup-error.ts';

/** Every environment variable the server processes read, checked once at boot. */
export const Env = Type.Object({
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  TEMPORAL_ADDRESS: Type.Optional(Type.String({ pattern: '^[^\\s:]+:\\d+$' })),
  TEMPORAL_NAMESPACE: Type.String({ default: 'default' }),
  TEMPORAL_TASK_QUEUE: Type.String({ default: 'ledgerflow' }),
  TEMPORAL_UI_URL: Type.Optional(Type.String()),
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3000 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  LEDGERFLOW_DATA_DIR: Type.Optional(Type.String()),
  /** base64 32-byte key(s) for secrets at rest: "keyId:base64[,keyId:base64]"; the first encrypts. */
  LEDGERFLOW_SECRET_KEYS: Type.Optional(Type.String()),
  LEDGERFLOW_SECRET_KEY_FILE: Type.Optional(Type.String()),
  SESSION_TTL_HOURS: Type.Number({ minimum: 0.1, default: 12 }),
  COOKIE_SECURE: Type.Boolean({ default: false }),
  SMTP_URL: Type.Optional(Type.String()),
  /**
   * Mail-in for file feeds: when set, the API listens for SMTP on this port (0 picks a free one) and takes the
   * messages sent to feed addresses (docs/jobs-credit-notes-excel.md). Unset: no receiver (the start command's local
   * sink plays it on the embedded default).
   */
  LEDGERFLOW_MAILIN_PORT: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
  /** Interface the mail-in receiver listens on (default: HOST). */
  LEDGERFLOW_MAILIN_HOST: Type.Optional(Type.String({ minLength: 1 })),
  /** Domain of the feeds' mail-in addresses `feed-<flow id>@<domain>`, the one your MX record points here. */
  LEDGERFLOW_MAILIN_DOMAIN: Type.String({
    pattern: '^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$',
    default: 'feeds.ledgerflow.local',
  }),
  /** Largest message the mail-in receiver accepts, in bytes (attachments travel base64: about 3/4 of it is file). */
  LEDGERFLOW_MAILIN_MAX_BYTES: Type.Integer({ minimum: 1024, default: 25 * 1024 * 1024 }),
  /**
   * Messages one client IP may send the mail-in receiver in a minute; beyond, 450 at RCPT (the sending server retries
   * later) and one refusal recorded on the feed. Mind a relay that forwards every feed's mail from one address.
   */
  LEDGERFLOW_MAILIN_RATE_LIMIT: Type.Integer({ minimum: 1, default: 60 }),
  /** PEM key and certificate files: when both are set the mail-in receiver offers STARTTLS. */
  LEDGERFLOW_MAILIN_TLS_KEY_FILE: Type.Optional(Type.String({ minLength: 1 })),
  LEDGERFLOW_MAILIN_TLS_CERT_FILE: Type.Optional(Type.String({ minLength: 1 })),
  /** Email connection (name) that delivers task notices; unset: notices stay in the outbox panel only. */
  NOTIFY_MAIL_CONNECTION: Type.Optional(Type.String({ minLength: 1 })),
  /** Delay before each retry of a task notice that failed, e.g. "1m,5m,15m,60m" (the default; the last repeats). */
  NOTICE_RETRY_BACKOFF: Type.Optional(Type.String({ pattern: '^\\d+(ms|s|m|h)(,\\d+(ms|s|m|h))*$' })),
  /** Attempts at a task notice before it shows as failed (with a Resend button). */
  NOTICE_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  /** Where users open the designer, for links in emails (default http://HOST:PORT). */
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  /** "force": password login works even when the SSO settings turn it off (break-glass, docs/admin/sso.md). */
  LEDGERFLOW_PASSWORD_LOGIN: Type.Optional(Type.Literal('force')),
  /** OpenID Connect provider used until an admin saves SSO settings in the designer. */
  LEDGERFLOW_SSO_ISSUER: Type.Optional(Type.String({ pattern: '^https?://' })),
  LEDGERFLOW_SSO_CLIENT_ID: Type.Optional(Type.String({ minLength: 1 })),
  LEDGERFLOW_SSO_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1 })),
});
export type Env = Static<typeof Env>;

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(Env.properties))
    if (source[key] !== undefined && source[key] !== '') picked[key] = source[key];
  const converted = Value.Convert(Env, Value.Default(Env, picked));
  const errors = [...Value.Errors(Env, converted)];
  if (errors.length) {
    const list = errors.map((e) => `${e.path.slice(1)} ${e.message}`).join('; ');
    throw new StartupError('environment', `invalid environment: ${list}`, 'correct or unset the named variables');
  }
  return converted as Env;
}
