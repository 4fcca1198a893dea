import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type Mail from 'nodemailer/lib/mailer';
import type { ConnectorContext } from '@ledgerflow/connector-sdk';
import {
  createTransport,
  definitelyNotDelivered,
  messageIdFor,
  smtpError,
  type EmailConfig,
  type EmailSecrets,
} from './smtp-transport.ts';
import { Type, type Static } from '@sinclair/typebox';

/** One address, no display name: nothing that could smuggle a second recipient or a header. */
export const EmailAddress = Type.String({ pattern: '^[^\\s@<>,;]+@[^\\s@<>,;]+$' });

export type EmailContext = ConnectorContext<Static<typeof EmailConfig>, Static<typeof EmailSecrets>>;

export interface OutgoingMail {
  to: string[];
  cc?: string[];
  bcc?: string[];
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  attachments?: Mail.Attachment[];
  /** Kept with the outbox entry (template and language of a letter). */
  meta?: Record<string, unknown>;
}

export interface Delivery {
  status: 'sent' | 'alreadySent';
  messageId: string;
  providerId?: string;
  accepted: string[];
  rejected: string[];
  deliveryUncertain?: boolean;
}

/**
 * Sends once per idempotency key: reserved in the outbox before SMTP, marked sent after the server's 250. The
 * Message-ID is derived from the key, so a resend after a worker died mid-send is recognisable as the same message.
 */
export async function deliverOnce(ctx: EmailContext, mail: OutgoingMail, record: string): Promise<Delivery> {
  const messageId = messageIdFor(ctx.idempotencyKey, ctx.connection.config.from);
  const existing = await ctx.outbox.reserve(ctx.idempotencyKey, {
    channel: 'email',
    to: mail.to,
    subject: mail.subject,
    meta: { messageId, ...mail.meta },
  });
  if (existing?.status === 'sent') {
    ctx.logger.info({ key: ctx.idempotencyKey, messageId }, 'email already sent for this key: not sending again');
    return { status: 'alreadySent', messageId, providerId: existing.providerId, accepted: existing.to, rejected: [] };
  }
  // Not sent and not definitely refused: an earlier attempt may have reached the server before its worker
  // died. Resending under the same Message-ID keeps a duplicate recognisable; the run says so.
  const uncertain = existing !== null && existing.status !== 'failed';
  if (uncertain)
    ctx.logger.warn(
      { key: ctx.idempotencyKey, messageId },
      'outbox entry left by an earlier attempt that may have been delivered: resending with the same Message-ID',
    );
  else if (existing?.status === 'failed') await ctx.outbox.markSending(ctx.idempotencyKey);

  const transport = createTransport(ctx.connection.config, ctx.connection.secrets);
  const onAbort = () => transport.close();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  let info: SMTPTransport.SentMessageInfo;
  try {
    info = await transport.sendMail({
      from: ctx.connection.config.from,
      to: mail.to,
      cc: mail.cc,
      bcc: mail.bcc,
      replyTo: mail.replyTo,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html === undefined ? {} : { html: mail.html }),
      messageId,
      headers: { 'X-Ledgerflow-Idempotency-Key': ctx.idempotencyKey, ...mail.headers },
      attachments: mail.attachments ?? [],
    });
  } catch (err) {
    const e = smtpError(err, ctx.operation, record);
    // Failed only when the server surely did not take it, and no earlier attempt may have delivered it.
    const mark =
      !uncertain && definitelyNotDelivered(err)
        ? ctx.outbox.markFailed(ctx.idempotencyKey, e.message)
        : ctx.outbox.markUncertain(ctx.idempotencyKey, e.message);
    // If even that cannot be written, the entry stays 'sending': the next attempt treats it as uncertain.
    await mark.catch((markErr: unknown) =>
      ctx.logger.warn({ key: ctx.idempotencyKey, err: markErr }, 'outbox entry not updated after a failed send'),
    );
    throw e;
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    transport.close();
  }
  // Outside the SMTP try: the message WAS accepted. Recording it is retried while the activity lives
  // (our database may be away for a while); only if that never works does the entry stay 'sending',
  // and the retry resends under the same Message-ID, flagged uncertain.
  const providerId = String(info.response ?? info.messageId);
  await untilRecorded(ctx, () => ctx.outbox.markSent(ctx.idempotencyKey, providerId));
  const str = (xs: unknown[]) => xs.map((x) => (typeof x === 'string' ? x : (x as { address: string }).address));
  return {
    status: 'sent',
    messageId,
    providerId,
    accepted: str(info.accepted),
    rejected: str(info.rejected),
    ...(uncertain ? { deliveryUncertain: true } : {}),
  };
}

const RECORD_RETRY_MAX_MS = 5 * 60_000;

async function untilRecorded(ctx: EmailContext, write: () => Promise<void>): Promise<void> {
  const giveUpAt = Date.now() + RECORD_RETRY_MAX_MS;
  for (let delay = 250; ; delay = Math.min(delay * 2, 2_000)) {
    try {
      return await write();
    } catch (err) {
      if (ctx.signal.aborted || Date.now() + delay > giveUpAt) throw err;
      ctx.logger.warn({ key: ctx.idempotencyKey, err }, 'message accepted but not yet recorded as sent: retrying');
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
