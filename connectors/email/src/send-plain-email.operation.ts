import { Type } from '@sinclair/typebox';
import { defineAction } from '@ledgerflow/connector-sdk';
import { deliverOnce, EmailAddress } from './smtp-delivery.ts';
import type { EmailConfig, EmailSecrets } from './smtp-transport.ts';

const SendPlainInput = Type.Object({
  to: Type.Array(EmailAddress, { minItems: 1, maxItems: 50 }),
  cc: Type.Optional(Type.Array(EmailAddress, { maxItems: 50 })),
  subject: Type.String({ minLength: 1, maxLength: 500 }),
  body: Type.String({ minLength: 1, maxLength: 100_000, description: 'Plain text; {{ }} takes run variables' }),
});

const SendPlainOutput = Type.Object({
  status: Type.Union([Type.Literal('sent'), Type.Literal('alreadySent')]),
  messageId: Type.String(),
  providerId: Type.Optional(Type.String()),
  accepted: Type.Array(Type.String()),
  rejected: Type.Array(Type.String()),
  subject: Type.String(),
  deliveryUncertain: Type.Optional(Type.Boolean()),
});

/**
 * For people who need no letter template: subject and body typed in the node (their `{{ }}` already filled in by
 * the engine from the run's variables), sent as plain text once per idempotency key like a letter.
 */
export const sendPlainEmailAction = defineAction<
  typeof SendPlainInput,
  typeof SendPlainOutput,
  typeof EmailConfig,
  typeof EmailSecrets
>({
  title: 'Send email',
  description: 'Sends a plain-text email whose subject and body are typed in the node, once per idempotency key.',
  translations: {
    fr: {
      title: 'Envoyer un e-mail',
      description:
        'Envoie un e-mail en texte simple dont l’objet et le corps sont saisis dans le nœud, une seule fois par clé d’idempotence.',
      fields: {
        to: { title: 'À' },
        cc: { title: 'Cc' },
        subject: { title: 'Objet' },
        body: { title: 'Message', description: 'Texte simple ; {{ }} reprend les variables du dossier' },
      },
    },
  },
  input: SendPlainInput,
  output: SendPlainOutput,
  async run(ctx, input) {
    // Header injection: a subject is one line whatever the run's data put in it.
    const subject = input.subject.replace(/[\r\n]+/g, ' ').trim();
    const sent = await deliverOnce(
      ctx,
      { to: input.to, cc: input.cc, subject, text: input.body, meta: { plain: true } },
      input.to.join(', '),
    );
    return { ...sent, subject };
  },
});
