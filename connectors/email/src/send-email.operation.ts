import { Type } from '@sinclair/typebox';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { defineAction, type ConnectorContext } from '@ledgerflow/connector-sdk';
import { ConnectorError } from '@ledgerflow/flow-model';
import { StatementInputSchema, renderStatement } from '@ledgerflow/connector-pdf';
import { renderEmail, TemplateError } from './template-render.ts';
import {
  createTransport,
  definitelyNotDelivered,
  EmailConfig,
  EmailSecrets,
  messageIdFor,
  smtpError,
} from './smtp-transport.ts';

const Email = Type.String({ pattern: '^[^\\s@<>,;]+@[^\\s@<>,;]+$' });
const DEFAULT_MAX_ATTACHMENTS = 10 * 1024 * 1024;

const SendInput = Type.Object({
  to: Type.Array(Email, { minItems: 1, maxItems: 50 }),
  cc: Type.Optional(Type.Array(Email, { maxItems: 50 })),
  bcc: Type.Optional(Type.Array(Email, { maxItems: 50 })),
  replyTo: Type.Optional(Email),
  template: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'e.g. dunning-1-friendly, task-assigned' }),
  language: Type.String({ default: 'en', description: 'fr or en; others fall back to en' }),
  tone: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' })),
  data: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
  attachments: Type.Optional(
    Type.Array(
      Type.Object({
        filename: Type.String({ minLength: 1 }),
        contentType: Type.String({ default: 'application/octet-stream' }),
        base64: Type.String(),
      }),
      { maxItems: 20 },
    ),
  ),
  statement: Type.Optional(StatementInputSchema),
});

export const SendEmailOutput = Type.Object({
  status: Type.Union([Type.Literal('sent'), Type.Literal('alreadySent')]),
  messageId: Type.String(),
  providerId: Type.Optional(Type.String()),
  accepted: Type.Array(Type.String()),
  rejected: Type.Array(Type.String()),
  subject: Type.String(),
  template: Type.String(),
  language: Type.String(),
  languageFallback: Type.Boolean(),
  attachments: Type.Array(Type.Object({ filename: Type.String(), size: Type.Integer() })),
  deliveryUncertain: Type.Optional(
    Type.Boolean({
      description: 'An earlier attempt may have delivered this message already: it was resent with the same Message-ID',
    }),
  ),
});

function fail(ctx: ConnectorContext, code: string, message: string, record?: string, cause?: unknown): ConnectorError {
  return new ConnectorError({
    connector: 'email',
    action: ctx.operation,
    record,
    code,
    message,
    retryable: false,
    status: 400,
    cause,
  });
}

/** Attachment names end up in MIME headers: no paths, no line breaks. */
const cleanFilename = (s: string) =>
  s
    .replace(/[\r\n\0]/g, '')
    .replace(/^.*[\\/]/, '')
    .slice(0, 200) || 'attachment';

export const sendEmailAction = defineAction<
  typeof SendInput,
  typeof SendEmailOutput,
  typeof EmailConfig,
  typeof EmailSecrets
>({
  title: 'Send an email from a template',
  description:
    'Renders a fr/en template (dunning levels, task notices), attaches files or a generated statement PDF and sends it once per idempotency key.',
  translations: {
    fr: {
      title: 'Envoyer un e-mail à partir d’un modèle',
      description:
        'Met en forme un modèle fr/en (niveaux de relance, notifications de tâches), joint des fichiers ou un relevé de compte PDF généré, et l’envoie une seule fois par clé d’idempotence.',
      fields: {
        template: { description: 'Par ex. dunning-1-friendly, task-assigned' },
        language: { description: 'fr ou en ; toute autre valeur utilise en' },
      },
    },
  },
  input: SendInput,
  output: SendEmailOutput,
  async run(ctx, input) {
    const record = input.to.join(', ');
    let rendered;
    try {
      rendered = await renderEmail(
        { template: input.template, language: input.language, tone: input.tone },
        input.data,
      );
    } catch (err) {
      if (err instanceof TemplateError) throw fail(ctx, err.code, err.message, input.template, err);
      throw err;
    }
    const attachments = (input.attachments ?? []).map((a) => ({
      filename: cleanFilename(a.filename),
      contentType: a.contentType,
      content: Buffer.from(a.base64, 'base64'),
    }));
    if (input.statement) {
      const { bytes, model } = await renderStatement(input.statement, ctx.now());
      attachments.push({
        filename: `statement-${input.statement.customer.number.replace(/[^\w.-]+/g, '_')}-${model.statementDate}.pdf`,
        contentType: 'application/pdf',
        content: Buffer.from(bytes),
      });
    }
    const limit = ctx.connection.config.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENTS;
    let total = 0;
    for (const a of attachments) {
      total += a.content.length;
      if (total > limit)
        throw fail(
          ctx,
          'EMAIL_ATTACHMENT_TOO_LARGE',
          `attachment '${a.filename}' brings the total to ${total} bytes, over the ${limit}-byte limit`,
          a.filename,
        );
    }

    const messageId = messageIdFor(ctx.idempotencyKey, ctx.connection.config.from);
    const base = {
      messageId,
      subject: rendered.subject,
      template: rendered.template,
      language: rendered.language,
      languageFallback: rendered.languageFallback,
      attachments: attachments.map((a) => ({ filename: a.filename, size: a.content.length })),
    };
    const existing = await ctx.outbox.reserve(ctx.idempotencyKey, {
      channel: 'email',
      to: input.to,
      subject: rendered.subject,
      meta: { messageId, template: rendered.template, language: rendered.language },
    });
    if (existing?.status === 'sent') {
      ctx.logger.info({ key: ctx.idempotencyKey, messageId }, 'email already sent for this key: not sending again');
      return {
        ...base,
        status: 'alreadySent' as const,
        providerId: existing.providerId,
        accepted: existing.to,
        rejected: [],
      };
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
        to: input.to,
        cc: input.cc,
        bcc: input.bcc,
        replyTo: input.replyTo,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId,
        headers: {
          'X-Ledgerflow-Idempotency-Key': ctx.idempotencyKey,
          'X-Ledgerflow-Template': `${rendered.template}/${rendered.language}`,
        },
        attachments,
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
      ...base,
      status: 'sent' as const,
      providerId,
      accepted: str(info.accepted),
      rejected: str(info.rejected),
      ...(uncertain ? { deliveryUncertain: true } : {}),
    };
  },
});

const RECORD_RETRY_MAX_MS = 5 * 60_000;

async function untilRecorded(ctx: ConnectorContext, write: () => Promise<void>): Promise<void> {
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
