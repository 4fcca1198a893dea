import { Type } from '@sinclair/typebox';
import { defineAction, type ConnectorContext } from '@ledgerflow/connector-sdk';
import { ConnectorError } from '@ledgerflow/flow-model';
import { StatementInputSchema, renderStatement } from '@ledgerflow/connector-pdf';
import { renderEmail, TemplateError } from './template-render.ts';
import { EmailConfig, EmailSecrets } from './smtp-transport.ts';
import { deliverOnce, EmailAddress } from './smtp-delivery.ts';

const DEFAULT_MAX_ATTACHMENTS = 10 * 1024 * 1024;

const SendInput = Type.Object({
  to: Type.Array(EmailAddress, { minItems: 1, maxItems: 50 }),
  cc: Type.Optional(Type.Array(EmailAddress, { maxItems: 50 })),
  bcc: Type.Optional(Type.Array(EmailAddress, { maxItems: 50 })),
  replyTo: Type.Optional(EmailAddress),
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
        statement: { title: 'Relevé de compte joint (PDF)' },
        attachments: { title: 'Pièces jointes' },
        data: { title: 'Données de la lettre' },
        tone: { title: 'Ton' },
        replyTo: { title: 'Répondre à' },
        bcc: { title: 'Copie cachée (Cci)' },
        cc: { title: 'Copie (Cc)' },
        to: { title: 'Destinataires' },
        template: { title: 'Modèle de lettre', description: 'Par ex. dunning-1-friendly, task-assigned' },
        language: { title: 'Langue', description: 'fr ou en ; toute autre valeur utilise en' },
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
        { source: ctx.templates },
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

    const sent = await deliverOnce(
      ctx,
      {
        to: input.to,
        cc: input.cc,
        bcc: input.bcc,
        replyTo: input.replyTo,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        headers: { 'X-Ledgerflow-Template': `${rendered.template}/${rendered.language}` },
        attachments,
        meta: { template: rendered.template, language: rendered.language },
      },
      record,
    );
    return {
      ...sent,
      subject: rendered.subject,
      template: rendered.template,
      language: rendered.language,
      languageFallback: rendered.languageFallback,
      attachments: attachments.map((a) => ({ filename: a.filename, size: a.content.length })),
    };
  },
});
